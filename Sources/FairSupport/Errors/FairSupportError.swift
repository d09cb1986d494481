/// Every error FairSupport throws: a file that cannot be read or written, and group codes that
/// do not index their names. Each message names the path or the row and says what to do.
/// The libraries above (FairCore, FairNet, FairData) report these under their own error types
/// with the same words; FairSupport never prints and never exits.
public enum FairSupportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file that cannot be read or written.
    case fileAccess(path: String, reason: String)
    /// A group code outside `0..<groupCount`.
    case invalidGroupCode(row: Int, code: Int, groupCount: Int)
    /// A group name given twice.
    case duplicateGroupName(String)

    public var description: String {
        switch self {
        case let .fileAccess(path, reason):
            return "cannot access \(path): \(reason)."
        case let .invalidGroupCode(row, code, groupCount):
            return "group code \(code) at row \(row) is outside 0..<\(groupCount). "
                + "Each code must index the list of group names."
        case let .duplicateGroupName(name):
            return "group name \"\(name)\" is given twice. Group names must be distinct."
        }
    }
}
