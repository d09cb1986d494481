import COpenBLAS
import Foundation

/// The number of threads OpenBLAS uses inside one matrix product (a process-wide setting).
///
/// FairNet's products are small (mini-batches of ~128 rows during training, row chunks during
/// prediction), where splitting one product between threads costs more in synchronisation than it
/// saves and idle OpenBLAS threads spin on the cores. So before its first product FairNet pins
/// OpenBLAS to **1 thread** (or to the value of the environment variable `FAIRNET_BLAS_THREADS`, when
/// set) and parallelises itself where it pays: prediction splits the rows into fixed chunks that
/// run on several threads.
///
/// Determinism: with one BLAS thread every product sums in a fixed order, so training is
/// bit-identical for a seed on a given machine, and prediction is bit-identical for any number of
/// prediction threads (the chunk boundaries do not depend on it). With more BLAS threads the bits
/// change (and on the project machine training was slower: Sources/fair-bench/README.md). Another
/// machine (other CPU kernels, another OpenBLAS version) may also give different low-order bits.
public enum BLASThreads {
    /// The current OpenBLAS thread count.
    public static var count: Int {
        configureOnce()
        return Int(openblas_get_num_threads())
    }

    /// The CPU kernel set OpenBLAS chose at load time (e.g. "Haswell", "SkylakeX"; set it with the
    /// environment variable `OPENBLAS_CORETYPE` before the process starts) and its build configuration.
    public static var configuration: String {
        let core = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        let config = openblas_get_config().map { String(cString: $0) } ?? "unknown"
        return "\(config); core \(core)"
    }

    /// Sets the OpenBLAS thread count (values below 1 are treated as 1). Call it only while no
    /// FairNet training or prediction runs on another thread.
    public static func set(_ threads: Int) {
        configureOnce()
        openblas_set_num_threads(Int32(max(1, threads)))
    }

    /// Applies the default (1, or `FAIRNET_BLAS_THREADS`) once per process.
    static func configureOnce() { _ = configured }

    private static let configured: Bool = {
        var threads: Int32 = 1
        if let text = ProcessInfo.processInfo.environment["FAIRNET_BLAS_THREADS"], let n = Int32(text), n >= 1 { threads = n }
        openblas_set_num_threads(threads)
        return true
    }()
}
