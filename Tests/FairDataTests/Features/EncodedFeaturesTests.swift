import Testing
@testable import FairData

@Suite("EncodedFeatures")
struct EncodedFeaturesTests {
    @Test("a feature matrix checks its shape")
    func matrixShape() {
        #expect(fairDataError { _ = try EncodedFeatures(values: [1, 2, 3], rows: 2, columns: 2, names: ["a", "b"]) } != nil)
        #expect(fairDataError { _ = try EncodedFeatures(values: [1, 2], rows: 1, columns: 2, names: ["a"]) } != nil)
        #expect((try? EncodedFeatures(values: [1, 2], rows: 1, columns: 2, names: ["a", "b"]))?.row(0) == [1, 2])
    }
}
