/* report.h - the evidence section of a self-assessment: survey details
 * (files, dates, responses, response rates), the RAG table of the action
 * plan's targets, pillar scores, a section per pillar with its charts and
 * question tables, the groups of --by as a heat map, the questions not
 * analysed and why, and a method note, as one self-contained HTML page
 * (charts inline as SVG), as Markdown (PNG charts beside it) and as the
 * Markdown pandoc makes report.docx from; plus CSV tables that open
 * cleanly in Excel and tables.xlsx, a workbook of them.
 *
 * Survey text is escaped for each target: HTML-escaped in HTML, only what
 * would be markup escaped in Markdown, every punctuation character in
 * pandoc's input, formula-neutralised in CSV, typed text in the workbook.
 * Free-text answers never appear. */
#ifndef TCSURVEY_REPORT_H
#define TCSURVEY_REPORT_H

#include <signal.h>
#include <stdio.h>
#include "tcsurvey/error.h"
#include "tcsurvey/escape.h"
#include "tcsurvey/groups.h"
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
    const tcs_grouping *groups; /* report --by: the groups of waves (tcs_grouping_compare),
                                   NULL = none */
} tcs_report;

typedef enum {
    TCS_REPORT_HTML,
    TCS_REPORT_MD,
    TCS_REPORT_PANDOC /* pandoc's Markdown, for report.docx (not kept in the report) */
} tcs_report_format;

/* Write the report. Errors: TCS_EIO (writing failed), TCS_EOUTPUT (a
 * chart's SVG cannot be read). */
tcs_status tcs_report_write(FILE *fp, const tcs_report *r, tcs_report_format fmt,
                            tcs_error *err);

/* Write summary-WAVE.csv per wave, comparison.csv (two or more waves) and
 * targets.csv (with targets) into dir, each UTF-8 with a byte-order mark so
 * that Excel reads it as UTF-8; and tables.xlsx, a sheet per table (survey,
 * RAG and RAG by pillar, pillar scores, summary per wave, comparison,
 * groups), the CSV tables' columns, typed. Errors: TCS_EOUTPUT. */
tcs_status tcs_report_write_tables(const tcs_report *r, const char *dir, tcs_error *err);

/* The pandoc to run: program if not NULL, else $TCSURVEY_PANDOC if set
 * and not empty, else "pandoc" (looked up on PATH). */
const char *tcs_pandoc_program(const char *program);

/* Write dir/report.docx with pandoc from the report (its charts' PNGs
 * linked as charts/NAME.png from dir), then colour its RAG and heat-map
 * cells. pandoc is optional: when it is missing or fails, no report.docx
 * is left and note (size notesz) says why, and the call still succeeds;
 * note is "" when it was written. Errors: TCS_EOUTPUT (the intermediate
 * file cannot be written, or cancel was set: pandoc was stopped). */
tcs_status tcs_report_write_docx(const tcs_report *r, const char *dir, const char *program,
                                 const volatile sig_atomic_t *cancel, char *note, size_t notesz,
                                 tcs_error *err);

#ifdef __cplusplus
}
#endif
#endif
