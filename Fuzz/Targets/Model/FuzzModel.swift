import FairNet

/// The model-file reader on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = try? MultiTaskNetwork(fileBytes: Array(UnsafeBufferPointer(start: data, count: size)), source: "fuzz.fairnet")
    return 0
}
