/* report.h - the evidence section of a self-assessment: survey details,
 * the RAG table of the action plan's targets, pillar scores, a section per
 * pillar with its charts and question tables, and a method note, as one
 * self-contained HTML page (charts inline as SVG) or as Markdown (PNG
 * charts beside it), plus CSV tables that open cleanly in Excel.
 *
 * Survey text is escaped for each target: HTML-escaped in HTML, Markdown
 * punctuation and '<' escaped in Markdown, formula-neutralised in CSV.
 * Free-text answers never appear. */
#ifndef TCSURVEY_REPORT_H
#define TCSURVEY_REPORT_H

#include <stdio.h>
#include "tcsurvey/error.h"
#include "tcsurvey/escape.h"
#include "tcsurvey/plot.h"
#include "tcsurvey/targets.h"
#include "tcsurvey/waves.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    const char *title;          /* e.g. the survey folder's name; NULL = none */
    const tcs_waves *waves;     /* compared (tcs_waves_compare) */
    const tcs_targets *targets; /* NULL = no targets */
    const tcs_check *check;     /* NULL = no targets */
    const tcs_plot *plot;       /* planned with per_pillar, rendered as PNG and SVG */
    const char *charts_dir;     /* where the plot was rendered (SVGs are read from it) */
    const char *charts_link;    /* how report.md links to it ("charts") */
} tcs_report;

typedef enum { TCS_REPORT_HTML, TCS_REPORT_MD } tcs_report_format;

/* Write the report. Errors: TCS_EIO (writing failed), TCS_EOUTPUT (a
 * chart's SVG cannot be read). */
tcs_status tcs_report_write(FILE *fp, const tcs_report *r, tcs_report_format fmt,
                            tcs_error *err);

/* Write summary-WAVE.csv per wave, comparison.csv (two or more waves) and
 * targets.csv (with targets) into dir, each UTF-8 with a byte-order mark so
 * that Excel reads it as UTF-8. Errors: TCS_EOUTPUT. */
tcs_status tcs_report_write_tables(const tcs_report *r, const char *dir, tcs_error *err);

#ifdef __cplusplus
}
#endif
#endif
