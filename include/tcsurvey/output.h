/* output.h - write what the commands report (inspect, summary, compare,
 * check) as a terminal table, CSV, JSON or Markdown. Every report is one
 * document rendered by one back-end per format (src/render/doc.h); every
 * piece of text is escaped for its target (escape.h). */
#ifndef TCSURVEY_OUTPUT_H
#define TCSURVEY_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>
#include "tcsurvey/escape.h"
#include "tcsurvey/survey.h"
#include "tcsurvey/waves.h"
#include "tcsurvey/groups.h"
#include "tcsurvey/targets.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    TCS_FORMAT_TABLE, /* aligned text for a terminal (the default) */
    TCS_FORMAT_CSV,
    TCS_FORMAT_JSON,
    TCS_FORMAT_MD,
    TCS_FORMAT_HTML,  /* one page; the report's (not offered by --format yet) */
    TCS_FORMAT_XLSX,  /* an Excel workbook of the CSV's tables, typed (libxlsxwriter):
                         binary, so written to a file (-o), never a terminal */
    TCS_FORMAT_COUNT
} tcs_format;

/* A format the commands offer by name: "table", "csv", "json", "md" (also
 * "markdown"), "xlsx". False for any other name, and for NULL. */
bool tcs_format_parse(const char *name, tcs_format *out);

/* "table", "csv", "json", "md", "html", "xlsx". */
const char *tcs_format_name(tcs_format f);

/* True for a format that is written to a file, not to a terminal or
 * standard output (a workbook). */
bool tcs_format_needs_file(tcs_format f);

/* The formats the commands offer, for messages and --help: "table, csv,
 * json, md or xlsx", with mark_default "table (default), csv, json, md or
 * xlsx".
 * Written into buf (size n, NUL-terminated, cut when too small). Returns buf. */
char *tcs_format_list(char *buf, size_t n, bool mark_default);

/* The summary of every question. Returns TCS_EIO if writing failed,
 * TCS_ENOMEM when out of memory. */
tcs_status tcs_write_summary(FILE *fp, const tcs_survey *s, tcs_format fmt);

/* The same, then per group of g (may be NULL): figures, or "suppressed". */
tcs_status tcs_write_summary_groups(FILE *fp, const tcs_survey *s, const tcs_grouping *g,
                                    tcs_format fmt);

/* What the importer found and assumed, column by column. */
tcs_status tcs_write_inspect(FILE *fp, const tcs_survey *s, tcs_format fmt);

/* The comparison of waves (after tcs_waves_compare). */
tcs_status tcs_write_comparison(FILE *fp, const tcs_waves *w, tcs_format fmt);

/* The same, then per group of g (may be NULL): its comparison, or
 * "suppressed". */
tcs_status tcs_write_comparison_groups(FILE *fp, const tcs_waves *w, const tcs_grouping *g,
                                       tcs_format fmt);

/* The targets checked against waves (w may be NULL when no wave was read). */
tcs_status tcs_write_check(FILE *fp, const tcs_check *c, const tcs_targets *t, const tcs_waves *w,
                           tcs_format fmt);

/* What a comparison assumes, in one sentence (every format states it). */
extern const char tcs_comparison_assumption[];

/* Shortest text that reads back as the same double. */
void tcs_format_double(double v, char *buf, size_t n);

#ifdef __cplusplus
}
#endif
#endif
