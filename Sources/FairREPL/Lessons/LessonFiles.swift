import Foundation

/// The lessons of a folder: the files named `NN-slug.md` (a digit first), in name order, which
/// is the order they run in (`fair lessons`, `fair book`).
public enum LessonFiles {
    /// The lesson file names in `directory`, sorted; nil when the folder cannot be read.
    public static func names(in directory: String) -> [String]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        return names.filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted()
    }

    /// The file name in `names` that `reference` means: a lesson number (`3` or `03` for
    /// `03-….md`), or the start of a name or of its slug (`risk` for `03-risk-identity.md`);
    /// nil when none or several match.
    public static func name(matching reference: String, among names: [String]) -> String? {
        if let number = Int(reference) {
            let matches = names.filter { Int($0.prefix { $0.isNumber }) == number }
            return matches.count == 1 ? matches[0] : nil
        }
        let wanted = reference.hasSuffix(".md") ? String(reference.dropLast(3)) : reference
        let matches = names.filter { name in
            let stem = String(name.dropLast(3))
            let slug = stem.drop { $0.isNumber }.drop { $0 == "-" }
            return stem.hasPrefix(wanted) || slug.hasPrefix(wanted)
        }
        return matches.count == 1 ? matches[0] : nil
    }
}
