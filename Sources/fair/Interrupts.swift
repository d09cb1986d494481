import CReadline
import FairCore
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
        if interruptToken.isCancelled { exitRemovingTemporaryFiles(130) }
        interruptToken.cancel()
    default:
        exitRemovingTemporaryFiles(130)
    }
}

/// The SIGTERM and SIGHUP handler: the process is asked to end, so it ends at once, like the
/// default action, but first removes the temporary file of a save in progress.
private let onTermination: @convention(c) (Int32) -> Void = { signal in
    exitRemovingTemporaryFiles(128 + signal)
}

/// Ends the process from a signal handler, leaving no temporary file of an unfinished save
/// behind (the target file itself is untouched: saves are atomic). Async-signal-safe.
private func exitRemovingTemporaryFiles(_ status: Int32) -> Never {
    AtomicFile.removeTemporaryFilesInFlight()
    _exit(status)
}

/// Installs the SIGINT handler (with SA_RESTART, so reads resume) and the SIGTERM/SIGHUP one.
func installInterruptHandler() {
    _ = interruptToken.isCancelled  // initialise the globals before a signal can reach them
    _ = interruptState.load(ordering: .relaxed)
    AtomicFile.prepareForSignalHandlers()
    var termination = sigaction()
    termination.__sigaction_handler.sa_handler = onTermination
    sigemptyset(&termination.sa_mask)
    sigaction(SIGTERM, &termination, nil)
    sigaction(SIGHUP, &termination, nil)
    // A write past `ulimit -f` then fails with EFBIG, which the save reports (the old file kept),
    // instead of the signal ending the process.
    signal(SIGXFSZ, SIG_IGN)
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
