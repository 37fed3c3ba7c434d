/* report_internal.h - the parts of the report (internal to the library).
 *
 *   report.c           the document: survey details, method, stylesheet
 *   report_targets.c   the RAG table of the action plan's targets
 *   report_questions.c pillar scores and a section per pillar
 *   report_extra.c     questions not analysed and why; groups (--by)
 *   report_tables.c    the CSV tables and tables.xlsx
 *
 * Each part adds its blocks to the document (render/doc.h), which the
 * HTML and Markdown back-ends (and pandoc, from the Markdown) write. */
#ifndef TCSURVEY_RENDER_REPORT_INTERNAL_H
#define TCSURVEY_RENDER_REPORT_INTERNAL_H

#include "render/doc.h"
#include "tcsurvey/report.h"

/* The charts of kind: of pillar (NULL: any), of wave (the last wave of
 * the chart; any_wave: all). */
void tcs_report_charts(tcs_doc *d, const tcs_report *r, tcs_chart_kind kind, const char *pillar,
                       size_t wave, bool any_wave);

/* text shortened to at most max characters, cut at a word with "..."
 * (the document's memory); tcs_report_short_len: the bytes kept (all of
 * them when it fits). */
const char *tcs_report_short(tcs_doc *d, const char *text, size_t max);
size_t tcs_report_short_len(const char *text, size_t max);

/* Ids as a person reads a list: runs of consecutive numbers as ranges
 * ("1.1-1.4", "G03Q14[1]-[10]"), ", " between (the document's memory). */
const char *tcs_report_id_list(tcs_doc *d, const char *const *ids, size_t n);

/* x, or 0 when it rounds to 0 at dp decimals: no "-0.00" in print. */
double tcs_report_nz(double x, int dp);

/* The question with id among w's (hint: the index it likely has, e.g.
 * in the waves it is a group of; SIZE_MAX = none), or NULL. */
const tcs_matched *tcs_report_question(const tcs_waves *w, const char *id, size_t hint);

/* The HTML class of a RAG colour ("rag green"). */
const char *tcs_report_rag_class(tcs_rag rag);

/* " (marked: ...)" symbols: a dagger for TCS_MARK_ADJUSTED, a double
 * dagger for TCS_MARK_TESTS_DIFFER, "" for none. */
const char *tcs_report_mark_symbol(tcs_mark m);

/* The sections. */
void tcs_report_targets(tcs_doc *d, const tcs_report *r);
void tcs_report_pillar_scores(tcs_doc *d, const tcs_report *r);
void tcs_report_pillar_sections(tcs_doc *d, const tcs_report *r);
void tcs_report_groups(tcs_doc *d, const tcs_report *r);
void tcs_report_not_analysed(tcs_doc *d, const tcs_report *r);

#endif
