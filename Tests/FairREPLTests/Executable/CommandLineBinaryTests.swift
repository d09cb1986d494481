import Foundation
import Testing

/// `fair`'s command line through the built binary: help for every command, usage errors
/// (exit 64, message and usage on standard error), and the shell completion scripts.
@Suite("fair binary, command line")
struct CommandLineBinaryTests {
    @Test(
        "--help for fair and each subcommand exits 0 with its usage and options",
        arguments: [
            ([], "USAGE: fair [<options>]", "--keep-going"),
            (["lessons"], "USAGE: fair lessons", "--seeds <A-B>"),
            (["run"], "USAGE: fair run", "<lesson>"),
            (["book"], "USAGE: fair book", "--out <dir>"),
            (["reproduce"], "USAGE: fair reproduce compas", "compas or scarcity"),
            (["demo"], "USAGE: fair demo", "--canvas <canvas>")
        ])
    func help(command: [String], usage: String, option: String) throws {
        for flag in ["--help", "-h"] {
            let run = try runFair(command + [flag])
            #expect(run.status == 0)
            #expect(run.stdout.contains(usage), "\(run.stdout)")
            #expect(run.stdout.contains(option))
            #expect(run.stderr == "")
        }
        let viaHelp = try runFair(["help"] + command)
        #expect(viaHelp.status == 0 && viaHelp.stdout.contains(usage))
    }

    @Test("the root help lists the subcommands and the exit status")
    func rootHelp() throws {
        let run = try runFair(["--help"])
        for name in ["lessons", "run", "book", "reproduce", "demo"] {
            #expect(run.stdout.contains("  \(name) "), "\(name) is listed")
        }
        #expect(
            run.stdout.contains(
                "Exit status: 0 success, 1 a command or expectation failed, 64 usage error"))
    }

    @Test("a usage error exits 64 with the message, the usage and where to find help")
    func usageError() throws {
        let run = try runFair(["--bogus"])
        #expect(run.status == 64)
        #expect(run.stdout == "")
        #expect(run.stderr.hasPrefix("Error: Unknown option '--bogus'\nUsage: fair [<options>]"))
        #expect(run.stderr.contains("See 'fair --help' for more information."))
        let lessons = try runFair(["lessons", "--seeds", "x"])
        #expect(lessons.status == 64)
        #expect(lessons.stderr.contains("'x' is not a seed range"))
        #expect(lessons.stderr.contains("See 'fair lessons --help' for more information."))
        let misspelt = try runFair(["bok"])
        #expect(misspelt.status == 64)
        #expect(
            misspelt.stderr.hasPrefix(
                "Error: unexpected argument 'bok'. Did you mean "
                    + "'book'? To run a script, use -f FILE.\n"
            ))
        let version = try runFair(["--version"])
        #expect(version.status == 0 && version.stdout == "fair 0.1.0 (FairMTL)\n")
    }

    @Test("fair reproduce EXPERIMENT --help shows the REPL command's help")
    func reproduceHelp() throws {
        let run = try runFair(["reproduce", "compas", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("reproduce compas — the paper's Table 2 on COMPAS"))
        #expect(run.stdout.contains("--seeds N"))
    }

    @Test(
        "completion scripts for bash, zsh and fish name every subcommand and option",
        arguments: [
            ("bash", "complete -o filenames -F _fair fair"),
            ("zsh", "#compdef fair"),
            ("fish", "complete -c 'fair'")
        ])
    func completion(shell: String, marker: String) throws {
        let run = try runFair(["--generate-completion-script", shell])
        #expect(run.status == 0)
        #expect(run.stdout.contains(marker), "\(run.stdout.prefix(400))")
        for word in ["lessons", "book", "reproduce", "demo", "keep-going", "seeds", "braille"] {
            #expect(run.stdout.contains(word), "\(shell) script mentions \(word)")
        }
        let unknown = try runFair(["--generate-completion-script", "tcsh"])
        #expect(unknown.status == 64)
    }
}
