/* scale.h - answer scales: built-in label sets, numeric rating ranges,
 * non-substantive answers, and mapping an answer to its scale value. */
#ifndef TCSURVEY_SCALE_H
#define TCSURVEY_SCALE_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TCS_SCALE_POINTS_MAX 11
#define TCS_SCALE_LABEL_MAX 96

typedef enum {
    TCS_SCALE_NONE = 0,
    TCS_SCALE_LABELS,  /* a built-in label set: agree5, satisfaction5, ... */
    TCS_SCALE_NUMERIC, /* a rating range: 1-5, 1-10, 0-10 ... (labels may carry "4 - text") */
} tcs_scale_kind;

typedef struct {
    tcs_scale_kind kind;
    char name[24];   /* "agree5", "1-10" */
    char family[16]; /* "agreement", "rating", ... */
    int min, max;    /* values of the first and last point */
    size_t npoints;  /* max - min + 1 */
    char labels[TCS_SCALE_POINTS_MAX][TCS_SCALE_LABEL_MAX]; /* display label per point */
} tcs_scale;

/* Fill *out with the scale called name: a built-in label set ("agree5",
 * "agree7", "frequency5", "satisfaction5", "importance5", "likelihood5",
 * "quality5", "extent5", "yesno", ...) or a range "MIN-MAX" with
 * 0 <= MIN < MAX <= 10 and at most 11 points. False if unknown. */
bool tcs_scale_by_name(const char *name, tcs_scale *out);

/* Standard rating ranges tried when inferring, smallest first. */
size_t tcs_scale_standard_ranges(const int (**ranges)[2]);

/* Names of all built-in label sets, NULL-terminated (for --help and docs). */
const char *const *tcs_scale_label_set_names(void);

/* True if the answer (raw cell text) is a non-substantive answer: N/A, Not
 * applicable, Don't know, Cannot answer, Prefer not to say, Not sure, ... */
bool tcs_answer_is_nonsubstantive(const char *s, size_t n);

/* True if the answer means "missing": blank, white space only, or R's NA. */
bool tcs_answer_is_missing(const char *s, size_t n);

/* Map an answer to its value on scale. Numeric scales take whole numbers in
 * range and "N - label" / "N. label" forms. Returns true and sets *value
 * if the answer is a point of the scale. */
bool tcs_scale_value(const tcs_scale *scale, const char *s, size_t n, int *value);

/* A distinct answer and how often it occurred, for scale matching. */
typedef struct {
    const char *text;
    size_t len;
    long count;
} tcs_answer_count;

/* Choose the built-in label set that explains the answers: the set that
 * matches the most answers; on a tie, the one under which fewer different
 * answers share a point; then the first in preference order. Non-substantive
 * and missing answers must be left out by the caller. Returns false when no
 * set matches at least 2 points and 80% of the answers. */
bool tcs_scale_match_labels(const tcs_answer_count *answers, size_t n, tcs_scale *out);

/* Whole numbers or "N - label" answers: sets min and max to the extent of
 * the values and prefixed (may be NULL) to whether any answer had the
 * "N - label" form. Returns false if any answer is neither. */
bool tcs_scale_numeric_extent(const tcs_answer_count *answers, size_t n, int *min, int *max,
                              bool *prefixed);

/* Smallest standard range holding [lo, hi]; false if none. */
bool tcs_scale_smallest_range(int lo, int hi, int *min, int *max);

/* A numeric scale MIN-MAX with labels "MIN".."MAX". */
void tcs_scale_numeric(int min, int max, tcs_scale *out);

/* Midpoint (min+max)/2: answers below are "low", above "high". */
double tcs_scale_midpoint(const tcs_scale *scale);

#ifdef __cplusplus
}
#endif
#endif
