/* codebook.h - optional per-question settings kept in a CSV file.
 *
 * Columns (header names, any order, case-insensitive): id (required),
 * pattern, statement, pillar, scale, reverse, include, waves. A row applies to the
 * column whose header matches its pattern (a glob, '*' and '?'), or else to
 * the question whose id is its id. */
#ifndef TCSURVEY_CODEBOOK_H
#define TCSURVEY_CODEBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include "tcsurvey/error.h"
#include "tcsurvey/scale.h"

#ifdef __cplusplus
extern "C" {
#endif

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
} tcs_codebook_entry;

/* True if the entry's question is asked in the wave labelled label: always
 * when the entry names no waves; never when label is NULL but it does. */
bool tcs_codebook_entry_in_wave(const tcs_codebook_entry *e, const char *label);

typedef struct tcs_codebook tcs_codebook;

/* Read a codebook. Errors (TCS_ECODEBOOK with row and column): no id
 * column, empty id, duplicate id, unknown scale, a yes/no field that is
 * neither. Reader errors pass through. */
tcs_status tcs_codebook_load(const char *path, tcs_codebook **out, tcs_error *err);
void tcs_codebook_free(tcs_codebook *cb);

size_t tcs_codebook_size(const tcs_codebook *cb);
const tcs_codebook_entry *tcs_codebook_entry_at(const tcs_codebook *cb, size_t i);
const char *tcs_codebook_path(const tcs_codebook *cb);

#ifdef __cplusplus
}
#endif
#endif
