import FairData

/// The CSV reader on arbitrary bytes: it returns a table or throws, never crashes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? CSVReader.read(bytes: bytes, source: "fuzz.csv")
    return 0
}
