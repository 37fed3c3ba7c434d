/* compare.h - change in a question between two survey waves, from the
 * counts of each scale point in the earlier ("from") and later ("to") wave,
 * or in a pillar, from its respondents' scores (tcs_change_from_values).
 *
 * Every figure is "later minus earlier", so a positive change means the
 * later wave scored higher. With reverse = true the values are mirrored
 * first (tcs_mirror_counts), so that a rise means "better" and "high" the
 * favourable side of the midpoint; compare itself reports questions as
 * answered (reverse = false) and says which way is better with
 * tcs_verdict_better.
 *
 * Undefined figures are 0 with their flag false; a field whose flag is true
 * is never NaN. Callers must have called tcs_stats_init() (GSL's error
 * handler off) before the first call.
 *
 * Populations. The figures are made for infinite populations (the
 * respondents a sample from a process). When the number of people each
 * wave was sent to is known, tcs_change_set_population turns them into
 * figures about those people: the variance of each wave's mean is scaled
 * by the finite population correction 1 - n/N (n the answers, N the
 * population: the question's respondents are taken as a simple random
 * sample of the population), Welch's t, its Satterthwaite df, p and CI
 * come from the scaled variances, and each wave's Wilson interval for
 * "% high" (and so the Newcombe interval of its change) uses the variance
 * of a proportion sampled without replacement (tcs_wilson_interval_fpc).
 * The rank test, Cliff's delta and Hedges' g describe the answers and are
 * not changed. */
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
    /* What the figures were made from, kept so that they can be remade for
     * a population (tcs_change_set_population) and the detectable change
     * worked out (tcs_change_mdc): */
    double var_from, var_to;     /* sample variance (n - 1) of each wave; when its n >= 2 */
    long high_n_from, high_n_to; /* answers above the midpoint (favourable side if reversed) */
    /* Populations (tcs_change_set_population): 0 = not known. */
    long population_from, population_to;
    bool fpc;   /* a population is known for a wave: the Welch figures (t, df, p, CI)
                   and the Newcombe interval carry the finite population correction */
    bool exact; /* both waves are complete censuses (n = N >= 1 in each): both changes
                   are known without sampling error. has_welch is false (no variance
                   to test against); delta_ci is [delta, delta] and high_delta_ci
                   [high_delta, high_delta] */
} tcs_change;

/* Remake ch's Welch figures and Newcombe interval for populations of
 * population_from and population_to people (0 = not known; otherwise at
 * least that wave's n, else treated as not known). With both 0 the figures
 * are those tcs_change_from_* made, bit for bit. Sets population_*, fpc
 * and exact. With one wave a census and the other not, Welch's df is the
 * other wave's n - 1 (its scaled variance is the only one). */
void tcs_change_set_population(tcs_change *ch, long population_from, long population_to);

/* The minimum detectable change in mean (Bloom 1995, Evaluation Review
 * 19:547-556): the smallest true change the two-sided Welch test at
 * level alpha detects with probability `power` (0.8), given each wave's n,
 * variance and population:
 *     MDC = (t(1 - alpha/2; df) + t(power; df)) * SE,
 * SE and df those of the Welch test (FPC-scaled when populations are
 * known). Exact waves (two censuses) give 0. False (no figure) when there
 * is no Welch test. */
bool tcs_change_mdc(const tcs_change *ch, double alpha, double power, double *mdc);

/* The minimum detectable change in "% high" (percentage points), normal
 * approximation with the pooled share p = (x1 + x2) / (n1 + n2):
 *     MDC = 100 (z(1 - alpha/2) + z(power)) sqrt(p (1 - p) (1/n1' + 1/n2')),
 * n' the effective sizes of tcs_share_inverse_size (n without
 * populations). Exact waves give 0; false when a wave is empty, or p is 0
 * or 1 in waves that are not censuses. */
bool tcs_change_high_mdc(const tcs_change *ch, double alpha, double power, double *mdc);

/* The p-value that goes with the Newcombe interval of the change in
 * "% high": the alpha at which the 1 - alpha interval (each wave's Wilson
 * limits at z(1 - alpha/2), with the populations of ch) has 0 on its
 * edge, so that p < 0.05 exactly when the 95% interval excludes 0.
 * Newcombe (1998) gives the interval only; this is its inversion. 1 when
 * the shares are equal, 0 when both waves are censuses and they differ.
 * False when a wave is empty. */
bool tcs_change_high_p(const tcs_change *ch, double *p);

/* Mood's median test between two waves of counts on one scale (from[k],
 * to[k] answers of value scale->min + k): answers above the pooled median
 * against those at or below it, Pearson chi-square with Yates' correction
 * on the 2x2 table, 1 df; as scipy.stats.median_test(a, b) with its
 * defaults (ties="below", correction=True). False (no test) when a wave is
 * empty or every answer is on one side of the pooled median. *stat gets
 * the chi-square (may be NULL). */
bool tcs_median_test(const tcs_scale *scale, const long *from, const long *to, double *p,
                     double *stat);

/* ---- reverse-coded items ----
 * One rule for every table and chart: a question's figures are given as
 * answered (its mean, shares, distribution, and its change between waves:
 * "rose" means the answers rose), with the item marked reverse-coded; only
 * scores over several items (pillar scores, composite targets) mirror
 * reverse-coded items first, since they have no single "as answered"
 * reading. Whether a change is better or worse is tcs_verdict_better. */

/* v mirrored on scale: min + max - v. */
int tcs_mirror_value(const tcs_scale *scale, int v);
/* counts[0..npoints) mirrored into out (out[k] = counts[npoints - 1 - k]);
 * out may not alias counts. */
void tcs_mirror_counts(const tcs_scale *scale, const long *counts, long *out);

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

/* "Clear change": one rule for every output. A verdict rests on a test
 * adjusted for the comparisons made together (Benjamini-Hochberg q below
 * alpha); the interval printed beside it is the unadjusted 95% interval of
 * the headline figure. Where the two say different things, the row carries
 * a mark saying why, and the output a line explaining the marks
 * (tcs_clear_change_rule, tcs_mark_text). */
typedef enum {
    TCS_MARK_NONE = 0,    /* the interval and the verdict agree */
    TCS_MARK_ADJUSTED,    /* the interval excludes 0 and the test alone is below alpha,
                             but not after adjusting for the comparisons made (q) */
    TCS_MARK_TESTS_DIFFER /* the interval and the verdict's test disagree otherwise: the
                             verdict rests on another test (compare's rank test), or
                             alpha is not 0.05 while the interval is 95% */
} tcs_mark;

/* NULL, "adjusted", "tests_differ": the JSON and CSV values. */
const char *tcs_mark_name(tcs_mark m);
/* The sentence for a marked row (empty for TCS_MARK_NONE). */
const char *tcs_mark_text(tcs_mark m);
/* The rule, in one sentence, for the line under a table with marks. */
extern const char tcs_clear_change_rule[];

/* The mark of a row: has_interval, lo, hi its printed interval of the
 * change (lo = hi for an exact change); v its verdict; has_p, p the
 * unadjusted p of the verdict's test; alpha the verdict's level. */
tcs_mark tcs_mark_of(bool has_interval, double lo, double hi, tcs_verdict v, bool has_p,
                     double p, double alpha);

/* The mark of a compare row: its change's Welch interval (or exact
 * change) against its verdict, the rank test's p unadjusted. */
tcs_mark tcs_change_mark(const tcs_change *ch, tcs_verdict v, double alpha);

/* +1 when a verdict on answers as given is an improvement, -1 when it is
 * a decline, 0 for no clear change or mixed: "rose" is better unless the
 * item is reverse-coded. For pillar scores (already mirrored) pass
 * reverse = false. */
int tcs_verdict_better(tcs_verdict v, bool reverse);

/* Benjamini-Hochberg adjusted p-values (q) of p[0..n), over the non-NaN
 * entries; NaN entries are skipped and give NaN. q may not alias p.
 * O(n^2) time and no allocation: n is a number of questions. */
void tcs_bh_adjust(const double *p, size_t n, double *q);

#ifdef __cplusplus
}
#endif
#endif
