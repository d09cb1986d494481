/// The sections of `help`, in the order of the method (REPL-AND-LESSONS.md §2.2).
public enum CommandGroup: String, Sendable, CaseIterable, Comparable {
    case data = "Data"
    case splits = "Splits"
    case models = "Models"
    case repair = "Repair"
    case checks = "Checks"
    case plots = "Plots"
    case replication = "Replication"
    case lessons = "Lessons"
    case workspace = "Workspace"

    public static func < (a: CommandGroup, b: CommandGroup) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}
