/* gnuplot.c - one gnuplot process per run (common/run.c), its failures in words. */
#define _POSIX_C_SOURCE 200809L
#include "tcsurvey/gnuplot.h"
#include "common/run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *tcs_gp_program(const char *program)
{
    if (program && *program)
        return program;
    const char *env = getenv("TCSURVEY_GNUPLOT");
    return env && *env ? env : "gnuplot";
}

tcs_status tcs_gp_run(const char *program, const char *dir, const char *script,
                      const volatile sig_atomic_t *cancel, tcs_error *err)
{
    char logpath[4096];
    snprintf(logpath, sizeof logpath, "%s/gnuplot.log", dir);
    const char *const argv[] = {program, script, NULL};
    tcs_run_result r;
    tcs_run_program(argv, dir, logpath, cancel, &r);
    char tail[768];
    switch (r.outcome) {
    case TCS_RUN_OK: return TCS_OK;
    case TCS_RUN_STOPPED:
        return tcs_error_set(err, TCS_EOUTPUT, "", 0, 0, "interrupted: gnuplot was stopped");
    case TCS_RUN_NOT_FOUND:
        return tcs_error_set(err, TCS_EPROGRAM, "", 0, 0,
                             "cannot run %s: program not found. Charts need gnuplot: "
                             "install it (Debian: apt-get install gnuplot-nox) or name it "
                             "with TCSURVEY_GNUPLOT",
                             program);
    case TCS_RUN_CANNOT:
        return tcs_error_set(err, TCS_EPROGRAM, "", 0, 0, "cannot run %s: %s", program,
                             strerror(r.errno_value));
    case TCS_RUN_SIGNALED:
        tcs_run_log_tail(logpath, tail, sizeof tail);
        return tcs_error_set(err, TCS_EPROGRAM, "", 0, 0, "%s was stopped by signal %d%s%s",
                             program, r.code, tail[0] ? ": " : "", tail);
    case TCS_RUN_FAILED:
    default:
        tcs_run_log_tail(logpath, tail, sizeof tail);
        return tcs_error_set(err, TCS_EPROGRAM, "", 0, 0, "%s failed (exit %d)%s%s", program,
                             r.code, tail[0] ? ": " : "", tail);
    }
}
