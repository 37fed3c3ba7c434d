/* run.h - running an external program (gnuplot, pandoc) once, without a
 * shell, in a folder of the caller's, with no input and its messages into
 * a log file; stopped (with whatever it started) when a cancel flag is set.
 * Internal to the library. */
#ifndef TCS_COMMON_RUN_H
#define TCS_COMMON_RUN_H

#include <signal.h>
#include <stddef.h>

typedef enum {
    TCS_RUN_OK,        /* it ran and exited 0 */
    TCS_RUN_NOT_FOUND, /* no such program (on PATH) */
    TCS_RUN_CANNOT,    /* it could not be started: errno_value says why */
    TCS_RUN_FAILED,    /* it exited with code (not 0) */
    TCS_RUN_SIGNALED,  /* a signal (code) stopped it */
    TCS_RUN_STOPPED    /* cancelled: the caller's flag was set while it ran */
} tcs_run_outcome;

typedef struct {
    tcs_run_outcome outcome;
    int code;         /* exit code or signal */
    int errno_value;  /* TCS_RUN_CANNOT */
} tcs_run_result;

/* Run argv[0] (looked up on PATH) with argv, in dir, standard input from
 * /dev/null and standard output and error into log (a path; created or
 * truncated, mode 0600). cancel may be NULL. */
void tcs_run_program(const char *const *argv, const char *dir, const char *log,
                     const volatile sig_atomic_t *cancel, tcs_run_result *out);

/* The last few non-empty lines of a log, joined with " | ", into out. */
void tcs_run_log_tail(const char *log, char *out, size_t outsz);

#endif
