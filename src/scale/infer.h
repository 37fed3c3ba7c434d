/* infer.h - a role and a scale for every column of an export, from its
 * answers, its header and the codebook (internal to the library).
 *
 * The import counts each column's distinct answers; inference then reads
 * them in steps, each a function of infer.c:
 *   1. evidence  the substantive answers, how many are numbers, which label
 *                scale fits best
 *   2. role      what the column is: a label scale, a rating range, codes
 *                of a demographic, 0/1 options, multi-select, free text...
 *   3. grids     the rows of one grid share one scale, chosen from all
 *                their answers together
 *   4. families  a label scale that only lacks end points another question
 *                of its family has is read as that one; an empty middle is
 *                believed when many answered, else flagged as ambiguous
 *   5. ranges    the range most rating columns need, and the range a
 *                question's wording names
 *   6. finish    the scale, the counts, what is left over, and warnings. */
#ifndef TCS_SCALE_INFER_H
#define TCS_SCALE_INFER_H

#include <stdbool.h>
#include <stddef.h>
#include "tcsurvey/layout.h"
#include "tcsurvey/scale.h"
#include "tcsurvey/survey.h"

/* One column as the import leaves it. */
typedef struct {
    tcs_column *c;                   /* identity, codebook settings; role set for metadata
                                        and excluded columns; the rest is filled */
    const tcs_codebook_entry *entry; /* its codebook row, or NULL */
    tcs_answer_count *answers;       /* every distinct non-blank answer kept, trimmed */
    size_t nanswers;
    bool overflow;                   /* more distinct answers than kept */
    bool overflow_numeric_only;      /* every answer not kept was a number */
    long not_kept;                   /* answers not kept (overflow) */
    long semicolon_cells;            /* answers holding ';' */
    long long total_len;             /* bytes of all answers */
} tcs_infer_column;

typedef void (*tcs_warn_fn)(void *ctx, const char *message);

typedef struct {
    const char *path;                 /* the export, for messages */
    tcs_platform platform;
    const tcs_scale_matcher *matcher; /* built-in and scales-file scales */
    bool allow_other;                 /* answers off a codebook's scale: warn, not fail */
    const char *codebook_path;
    tcs_warn_fn warn;
    void *warn_ctx;
} tcs_infer_context;

typedef struct {
    bool has_common_range;
    tcs_scale common_range;
    size_t common_range_votes;
} tcs_infer_result;

/* Infer every column of cols[0..n). Errors: TCS_ENOMEM; TCS_ECODEBOOK when
 * a scale the codebook names leaves answers out (unless allow_other) or a
 * codebook row says rating and no scale explains the answers. */
tcs_status tcs_infer_columns(const tcs_infer_context *ctx, tcs_infer_column *cols, size_t n,
                             tcs_infer_result *out, tcs_error *err);

/* Count a column's answers (a[0..n), and not_kept more that were not kept)
 * on its scale: counts, valid, nonsubstantive, other, unknown; near misses
 * of a label scale's wordings are accepted into c->near. False when out of
 * memory. */
bool tcs_column_tally(tcs_column *c, const tcs_answer_count *a, size_t n, long not_kept);

/* The part of s[0..n) between prefix and suffix (words in label normal
 * form, either may be NULL), in normal form, into out: false when s has
 * neither around some words. */
bool tcs_strip_affixes(const char *prefix, const char *suffix, const char *s, size_t n,
                       char *out, size_t outsz);

/* Free what tcs_column_tally and inference gave the column (near misses,
 * unknown answers, notes); the rest of the column is the import's. */
void tcs_column_free_reading(tcs_column *c);

/* The unknown answers of a column in words for a message: counts, and at
 * most a few short labels, never one only one respondent gave or that
 * reads as free text ("'Strong agree' (12), 'Agre' (2) and 3 other
 * answers"). Writes into buf. */
void tcs_describe_unknown(const tcs_column *c, char *buf, size_t n);

/* ---- words.c: what the words of a header or an answer say ---- */

/* True when the header reads as a demographic question (gender, age,
 * faculty, grade, contract...) rather than a statement to rate. */
bool tcs_header_is_demographic(const char *statement);

/* True when the header asks for a quantity ("How many years...", "How
 * long have you...") rather than a rating. */
bool tcs_header_asks_quantity(const char *statement);

/* "5+", "10 or more", "More than 10", "> 1,000": a count in a bin. */
bool tcs_answer_count_bin(const char *s, size_t n);

/* An answer that opts out of the question ("I am not collaborating.",
 * "I have never used it") rather than answering it. */
bool tcs_answer_opts_out(const char *s, size_t n);

/* norm (normal form) holds the whole word w. */
bool tcs_has_word(const char *norm, const char *w);

/* The longest run of whole words (normal form) that at least 60% of the
 * n distinct answers norms[], two at least, start (suffix: end) with and
 * that leaves words of their own, into out; false when none. */
bool tcs_common_affix(char (*norms)[160], size_t n, bool suffix, char *out, size_t outsz);

#endif
