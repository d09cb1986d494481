import FairREPL
import Foundation

/// The workspace reader (`open`) on arbitrary bytes: a workspace or a clear error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkspace(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = try? WorkspaceFile.decode(Data(bytes: data, count: size), path: "fuzz.fairws", registry: registry)
    return 0
}

private let registry = CommandRegistry.standard()
