import FairREPL

/// The lesson parser (front matter, prose, fenced blocks, expected outputs) on arbitrary text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLesson(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? LessonParser.parse(text, path: "fuzz.md")
    return 0
}
