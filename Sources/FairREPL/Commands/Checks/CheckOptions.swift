/// The options that the checks, plots, `compare` and `report` share: which repaired
/// predictions, and which of their tasks.
enum CheckOptions {
    static let repaired = CommandOption<String?>(
        "repaired", .name(.workspaceNames(of: .repaired)),
        summary: "the repaired predictions (default: the current ones)")
    /// Several tasks (`verify ks --task a,b`).
    static let tasks = CommandOption<[String]?>(
        "task", .list(.name(.repairedTasks)), summary: "the tasks (default: all)")
    /// One task (`plot map --task y`).
    static let task = CommandOption<String?>(
        "task", .name(.repairedTasks), summary: "the task (default: the first)")
}
