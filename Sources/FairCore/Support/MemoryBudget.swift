import FairSupport
#if canImport(Glibc)
import Glibc
#endif

/// How much more memory this process can get, checked before the allocations of large jobs
/// (loading millions of rows), so that running out is an error that says how much was needed,
/// not a Swift runtime abort (exit 134) part-way through.
///
/// The answer is the smallest of the limits that apply on Linux: the address-space limit
/// (`ulimit -v`, `RLIMIT_AS`) minus the address space in use (`VmSize`), the data-segment limit
/// (`RLIMIT_DATA`) minus `VmData`, the memory the kernel reports available (`MemAvailable`
/// plus free swap), and a control group's limit minus its usage (cgroup v2 `memory.max`, v1
/// `memory.limit_in_bytes`). Where none can be read (another system) nothing is refused.
///
/// An estimate is a bound on the process's growth; callers state theirs in their own terms
/// (bytes per row, measured) and keep it slightly above what they use.
public enum MemoryBudget {
    /// What limits the process, and how many bytes more it can get under that limit.
    public struct Availability: Sendable, Equatable {
        public var bytes: Int
        /// "ulimit -v", "ulimit -d", "the memory available on this machine", "the control group's memory limit".
        public var limitedBy: String
    }

    /// The tightest limit on this process's growth now, or nil when none is known.
    public static func available() -> Availability? {
        let status = keyedKilobytes("/proc/self/status")
        var candidates: [Availability] = []
        var limit = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max, let size = status["VmSize"] {
            candidates.append(Availability(bytes: max(0, Int(clamping: limit.rlim_cur) - size), limitedBy: "ulimit -v"))
        }
        if getrlimit(__rlimit_resource_t(RLIMIT_DATA.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max, let data = status["VmData"] {
            candidates.append(Availability(bytes: max(0, Int(clamping: limit.rlim_cur) - data), limitedBy: "ulimit -d"))
        }
        let memory = keyedKilobytes("/proc/meminfo")
        if let free = memory["MemAvailable"] {
            candidates.append(Availability(bytes: free + (memory["SwapFree"] ?? 0), limitedBy: "the memory available on this machine"))
        }
        if let cgroup = controlGroupRoom() {
            candidates.append(Availability(bytes: cgroup, limitedBy: "the control group's memory limit"))
        }
        return candidates.min { $0.bytes < $1.bytes }
    }

    /// Checks that `bytes` more can be had.
    /// - Throws: `FairCoreError.insufficientMemory` naming `what`, the bytes needed and available.
    public static func require(_ bytes: Int, for what: String) throws(FairCoreError) {
        guard let room = available(), bytes > room.bytes else { return }
        throw .insufficientMemory(what: what, needed: bytes, available: room.bytes, limitedBy: room.limitedBy)
    }

    /// Values in bytes of a `Key: 123 kB` file (`/proc/self/status`, `/proc/meminfo`).
    static func keyedKilobytes(_ path: String) -> [String: Int] {
        guard let bytes = try? AtomicFile.read(path) else { return [:] }
        var result: [String: Int] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "\t" })
            guard parts.count == 3, parts[2] == "kB", let value = Int(parts[1]) else { continue }
            result[String(parts[0])] = value * 1024
        }
        return result
    }

    /// Room left under this process's control group's memory limit, if it has one.
    static func controlGroupRoom() -> Int? {
        func number(_ path: String) -> Int? {
            guard let bytes = try? AtomicFile.read(path) else { return nil }
            return Int(String(decoding: bytes, as: UTF8.self).trimmingPrefix(while: { $0 == " " }).prefix(while: { $0 != "\n" }))
        }
        for (limitFile, usageFile) in [("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"),
                                       ("/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.usage_in_bytes")] {
            // "max" (v2) or a huge number (v1) means no limit.
            if let limit = number(limitFile), limit < 1 << 60, let usage = number(usageFile) { return max(0, limit - usage) }
        }
        return nil
    }
}
