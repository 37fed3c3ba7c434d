/* codebook.h - optional per-question settings kept in a CSV file.
 *
 * Columns (header names, any order, case-insensitive; the names are a
 * contract): id (required), pattern, statement, pillar, scale, labels,
 * nonsubstantive, values, role, reverse, include, waves. A row applies to
 * the column whose header matches its pattern (a glob, '*' and '?'), or
 * else to the question whose id is its id.
 *
 *   scale           a built-in scale name (agree5, 1-10, ...; `tcsurvey help
 *                   scales`) or the name of a scale in the scales file
 *   labels          the answers in order, lowest first, ';'-separated, each
 *                   optionally "=VALUE" and with further wordings after '|'
 *                   ("Never; Rarely; Sometimes; Often; Always"): a scale of
 *                   the question's own (tcs_scale_def_parse)
 *   nonsubstantive  answers kept out of n and the mean, ';'-separated
 *                   ("Do not know/cannot answer; N/A")
 *   values          labels of numeric codes, "1=Female; 2=Male": a coded
 *                   column reads as its labels (then as a scale, if they
 *                   are a scale's wordings)
 *   role            rating, categorical, multi-select, free-text or
 *                   exclude: what the column is, whatever its answers look
 *                   like (rating: a question scored on its scale) */
#ifndef TCSURVEY_CODEBOOK_H
#define TCSURVEY_CODEBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include "tcsurvey/error.h"
#include "tcsurvey/scale.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a codebook row says a column is (role). */
typedef enum {
    TCS_CB_ROLE_AUTO = 0,  /* not said: inferred from the answers */
    TCS_CB_ROLE_RATING,    /* a question scored on its scale */
    TCS_CB_ROLE_CATEGORICAL,
    TCS_CB_ROLE_MULTISELECT,
    TCS_CB_ROLE_FREETEXT,
    TCS_CB_ROLE_EXCLUDE
} tcs_codebook_role;

typedef struct {
    long row;        /* 1-based row in the codebook file */
    char *id;        /* never NULL */
    char *pattern;   /* NULL = match by id */
    char *statement; /* NULL = keep the header's */
    char *pillar;    /* NULL = none */
    bool has_scale;
    tcs_scale scale;
    bool reverse;
    bool include;
    char *waves; /* ";"-separated wave labels that ask this question; NULL = all */
    tcs_codebook_role role;
    tcs_scale_def *labels;  /* the `labels` column's scale (owned; scale points at it) */
    char *nonsubstantive;   /* ';'-separated, or NULL */
    tcs_value_label *values; /* the `values` column, in order; NULL when none */
    size_t nvalues;
    long scale_col, labels_col, values_col, ns_col; /* 1-based columns, for messages */
} tcs_codebook_entry;

/* True if the entry's question is asked in the wave labelled label: always
 * when the entry names no waves; never when label is NULL but it does. */
bool tcs_codebook_entry_in_wave(const tcs_codebook_entry *e, const char *label);

typedef struct tcs_codebook tcs_codebook;

/* Read a codebook. Errors (TCS_ECODEBOOK with row and column): no id
 * column, empty id, duplicate id (two rows may share an id when their
 * waves do not overlap: one id naming different questions in different
 * waves), unknown scale, both scale and labels,
 * bad labels or values, an unknown role, a yes/no field that is neither.
 * Reader errors pass through. */
tcs_status tcs_codebook_load(const char *path, tcs_codebook **out, tcs_error *err);

/* As tcs_codebook_load, with the scales of a scales file (may be NULL)
 * whose names the scale column may use; scales must outlive the codebook. */
tcs_status tcs_codebook_load_with(const char *path, const tcs_scale_set *scales,
                                  tcs_codebook **out, tcs_error *err);

/* "rating", "categorical", ... ("" for TCS_CB_ROLE_AUTO). */
const char *tcs_codebook_role_name(tcs_codebook_role role);
void tcs_codebook_free(tcs_codebook *cb);

size_t tcs_codebook_size(const tcs_codebook *cb);
const tcs_codebook_entry *tcs_codebook_entry_at(const tcs_codebook *cb, size_t i);
const char *tcs_codebook_path(const tcs_codebook *cb);

/* ---- key files (--labels) ----
 * A file that says what a platform's codes mean: two columns, a code and
 * its text. A row whose code is a whole number gives the label of that
 * answer code of the question above it (JISC Online Surveys' key export:
 * "Q12","Do you make use of ...?" then "1","always", "2","regularly"...);
 * any other row gives a question's statement (a LimeSurvey or hand-made
 * key: "G03Q13","What ..."). A header row "code,text" (any such words) is
 * skipped. */

typedef struct tcs_keyfile tcs_keyfile;

/* Errors: reader errors; TCS_ECONFIG (fewer than two columns, a code row
 * before any question, a question given twice), with row and column. */
tcs_status tcs_keyfile_load(const char *path, tcs_keyfile **out, tcs_error *err);
void tcs_keyfile_free(tcs_keyfile *k);
const char *tcs_keyfile_path(const tcs_keyfile *k);
size_t tcs_keyfile_size(const tcs_keyfile *k); /* questions */

/* What the key says of a column whose id is id: its question's statement,
 * and the labels of its answer codes (*values, *nvalues; none for 0). An
 * id the key has no row for but that is a row's code followed by _N
 * (JISC's Q9_1, Q11_1_a_1: option N of a multi-select question) gets that
 * question's statement and, as *option, the label of code N (else NULL);
 * so does "CODE[SUB]" (a LimeSurvey subquestion) when the key names CODE:
 * *option is then the text of the key's row CODE[SUB], or the label of
 * answer code SUB of CODE, or NULL.
 * False when the key says nothing of id. Pointers live as long as k. */
bool tcs_keyfile_lookup(const tcs_keyfile *k, const char *id, const char **statement,
                        const char **option, const tcs_value_label **values, size_t *nvalues);

/* The statement a key gives the column whose id is id: its question's
 * text, and for an option or a grid's row "Question [Option]" (a
 * LimeSurvey subquestion "CODE[SUB]" of a question CODE the key names
 * reads "CODE's text [SUB's text]", or "[SUB]" when the key has no text
 * for it, so that the rows of a grid read apart). Heap text (free it), or
 * NULL when the key says nothing of id (*oom set when memory ran out).
 * *values, *nvalues as tcs_keyfile_lookup. */
char *tcs_keyfile_statement(const tcs_keyfile *k, const char *id, const tcs_value_label **values,
                            size_t *nvalues, bool *oom);

#ifdef __cplusplus
}
#endif
#endif
