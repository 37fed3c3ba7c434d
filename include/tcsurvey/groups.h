/* groups.h - breakdowns by one column (--by faculty, grade, gender).
 *
 * The respondents are split by their answer to one column; each group is
 * then summarised or compared like a whole survey, on the whole survey's
 * scales. Groups smaller than a minimum are suppressed, with complementary
 * suppression so that no suppressed group can be worked out by
 * subtracting the shown groups from the total. */
#ifndef TCSURVEY_GROUPS_H
#define TCSURVEY_GROUPS_H

#include <stdbool.h>
#include <stddef.h>
#include "tcsurvey/error.h"
#include "tcsurvey/survey.h"
#include "tcsurvey/waves.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TCS_MIN_GROUP_DEFAULT 5

/* The label of the group of respondents who left the column blank. */
extern const char tcs_group_blank_label[]; /* "(no answer)" */

/* The label of the one entry that stands for every suppressed group: a
 * suppressed group's own label is never kept, so no output can show it. */
extern const char tcs_group_suppressed_label[]; /* "(suppressed groups)" */

/* The suppression rule in one sentence, for every grouped output. */
extern const char tcs_group_rule[];

/* Which column `by` names in s: its 1-based number, or the one column
 * whose id a glob matches ("G03Q14[*]", "Q5_?"), or its header, id or
 * statement (case, spacing and punctuation ignored), or else whole words
 * of the header of the one categorical column that holds them ("faculty";
 * a question is named exactly). TCS_EINVAL when it
 * names none or several, or a column that cannot form groups: only
 * categorical, Likert and rating columns can (free text, identifiers and
 * numbers would print personal data as group names), and not a categorical
 * column in which most answers were given by one respondent each (free
 * text in disguise). */
tcs_status tcs_group_column(const tcs_survey *s, const char *by, size_t *column,
                            tcs_error *err);

/* Complementary suppression over group sizes. A group with 0 < size <
 * min_group is suppressed; then, while the suppressed groups hold fewer
 * than min_group respondents together (so the total minus the shown
 * groups would describe fewer than min_group people), the smallest shown
 * group is suppressed too. Empty groups reveal no one and are left as
 * they are. */
void tcs_groups_suppress(const long *sizes, size_t n, long min_group, bool *suppressed);

typedef struct {
    char *value;  /* the answer that defines the group; NULL = left blank
                     (and for the suppressed entry) */
    const char *label; /* value, or its label when the column has value labels
                          (codebook values, key file; borrowed as the column's
                          are), tcs_group_blank_label, or
                          tcs_group_suppressed_label */
    long responses[TCS_WAVES_MAX]; /* per survey (one for a summary) */
    bool suppressed; /* no figures: too small, or hiding a small group */
    tcs_survey *survey; /* summary: the group's responses; NULL when suppressed */
    tcs_waves *waves;   /* comparison: the group's waves; NULL when suppressed */
} tcs_group;

typedef struct {
    char *by;          /* the column's header (in the first survey) */
    size_t column[TCS_WAVES_MAX]; /* its 0-based index in each survey */
    size_t nsurveys;
    long min_group;
    tcs_group *groups; /* in scale order for Likert and rating columns, else
                          by label; the blank group after them; then, when any
                          group is suppressed, one entry standing for all of
                          them (suppressed, tcs_group_suppressed_label, no
                          figures, responses 0) */
    size_t n;
} tcs_grouping;

/* The groups of one survey, each one that is shown loaded with base's
 * codebook and sheet on s's scales. */
tcs_status tcs_grouping_summary(const tcs_survey *s, const char *by, long min_group,
                                const tcs_load_options *base, tcs_grouping **out,
                                tcs_error *err);

/* The groups of loaded waves, each one that is shown compared at alpha.
 * A group is shown only if it is shown in every wave; one absent from a
 * wave is suppressed (it cannot be compared). */
tcs_status tcs_grouping_compare(const tcs_waves *w, const char *by, long min_group, double alpha,
                                tcs_grouping **out, tcs_error *err);

void tcs_grouping_free(tcs_grouping *g);

#ifdef __cplusplus
}
#endif
#endif
