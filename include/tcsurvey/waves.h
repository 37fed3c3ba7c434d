/* waves.h - several survey waves side by side: questions matched across
 * waves, one scale per question, and the change between waves.
 *
 * Waves are treated as independent samples. Where the same people answer
 * again the p-values are approximate (the output says so). */
#ifndef TCSURVEY_WAVES_H
#define TCSURVEY_WAVES_H

#include <stdbool.h>
#include <stddef.h>
#include "tcsurvey/codebook.h"
#include "tcsurvey/compare.h"
#include "tcsurvey/survey.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TCS_WAVES_MAX 16

/* Split "LABEL=PATH", or take a bare PATH whose file name holds a year
 * (tcs_wave_label_from_path). Writes label (at most labelsz bytes) and
 * points *path into spec. TCS_EINVAL when a bare path has no year. */
tcs_status tcs_wave_spec_parse(const char *spec, char *label, size_t labelsz,
                               const char **path, tcs_error *err);

/* As tcs_wave_spec_parse, but a bare path whose name holds no year is
 * fine: label is then "" (tcs_waves_load labels it from the file's name
 * when it is the only wave, else from its responses' dates). */
tcs_status tcs_wave_spec_split(const char *spec, char *label, size_t labelsz,
                               const char **path, tcs_error *err);

/* The label of the only wave when its file's name holds no year: the
 * name without its folder and extension ("staff-survey.xlsx" ->
 * "staff-survey"), cut at a character boundary to fit outsz. */
void tcs_wave_label_from_name(const char *path, char *out, size_t outsz);

/* A survey folder's wave file: which export is which wave, so that no
 * export has to be renamed to hold a year. CSV, columns wave (the label;
 * empty = as for a bare FILE) and file (the export; a relative path is
 * relative to the folder); rows starting with '#' are comments. */
#define TCS_WAVE_FILE "waves.csv"

/* Read the wave file path of the survey folder folder into *specs
 * ("LABEL=PATH" or a bare PATH, n of them, in the file's order; free with
 * tcs_wave_specs_free). Errors: reader errors; TCS_ECONFIG (no file
 * column, a row without a file, a label with '=' or '/' or longer than 31
 * bytes, no rows), with row and column. */
tcs_status tcs_wave_file_load(const char *path, const char *folder, char ***specs, size_t *n,
                              tcs_error *err);
void tcs_wave_specs_free(char **specs, size_t n);

typedef struct {
    char label[32];
    const tcs_survey *survey;
} tcs_wave_info;

/* How a question was found in the waves: by its id, by a codebook row,
 * by its statement, or asked in one wave only. */
typedef enum {
    TCS_MATCHED_SINGLE = 0, /* "single wave" */
    TCS_MATCHED_ID,         /* "id" */
    TCS_MATCHED_CODEBOOK,   /* "codebook" */
    TCS_MATCHED_STATEMENT   /* "statement" */
} tcs_matched_by;

/* "single wave", "id", "codebook", "statement": the JSON values. */
const char *tcs_matched_by_name(tcs_matched_by m);

/* A question as it stands across the waves. */
typedef struct {
    const char *id;
    const char *statement;
    const char *pillar;      /* first wave's that has one, or NULL */
    tcs_matched_by match;    /* how it was found in the waves */
    const char *matched_by;  /* tcs_matched_by_name(match), kept for callers that read it */
    bool reverse;
    const tcs_column *cols[TCS_WAVES_MAX]; /* per wave; NULL where not asked */
    size_t present;          /* waves that ask it */
    bool conflict;           /* scales that cannot be reconciled: no comparison */
    char conflict_reason[256];
    tcs_scale scale;         /* the one scale of all waves (unless conflict) */
    long counts[TCS_WAVES_MAX][TCS_SCALE_POINTS_MAX]; /* per wave on that scale */
} tcs_matched;

/* The change of one question between two waves. */
typedef struct {
    size_t question;       /* index into the matched questions */
    size_t from, to;       /* wave indexes */
    tcs_change change;
    bool has_q;
    double q;              /* Benjamini-Hochberg over the pair's questions (MWU p) */
    tcs_verdict verdict;   /* tcs_verdict_of(change, has_q, q, alpha) */
    /* The smallest change in mean the test could detect at alpha with 80%
     * power (TCS_MDC_POWER), from each wave's n, variance and population
     * (tcs_change_mdc): "no clear change" is to be read against it. */
    bool has_mdc;
    double mdc;
    tcs_mark mark;         /* tcs_change_mark(change, verdict, alpha): the printed interval
                              and the verdict differ */
} tcs_question_change;

/* The power the minimum detectable change is worked out for. */
#define TCS_MDC_POWER 0.8

/* A pillar's score compared between two waves, on the items both ask. */
typedef struct {
    char pillar[128];
    size_t from, to;
    size_t items;                 /* items both waves ask */
    long excluded_from, excluded_to; /* respondents under half the items answered */
    bool has_alpha_from, has_alpha_to;
    double alpha_from, alpha_to;  /* Cronbach's alpha on those items */
    long alpha_n_from, alpha_n_to; /* the complete cases alpha is computed on */
    bool alpha_few_from, alpha_few_to; /* fewer than TCS_ALPHA_MIN_CASES complete cases:
                                          no alpha, and a warning */
    tcs_change change;            /* populations applied as for questions */
    bool has_q;
    double q;                     /* BH over the pair's pillars (MWU p) */
    tcs_verdict verdict;          /* tcs_verdict_of(change, has_q, q, alpha) */
    bool has_mdc;                 /* as for questions, on the pillar scores */
    double mdc;
    tcs_mark mark;
} tcs_pillar_change;

/* A pillar in each wave, on all the items that wave asks. */
typedef struct {
    char pillar[128];
    bool present[TCS_WAVES_MAX];
    size_t items[TCS_WAVES_MAX];
    size_t n[TCS_WAVES_MAX];      /* respondents scored */
    bool has_mean[TCS_WAVES_MAX], has_alpha[TCS_WAVES_MAX];
    double mean[TCS_WAVES_MAX], alpha[TCS_WAVES_MAX];
    long alpha_n[TCS_WAVES_MAX];  /* complete cases of alpha */
    bool alpha_few[TCS_WAVES_MAX]; /* fewer than TCS_ALPHA_MIN_CASES: no alpha */
} tcs_pillar_trend;

typedef struct tcs_waves tcs_waves;

/* The file-name form of a wave label (summary-NAME.csv): characters that
 * file systems refuse or shells split on (/ \ : * ? " < > | space) and
 * control characters as '-'. */
void tcs_wave_file_name(const char *label, char *out, size_t outsz);

/* Load each spec ("LABEL=PATH" or PATH) with the shared codebook (may be
 * NULL). A PATH whose name holds no year is labelled by its name when it
 * is the only wave, else by the year of its earliest response, which must
 * differ from the other waves' (a warning says so; TCS_EINVAL naming the
 * file when it has no dates or shares the year). Waves whose labels are
 * all numbers are put in ascending order.
 * A codebook row that matches no column in any wave is TCS_ECODEBOOK.
 * Errors of any wave pass through, naming its file. One wave is allowed
 * (check against published baselines); compare needs two. TCS_EINVAL for
 * more than TCS_WAVES_MAX waves (naming those left out), a label that is
 * not UTF-8, and two labels that are equal or that name the same file
 * (tcs_wave_file_name, ignoring case). Control characters in a label
 * become spaces. The same file given as two waves is a warning
 * (tcs_waves_warning). */
tcs_status tcs_waves_load(const char *const *specs, size_t n, const tcs_codebook *cb,
                          const char *sheet, tcs_waves **out, tcs_error *err);

typedef struct {
    const tcs_codebook *codebook; /* may be NULL */
    const char *sheet;            /* xlsx sheet, NULL = first visible */
    const tcs_scale_set *scales;  /* a scales file's scales (may be NULL) */
    const tcs_keyfile *labels;    /* a key file: statements, labels of codes (may be NULL) */
    bool allow_other;             /* answers off a codebook's scale: warn, not fail */
} tcs_waves_options;

/* tcs_waves_load with every option. A question that no codebook or file
 * convention gives a scale is put on the scale all its waves' answers
 * choose together (scale_basis tcs_basis_waves where that changed a
 * wave's own reading). codebook and scales must outlive the waves. */
tcs_status tcs_waves_load_with(const char *const *specs, size_t n, const tcs_waves_options *o,
                               tcs_waves **out, tcs_error *err);
void tcs_waves_free(tcs_waves *w);

/* The same waves restricted to the rows filters[i] keeps in wave i (one
 * filter per wave), on the scales of all (tcs_load_options.like): a
 * group's waves for --by. The codebook given to tcs_waves_load must still
 * be alive. Compare the result with tcs_waves_compare. */
tcs_status tcs_waves_subset(const tcs_waves *all, const tcs_row_filter *filters,
                            tcs_waves **out, tcs_error *err);

/* One filter per wave: the rows of one group in each. */
typedef struct {
    tcs_row_filter wave[TCS_WAVES_MAX];
} tcs_wave_filters;

/* n subsets at once, one pass over each wave's file for all of them:
 * out[g] is tcs_waves_subset with filters[g].wave. On error every out[g]
 * is NULL. */
tcs_status tcs_waves_subsets(const tcs_waves *all, const tcs_wave_filters *filters, size_t n,
                             tcs_waves **out, tcs_error *err);

/* Compare: consecutive pairs and, with three or more waves, first to last.
 * alpha is the q threshold for a verdict other than "no clear change".
 * Pillar scores re-read each file (TCS_EIO if one changed since loading). */
tcs_status tcs_waves_compare(tcs_waves *w, double alpha, tcs_error *err);

/* tcs_waves_compare for each of n waves that are subsets of the same files
 * (the groups of --by, from tcs_waves_subsets), with one pass over each
 * file for the pillar scores of all of them. TCS_EINVAL when they are not
 * of the same files. */
tcs_status tcs_waves_compare_many(tcs_waves *const *w, size_t n, double alpha, tcs_error *err);

/* Warnings about the waves as given (the same file as two waves); the
 * warnings of each wave's import are its survey's. */
size_t tcs_waves_nwarnings(const tcs_waves *w);
const char *tcs_waves_warning(const tcs_waves *w, size_t i);

/* ---- populations ----
 * The number of people a wave was sent to (its population), when known.
 * Then its means, shares and changes carry the finite population
 * correction (compare.h): the figures describe that year's staff, not a
 * process that produced them. May be set before or after
 * tcs_waves_compare; after, the changes of that wave are remade (their
 * verdicts rest on the rank test, which has no finite-population form,
 * and do not move). population 0 = not known. TCS_EINVAL when population
 * is negative or below the wave's responses (naming the wave). */
tcs_status tcs_waves_set_population(tcs_waves *w, size_t wave, long population,
                                    tcs_error *err);
long tcs_waves_population(const tcs_waves *w, size_t wave);
/* responses / population in percent; false when the population is not known. */
bool tcs_waves_response_rate(const tcs_waves *w, size_t wave, double *percent);
/* Whether any wave has a population (the outputs then say so). */
bool tcs_waves_have_population(const tcs_waves *w);
/* The assumption, in one sentence, for outputs with populations. */
extern const char tcs_population_assumption[];

size_t tcs_waves_count(const tcs_waves *w);
const tcs_wave_info *tcs_waves_wave(const tcs_waves *w, size_t i);
size_t tcs_waves_nquestions(const tcs_waves *w);
const tcs_matched *tcs_waves_question(const tcs_waves *w, size_t i);
size_t tcs_waves_npillar_changes(const tcs_waves *w);
const tcs_pillar_change *tcs_waves_pillar_change(const tcs_waves *w, size_t i);
size_t tcs_waves_npillars(const tcs_waves *w);
const tcs_pillar_trend *tcs_waves_pillar(const tcs_waves *w, size_t i);
size_t tcs_waves_nchanges(const tcs_waves *w);
const tcs_question_change *tcs_waves_change(const tcs_waves *w, size_t i);
/* The change of matched question `question` between waves from and to,
 * or NULL when compare did not make that pair or the question is not
 * compared in it. */
const tcs_question_change *tcs_waves_find_change(const tcs_waves *w, size_t question,
                                                 size_t from, size_t to);
double tcs_waves_alpha(const tcs_waves *w);

#ifdef __cplusplus
}
#endif
#endif
