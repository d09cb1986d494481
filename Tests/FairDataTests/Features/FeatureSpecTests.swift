import Testing
@testable import FairData

@Suite("FeatureSpec")
struct FeatureSpecTests {
    @Test("default specs: categorical one-hot, numeric standardised, labels excluded")
    func defaults() throws {
        let table = try FeatureEncoderTests.table()
        #expect(try FeatureSpec.defaults(for: table, excluding: ["flag"]) == [
            .standardized("age"), .oneHot("color"), .standardized("code"), .standardized("const"),
        ])
        #expect(fairDataError { _ = try FeatureSpec.defaults(for: table, excluding: ["nope"]) } != nil)
    }

    @Test("a label column is binary when its values are 0/1")
    func taskKind() {
        #expect(LabelKind.inferred(from: [0, 1, .nan, 1]) == .binary)
        #expect(LabelKind.inferred(from: [0, 1, 2]) == .regression)
        #expect(LabelKind.inferred(from: [0.5]) == .regression)
        #expect(LabelKind.inferred(from: [.nan]) == .regression)
    }
}
