/* compare.h - change in a question between two survey waves, from the
 * counts of each scale point in the earlier ("from") and later ("to") wave,
 * or in a pillar, from its respondents' scores (tcs_change_from_values).
 *
 * Every figure is "later minus earlier", so a positive change means the
 * later wave scored higher. For a reverse-coded item (reverse = true) the
 * values are mirrored first (v -> min + max - v, i.e. the count vectors are
 * read backwards), so for every item a rise means "better" and "high" means
 * the favourable side of the midpoint.
 *
 * Undefined figures are 0 with their flag false; a field whose flag is true
 * is never NaN. Callers must have called tcs_stats_init() (GSL's error
 * handler off) before the first call. */
#ifndef TCSURVEY_COMPARE_H
#define TCSURVEY_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include "tcsurvey/error.h"
#include "tcsurvey/scale.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    long n_from, n_to;
    /* mean_from and high_from are defined when n_from >= 1, mean_to and
     * high_to when n_to >= 1 (0 otherwise) */
    double mean_from, mean_to;
    bool has_delta;   /* both n >= 1: delta, mwu_u, cliffs_delta, high_delta (+ CI) */
    double delta;     /* mean_to - mean_from */
    bool has_welch;   /* both n >= 2 and not both variances 0 */
    double delta_ci_lo, delta_ci_hi;   /* Welch 95% CI of delta (Welch-Satterthwaite df) */
    double welch_t, welch_df, welch_p; /* p two-sided */
    bool has_mwu;     /* both n >= 1 and not every answer (both waves) the same */
    double mwu_u;     /* U of the later wave: pairs (later, earlier) with later higher,
                         ties counting 1/2 = scipy mannwhitneyu(to, from).statistic;
                         set whenever has_delta (n_from n_to / 2 when all are tied) */
    double mwu_p;     /* two-sided, tie-corrected normal approximation with continuity
                         correction = scipy mannwhitneyu(to, from, method="asymptotic");
                         needs has_mwu (scipy gives 1.0 when all are tied) */
    double cliffs_delta; /* P(later > earlier) - P(later < earlier) = 2U/(n1 n2) - 1; has_delta */
    bool has_hedges;  /* both n >= 2 and pooled SD > 0 */
    double hedges_g;  /* delta / pooled SD * (1 - 3 / (4 (n1 + n2) - 9)) */
    double high_from, high_to; /* % above the scale midpoint (favourable side if reversed) */
    double high_delta;         /* high_to - high_from, percentage points; has_delta */
    double high_delta_ci_lo, high_delta_ci_hi; /* Newcombe hybrid score 95% CI (method 10),
                                                  percentage points; has_delta */
} tcs_change;

/* Compare a question between waves: from[k] and to[k] are how many chose
 * value scale->min + k (k < scale->npoints) in the earlier and later wave;
 * negative counts are treated as 0. */
void tcs_change_from_counts(const tcs_scale *scale, const long *from, const long *to, bool reverse,
                            tcs_change *out);

/* Compare continuous scores between waves (pillar scores: means over a
 * pillar's items, not points of one scale): from[0..n_from) earlier,
 * to[0..n_to) later, in any order. The same figures as
 * tcs_change_from_counts, with "high" meaning a score above midpoint (pass
 * the items' scale midpoint). No reverse argument: mirror before calling
 * (pillar scores already are). Equal values are one tied group for the
 * Mann-Whitney test (midranks, tie-corrected variance), so scores that
 * differ only by rounding are not ties.
 * Sorts a copy of the values: allocates n_from + n_to doubles for the call.
 * Errors: TCS_EINVAL (NULL array with n > 0, a NaN or infinite value),
 * TCS_ENOMEM; *out is then all zero. */
tcs_status tcs_change_from_values(const double *from, size_t n_from, const double *to,
                                  size_t n_to, double midpoint, tcs_change *out, tcs_error *err);

/* As tcs_change_from_values, from each wave's distinct values in strictly
 * ascending order with how many had each (from_counts[i] of from[i]; a
 * count of 0 or less is no value), as pillar scores are kept: memory and
 * time follow the number of distinct values, not of respondents.
 * Errors: TCS_EINVAL (NULL arrays with n > 0, a NaN or infinite value,
 * values not strictly ascending, counts that overflow); *out is then all
 * zero. */
tcs_status tcs_change_from_distinct(const double *from, const long *from_counts, size_t n_from,
                                    const double *to, const long *to_counts, size_t n_to,
                                    double midpoint, tcs_change *out, tcs_error *err);

/* The verdict on a change between two waves. */
typedef enum {
    TCS_VERDICT_NONE = 0, /* "no clear change": not tested, or q not below alpha */
    TCS_VERDICT_ROSE,     /* "rose": q below alpha, the later wave higher */
    TCS_VERDICT_FELL,     /* "fell": q below alpha, the later wave lower */
    TCS_VERDICT_MIXED     /* "mixed": q below alpha, but the rank test (Cliff's delta) and
                             the change in mean point different ways (or one is 0) */
} tcs_verdict;

/* "no clear change", "rose", "fell", "mixed": the JSON and CSV values. */
const char *tcs_verdict_name(tcs_verdict v);

/* The verdict of ch (tested by the rank test) from its q: NONE unless
 * has_q and q < alpha; then ROSE when Cliff's delta and the change in mean
 * are both positive, FELL when both are negative, else MIXED. */
tcs_verdict tcs_verdict_of(const tcs_change *ch, bool has_q, double q, double alpha);

/* Benjamini-Hochberg adjusted p-values (q) of p[0..n), over the non-NaN
 * entries; NaN entries are skipped and give NaN. q may not alias p.
 * O(n^2) time and no allocation: n is a number of questions. */
void tcs_bh_adjust(const double *p, size_t n, double *q);

#ifdef __cplusplus
}
#endif
#endif
