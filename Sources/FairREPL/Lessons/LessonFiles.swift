import Foundation

/// The lessons of a folder: the files named `NN-slug.md` (a digit first), in name order, which
/// is the order they run in (`fair lessons`, `fair book`).
public enum LessonFiles {
    /// The lesson file names in `directory`, sorted; nil when the folder cannot be read.
    public static func names(in directory: String) -> [String]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        return names.filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted()
    }
}
