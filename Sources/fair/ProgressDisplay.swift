import FairREPL
import Glibc
import Synchronization

/// Draws progress of a long command on one terminal line of standard error
/// (`train: epoch 7/75  loss 0.123  [#####-----] 47%  ~3 s left`), at most ten times a
/// second, never wider than the terminal (cut with `…`), and erases it when the command ends. Off a terminal it draws nothing.
final class ProgressDisplay: Sendable {
    private struct State {
        var command = ""
        var start = ContinuousClock.now
        var lastDrawn: ContinuousClock.Instant?
        var visible = false
    }

    private let state = Mutex(State())
    private let isEnabled: Bool

    init(isEnabled: Bool) { self.isEnabled = isEnabled }

    /// A sink for one command.
    func sink(for command: String) -> ProgressSink {
        guard isEnabled else { return .discard }
        state.withLock {
            $0.command = command
            $0.start = .now
            $0.lastDrawn = nil
        }
        return ProgressSink { [self] event in draw(event) }
    }

    private func draw(_ event: ProgressEvent) {
        state.withLock { state in
            let now = ContinuousClock.now
            if let last = state.lastDrawn, now - last < .milliseconds(100) { return }
            state.lastDrawn = now
            var parts: [String] = []
            if !event.unit.isEmpty {
                parts.append("\(event.unit) \(event.completed)" + (event.total.map { "/\($0)" } ?? ""))
            }
            if !event.detail.isEmpty { parts.append(event.detail) }
            if let fraction = event.fraction {
                let filled = Int((fraction * 20).rounded(.down))
                parts.append("[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 20 - filled) + "] \(Int(fraction * 100))%")
                let elapsed = now - state.start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                if fraction > 0.02 {
                    let left = seconds * (1 - fraction) / fraction
                    parts.append("~\(Int(left.rounded(.up))) s left")
                }
            }
            let line = ProgressLine.fitted("\(state.command): " + parts.joined(separator: "  "), width: Terminal.errorWidth)
            Terminal.write("\r\u{1B}[2K" + line, to: STDERR_FILENO)
            state.visible = true
        }
    }

    /// Erases the progress line, if one is shown.
    func finish() {
        state.withLock { state in
            if state.visible { Terminal.write("\r\u{1B}[2K", to: STDERR_FILENO) }
            state.visible = false
        }
    }
}
