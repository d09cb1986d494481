enum AdultLoadBenchmark: BenchmarkWorkload {
    static let name = "adult"
    static let summary = "placeholder"
    static func run(arguments: BenchmarkArguments) throws {}
}
