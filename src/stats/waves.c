/* waves.c - load survey waves, match questions across them and give each
 * one scale; the changes between them are waves_compare.c's. */
#define _POSIX_C_SOURCE 200809L
#include "tcsurvey/waves.h"
#include "stats/wavelabel.h"
#include "tcsurvey/fs.h"
#include "tcsurvey/pillar.h"
#include "tcsurvey/question.h"
#include "tcsurvey/text.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "stats/waves_internal.h"

static bool all_numeric_labels(const tcs_waves *w)
{
    for (size_t i = 0; i < w->n; i++) {
        const char *p = w->waves[i].label;
        if (!*p)
            return false;
        for (; *p; p++)
            if (!isdigit((unsigned char)*p))
                return false;
    }
    return true;
}


static bool same_statement(const tcs_column *a, const tcs_column *b)
{
    char na[512], nb[512];
    if (!a->statement || !b->statement)
        return false;
    tcs_label_normalise(a->statement, strlen(a->statement), na, sizeof na);
    tcs_label_normalise(b->statement, strlen(b->statement), nb, sizeof nb);
    return na[0] && strcmp(na, nb) == 0;
}

/* Range a column's answers actually use, from its counts. */
static bool observed_extent(const tcs_column *c, int *lo, int *hi)
{
    bool any = false;
    for (size_t k = 0; k < c->scale.npoints; k++)
        if (c->counts[k] > 0) {
            if (!any)
                *lo = c->scale.min + (int)k;
            *hi = c->scale.min + (int)k;
            any = true;
        }
    return any;
}

/* A range set by the codebook, or a convention that several rating
 * columns of the file share, is a fact about the form: two waves that
 * disagree asked a different question. A range inferred from one column's
 * own answers is a guess, widened over the waves. So is a label scale
 * chosen from one wave's answers: the waves' answers together choose it. */
#define CONVENTION_MIN_COLUMNS 3
static bool firm_scale(const tcs_column *c, const tcs_survey *s)
{
    if (!c->scale_basis)
        return false;
    if (c->scale_basis == tcs_basis_codebook)
        return true;
    return c->scale.kind == TCS_SCALE_NUMERIC && c->scale_basis == tcs_basis_file_range &&
           tcs_survey_common_range_votes(s) >= CONVENTION_MIN_COLUMNS;
}

static bool same_scale(const tcs_scale *a, const tcs_scale *b)
{
    return a->kind == b->kind && a->min == b->min && a->max == b->max &&
           (a->kind != TCS_SCALE_LABELS || strcmp(a->name, b->name) == 0);
}

static void conflict(tcs_matched *m, const char *fmt, const char *a, const char *wa,
                     const char *b, const char *wb)
{
    snprintf(m->conflict_reason, sizeof m->conflict_reason, fmt, a, wa, b, wb);
    m->conflict = true;
}

/* The firm scale every wave that has one agrees on (NULL: none); a
 * conflict when two disagree. */
static const tcs_column *firm_of(tcs_waves *w, tcs_matched *m)
{
    const tcs_column *firm = NULL;
    size_t fw = 0;
    for (size_t i = 0; i < w->n && !m->conflict; i++) {
        const tcs_column *c = m->cols[i];
        if (!c || !firm_scale(c, w->surveys[i]))
            continue;
        if (firm && !same_scale(&firm->scale, &c->scale))
            conflict(m, firm->scale.kind == TCS_SCALE_NUMERIC ? "rating %s in %s but %s in %s"
                                                               : "scale %s in %s but %s in %s",
                     firm->scale.name, w->waves[fw].label, c->scale.name, w->waves[i].label);
        if (!firm) {
            firm = c;
            fw = i;
        }
    }
    return firm;
}

/* The label scale the answers of every wave choose together. */
static bool union_labels(const tcs_waves *w, const tcs_matched *m, tcs_scale *out)
{
    size_t total = 0;
    for (size_t i = 0; i < w->n; i++)
        if (m->cols[i]) {
            if (m->cols[i]->scale.kind != TCS_SCALE_LABELS || !m->cols[i]->answers)
                return false;
            total += m->cols[i]->nanswers;
        }
    tcs_answer_count *u = calloc(total ? total : 1, sizeof *u);
    if (!u)
        return false;
    size_t k = 0;
    for (size_t i = 0; i < w->n; i++)
        for (size_t a = 0; m->cols[i] && a < m->cols[i]->nanswers; a++) {
            const tcs_label_count *lc = &m->cols[i]->answers[a];
            if (!tcs_answer_is_nonsubstantive(lc->label, strlen(lc->label)))
                u[k++] = (tcs_answer_count){lc->label, strlen(lc->label), lc->count};
        }
    tcs_scale_fit f;
    bool found = tcs_scale_choose(w->matcher, u, k, NULL, &f);
    free(u);
    if (found)
        tcs_scale_from_def(f.def, out);
    return found;
}

/* A wave that read the question on the scale of its file's other
 * questions of the family (points nobody chose here are on the form)
 * gives that scale, when every wave's answers are on it. */
static bool family_scale(tcs_waves *w, tcs_matched *m)
{
    const tcs_column *fam = NULL;
    for (size_t i = 0; i < w->n && !fam; i++)
        if (m->cols[i] && m->cols[i]->scale_basis == tcs_basis_file_labels &&
            m->cols[i]->scale.def)
            fam = m->cols[i];
    if (!fam)
        return false;
    for (size_t i = 0; i < w->n; i++) {
        const tcs_column *c = m->cols[i];
        for (size_t a = 0; c && a < c->nanswers; a++) {
            const tcs_label_count *lc = &c->answers[a];
            int v;
            size_t len = strlen(lc->label);
            if (!tcs_answer_is_nonsubstantive(lc->label, len) &&
                !tcs_scale_value(&fam->scale, lc->label, len, &v))
                return false;
        }
    }
    m->scale = fam->scale;
    return true;
}

/* The one scale of a question whose waves all inferred theirs. */
static void shared_scale(tcs_waves *w, tcs_matched *m)
{
    const tcs_column *first = NULL;
    bool labels = false;
    int lo = 0, hi = 0;
    bool any = false;
    for (size_t i = 0; i < w->n; i++) {
        const tcs_column *c = m->cols[i];
        if (!c)
            continue;
        if (!first)
            first = c;
        labels |= c->scale.kind == TCS_SCALE_LABELS;
        int a, b;
        if (observed_extent(c, &a, &b)) {
            lo = any && lo < a ? lo : a;
            hi = any && hi > b ? hi : b;
            any = true;
        }
    }
    int rmin, rmax;
    m->scale = first->scale;
    if (m->present == 1)
        return; /* one wave's reading, which saw its file's other questions, stands */
    if (labels && !family_scale(w, m))
        union_labels(w, m, &m->scale);
    else if (!labels && any && tcs_scale_smallest_range(lo, hi, &rmin, &rmax))
        tcs_scale_numeric(rmin, rmax, &m->scale);
}

/* Every wave on the question's scale: columns on another one are counted
 * again on it from their answers (a rating range widened, a label scale
 * the waves chose together); answers outside it are a conflict. */
static void put_on_scale(tcs_waves *w, tcs_matched *m, bool rescale)
{
    for (size_t i = 0; i < w->n && !m->conflict; i++) {
        const tcs_column *c = m->cols[i];
        if (!c)
            continue;
        bool kinds_differ = c->scale.kind != m->scale.kind;
        if (kinds_differ && (c->scale.min != m->scale.min || c->scale.max != m->scale.max)) {
            conflict(m, "scale %s in %s cannot be put on %s%s", c->scale.name,
                     w->waves[i].label, m->scale.name, "");
            return;
        }
        if (rescale && !same_scale(&c->scale, &m->scale) && c->answers &&
            !c->distinct_overflow) {
            size_t k = 0;
            while (tcs_survey_column(w->surveys[i], k) != c)
                k++;
            tcs_error err;
            if (tcs_survey_rescale(w->surveys[i], k, &m->scale, tcs_basis_waves, &err) !=
                TCS_OK) {
                conflict(m, "%s%s%s%s", "out of memory", "", "", "");
                return;
            }
        }
        for (size_t k = 0; k < c->scale.npoints; k++) {
            if (c->counts[k] <= 0)
                continue;
            int v = c->scale.min + (int)k;
            if (v < m->scale.min || v > m->scale.max) {
                char val[16];
                snprintf(val, sizeof val, "%d", v);
                conflict(m, "answers of %s in %s are outside %s%s", val, w->waves[i].label,
                         m->scale.name, "");
                return;
            }
            m->counts[i][v - m->scale.min] = c->counts[k];
        }
    }
}

/* One scale for a question across the waves: the one a codebook or a
 * file's convention fixes, else the one all the waves' answers choose.
 * rescale: put the waves' columns on it (a subset of waves, for --by,
 * already has the scales of the whole). */
static void reconcile_scale(tcs_waves *w, tcs_matched *m, bool rescale)
{
    const tcs_column *firm = firm_of(w, m);
    if (m->conflict)
        return;
    if (firm)
        m->scale = firm->scale;
    else
        shared_scale(w, m);
    put_on_scale(w, m, rescale);
}

static tcs_status match_questions(tcs_waves *w, bool rescale, tcs_error *err)
{
    size_t cap = 0;
    for (size_t i = 0; i < w->n; i++)
        cap += tcs_survey_ncolumns(w->surveys[i]);
    w->questions = calloc(cap ? cap : 1, sizeof *w->questions);
    if (!w->questions)
        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < w->n; i++) {
        const tcs_survey *s = w->surveys[i];
        for (size_t k = 0; k < tcs_survey_ncolumns(s); k++) {
            const tcs_column *c = tcs_survey_column(s, k);
            if (!tcs_column_is_question(c))
                continue;
            tcs_matched *m = NULL;
            tcs_matched_by how = TCS_MATCHED_SINGLE;
            for (size_t q = 0; q < w->nquestions && !m; q++) {
                tcs_matched *cand = &w->questions[q];
                if (cand->cols[i] || tcs_question_id_positional(c->id) || strcmp(cand->id, c->id) != 0)
                    continue;
                m = cand;
                how = c->codebook_row ? TCS_MATCHED_CODEBOOK : TCS_MATCHED_ID;
            }
            for (size_t q = 0; q < w->nquestions && !m; q++) {
                tcs_matched *cand = &w->questions[q];
                const tcs_column *first = NULL;
                for (size_t j = 0; j < w->n && !first; j++)
                    first = cand->cols[j];
                if (!cand->cols[i] && same_statement(first, c)) {
                    m = cand;
                    how = TCS_MATCHED_STATEMENT;
                }
            }
            if (!m) {
                m = &w->questions[w->nquestions++];
                m->id = c->id;
                m->statement = c->statement;
                m->match = TCS_MATCHED_SINGLE;
            } else if (m->present == 1 || m->match == TCS_MATCHED_ID) {
                m->match = how;
            }
            m->matched_by = tcs_matched_by_name(m->match);
            m->cols[i] = c;
            m->present++;
            m->reverse = m->reverse || c->reverse;
            if (!m->pillar && c->pillar)
                m->pillar = c->pillar;
        }
    }
    for (size_t q = 0; q < w->nquestions; q++)
        reconcile_scale(w, &w->questions[q], rescale);
    return TCS_OK;
}

static tcs_status check_codebook(const tcs_waves *w, const tcs_codebook *cb, tcs_error *err)
{
    for (size_t e = 0; e < tcs_codebook_size(cb); e++) {
        const tcs_codebook_entry *ce = tcs_codebook_entry_at(cb, e);
        bool expected = false, matched = false;
        for (size_t i = 0; i < w->n && !matched; i++) {
            if (!tcs_codebook_entry_in_wave(ce, w->waves[i].label))
                continue;
            expected = true;
            const tcs_survey *s = w->surveys[i];
            for (size_t k = 0; k < tcs_survey_ncolumns(s) && !matched; k++)
                matched = tcs_survey_column(s, k)->codebook_row == ce->row;
        }
        if (expected && !matched)
            return tcs_error_set(err, TCS_ECODEBOOK, tcs_codebook_path(cb), ce->row, 0,
                                 "%s '%s' matches no column in any wave",
                                 ce->pattern ? "pattern" : "question",
                                 ce->pattern ? ce->pattern : ce->id);
    }
    return TCS_OK;
}

const char *tcs_matched_by_name(tcs_matched_by m)
{
    switch (m) {
    case TCS_MATCHED_ID: return "id";
    case TCS_MATCHED_CODEBOOK: return "codebook";
    case TCS_MATCHED_STATEMENT: return "statement";
    case TCS_MATCHED_SINGLE: break;
    }
    return "single wave";
}

bool tcs_waves_add_warning(tcs_waves *w, const char *text)
{
    char **nw = realloc(w->warnings, (w->nwarnings + 1) * sizeof *nw);
    if (!nw)
        return false;
    w->warnings = nw;
    if (!(nw[w->nwarnings] = tcs_strndup(text, strlen(text))))
        return false;
    w->nwarnings++;
    return true;
}

/* The same file given as two waves compares it with itself. */
static tcs_status same_file_warnings(tcs_waves *w, tcs_error *err)
{
    for (size_t i = 0; i < w->n; i++)
        for (size_t j = i + 1; j < w->n; j++) {
            const char *a = tcs_survey_path(w->surveys[i]), *b = tcs_survey_path(w->surveys[j]);
            if (!tcs_fs_same_file(a, b))
                continue;
            char text[TCS_ERROR_MSG_MAX];
            snprintf(text, sizeof text,
                     "waves %s and %s are the same file (%.400s): they show no change by "
                     "construction",
                     w->waves[i].label, w->waves[j].label, b);
            if (!tcs_waves_add_warning(w, text))
                return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
        }
    return TCS_OK;
}

tcs_status tcs_waves_load(const char *const *specs, size_t n, const tcs_codebook *cb,
                          const char *sheet, tcs_waves **out, tcs_error *err)
{
    tcs_waves_options o = {.codebook = cb, .sheet = sheet};
    return tcs_waves_load_with(specs, n, &o, out, err);
}

/* A matcher over the built-in scales and those of the scales file. */
static tcs_scale_matcher *make_matcher(const tcs_scale_set *set)
{
    size_t nu = tcs_scale_set_count(set);
    const tcs_scale_def **u = calloc(nu ? nu : 1, sizeof *u);
    for (size_t k = 0; u && k < nu; k++)
        u[k] = tcs_scale_set_at(set, k);
    tcs_scale_matcher *m = u ? tcs_scale_matcher_new(u, nu) : NULL;
    free(u);
    return m;
}

/* Labels for the waves given without one, then every label checked
 * against the others. */
static tcs_status label_unlabelled(tcs_waves *w, tcs_error *err)
{
    for (size_t i = 0; i < w->n; i++)
        w->waves[i].survey = w->surveys[i];
    char *notes[TCS_WAVES_MAX] = {NULL};
    tcs_status st = tcs_wave_labels_resolve(w->waves, w->n, notes, TCS_WAVES_MAX, err);
    for (size_t i = 0; i < TCS_WAVES_MAX; i++) {
        if (st == TCS_OK && notes[i] && !tcs_waves_add_warning(w, notes[i]))
            st = tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
        free(notes[i]);
    }
    for (size_t i = 0; i < w->n && st == TCS_OK; i++)
        st = tcs_wave_label_check(w->waves, i, tcs_survey_path(w->surveys[i]), err);
    return st;
}

tcs_status tcs_waves_load_with(const char *const *specs, size_t n, const tcs_waves_options *wo,
                               tcs_waves **out, tcs_error *err)
{
    const tcs_codebook *cb = wo->codebook;
    const char *sheet = wo->sheet;
    *out = NULL;
    if (n < 1)
        return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0, "give at least one wave");
    if (n > TCS_WAVES_MAX)
        return tcs_waves_too_many(specs, n, err);
    tcs_waves *w = calloc(1, sizeof *w);
    if (!w || !(w->matcher = make_matcher(wo->scales))) {
        free(w);
        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    }
    w->scales = wo->scales;
    tcs_status st = TCS_OK;
    for (size_t i = 0; i < n && st == TCS_OK; i++) {
        const char *path;
        st = tcs_wave_spec_split(specs[i], w->waves[i].label, sizeof w->waves[i].label, &path,
                                 err);
        if (st == TCS_OK && w->waves[i].label[0])
            st = tcs_wave_label_check(w->waves, i, path, err);
        if (st != TCS_OK)
            break;
        tcs_load_options o = {.codebook = cb,
                              .sheet = sheet,
                              .scales = wo->scales,
                              .labels = wo->labels,
                              .allow_other = wo->allow_other,
                              .wave_label = w->waves[i].label[0] ? w->waves[i].label : NULL,
                              .allow_unmatched_codebook = true};
        st = tcs_survey_load(path, &o, &w->surveys[i], err);
        w->n = i + 1;
    }
    if (st == TCS_OK)
        st = label_unlabelled(w, err);
    if (st == TCS_OK && all_numeric_labels(w)) {
        /* chronological: insertion sort keeps equal-length order stable */
        for (size_t i = 1; i < w->n; i++)
            for (size_t j = i; j > 0 && atol(w->waves[j - 1].label) > atol(w->waves[j].label);
                 j--) {
                tcs_wave_info t = w->waves[j];
                w->waves[j] = w->waves[j - 1];
                w->waves[j - 1] = t;
                tcs_survey *s = w->surveys[j];
                w->surveys[j] = w->surveys[j - 1];
                w->surveys[j - 1] = s;
            }
    }
    for (size_t i = 0; i < w->n; i++)
        w->waves[i].survey = w->surveys[i];
    if (st == TCS_OK)
        st = same_file_warnings(w, err);
    if (st == TCS_OK)
        st = check_codebook(w, cb, err);
    if (st == TCS_OK)
        st = match_questions(w, true, err);
    if (st != TCS_OK) {
        tcs_waves_free(w);
        return st;
    }
    w->cb = cb;
    w->sheet = sheet;
    *out = w;
    return TCS_OK;
}

size_t tcs_waves_nwarnings(const tcs_waves *w) { return w->nwarnings; }
const char *tcs_waves_warning(const tcs_waves *w, size_t i)
{
    return i < w->nwarnings ? w->warnings[i] : NULL;
}

tcs_status tcs_waves_subsets(const tcs_waves *all, const tcs_wave_filters *filters, size_t n,
                             tcs_waves **out, tcs_error *err)
{
    for (size_t g = 0; g < n; g++)
        out[g] = NULL;
    tcs_row_filter *f = calloc(n ? n : 1, sizeof *f);
    tcs_survey **loaded = calloc(n ? n : 1, sizeof *loaded);
    tcs_status st = f && loaded ? TCS_OK : tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t g = 0; g < n && st == TCS_OK; g++) {
        if (!(out[g] = calloc(1, sizeof *out[g]))) {
            st = tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        out[g]->cb = all->cb;
        out[g]->sheet = all->sheet;
        out[g]->scales = all->scales;
    }
    /* one pass over each wave's file for every subset */
    for (size_t i = 0; i < all->n && st == TCS_OK; i++) {
        for (size_t g = 0; g < n; g++)
            f[g] = filters[g].wave[i];
        tcs_load_options o = {.codebook = all->cb,
                              .sheet = all->sheet,
                              .wave_label = all->waves[i].label,
                              .allow_unmatched_codebook = true,
                              .like = all->surveys[i]};
        st = tcs_survey_load_groups(tcs_survey_path(all->surveys[i]), &o, f, n, loaded, err);
        for (size_t g = 0; g < n && st == TCS_OK; g++) {
            tcs_waves *w = out[g];
            w->waves[i] = all->waves[i];
            w->surveys[i] = loaded[g];
            w->waves[i].survey = loaded[g];
            w->n = i + 1;
        }
    }
    for (size_t g = 0; g < n && st == TCS_OK; g++)
        st = match_questions(out[g], false, err);
    free(f);
    free(loaded);
    if (st != TCS_OK)
        for (size_t g = 0; g < n; g++) {
            tcs_waves_free(out[g]);
            out[g] = NULL;
        }
    return st;
}

tcs_status tcs_waves_subset(const tcs_waves *all, const tcs_row_filter *filters,
                            tcs_waves **out, tcs_error *err)
{
    tcs_wave_filters f;
    memcpy(f.wave, filters, all->n * sizeof *filters);
    return tcs_waves_subsets(all, &f, 1, out, err);
}

void tcs_waves_free(tcs_waves *w)
{
    if (!w)
        return;
    free(w->pchanges);
    free(w->pillars);
    for (size_t i = 0; i < TCS_WAVES_MAX; i++)
        tcs_survey_free(w->surveys[i]);
    free(w->questions);
    free(w->changes);
    tcs_scale_matcher_free(w->matcher);
    for (size_t i = 0; i < w->nwarnings; i++)
        free(w->warnings[i]);
    free(w->warnings);
    free(w);
}

size_t tcs_waves_count(const tcs_waves *w) { return w->n; }
const tcs_wave_info *tcs_waves_wave(const tcs_waves *w, size_t i)
{
    return i < w->n ? &w->waves[i] : NULL;
}
size_t tcs_waves_nquestions(const tcs_waves *w) { return w->nquestions; }
const tcs_matched *tcs_waves_question(const tcs_waves *w, size_t i)
{
    return i < w->nquestions ? &w->questions[i] : NULL;
}
size_t tcs_waves_npillar_changes(const tcs_waves *w) { return w->npchanges; }
const tcs_pillar_change *tcs_waves_pillar_change(const tcs_waves *w, size_t i)
{
    return i < w->npchanges ? &w->pchanges[i] : NULL;
}
size_t tcs_waves_npillars(const tcs_waves *w) { return w->npillars; }
const tcs_pillar_trend *tcs_waves_pillar(const tcs_waves *w, size_t i)
{
    return i < w->npillars ? &w->pillars[i] : NULL;
}
size_t tcs_waves_nchanges(const tcs_waves *w) { return w->nchanges; }
const tcs_question_change *tcs_waves_change(const tcs_waves *w, size_t i)
{
    return i < w->nchanges ? &w->changes[i] : NULL;
}
const tcs_question_change *tcs_waves_find_change(const tcs_waves *w, size_t question,
                                                 size_t from, size_t to)
{
    for (size_t i = 0; i < w->nchanges; i++) {
        const tcs_question_change *c = &w->changes[i];
        if (c->question == question && c->from == from && c->to == to)
            return c;
    }
    return NULL;
}
double tcs_waves_alpha(const tcs_waves *w) { return w->alpha; }

