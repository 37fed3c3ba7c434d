/* gnuplot.h - running gnuplot (the script text escapers are in escape.h).
 *
 * Survey text (question statements, pillar names, wave labels, scale
 * labels) reaches a script only through tcs_gp_put_string: a single-quoted
 * gnuplot string, inside which gnuplot performs no backquote command
 * substitution, no @macro expansion and no backslash escapes, so the text
 * is drawn literally and runs nothing (tic labels, which gnuplot reads as
 * formats, also get % doubled: tcs_gp_put_tic_label). Terminals are set "noenhanced" so
 * ^ _ { } @ & ~ are not formatting either. Data files hold numbers only. */
#ifndef TCSURVEY_GNUPLOT_H
#define TCSURVEY_GNUPLOT_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include "tcsurvey/error.h"
#include "tcsurvey/escape.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The gnuplot to run: program if not NULL, else $TCSURVEY_GNUPLOT if set
 * and not empty, else "gnuplot" (looked up on PATH). */
const char *tcs_gp_program(const char *program);

/* Run `program script` once, in folder dir, with no input; its messages go
 * to dir/gnuplot.log. TCS_EPROGRAM when it cannot be started (the message
 * says how to install it) or exits with an error (the message quotes
 * gnuplot's last lines). When cancel (may be NULL) becomes non-zero while
 * it runs, gnuplot is stopped and the result is TCS_EOUTPUT. */
tcs_status tcs_gp_run(const char *program, const char *dir, const char *script,
                      const volatile sig_atomic_t *cancel, tcs_error *err);

#ifdef __cplusplus
}
#endif
#endif
