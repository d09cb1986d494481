import Testing
@testable import FairREPL

/// Every message of `CommandError`, checked for what it says to do.
@Suite("CommandError messages")
struct CommandErrorTests {
    @Test("each message names the input and says what to do", arguments: [
        (CommandError.unknownCommand(name: "trian", suggestions: ["train"]), "unknown command 'trian'. Did you mean 'train'? Type 'help' for the list of commands."),
        (.missingSubcommand(prefix: "verify", given: nil, choices: ["ks", "ranks"]), "'verify' needs a subcommand: 'verify ks', 'verify ranks'."),
        (.missingSubcommand(prefix: "verify", given: "rnks", choices: ["ks", "ranks"]), "'verify' has no subcommand 'rnks'. Did you mean 'verify ranks'? Use one of 'verify ks', 'verify ranks'."),
        (.unknownOption(command: "quit", option: "--x", suggestions: [], known: []), "unknown option '--x' for 'quit'. 'quit' takes no options."),
        (.missingValue(option: "--seed", allowed: "an integer"), "--seed needs a value: an integer."),
        (.flagWithValue(option: "--both"), "--both is a flag and takes no value: write just --both."),
        (.repeatedOption(option: "--seed"), "--seed is given twice; give it once."),
        (.invalidValue(subject: "--eps", value: "2", allowed: "a number in [0, 1]", suggestions: []), "--eps: '2' is not allowed; expected a number in [0, 1]."),
        (.missingArgument(command: "save", argument: "FILE", allowed: "the file to write", usage: "save FILE"), "'save' needs FILE: the file to write. Usage: save FILE"),
        (.tooManyArguments(command: "quit", extra: "now", usage: "quit"), "'quit' does not take 'now'. Usage: quit"),
        (.missingOption(command: "fit", option: "--task", allowed: "a task", usage: "fit --task T"), "'fit' needs --task: a task. Usage: fit --task T"),
        (.missingPrerequisite(command: "apply", what: "a repair", remedy: "fit barycenter"), "'apply' needs a repair: run 'fit barycenter' first."),
        (.unterminatedQuote(quote: "'", column: 3), "the ' quote opened at column 3 is never closed; close it or escape it with \\'."),
        (.unknownName(noun: "result", name: "ks.aftr", suggestions: ["ks.after"], known: ["ks.after"]), "no result named 'ks.aftr'. Did you mean 'ks.after'?"),
        (.unknownName(noun: "result", name: "x", suggestions: [], known: []), "no result named 'x'. There is no result yet."),
        (.invalidName(name: "1x", reason: "a name starts with a letter or '_'"), "'1x' cannot be used as a name: a name starts with a letter or '_'."),
        (.expression(message: "unexpected ')'", column: 9), "unexpected ')' (at column 9)"),
        (.file(path: "a/b", reason: "no such file"), "cannot use a/b: no such file."),
        (.invalidFile(path: "x.json", reason: "it is not a FairMTL workspace"), "x.json is not a file this command can read: it is not a FairMTL workspace."),
        (.unsupportedVersion(path: "w", found: 9, supported: 1), "w has workspace format version 9, newer than this build reads (1). Open it with a newer fair, or re-create it."),
        (.unknownValueKind(path: "w", kind: "model", known: ["number"]), "w holds a value of kind 'model' that this build cannot read (it reads number). Open it with the fair that saved it."),
        (.notExportable(name: "m", kind: "model", exportable: []), "'m' is a model, which has no table to export (no value can be exported yet, and 'results')."),
        (.recording(message: "not recording; start with 'record start FILE'"), "not recording; start with 'record start FILE'"),
        (.interrupted(command: "train", detail: "at epoch 7"), "train: interrupted at epoch 7 (workspace unchanged)"),
        (.failed(message: "the pool is empty; split first"), "the pool is empty; split first"),
    ])
    func message(error: CommandError, expected: String) {
        #expect(error.description == expected)
    }
}
