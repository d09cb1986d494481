import FairData
import Foundation

extension CommandSpec {
    /// `datasets`: the built-in datasets, where the data directory points and which files are there.
    static let datasets = CommandSpec(
        "datasets", group: .data, summary: "list the built-in datasets and where the data directory points",
        discussion: """
            Real datasets are never copied into a project: they are read in place from the data directory, \
            set with 'set data-dir DIR', the FAIR_DATA_DIR environment variable, or 'fair --data-dir DIR'. \
            A file's checksum is checked when it is loaded.
            """,
        examples: ["datasets"]
    ) { context in
        let directory = DataDirectorySetting.current(settings: context.settings, environment: context.environment)
        var rows: [[ResultTable.Cell]] = []
        for name in DatasetCatalog.names {
            let files = try DatasetCatalog.files(of: name)
            if files.isEmpty {
                rows.append([.text(name), .text("built in"), .text("generated (load synthetic --mode, --rows, --seed)")])
                continue
            }
            let where_ = files.map { "\($0.folder)/\($0.name)" }.joined(separator: ", ")
            guard let directory else {
                rows.append([.text(name), .text("no data dir"), .text(where_)])
                continue
            }
            let missing = files.filter { !FileManager.default.fileExists(atPath: DataDirectory(path: directory.path).path(of: $0)) }
            rows.append([.text(name), .text(missing.isEmpty ? "present" : "missing"), .text(where_)])
        }
        switch directory {
        case nil:
            context.print("data directory: not configured; \(DataDirectorySetting.howToConfigure)")
        case let directory?:
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue {
                context.print("data directory: \(directory.path) (from \(directory.origin))")
            } else {
                context.print(
                    "data directory: \(directory.path) (from \(directory.origin)) does not exist; point it at the folder holding compas/, uci-adult/, … with 'set data-dir DIR'")
            }
        }
        context.print(table: ResultTable(columns: ["name", "status", "files"], rows: rows))
    }
}
