import FairCore

/// The readers of single-task and multi-task repair files on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRepair(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? BarycenterRepair(fileBytes: bytes, source: "fuzz.json")
    _ = try? MultiTaskRepair(fileBytes: bytes, source: "fuzz.json")
    return 0
}
