/* scale.h - answer scales: the registry of built-in scales (one row of one
 * table each), scales a user defines (a codebook's `labels`, a scales
 * file), numeric rating ranges, non-substantive answers, and reading an
 * answer as a point of a scale.
 *
 * A label scale is a list of points, lowest first; each point accepts
 * several wordings ("Strongly agree|Agree strongly|Completely agree"), the
 * first being the label shown. Matching uses the label normal form of
 * text.h, so case, punctuation, curly quotes and U+00A0 do not matter. A
 * wording ending in " *" accepts any words after it ("More *" takes "More
 * motivated"). Numeric scales are whole-number ranges MIN-MAX; their answers
 * may carry a label with the number before or after it ("4 - Very
 * impressive", "(1) Not useful at all", "1 = Strongly disagree", "Strongly
 * agree (5)", "10 (All my time)"). */
#ifndef TCSURVEY_SCALE_H
#define TCSURVEY_SCALE_H

#include <stdbool.h>
#include <stddef.h>
#include "tcsurvey/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TCS_SCALE_POINTS_MAX 11
#define TCS_SCALE_LABEL_MAX 96
#define TCS_SCALE_NAME_MAX 24
#define TCS_SCALE_FAMILY_MAX 16

typedef enum {
    TCS_SCALE_NONE = 0,
    TCS_SCALE_LABELS,  /* a label scale: agree5, satisfaction5, a user's ... */
    TCS_SCALE_NUMERIC, /* a rating range: 1-5, 1-10, 0-10 ... (labels may carry "4 - text") */
} tcs_scale_kind;

/* A label scale's definition: one row of the built-in table, or a scale a
 * user defined (owned by the codebook or scales file that read it). */
typedef struct tcs_scale_def {
    const char *name;        /* "agree5"; at most TCS_SCALE_NAME_MAX - 1 bytes */
    const char *family;      /* "agreement": scales of one family are alternatives */
    const char *description; /* "agreement, 5 points with a middle" (help, README) */
    int first;               /* value of the first point */
    size_t npoints;          /* 2..TCS_SCALE_POINTS_MAX */
    /* per point, lowest first: wordings separated by '|', the first shown */
    const char *points[TCS_SCALE_POINTS_MAX];
    /* answers kept out of means with this scale ('|'-separated), or NULL;
     * the general list of tcs_answer_is_nonsubstantive always applies */
    const char *nonsubstantive;
    bool inferred; /* a candidate when tcsurvey infers a column's scale */
    /* The usual form of its family (agree5 rather than agree4): preferred
     * when answers fit both equally well and say nothing of the points
     * between which they differ (everyone agreed: is there a middle?). */
    bool usual;
} tcs_scale_def;

typedef struct {
    tcs_scale_kind kind;
    char name[TCS_SCALE_NAME_MAX];     /* "agree5", "1-10" */
    char family[TCS_SCALE_FAMILY_MAX]; /* "agreement", "rating", ... */
    int min, max;                      /* values of the first and last point */
    size_t npoints;                    /* max - min + 1 */
    char labels[TCS_SCALE_POINTS_MAX][TCS_SCALE_LABEL_MAX]; /* display label per point */
    /* Label scales: the definition whose wordings are accepted. It is a
     * built-in row (static) or a user's (lives as long as its codebook or
     * scales file). NULL for numeric scales. */
    const tcs_scale_def *def;
} tcs_scale;

/* ---- the built-in registry ---- */

/* The built-in label scales, in the order they are listed (help, README). */
size_t tcs_scale_builtin_count(void);
const tcs_scale_def *tcs_scale_builtin(size_t i);

/* Fill *out with the scale called name (case ignored): a built-in label
 * scale, or a range "MIN-MAX" with 0 <= MIN < MAX <= 10. False if
 * unknown. */
bool tcs_scale_by_name(const char *name, tcs_scale *out);

/* The scale a definition describes. */
void tcs_scale_from_def(const tcs_scale_def *def, tcs_scale *out);

/* A numeric scale MIN-MAX with labels "MIN".."MAX". */
void tcs_scale_numeric(int min, int max, tcs_scale *out);

/* Midpoint (min+max)/2: answers below are "low", above "high". */
double tcs_scale_midpoint(const tcs_scale *scale);

/* ---- user scales ---- */

/* A scale parsed from a `labels` text: the answers in order, lowest first,
 * separated by ';', each optionally "=VALUE" (whole numbers, consecutive
 * and rising by one: "Never=0; Rarely=1; ..." starts the scale at 0) and
 * each accepting further wordings after '|' ("Strongly agree|Strong
 * agree"). nonsubstantive (may be NULL) lists answers kept out of means,
 * ';'-separated. family and description may be NULL ("user", a summary
 * of the answers). Free with tcs_scale_def_free. Errors (TCS_ECONFIG with
 * message only; the caller adds the place): fewer than 2 or more than
 * TCS_SCALE_POINTS_MAX points, an empty label, a value that is not a whole
 * number or breaks the run, a label given twice. */
tcs_status tcs_scale_def_parse(const char *name, const char *family, const char *description,
                               const char *labels, const char *nonsubstantive,
                               tcs_scale_def **out, tcs_error *err);
void tcs_scale_def_free(tcs_scale_def *def);

/* ---- scales files ----
 * A CSV of named scales a codebook's scale column can use, and that
 * inference tries before the built-in ones: columns name (required),
 * labels (required), nonsubstantive, family, description; one scale a row. */

typedef struct tcs_scale_set tcs_scale_set;

/* Errors: reader errors; TCS_ECONFIG (no name or labels column, an empty
 * or repeated name, a name of a built-in scale or a range, bad labels),
 * with the row and column. */
tcs_status tcs_scale_set_load(const char *path, tcs_scale_set **out, tcs_error *err);
void tcs_scale_set_free(tcs_scale_set *set);
size_t tcs_scale_set_count(const tcs_scale_set *set); /* 0 for NULL */
const tcs_scale_def *tcs_scale_set_at(const tcs_scale_set *set, size_t i);
/* By name, case ignored; NULL when absent (or set is NULL). */
const tcs_scale_def *tcs_scale_set_find(const tcs_scale_set *set, const char *name);
const char *tcs_scale_set_path(const tcs_scale_set *set);

/* ---- answers ---- */

/* A label for a numeric code (a codebook's values column, a key file). */
typedef struct {
    char *code;  /* as written, trimmed: "1" */
    char *label; /* "Female" */
} tcs_value_label;

/* Parse "1=Female; 2=Male" into a heap array (*out, *n; free with
 * tcs_value_labels_free). Errors (TCS_ECONFIG, message only): an item
 * without '=', an empty code or label, a code given twice. */
tcs_status tcs_value_labels_parse(const char *text, tcs_value_label **out, size_t *n,
                                  tcs_error *err);
void tcs_value_labels_free(tcs_value_label *v, size_t n);

/* The label of the answer s[0..n) when it is one of the codes (compared
 * as written, or as the same whole number: "1" and "1.0"), else NULL. */
const char *tcs_value_label_of(const tcs_value_label *v, size_t nv, const char *s, size_t n);

/* True if the answer (raw cell text) is a non-substantive answer: every
 * common form of Don't know, Cannot answer, Not applicable, Prefer not to
 * say, No opinion, Not sure..., alone or combined with '/', '-', ',' or
 * "or" ("Do not know/cannot answer", "N/A - skip, don't know."). */
bool tcs_answer_is_nonsubstantive(const char *s, size_t n);

/* True if s[0..n) is one of the '|'- or ';'-separated wordings of list
 * (normal form compared; NULL list: false). */
bool tcs_answer_in_list(const char *list, const char *s, size_t n);

/* True if the answer means "missing": blank, white space only, or R's NA. */
bool tcs_answer_is_missing(const char *s, size_t n);

/* Map an answer to its value on scale. Numeric scales take whole numbers in
 * range and the labelled forms above. Returns true and sets *value if the
 * answer is a point of the scale. */
bool tcs_scale_value(const tcs_scale *scale, const char *s, size_t n, int *value);

/* A whole number, or a number with a label before or after it ("4 - Good",
 * "(1) Poor", "Good (4)"): true and *value; *labelled says which. A range
 * ("10 - 100", "3-4 hours") is neither. */
bool tcs_answer_number(const char *s, size_t n, int *value, bool *labelled);

/* The head of an answer that explains itself after a separator
 * ("Daily: at least once a day", "Sometimes, when asked", "Yes - all of
 * it"): the words before the first ": ", ", ", " - ", "; " or " (", in
 * normal form, into out. False when there is no such separator. Scales
 * take an answer by its head when the whole answer is no wording. */
bool tcs_answer_head(const char *s, size_t n, char *out, size_t outsz);

/* ---- inference ---- */

/* A distinct answer and how often it occurred, for scale matching. */
typedef struct {
    const char *text;
    size_t len;
    long count;
} tcs_answer_count;

typedef struct tcs_scale_matcher tcs_scale_matcher;

/* A matcher over the built-in label scales marked inferred, plus the n
 * user definitions in user (tried first on a tie; they must outlive the
 * matcher). NULL when out of memory. */
tcs_scale_matcher *tcs_scale_matcher_new(const tcs_scale_def *const *user, size_t n);
void tcs_scale_matcher_free(tcs_scale_matcher *m);
/* The scales a matcher tries, user ones first. */
size_t tcs_scale_matcher_count(const tcs_scale_matcher *m);
const tcs_scale_def *tcs_scale_matcher_def(const tcs_scale_matcher *m, size_t i);

/* How well one label scale explains a column's answers. */
typedef struct {
    const tcs_scale_def *def;
    long matched;      /* answers that are wordings of its points (near misses included) */
    long near;         /* of them, near misses of a wording ("Strong agree") */
    long by_head;      /* of them, answers read by their heads ("Daily: ...") */
    long total;        /* substantive answers considered */
    size_t collisions; /* different answers on one point (suggests another scale) */
    size_t covered;    /* points chosen by someone */
    size_t gaps;       /* points nobody chose between the lowest and highest chosen */
    unsigned long long used; /* bit k: point k chosen */
    /* Points nobody chose at an end, beside a chosen end point that holds
     * at least 35% of 30 or more answers: a crowded end is the scale's end
     * (241 of 331 at "usually" and none at "always": there is no
     * "always"), so such a reading is implausible. */
    bool crowded_empty_end;
} tcs_scale_fit;

/* The label scale that best explains the answers (non-substantive and
 * missing answers left out by the caller; family NULL = any, else only that
 * family): the most answers matched, then the fewest collisions, then the
 * fewest points nobody chose between chosen ones, then no empty end beside
 * a crowded one, then a user's scale, then one whose every point was
 * chosen, then the usual form of the family, then the fewest points, then
 * the first in table order. False when none matches at least 2
 * points and 80% of the answers. */
bool tcs_scale_choose(const tcs_scale_matcher *m, const tcs_answer_count *answers, size_t n,
                      const char *family, tcs_scale_fit *out);

/* The fit of one given definition (what tcs_scale_choose weighs). */
void tcs_scale_fit_def(const tcs_scale_matcher *m, const tcs_scale_def *def,
                       const tcs_answer_count *answers, size_t n, tcs_scale_fit *out);

/* The point (0-based) of the scale whose wording the answer nearly is (one
 * or two letters off: "Strong agree", "Stongly agree"), when exactly one
 * point's wording is that close and the answer is no exact wording of any;
 * -1 otherwise. */
int tcs_scale_near_point(const tcs_scale *scale, const char *s, size_t n);

/* Whole numbers (or labelled numbers): sets min and max to the extent of
 * the values and prefixed (may be NULL) to whether any answer had a label.
 * Answers that are not numbers are counted in *others (may be NULL) and
 * skipped; false when no answer is a number. */
bool tcs_scale_numeric_extent(const tcs_answer_count *answers, size_t n, int *min, int *max,
                              bool *prefixed, long *others);

/* The range a rating column needs: the smallest standard range holding
 * [lo, hi]. The common ranges (1-4, 1-5, 1-6, 1-7, 1-10, 0-10) count
 * whenever they hold the answers; the others (1-3, 1-9, 0-3, 0-4, 0-5,
 * 0-6) only when an answer reaches both their ends, since a 1-10 item that
 * nobody rated 10 is more likely than a 1-9 one. False if none. */
bool tcs_scale_smallest_range(int lo, int hi, int *min, int *max);

/* A range said in a question's wording ("on a scale of 1 to 10", "(0-10)",
 * "1 = not at all, 5 = completely"): true and *min, *max when the text
 * names exactly one plausible range. */
bool tcs_scale_range_in_text(const char *text, int *min, int *max);

#ifdef __cplusplus
}
#endif
#endif
