/* draft.h - a survey folder drafted from the exports (tcsurvey draft).
 *
 * From one or more waves' exports, tcs_draft_write writes a survey folder
 * that `tcsurvey report FOLDER` uses as it is, and that a person then
 * corrects in Excel:
 *   codebook.csv  one row per column of every wave: id, the full
 *                 statement, role, scale (a built-in name, or the answers
 *                 written out in labels), reverse and pillar (guessed from
 *                 the wording), include, waves (for questions not asked in
 *                 every wave), pattern (a heading, for columns known by
 *                 position across several waves) and check: in words, which
 *                 guesses need a person's look and why;
 *   targets.csv   the targets file's columns and one example row per kind
 *                 of success measure, each a comment (first cell "# ...");
 *   waves.csv     which export is which wave (the exports are referenced
 *                 where they are, never copied or renamed);
 *   README.txt    the next steps;
 *   scales.csv, labels.csv  copies of the scales and key files given.
 * The folder is written aside and renamed into place whole, with a
 * manifest (.tcsurvey-draft): an existing folder is replaced only with
 * force and only when it is a draft still exactly as written (a codebook
 * edited since is never touched).
 *
 * The guesses generalise from how questionnaires are written: the
 * wording of the four Technician Commitment pillars, negative wording,
 * attention checks, and numbered sections whose questions share a pillar. */
#ifndef TCSURVEY_DRAFT_H
#define TCSURVEY_DRAFT_H

#include <stdbool.h>
#include <stddef.h>
#include "tcsurvey/error.h"
#include "tcsurvey/waves.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The manifest's name in a drafted folder. */
extern const char tcs_draft_manifest_name[]; /* ".tcsurvey-draft" */

/* ---- guesses from wording ---- */

/* The Technician Commitment pillar a statement's wording names
 * ("Visibility", "Recognition", "Career Development", "Sustainability"),
 * or NULL when it names none or two equally. words (may be NULL) gets the
 * words that decided it, quoted ("'career', 'progression'"). */
const char *tcs_pillar_guess(const char *statement, char *words, size_t wordssz);

/* Is the statement worded negatively ("I do not feel valued", "I feel
 * undervalued"), so that agreeing is unfavourable? word (may be NULL)
 * gets the negative word. Two negatives ("I am not unhappy") are no
 * guess: false, with *two set (may be NULL). */
bool tcs_reverse_guess(const char *statement, char *word, size_t wordsz, bool *two);

/* Does the statement read like an attention check ("Please select
 * 'Agree' for this question")? */
bool tcs_attention_check_guess(const char *statement);

/* ---- the folder ---- */

typedef struct {
    const char *out;           /* the survey folder to write */
    bool force;                /* replace a draft tcsurvey wrote there, unchanged */
    const char *const *waves;  /* "LABEL=FILE" or FILE (tcs_waves_load) */
    size_t nwaves;
    const char *sheet;         /* xlsx sheet, NULL = first visible */
    const char *scales;        /* a scales file (--scales), or NULL: copied as scales.csv */
    const char *labels;        /* a key file (--labels), or NULL: copied as labels.csv */
} tcs_draft_options;

typedef struct {
    tcs_waves *waves;          /* as loaded (its warnings are the waves'); owned */
    tcs_scale_set *scales;     /* the scales file's, which the waves use; owned */
    tcs_keyfile *labels;       /* the key file, which the waves use; owned */
    size_t rows;               /* codebook rows */
    size_t questions;          /* of them, rating questions */
    size_t with_scale;         /* questions whose scale is written */
    size_t with_pillar;        /* questions with a pillar guessed */
    size_t to_check;           /* rows whose check column says something */
} tcs_draft_result;

/* Write the folder o->out. On success *out says what was written (free
 * with tcs_draft_result_free); on failure nothing is written. Errors: any
 * of loading the waves and the scales and key files; TCS_EOUTPUT (out
 * exists and is not empty and not a draft exactly as tcsurvey wrote it,
 * or is one and force is not set; it cannot be written). */
tcs_status tcs_draft_write(const tcs_draft_options *o, tcs_draft_result *out, tcs_error *err);
void tcs_draft_result_free(tcs_draft_result *r);

#ifdef __cplusplus
}
#endif
#endif
