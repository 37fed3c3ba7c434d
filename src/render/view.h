/* view.h - the reports as documents (internal): each view declares its
 * tables' columns once and builds a document (doc.h) that any back-end
 * renders. view_summary.c, view_inspect.c, view_compare.c, view_check.c;
 * view_common.c holds what several share (the source of a survey, the
 * groups of --by, answers not on the scale). */
#ifndef TCSURVEY_RENDER_VIEW_H
#define TCSURVEY_RENDER_VIEW_H

#include "render/doc.h"
#include "tcsurvey/compare.h"
#include "tcsurvey/groups.h"
#include "tcsurvey/survey.h"
#include "tcsurvey/targets.h"
#include "tcsurvey/waves.h"

/* The documents of the commands (g, w may be NULL: no groups, no waves). */
void tcs_view_summary(tcs_doc *d, const tcs_survey *s, const tcs_grouping *g);
void tcs_view_inspect(tcs_doc *d, const tcs_survey *s);
void tcs_view_comparison(tcs_doc *d, const tcs_waves *w, const tcs_grouping *g);
void tcs_view_check(tcs_doc *d, const tcs_check *c, const tcs_targets *t, const tcs_waves *w);

/* The per-pillar RAG counts (Pillar, Green, Amber, Red, Grey) of a check:
 * rows are tcs_check_pillar's. The report shows the same table. */
extern const tcs_cols tcs_view_rag_cols;
tcs_rows tcs_view_rag_rows(const tcs_check *c);

/* ---- shared by the views ---- */

/* Give table (or record) b a column per wave of w (TCS_COL_MULTI). */
void tcs_view_per_wave(tcs_doc *d, tcs_block *b, const tcs_waves *w);

/* Questions among s's columns. */
size_t tcs_view_count_questions(const tcs_survey *s);

/* JSON "source": where a survey came from and what it holds. */
void tcs_view_source(tcs_doc *d, const tcs_survey *s);

/* The warnings of s as a list named "warnings" in formats. */
tcs_block *tcs_view_warnings(tcs_doc *d, const tcs_survey *s, unsigned formats);

/* The columns of s that are not questions, with the reason each is not
 * analysed: JSON "not_analysed" [{column_index, id, role, reason}] in
 * formats json; for people (formats people) one line per reason with its
 * columns. 0 leaves a side out. With samples (inspect only), a
 * categorical column's line gives its most given answers (reason_sample):
 * summary and the report never name a category, which may be a group
 * --by suppresses. */
void tcs_view_not_analysed(tcs_doc *d, const tcs_survey *s, unsigned json, unsigned people,
                           bool samples);

/* Answers not on the scale ("unknown_labels"): the rows of a tcs_column's
 * unknown labels (a TABLE column whose `at` finds the tcs_column). */
extern const tcs_cols tcs_view_unknown_cols;
void tcs_view_unknown_rows(const void *column, const tcs_table *t, tcs_rows *out);

/* ---- marks on verdicts (compare.h's tcs_mark) ---- */

/* " [a]", " [t]" or "": what people see after a marked verdict. */
const char *tcs_view_mark_letter(tcs_mark m);
/* Under a table whose rows carry marks (seen[m]: a row has mark m): the
 * rule for a clear change and what each mark seen means. */
void tcs_view_mark_notes(tcs_doc *d, const bool seen[3]);

/* ---- groups (--by) ---- */

/* A group as its record and the CSV prefix of its rows show it. */
typedef struct {
    const char *label;
    bool suppressed, shown;
    long responses;                /* a summary's */
    const tcs_waves *waves;        /* a comparison's (NULL when suppressed) */
} tcs_view_group;

/* group, suppressed: what leads every row of a grouped CSV. */
extern const tcs_cols tcs_view_group_cols;

/* A group's view (in d); label "All respondents" for the whole. */
tcs_view_group *tcs_view_group_new(tcs_doc *d, const char *label, bool suppressed,
                                   long responses, const tcs_waves *waves);

/* "By COLUMN": the rule in words, and JSON "by". */
void tcs_view_by(tcs_doc *d, const tcs_grouping *g);

/* Lead every row of table b with group gr's cells in CSV. */
void tcs_view_prefix(tcs_block *b, const tcs_view_group *gr);

/* A suppressed group's one CSV row under cols: its cells, the rest empty. */
void tcs_view_placeholder(tcs_doc *d, const tcs_cols *cols, const tcs_view_group *gr);

#endif
