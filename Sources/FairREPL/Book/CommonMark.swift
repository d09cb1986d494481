import CCmarkGFM
import Foundation

/// Markdown to HTML with cmark-gfm, GitHub's reference CommonMark implementation, and the GFM
/// extensions the lessons use: tables, strikethrough and autolinks. Raw HTML is kept, since
/// lessons wrap exercise solutions in `<details>`.
///
/// The first Book used Ink 0.6.0, which is not CommonMark-conformant (a source line starting with
/// an inline code span began a new paragraph, splitting sentences); cmark-gfm is what GitHub
/// renders the lessons with, so the Book and GitHub agree.
public enum CommonMark {
    /// cmark-gfm's extension registration is not thread-safe: a lazily initialised static runs
    /// it exactly once, whichever thread renders first.
    private static let registered: Bool = {
        fair_cmark_gfm_register()
        return true
    }()

    /// The HTML of `markdown` (a fragment: no `<html>` or `<body>`).
    public static func html(_ markdown: String) -> String {
        _ = registered
        var text = markdown
        return text.withUTF8 { buffer in
            guard let base = buffer.baseAddress,
                let rendered = base.withMemoryRebound(to: CChar.self, capacity: buffer.count, { fair_cmark_gfm_to_html($0, buffer.count) })
            else {
                // Only when out of memory; an empty buffer has no base address and renders as nothing.
                return ""
            }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }
}
