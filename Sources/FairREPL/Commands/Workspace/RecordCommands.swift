extension CommandSpec {
    /// `record start FILE`: starts writing a lesson-format transcript.
    static let recordStart = CommandSpec(
        "record start", group: .lessons,
        summary: "write what you type and what is printed to FILE, as a lesson transcript",
        discussion: "The file is rewritten after every command. Replay and check it with 'fair lessons FILE'.",
        arguments: [RecordOptions.file],
        options: [RecordOptions.title],
        examples: ["record start notes.md", "record start notes.md --title 'My first repair'"]
    ) { context in
        if let active = context.recordingPath {
            throw CommandError.recording(message: "already recording to \(active); run 'record stop' first")
        }
        let file = context.invocation[RecordOptions.file]
        let path = context.resolve(path: file)
        let title = context.invocation[RecordOptions.title]
        // Write the empty transcript now, so a path that cannot be written fails here.
        var empty = TranscriptRecorder(path: path, displayPath: file, title: title, seed: context.settings.seed, width: context.settings.width)
        try empty.write()
        context.effects.startRecording = (path, file, title)
        context.print("recording to \(file) (stop with 'record stop')")
    }

    /// `record stop`: ends the transcript.
    static let recordStop = CommandSpec(
        "record stop", group: .lessons, summary: "stop recording and write the transcript",
        examples: ["record stop"]
    ) { context in
        guard context.recordingPath != nil else {
            throw CommandError.recording(message: "not recording; start with 'record start FILE'")
        }
        context.effects.stopRecording = true
    }
}

/// The argument and option of `record start`.
private enum RecordOptions {
    static let file = CommandArgument<String>(
        "file", .path(.newFile(extensions: ["md"])), summary: "the transcript to write (.md)")
    static let title = CommandOption<String>(
        "title", .text, summary: "title in the front matter", default: "Recorded session")
}
