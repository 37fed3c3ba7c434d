/* draft_internal.h - the rows of a drafted codebook (internal to the
 * library: src/draft). */
#ifndef TCS_DRAFT_INTERNAL_H
#define TCS_DRAFT_INTERNAL_H

#include "tcsurvey/draft.h"
#include "tcsurvey/scale.h"
#include "tcsurvey/waves.h"

/* A growing text. */
typedef struct {
    char *s;
    size_t len, cap;
    bool oom;
} draft_text;

void draft_text_add(draft_text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* One row of the codebook: a column of one wave, or the columns of
 * several waves that are one question. */
typedef struct {
    const tcs_column *cols[TCS_WAVES_MAX]; /* per wave; NULL where it is not */
    const tcs_matched *m;  /* a question as matched across the waves, or NULL */
    size_t first;          /* the first wave that has it */
    size_t next;           /* the next row in questionnaire order (SIZE_MAX: last) */
    char *id;              /* owned */
    char *pattern;         /* a heading, control characters as '?' (owned), or NULL */
    const char *statement; /* borrowed */
    const char *role;      /* the codebook's word */
    bool question, include, reverse;
    bool repeated_heading; /* its heading is another column's too (first wave) */
    const tcs_scale *scale; /* written, or NULL */
    char *labels;          /* the scale's answers written out (owned), or NULL */
    char *nonsubstantive;  /* owned, or NULL */
    const char *pillar;    /* guessed, or NULL */
    char pillar_words[160];
    int pillar_score;
    char *waves;           /* owned, or NULL: every wave */
    draft_text look;       /* what needs a person's look */
    draft_text info;       /* what was guessed, for the record */
} draft_row;

typedef struct {
    draft_row *r;
    size_t n, cap;
    size_t head; /* the first row in questionnaire order */
} draft_rows;

/* The rows of every column of every wave of w, with their guesses;
 * scales: the scales file's (names written instead of labels), may be
 * NULL. */
tcs_status tcs_draft_rows_make(const tcs_waves *w, const tcs_scale_set *scales, draft_rows *rows,
                               tcs_error *err);
void tcs_draft_rows_free(draft_rows *rows);

/* The check text of a row: its look notes, then its info notes (heap;
 * NULL when out of memory). */
char *tcs_draft_row_check(const draft_row *r);

/* The role, scale, reading, reverse and notes of a row. */
tcs_status tcs_draft_fields(const tcs_waves *w, const tcs_scale_set *scales, draft_row *row,
                            tcs_error *err);

/* tcs_pillar_guess, with the winning pillar's score (0 for none). */
const char *tcs_draft_pillar_score(const char *statement, char *words, size_t wordssz,
                                   int *score);

/* Pillars for the rows: each question's own wording, else its section's
 * (numbered items that share a prefix: 1.1 and 1.2, Q5_1 and Q5_2). */
void tcs_draft_pillars(draft_rows *rows);

#endif
