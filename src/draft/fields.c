/* fields.c - what a drafted codebook row says of its columns: role,
 * scale (written only when every answer is on it), the answers kept out
 * of means, reverse and pillar guessed from the wording, and, in words,
 * what a person should look at (the check column). */
#define _POSIX_C_SOURCE 200809L
#include "draft/draft_internal.h"
#include "scale/infer.h"
#include "tcsurvey/escape.h"
#include "tcsurvey/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The codebook's word for a role (what tcs_codebook_load reads back). */
static const char *role_word(tcs_role r)
{
    switch (r) {
    case TCS_ROLE_LIKERT:
    case TCS_ROLE_RATING: return "rating";
    case TCS_ROLE_CATEGORICAL: return "categorical";
    case TCS_ROLE_MULTISELECT: return "multi-select";
    case TCS_ROLE_FREETEXT: return "free-text";
    case TCS_ROLE_METADATA: return "metadata";
    default: return "excluded";
    }
}

/* A text for the check column, cut to at most max characters. */
static void shown(const char *s, size_t max, char *out, size_t outsz)
{
    size_t n = 0, chars = 0;
    while (s[n] && chars < max && n + 4 < outsz) {
        n++;
        while (((unsigned char)s[n] & 0xC0) == 0x80)
            n++;
        chars++;
    }
    snprintf(out, outsz, "%.*s%s", (int)n, s, s[n] ? "..." : "");
}

/* The scale's answers written out for the labels column: lowest first,
 * ';'-separated, each with its other wordings after '|', and =VALUE when
 * the scale does not start at 1. NULL when out of memory. */
static char *labels_of(const tcs_scale_def *d)
{
    size_t len = 1;
    for (size_t k = 0; k < d->npoints; k++)
        len += strlen(d->points[k]) + 16;
    char *s = malloc(len);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (size_t k = 0; k < d->npoints; k++) {
        size_t used = strlen(s);
        if (d->first != 1)
            snprintf(s + used, len - used, "%s%s=%d", k ? "; " : "", d->points[k],
                     d->first + (int)k);
        else
            snprintf(s + used, len - used, "%s%s", k ? "; " : "", d->points[k]);
    }
    return s;
}

/* Is def one the codebook can name: a built-in scale, or the scales file's? */
static bool nameable(const tcs_scale_def *def, const tcs_scale_set *scales)
{
    tcs_scale s;
    return (tcs_scale_by_name(def->name, &s) && s.def == def) ||
           tcs_scale_set_find(scales, def->name) == def;
}

/* The lowest and highest points anyone chose, over every wave. */
static bool chosen_extent(const tcs_waves *w, const tcs_matched *m, int *lo, int *hi)
{
    bool any = false;
    for (size_t i = 0; i < tcs_waves_count(w); i++)
        for (size_t k = 0; m->cols[i] && k < m->scale.npoints; k++)
            if (m->counts[i][k] > 0) {
                int v = m->scale.min + (int)k;
                *lo = any && *lo < v ? *lo : v;
                *hi = any && *hi > v ? *hi : v;
                any = true;
            }
    return any;
}

/* Notes on how the scale was read: ambiguity, a range unlike the others',
 * a range read from answers that do not reach its ends, near misses. */
static void scale_notes(const tcs_waves *w, draft_row *row)
{
    const tcs_matched *m = row->m;
    bool noted = false;
    for (size_t i = 0; i < tcs_waves_count(w); i++) {
        const tcs_column *c = m->cols[i];
        if (!c)
            continue;
        const char *wave = tcs_waves_wave(w, i)->label;
        if (c->ambiguous && c->scale_note && !noted) {
            draft_text_add(&row->look, "The scale may be another (%s): %s.", wave, c->scale_note);
            noted = true;
        }
        if (c->scale_differs && !noted) {
            const tcs_scale *common = tcs_survey_common_range(tcs_waves_wave(w, i)->survey);
            draft_text_add(&row->look,
                           "Its range %s differs from the %s most rating questions need: check "
                           "the question offered %s.",
                           c->scale.name, common ? common->name : "range", c->scale.name);
            noted = true;
        }
        for (size_t k = 0; k < c->nnear; k++) {
            int p = c->near[k].value - m->scale.min;
            char safe[96];
            tcs_term_text(c->near[k].label, safe, sizeof safe);
            draft_text_add(&row->look, "'%s' (%ld, %s) is read as '%s'.", safe, c->near[k].count,
                           wave, p >= 0 && (size_t)p < m->scale.npoints ? m->scale.labels[p] : "?");
        }
    }
    const tcs_column *c0 = row->cols[row->first];
    int lo, hi;
    if (!noted && m->scale.kind == TCS_SCALE_NUMERIC && c0 &&
        (c0->scale_basis == tcs_basis_own_range || c0->scale_basis == tcs_basis_grid_range) &&
        chosen_extent(w, m, &lo, &hi) && (lo > m->scale.min || hi < m->scale.max))
        draft_text_add(&row->look,
                       "Scale %s is read from answers %d to %d: if the question offered other "
                       "points, write its range.",
                       m->scale.name, lo, hi);
    if (c0 && c0->scale_basis == tcs_basis_waves)
        draft_text_add(&row->info, "Scale chosen from every wave's answers together.");
}

/* Answers read as opting out of the question, for nonsubstantive. */
static tcs_status optouts(draft_row *row, size_t nw)
{
    char list[1024] = "";
    for (size_t i = 0; i < nw; i++) {
        const tcs_column *c = row->cols[i];
        for (const char *p = c && c->optouts ? c->optouts : ""; *p;) {
            size_t len = strcspn(p, "|"), used = strlen(list);
            if (!memchr(p, ';', len) && !tcs_answer_in_list(list, p, len) &&
                used + len + 3 < sizeof list)
                snprintf(list + used, sizeof list - used, "%s%.*s", used ? "; " : "", (int)len,
                         p);
            p += len + (p[len] == '|');
        }
    }
    if (!list[0])
        return TCS_OK;
    if (!(row->nonsubstantive = tcs_strndup(list, strlen(list))))
        return TCS_ENOMEM;
    draft_text_add(&row->info, "Kept out of the mean as opting out: %s.", list);
    return TCS_OK;
}

/* The question's scale, written only when every answer of every wave is
 * on it (else the report would stop at those answers): else blank, and
 * the check says what the answers were. */
static tcs_status question_scale(const tcs_waves *w, const tcs_scale_set *scales, draft_row *row)
{
    const tcs_matched *m = row->m;
    if (m->conflict) {
        draft_text_add(&row->look,
                       "The waves' answers need different scales (%s): the scale is left blank; "
                       "write the one the question offered.",
                       m->conflict_reason);
        return TCS_OK;
    }
    for (size_t i = 0; i < tcs_waves_count(w); i++) {
        const tcs_column *c = m->cols[i];
        if (!c || c->other == 0)
            continue;
        char what[700];
        tcs_describe_unknown(c, what, sizeof what);
        draft_text_add(&row->look,
                       "In %s, %ld answers are not on %s: %s. The scale is left blank, so it is "
                       "read from the answers each time; once you have looked, write it (answers "
                       "off a written scale stop the report) or list those answers in "
                       "nonsubstantive.",
                       tcs_waves_wave(w, i)->label, c->other, m->scale.name, what);
        return TCS_OK;
    }
    if (m->scale.kind == TCS_SCALE_LABELS && m->scale.def && !nameable(m->scale.def, scales)) {
        if (!(row->labels = labels_of(m->scale.def)))
            return TCS_ENOMEM;
    } else {
        row->scale = &m->scale;
    }
    scale_notes(w, row);
    return optouts(row, tcs_waves_count(w));
}

/* Wording: reverse, attention checks, and a statement that differs
 * between waves. */
static void wording_notes(const tcs_waves *w, draft_row *row)
{
    char word[64];
    bool two;
    row->reverse = tcs_reverse_guess(row->statement, word, sizeof word, &two);
    if (row->reverse)
        draft_text_add(&row->look,
                       "Reverse is guessed yes from '%s': agreeing is then unfavourable; set no "
                       "if it is not.",
                       word);
    else if (two)
        draft_text_add(&row->look,
                       "Worded with two negatives (the first '%s'): reverse is left no; check.",
                       word);
    if (tcs_attention_check_guess(row->statement))
        draft_text_add(&row->look,
                       "It reads like an attention check: set include to no if it is one.");
    char a[512], b[512];
    const char *st = row->statement ? row->statement : "";
    tcs_label_normalise(st, strlen(st), a, sizeof a);
    for (size_t i = row->first + 1; i < tcs_waves_count(w); i++) {
        const tcs_column *c = row->cols[i];
        if (!c || !c->statement)
            continue;
        tcs_label_normalise(c->statement, strlen(c->statement), b, sizeof b);
        if (strcmp(a, b) != 0) {
            char t[400];
            shown(c->statement, 100, t, sizeof t);
            draft_text_add(&row->look, "Worded differently in %s: '%s'.",
                           tcs_waves_wave(w, i)->label, t);
        }
        if (strcmp(c->id, row->id) != 0)
            draft_text_add(&row->info, "Matched across waves by its statement (id %s in %s).",
                           c->id, tcs_waves_wave(w, i)->label);
    }
}

/* Why a column is not a question, where a person should look. */
static void other_notes(draft_row *row, const tcs_column *c)
{
    const char *why = c->reason ? c->reason : "";
    switch (c->role) {
    case TCS_ROLE_CATEGORICAL:
        if (strncmp(why, "codes of a demographic", 22) == 0)
            draft_text_add(&row->look,
                           "Numeric codes of a demographic question? Give their labels in values "
                           "(1=Female; 2=Male); if the codes are a rating, set role rating and "
                           "its scale.");
        else if (strstr(why, "key file"))
            draft_text_add(&row->look, "%s.", why);
        else if (strncmp(why, "answers that are no scale", 25) == 0 && c->distinct >= 3 &&
                 c->distinct <= TCS_SCALE_POINTS_MAX && !tcs_header_is_demographic(c->statement))
            draft_text_add(&row->look,
                           "Its %s: if they are a rating, write them lowest first in labels "
                           "and set role rating.",
                           why);
        break;
    case TCS_ROLE_NUMERIC:
        draft_text_add(&row->info, "Not analysed: %s.", why);
        break;
    case TCS_ROLE_EMPTY: draft_text_add(&row->info, "No answers."); break;
    case TCS_ROLE_FREETEXT: draft_text_add(&row->info, "Free text: never shown."); break;
    default: break;
    }
}

tcs_status tcs_draft_fields(const tcs_waves *w, const tcs_scale_set *scales, draft_row *row,
                            tcs_error *err)
{
    const tcs_column *c0 = row->cols[row->first];
    row->statement = c0->statement ? c0->statement : c0->header;
    const tcs_column *q = NULL;
    for (size_t i = 0; i < tcs_waves_count(w) && !q; i++)
        if (row->cols[i] && tcs_column_is_question(row->cols[i]))
            q = row->cols[i];
    row->question = q && row->m;
    row->role = role_word(row->question ? q->role : c0->role);
    row->include = strcmp(row->role, "metadata") != 0 && strcmp(row->role, "excluded") != 0;
    bool differ = false;
    for (size_t i = 0; i < tcs_waves_count(w); i++)
        if (row->cols[i] && strcmp(role_word(row->cols[i]->role), row->role) != 0) {
            draft_text_add(&row->look, "In %s it reads as %s (%s).", tcs_waves_wave(w, i)->label,
                           tcs_role_name(row->cols[i]->role),
                           row->cols[i]->reason ? row->cols[i]->reason : "");
            differ = true;
        }
    if (differ) {
        /* one id, read as different things: each wave is read as it is */
        draft_text_add(&row->look, "Role and scale are left blank: is it one question in "
                                   "every wave?");
        row->role = "";
        row->include = true;
        if (row->question)
            wording_notes(w, row);
        return TCS_OK;
    }
    if (row->repeated_heading)
        draft_text_add(&row->look, "Its heading is another column's too: the two are told apart "
                                   "by position; give each its statement.");
    if (row->question) {
        if (question_scale(w, scales, row) != TCS_OK)
            return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
        wording_notes(w, row);
    } else {
        other_notes(row, c0);
    }
    return TCS_OK;
}

/* ---- pillars ---- */

/* The section of a numbered or coded id: "1" of 1.4, "Q5" of Q5_2, the
 * grid's stem; "" when none. */
static void section_of(const draft_row *row, char *out, size_t outsz)
{
    const tcs_column *c = row->cols[row->first];
    out[0] = '\0';
    if (c->stem && strchr(c->id, '[')) {
        snprintf(out, outsz, "%s", c->stem);
        return;
    }
    const char *id = row->id;
    const char *cut = strrchr(id, '.');
    const char *us = strrchr(id, '_');
    if (!cut || (us && us > cut))
        cut = us;
    if (cut && cut > id && cut[1] >= '0' && cut[1] <= '9')
        snprintf(out, outsz, "%.*s", (int)(cut - id), id);
}

static const char *const pillar_names[] = {"Visibility", "Recognition", "Career Development",
                                           "Sustainability"};

static int pillar_index(const char *p)
{
    for (int k = 0; p && k < 4; k++)
        if (strcmp(p, pillar_names[k]) == 0)
            return k;
    return -1;
}

/* The pillar most of a section's guessed questions have, when more than
 * half of them and at least two do; NULL otherwise. */
static const char *section_pillar(const draft_rows *rows, const char *section, size_t *of)
{
    size_t count[4] = {0, 0, 0, 0}, guessed = 0;
    char sec[128];
    for (size_t r = 0; r < rows->n; r++) {
        const draft_row *row = &rows->r[r];
        int k = pillar_index(row->pillar);
        if (!row->question || k < 0 || row->pillar_score == 0)
            continue;
        section_of(row, sec, sizeof sec);
        if (strcmp(sec, section) != 0)
            continue;
        count[k]++;
        guessed++;
    }
    *of = guessed;
    for (int k = 0; k < 4; k++)
        if (count[k] >= 2 && 2 * count[k] > guessed)
            return pillar_names[k];
    return NULL;
}

/* The score a pillar's words must reach: 2 (two words, or one that
 * names it fairly surely such as 'engage' with 'community'), and 3 (a
 * word such as 'career' or 'professional registration') outside a survey
 * of the four pillars. */
#define PILLAR_MIN 2
#define PILLAR_SURE 3

void tcs_draft_pillars(draft_rows *rows)
{
    size_t questions = 0, guessed = 0;
    for (size_t r = 0; r < rows->n; r++) {
        draft_row *row = &rows->r[r];
        if (!row->question)
            continue;
        questions++;
        row->pillar = tcs_draft_pillar_score(row->statement, row->pillar_words,
                                             sizeof row->pillar_words, &row->pillar_score);
        guessed += row->pillar && row->pillar_score >= PILLAR_MIN;
    }
    /* a survey of the four pillars, where weaker words count too; in any
     * other, only words that name a pillar surely */
    bool tc = questions && 4 * guessed >= questions;
    for (size_t r = 0; r < rows->n; r++) {
        draft_row *row = &rows->r[r];
        if (row->pillar && row->pillar_score < (tc ? PILLAR_MIN : PILLAR_SURE)) {
            row->pillar = NULL;
            row->pillar_score = 0;
        }
    }
    char sec[128];
    for (size_t r = 0; r < rows->n; r++) {
        draft_row *row = &rows->r[r];
        if (!row->question)
            continue;
        section_of(row, sec, sizeof sec);
        size_t of = 0;
        const char *major = sec[0] ? section_pillar(rows, sec, &of) : NULL;
        if (!row->pillar && major) {
            row->pillar = major;
            draft_text_add(&row->info, "Pillar from its section: most of %s.* are %s.", sec,
                           major);
        } else if (row->pillar && major && major != row->pillar && row->pillar_score <= 1) {
            draft_text_add(&row->info,
                           "Pillar from its section (most of %s.* are %s); its own words say "
                           "%s (%s).",
                           sec, major, row->pillar, row->pillar_words);
            row->pillar = major;
        } else if (row->pillar) {
            draft_text_add(&row->info, "Pillar guessed from %s.", row->pillar_words);
        } else if (tc) {
            draft_text_add(&row->info,
                           "No pillar: its wording names none of the four; give one if it "
                           "evidences one.");
        }
    }
}
