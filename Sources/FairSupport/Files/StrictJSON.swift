/// A strict reading of a JSON document, done before the project's own files (workspaces,
/// repairs, models) are decoded with Foundation's `JSONDecoder`.
///
/// Why a pass of its own: `JSONDecoder` accepts an object that names a key twice and silently
/// keeps one of the two values (a workspace with a duplicated entry was merged without a word),
/// and it reports a file cut short as a generic syntax error ("not a FairMTL workspace"). This
/// pass reads the bytes once and refuses, naming the place inside the file:
/// - a key given twice in one object (keys are compared after their escapes are decoded, as the
///   decoder compares them);
/// - a file that ends inside a value ("it is truncated");
/// - anything that is not JSON (RFC 8259), with its line and column;
/// - nesting deeper than `maximumDepth` (the decoder recurses once per level).
/// It keeps no values and does not recurse, so any input costs one linear scan and bounded stack.
public enum StrictJSON {
    /// Deepest nesting of arrays and objects accepted; the project's files use fewer than 10 levels.
    public static let maximumDepth = 64

    /// Why a document was refused; `description` is a sentence fragment naming where.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// The bytes end inside a value (after `location`, the path of the innermost open value).
        case truncated(location: String, byteCount: Int)
        /// A key appears twice in the object at `location`.
        case duplicateKey(key: String, location: String)
        /// Not JSON at a line and column (1-based).
        case syntax(message: String, location: String, line: Int, column: Int)
        /// More than `maximumDepth` nested arrays and objects.
        case tooDeep(location: String, limit: Int)

        public var description: String {
            switch self {
            case let .truncated(location, byteCount):
                return "it is truncated: its \(byteCount) bytes end inside \(location)"
            case let .duplicateKey(key, location):
                return "the key \"\(key)\" appears twice in \(location)"
            case let .syntax(message, location, line, column):
                return "it is not valid JSON at line \(line), column \(column) (in \(location)): \(message)"
            case let .tooDeep(location, limit):
                return "it nests more than \(limit) levels deep (at \(location))"
            }
        }
    }

    /// Whether the first byte after JSON whitespace is `{`: the cheap test, before `validate`,
    /// that tells a file of another kind (a CSV, a binary) from a damaged JSON document.
    public static func opensObject(_ bytes: [UInt8]) -> Bool {
        bytes.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) == UInt8(ascii: "{")
    }

    /// Checks `bytes`; returns when they are one strict JSON document.
    public static func validate(_ bytes: [UInt8]) throws(Problem) {
        var failure: Problem?
        bytes.withUnsafeBufferPointer { buffer in
            do throws(Problem) {
                var reader = Reader(bytes: buffer)
                try reader.document()
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    private struct Reader {
        enum Frame {
            case object(keys: Set<String>, key: String?)
            case array(index: Int)
        }

        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0
        var stack: [Frame] = []

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        /// The JSON path of the innermost value being read: `values[3].value`, or "the top level".
        var location: String {
            var path = ""
            for frame in stack {
                switch frame {
                case let .object(_, key): if let key { path += path.isEmpty ? key : "." + key }
                case let .array(index): path += "[\(index)]"
                }
            }
            return path.isEmpty ? "the top level" : path
        }

        func syntax(_ message: String) -> Problem {
            var line = 1, column = 1
            for byte in bytes[0..<min(at, bytes.count)] {
                if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            }
            return .syntax(message: message, location: location, line: line, column: column)
        }

        func truncated() -> Problem { .truncated(location: location, byteCount: bytes.count) }

        mutating func skipBlanks() {
            while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
        }

        /// Next non-blank byte, or a truncation error.
        mutating func peek() throws(Problem) -> UInt8 {
            skipBlanks()
            guard at < bytes.count else { throw truncated() }
            return bytes[at]
        }

        mutating func document() throws(Problem) {
            skipBlanks()
            if at == bytes.count { throw .truncated(location: "the top level", byteCount: bytes.count) }
            try value()
            while !stack.isEmpty {
                let byte = try peek()
                switch stack[stack.count - 1] {
                case .object:
                    if byte == UInt8(ascii: "}") { at += 1; stack.removeLast(); continue }
                    guard byte == UInt8(ascii: ",") else { throw syntax("expected ',' or '}' after a value in an object") }
                    at += 1
                    // Taken off the stack, so that the set is not copied to be changed.
                    guard case .object(var keys, _) = stack.removeLast() else { continue }
                    stack.append(.object(keys: [], key: nil))  // messages about the key name the object
                    let key = try objectKey()
                    stack.removeLast()
                    let isNew = keys.insert(key).inserted
                    stack.append(.object(keys: keys, key: isNew ? key : nil))
                    if !isNew { throw .duplicateKey(key: key, location: location) }
                    try value()
                case let .array(index):
                    if byte == UInt8(ascii: "]") { at += 1; stack.removeLast(); continue }
                    guard byte == UInt8(ascii: ",") else { throw syntax("expected ',' or ']' after a value in an array") }
                    at += 1
                    stack[stack.count - 1] = .array(index: index + 1)
                    try value()
                }
            }
            skipBlanks()
            if at != bytes.count { throw syntax("unexpected text after the end of the document") }
        }

        /// Reads `"key"` and the `:` after it.
        mutating func objectKey() throws(Problem) -> String {
            guard try peek() == UInt8(ascii: "\"") else { throw syntax("expected a key in double quotes") }
            let key = try string(keeping: true)
            guard try peek() == UInt8(ascii: ":") else { throw syntax("expected ':' after the key \"\(key)\"") }
            at += 1
            return key
        }

        /// Reads one value; an array or object is opened (pushed) with its first member read
        /// too, and closed by `document()`'s loop.
        mutating func value() throws(Problem) {
            let byte = try peek()
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if stack.count >= StrictJSON.maximumDepth { throw .tooDeep(location: location, limit: StrictJSON.maximumDepth) }
                at += 1
                let isObject = byte == UInt8(ascii: "{")
                let next = try peek()
                if next == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    at += 1
                    return
                }
                if isObject {
                    stack.append(.object(keys: [], key: nil))
                    let key = try objectKey()
                    stack[stack.count - 1] = .object(keys: [key], key: key)
                } else {
                    stack.append(.array(index: 0))
                }
                try value()
            case UInt8(ascii: "\""):
                _ = try string(keeping: false)
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw syntax("expected a value (an object, array, string, number, true, false or null)")
            }
        }

        mutating func literal(_ word: StaticString) throws(Problem) {
            let count = word.utf8CodeUnitCount
            for i in 0..<count {
                guard at + i < bytes.count else { throw truncated() }
                guard bytes[at + i] == word.utf8Start[i] else { throw syntax("expected '\(word)'") }
            }
            at += count
        }

        mutating func number() throws(Problem) {
            func digits() -> Int {
                let start = at
                while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") { at += 1 }
                return at - start
            }
            if bytes[at] == UInt8(ascii: "-") { at += 1 }
            guard at < bytes.count else { throw truncated() }
            if bytes[at] == UInt8(ascii: "0") {
                at += 1
            } else if digits() == 0 {
                throw syntax("expected a digit")
            }
            if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
                at += 1
                guard at < bytes.count else { throw truncated() }
                if digits() == 0 { throw syntax("expected a digit after the decimal point") }
            }
            if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
                at += 1
                if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
                guard at < bytes.count else { throw truncated() }
                if digits() == 0 { throw syntax("expected a digit in the exponent") }
            }
        }

        /// Reads a string starting at its opening quote; returns its decoded text when `keeping`.
        mutating func string(keeping: Bool) throws(Problem) -> String {
            at += 1
            var decoded: [UInt8] = []
            var start = at
            while true {
                guard at < bytes.count else { throw truncated() }
                let byte = bytes[at]
                if byte == UInt8(ascii: "\"") {
                    if keeping { decoded.append(contentsOf: bytes[start..<at]) }
                    at += 1
                    break
                }
                if byte < 0x20 { throw syntax("a control character inside a string (write it as an escape such as \\n)") }
                if byte != UInt8(ascii: "\\") {
                    at += 1
                    continue
                }
                if keeping { decoded.append(contentsOf: bytes[start..<at]) }
                at += 1
                guard at < bytes.count else { throw truncated() }
                let escape = bytes[at]
                at += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"):
                    var unit = try hexUnit()
                    if (0xD800..<0xDC00).contains(unit), at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") {
                        at += 2
                        let low = try hexUnit()
                        if (0xDC00..<0xE000).contains(low) {
                            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            decoded.append(contentsOf: String(Unicode.Scalar(0xFFFD)!).utf8)
                            unit = low
                        }
                    }
                    decoded.append(contentsOf: String(Unicode.Scalar(unit) ?? Unicode.Scalar(0xFFFD)!).utf8)
                default:
                    at -= 2  // point at the backslash
                    throw syntax("'\\\(Character(Unicode.Scalar(escape)))' is not a JSON escape")
                }
                start = at
            }
            return keeping ? String(decoding: decoded, as: UTF8.self) : ""
        }

        mutating func hexUnit() throws(Problem) -> UInt32 {
            var unit: UInt32 = 0
            for _ in 0..<4 {
                guard at < bytes.count else { throw truncated() }
                let byte = bytes[at]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw syntax("expected four hexadecimal digits after \\u")
                }
                unit = unit << 4 | UInt32(digit)
                at += 1
            }
            return unit
        }
    }
}
