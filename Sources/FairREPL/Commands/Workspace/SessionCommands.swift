import Foundation

extension CommandSpec {
    /// `quit`: ends the session (Ctrl-D does the same).
    static let quit = CommandSpec(
        "quit", group: .workspace, summary: "end the session (Ctrl-D does the same)", examples: ["quit"], aliases: ["exit"]
    ) { context in
        if context.recordingPath != nil { context.effects.stopRecording = true }
        context.requestQuit()
    }

    /// `sleep SECONDS`: waits, interruptibly; paces demos and scripts.
    static let sleep = CommandSpec(
        "sleep", group: .workspace, summary: "wait SECONDS (Ctrl-C interrupts); paces demos and scripts",
        arguments: [SleepOptions.seconds],
        examples: ["sleep 0.5"]
    ) { context in
        let seconds = context.invocation[SleepOptions.seconds]
        let clock = ContinuousClock()
        let start = clock.now
        let total = Duration.milliseconds(Int64((seconds * 1000).rounded()))
        var lastReported = -1
        while true {
            let elapsed = clock.now - start
            let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            try context.checkCancellation("after \(NumberFormat.significant(elapsedSeconds, digits: 2)) s")
            if elapsed >= total { break }
            let tenths = Int(elapsedSeconds * 10)
            if tenths != lastReported {
                lastReported = tenths
                context.progress.report(
                    ProgressEvent(unit: "", completed: tenths, total: max(1, Int((seconds * 10).rounded(.up)))))
            }
            Thread.sleep(forTimeInterval: min(0.02, max(0, seconds - elapsedSeconds)))
        }
        context.print("slept \(NumberFormat.significant(seconds, digits: 3)) s")
    }
}

import FairPlot

/// The argument of `sleep`.
private enum SleepOptions {
    static let seconds = CommandArgument<Double>(
        "seconds", .real(min: 0, max: 3600), summary: "how long to wait")
}
