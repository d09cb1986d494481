import Foundation
import Testing

/// The real DuckDB and Spark the SQL-export tests run: the `duckdb` and `pyspark` packages of
/// the Python environment that `.ci/install-deps` creates outside the repository
/// (`$FAIR_SQL_PYTHON`, default `~/.cache/fairmtl-venv/bin/python`). Without them the tests are
/// skipped with a message saying how to install them.
enum SQLEngines {
    /// The Python interpreter of the engines' environment.
    static let python: String = {
        if let given = ProcessInfo.processInfo.environment["FAIR_SQL_PYTHON"], !given.isEmpty {
            return given
        }
        return NSHomeDirectory() + "/.cache/fairmtl-venv/bin/python"
    }()

    /// Whether `python` can import `module`.
    static func has(_ module: String) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            announce(module)
            return false
        }
        let found = (try? run(["-c", "import \(module)"], in: NSTemporaryDirectory()))?.status == 0
        if !found { announce(module) }
        return found
    }

    static let hasDuckDB = has("duckdb")
    static let hasSpark = has("pyspark")

    /// The loud message of a skipped engine test.
    static func announce(_ module: String) {
        let message =
            "\n*** SQL engine tests SKIPPED: \(python) cannot import \(module). Run .ci/install-deps "
            + "(it creates ~/.cache/fairmtl-venv with duckdb and pyspark from PyPI), or set FAIR_SQL_PYTHON. ***\n"
        FileHandle.standardError.write(Data(message.utf8))
    }

    /// Runs `python arguments…` in `directory`; returns its status and standard error.
    static func run(_ arguments: [String], in directory: String) throws -> (
        status: Int32, stderr: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Runs every case directory through one engine session. Each directory holds
    /// `scores.csv` (id, group, score), `repair.sql` (with its map) and optionally
    /// `quantiles.sql`; the runner writes `out.csv` (id, repaired; empty for NULL) and, for
    /// `quantiles.sql`, `summary.csv`. Numbers are written with Python's `repr`, which reads
    /// back as the same double.
    static func runCases(_ engine: String, _ directories: [String]) throws {
        let script = NSTemporaryDirectory() + "/fair-sql-runner-\(UUID().uuidString).py"
        try runner.write(toFile: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: script) }
        let result = try run([script, engine] + directories, in: NSTemporaryDirectory())
        if result.status != 0 { throw RunnerError(message: String(result.stderr.suffix(4000))) }
    }

    struct RunnerError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Reads `id,value` lines (value empty for NULL) into a dictionary.
    static func readOutputs(_ path: String) throws -> [Int: Double?] {
        var outputs: [Int: Double?] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            outputs[Int(fields[0])!] = fields[1].isEmpty ? .some(nil) : Double(String(fields[1]))
        }
        return outputs
    }

    static let runner = #"""
        import os, sys

        def write(path, rows):
            with open(path, "w") as f:
                for i, r in rows:
                    f.write(f"{i},{'' if r is None else repr(float(r))}\n")

        def statements(text):
            for part in text.split(";\n"):
                body = "\n".join(l for l in part.splitlines() if not l.strip().startswith("--")).strip()
                if body:
                    yield body.rstrip(";")

        engine, cases = sys.argv[1], sys.argv[2:]
        if engine == "duckdb":
            import duckdb
            for d in cases:
                os.chdir(d)
                con = duckdb.connect()
                con.execute("CREATE TABLE scores AS SELECT * FROM read_csv('scores.csv', header = true, "
                            "auto_detect = false, columns = {'id': 'BIGINT', 'group': 'VARCHAR', 'score': 'DOUBLE'})")
                con.execute(open("repair.sql").read())
                write("out.csv", con.execute("SELECT id, repaired FROM repaired ORDER BY id").fetchall())
                if os.path.exists("quantiles.sql"):
                    con.execute(open("quantiles.sql").read())
                con.close()
        else:
            from pyspark.sql import SparkSession
            spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
                     .config("spark.sql.shuffle.partitions", "4").getOrCreate())
            spark.sparkContext.setLogLevel("ERROR")
            jvm = spark._jvm
            local = jvm.org.apache.hadoop.fs.FileSystem.getLocal(spark._jsc.hadoopConfiguration())
            for d in cases:
                os.chdir(d)
                local.setWorkingDirectory(jvm.org.apache.hadoop.fs.Path(d))
                (spark.read.csv("scores.csv", header=True, schema="id BIGINT, `group` STRING, score DOUBLE")
                 .createOrReplaceTempView("scores"))
                for statement in statements(open("repair.sql").read()):
                    spark.sql(statement)
                write("out.csv", [(r[0], r[1]) for r in spark.sql("SELECT id, repaired FROM repaired ORDER BY id").collect()])
                if os.path.exists("quantiles.sql"):
                    query = list(statements(open("quantiles.sql").read()))[0]
                    with open("summary.csv", "w") as f:
                        f.write("group,count,level,value,rank_error\n")
                        for r in spark.sql(query).collect():
                            f.write(f"{r[0]},{r[1]},{repr(float(r[2]))},{repr(float(r[3]))},{repr(float(r[4]))}\n")
            spark.stop()
        """#
}
