/* GNU readline for the `fair` executable.
 *
 * Swift 6 strict concurrency rejects every reference to readline's mutable C globals, so
 * Swift never touches them: these static inline accessors are the only place that does
 * (REPL-AND-LESSONS.md §3.3). Keep this header the single reviewed spot for that unsafety. */
#ifndef FAIR_CREADLINE_SHIM_H
#define FAIR_CREADLINE_SHIM_H
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

/* Install the program name (for ~/.inputrc conditionals) and the completion entry point. */
static inline void fair_rl_install(const char *program, rl_completion_func_t *complete) {
    rl_readline_name = program;
    rl_attempted_completion_function = complete;
}

/* Characters that separate words for completion ('=' so that `--opt=val` completes `val`). */
static inline void fair_rl_set_word_break_characters(const char *characters) {
    rl_completer_word_break_characters = (char *)characters;
}

/* Tell readline not to fall back to file-name completion for this attempt. */
static inline void fair_rl_suppress_default_completion(void) { rl_attempted_completion_over = 1; }

/* The character appended after a unique completion (' ' by default, '\0' for none, e.g. after a directory). */
static inline void fair_rl_set_completion_append_character(int character) {
    rl_completion_append_character = character;
}

/* The whole line being edited, for context-aware completion. */
static inline const char *fair_rl_line(void) { return rl_line_buffer; }

/* The cursor position (a byte offset into fair_rl_line()). */
static inline int fair_rl_point(void) { return rl_point; }

/* Whether readline should catch signals itself (1, the default) while reading a line. */
static inline void fair_rl_set_catch_signals(int enabled) { rl_catch_signals = enabled; }

/* Start a fresh, empty line after Ctrl-C at the prompt. Called from the SIGINT handler while
 * readline is reading (readline has restored the terminal, dropped the partial line and re-sent
 * the signal); the caller writes the newline first (REPL-AND-LESSONS.md §3.6). */
static inline void fair_rl_clear_line_after_interrupt(void) {
    rl_on_new_line();
    rl_replace_line("", 0);
    rl_redisplay();
}
#endif
