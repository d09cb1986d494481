/// Hu, Ratz & Charpentier (2023), Table 1 (folktables, ACS 2018 California: ln income regression
/// and mobility classification, sex), as quoted in EXPERIMENTS.md §3.5. Shown beside our numbers
/// for orientation only: it is a different dataset.
public enum ScarcityPaperTable {
    /// Columns: MTL Perf., MTL Unf., MTL post-proc. Perf., MTL post-proc. Unf., STL Perf., STL Unf.
    public static let columns = ["MTL Perf.", "MTL Unf.", "MTL pp Perf.", "MTL pp Unf.", "STL Perf.", "STL Unf."]

    /// Regression rows by missing share (MSE of ln income).
    public static let regression: [Double: [String]] = [
        0: ["0.548 ± 0.02", "0.109 ± 0.01", "0.558 ± 0.02", "0.018 ± 0.00", "0.559 ± 0.02", "0.107 ± 0.01"],
        0.25: ["0.558 ± 0.02", "0.109 ± 0.02", "0.572 ± 0.02", "0.018 ± 0.00", "0.570 ± 0.02", "0.105 ± 0.02"],
        0.5: ["0.577 ± 0.02", "0.109 ± 0.02", "0.593 ± 0.03", "0.018 ± 0.01", "0.587 ± 0.02", "0.099 ± 0.01"],
        0.75: ["0.612 ± 0.05", "0.101 ± 0.02", "0.627 ± 0.06", "0.019 ± 0.01", "0.632 ± 0.04", "0.098 ± 0.01"],
        0.95: ["0.678 ± 0.05", "0.105 ± 0.02", "0.687 ± 0.05", "0.018 ± 0.01", "0.738 ± 0.06", "0.108 ± 0.03"],
    ]

    /// The classification row (all data; AUC).
    public static let classification = ["0.576 ± 0.01", "0.080 ± 0.03", "0.577 ± 0.01", "0.018 ± 0.01", "0.640 ± 0.03", "0.042 ± 0.02"]
}
