/* gnuplot.h - writing text into gnuplot scripts safely, and running gnuplot.
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

#include <stddef.h>
#include <stdio.h>
#include "tcsurvey/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The definitions the strings below rely on (tcs_q, a quote, and tcs_nl,
 * a newline): write once at the top of every script. */
void tcs_gp_put_preamble(FILE *fp);

/* s as a gnuplot string expression of single-quoted pieces joined with
 * tcs_q where s has a quote ('It'.tcs_q.'s'), every control character
 * (newline, tab, CR...) as a space. Not '' (gnuplot 5.4 mis-scans runs
 * of doubled quotes) and no double-quoted piece on the line (which
 * confuses gnuplot's @macro scanner into expanding @names in the single-
 * quoted text that follows). NULL writes ''. Usable wherever gnuplot
 * takes a string expression: labels, titles, tic labels. */
void tcs_gp_put_string(FILE *fp, const char *s);

/* A tic label of one or more lines, as one gnuplot string expression
 * 'a'.tcs_nl.'b'. gnuplot reads tic labels as formats, so % is doubled. */
void tcs_gp_put_tic_label(FILE *fp, const char *const *lines, size_t n);

/* The gnuplot to run: program if not NULL, else $TCSURVEY_GNUPLOT if set
 * and not empty, else "gnuplot" (looked up on PATH). */
const char *tcs_gp_program(const char *program);

/* Run `program script` once, in folder dir, with no input; its messages go
 * to dir/gnuplot.log. TCS_EPROGRAM when it cannot be started (the message
 * says how to install it) or exits with an error (the message quotes
 * gnuplot's last lines). */
tcs_status tcs_gp_run(const char *program, const char *dir, const char *script, tcs_error *err);

#ifdef __cplusplus
}
#endif
#endif
