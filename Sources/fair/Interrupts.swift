import CReadline
import FairREPL
import Glibc
import Synchronization

/// What the process is doing when SIGINT arrives (REPL-AND-LESSONS.md §3.6).
enum InterruptState: Int {
    /// Between commands of a script, or reading its input: exit 130 at once.
    case idle = 0
    /// readline is reading a line: clear it and show a fresh prompt.
    case prompt = 1
    /// A command is running: ask it to stop (a second Ctrl-C exits 130).
    case running = 2
}

/// The current `InterruptState`, read by the signal handler.
let interruptState = Atomic<Int>(InterruptState.idle.rawValue)
/// Cancelled by the signal handler while a command runs; reset before each command.
let interruptToken = CancellationToken()

/// The SIGINT handler: touches only atomics, except at the prompt, where readline delivered
/// the signal from its own cleanup path and expects the application to redraw.
private let onInterrupt: @convention(c) (Int32) -> Void = { _ in
    switch interruptState.load(ordering: .relaxed) {
    case InterruptState.prompt.rawValue:
        _ = Glibc.write(STDOUT_FILENO, "\n", 1)
        fair_rl_clear_line_after_interrupt()
    case InterruptState.running.rawValue:
        if interruptToken.isCancelled { _exit(130) }
        interruptToken.cancel()
    default:
        _exit(130)
    }
}

/// Installs the SIGINT handler (with SA_RESTART, so reads resume).
func installInterruptHandler() {
    _ = interruptToken.isCancelled  // initialise the global before a signal can reach it
    _ = interruptState.load(ordering: .relaxed)
    var action = sigaction()
    action.__sigaction_handler.sa_handler = onInterrupt
    sigemptyset(&action.sa_mask)
    action.sa_flags = SA_RESTART
    sigaction(SIGINT, &action, nil)
    // A parent may have started us with SIGINT blocked; a blocked signal never reaches the handler.
    var mask = sigset_t()
    sigemptyset(&mask)
    sigaddset(&mask, SIGINT)
    sigprocmask(SIG_UNBLOCK, &mask, nil)
}

func setInterruptState(_ state: InterruptState) {
    interruptState.store(state.rawValue, ordering: .relaxed)
}
