/// Which part of a split a row of predictions belongs to; rows imported without a split are
/// `unassigned`, and only `all` selects them.
public enum PredictionPart: String, Sendable, Codable, CaseIterable {
    case train, pool, test, unassigned

    /// What a command's `--on`/`--to` option can name: a part, or `all` rows.
    static let choices = ["pool", "test", "train", "all"]

    var code: UInt8 {
        switch self {
        case .train: return 0
        case .pool: return 1
        case .test: return 2
        case .unassigned: return 3
        }
    }

    init(code: UInt8) {
        switch code {
        case 0: self = .train
        case 1: self = .pool
        case 2: self = .test
        default: self = .unassigned
        }
    }
}
