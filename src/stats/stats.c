/* stats.c - statistics of a discrete scale from its point counts. */
#include "tcsurvey/stats.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <string.h>

void tcs_stats_init(void) { gsl_set_error_handler_off(); }

const char *tcs_stats_note_text(tcs_stats_note note)
{
    switch (note) {
    case TCS_STATS_NO_ANSWERS:
        return "no valid answers";
    case TCS_STATS_ONE_ANSWER:
        return "one answer: no SD or CI";
    case TCS_STATS_NO_VARIATION:
        return "all answers equal";
    default:
        return "";
    }
}

double tcs_t_critical(double confidence, double df)
{
    return gsl_cdf_tdist_Pinv(0.5 + confidence / 2.0, df);
}

/* Wilson's limits for the proportion p of an effective sample of nn at z. */
static void wilson_core(double p, double nn, double z, double *lo, double *hi)
{
    double z2 = z * z;
    double denom = 1.0 + z2 / nn;
    double centre = (p + z2 / (2.0 * nn)) / denom;
    double half = z * sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn)) / denom;
    *lo = fmax(0.0, centre - half);
    *hi = fmin(1.0, centre + half);
}

void tcs_wilson_interval(long x, long n, double confidence, double *lo, double *hi)
{
    tcs_wilson_limits(x, n, 0, gsl_cdf_ugaussian_Pinv(0.5 + confidence / 2.0), lo, hi);
}

void tcs_wilson_interval_fpc(long x, long n, long population, double confidence, double *lo,
                             double *hi)
{
    tcs_wilson_limits(x, n, population, gsl_cdf_ugaussian_Pinv(0.5 + confidence / 2.0), lo, hi);
}

void tcs_wilson_limits(long x, long n, long population, double z, double *lo, double *hi)
{
    if (n <= 0) {
        *lo = 0.0;
        *hi = 1.0;
        return;
    }
    double nn = (double)n, p = (double)x / nn;
    if (population > 0 && population <= n) { /* a census: no sampling error */
        *lo = *hi = p;
        return;
    }
    if (population > 0) /* the effective size of a sample without replacement */
        nn = nn * ((double)population - 1.0) / ((double)population - nn);
    wilson_core(p, nn, z, lo, hi);
}

double tcs_share_inverse_size(long n, long population)
{
    if (n <= 0)
        return 0.0;
    if (population <= 0)
        return 1.0 / (double)n;
    if (population <= n)
        return 0.0;
    return ((double)population - (double)n) / ((double)n * ((double)population - 1.0));
}

double tcs_median_from_counts(const tcs_scale *scale, const long *counts, long n)
{
    long lo_rank = (n - 1) / 2, hi_rank = n / 2; /* 0-based ranks */
    double lo = NAN, hi = NAN;
    long seen = 0;
    for (size_t k = 0; k < scale->npoints; k++) {
        long c = counts[k];
        if (c <= 0)
            continue;
        if (isnan(lo) && lo_rank < seen + c)
            lo = scale->min + (double)k;
        if (isnan(hi) && hi_rank < seen + c)
            hi = scale->min + (double)k;
        seen += c;
    }
    return (lo + hi) / 2.0;
}

void tcs_stats_from_counts(const tcs_scale *scale, const long *counts, tcs_point_stats *out)
{
    tcs_stats_from_counts_population(scale, counts, 0, out);
}

void tcs_stats_from_counts_population(const tcs_scale *scale, const long *counts,
                                      long population, tcs_point_stats *out)
{
    memset(out, 0, sizeof *out);
    out->population = population > 0 ? population : 0;
    double w[TCS_SCALE_POINTS_MAX], x[TCS_SCALE_POINTS_MAX];
    size_t k = scale->npoints;
    long n = 0;
    size_t used_points = 0;
    for (size_t i = 0; i < k; i++) {
        w[i] = counts[i] > 0 ? (double)counts[i] : 0.0;
        x[i] = scale->min + (double)i;
        n += counts[i] > 0 ? counts[i] : 0;
        used_points += counts[i] > 0;
    }
    out->n = n;
    if (n == 0) {
        out->note = TCS_STATS_NO_ANSWERS;
        return;
    }
    out->has_mean = true;
    out->mean = gsl_stats_wmean(w, 1, x, 1, k);
    out->median = tcs_median_from_counts(scale, counts, n);
    if (n >= 2) {
        /* frequency weights: divide the weighted sum of squares by n - 1
         * (gsl_stats_wvariance would apply the reliability-weight factor) */
        double tss = gsl_stats_wtss_m(w, 1, x, 1, k, out->mean);
        out->has_sd = true;
        out->sd = sqrt(tss / (double)(n - 1));
        double half = tcs_t_critical(0.95, (double)(n - 1)) * out->sd / sqrt((double)n);
        if (out->population > 0) /* finite population correction (population >= n) */
            half = tcs_t_critical(0.95, (double)(n - 1)) * out->sd *
                   sqrt(fmax(0.0, 1.0 - (double)n / (double)out->population) / (double)n);
        out->ci_lo = out->mean - half;
        out->ci_hi = out->mean + half;
        out->has_ci = true;
        out->note = used_points == 1 ? TCS_STATS_NO_VARIATION : TCS_STATS_OK;
        if (used_points == 1) {
            out->sd = 0.0;
            out->ci_lo = out->ci_hi = out->mean;
            /* no spread to estimate an interval from, unless nobody is missing */
            out->has_ci = out->population > 0 && out->population <= n;
        }
    } else {
        out->note = TCS_STATS_ONE_ANSWER;
    }
    double mid = tcs_scale_midpoint(scale);
    long low = 0, neutral = 0, high = 0;
    for (size_t i = 0; i < k; i++) {
        if (x[i] < mid)
            low += counts[i];
        else if (x[i] > mid)
            high += counts[i];
        else
            neutral += counts[i];
    }
    out->has_percent = true;
    out->low_percent = 100.0 * (double)low / (double)n;
    out->neutral_percent = 100.0 * (double)neutral / (double)n;
    out->high_percent = 100.0 * (double)high / (double)n;
    out->high_n = high;
    double lo, hi;
    tcs_wilson_interval_fpc(high, n, out->population, 0.95, &lo, &hi);
    out->high_ci_lo = 100.0 * lo;
    out->high_ci_hi = 100.0 * hi;
}
