/* waves.c - match questions across survey waves, give each one scale, and
 * compute the change between waves. */
#define _POSIX_C_SOURCE 200809L
#include "tcsurvey/waves.h"
#include "stats/wavelabel.h"
#include "tcsurvey/fs.h"
#include "tcsurvey/pillar.h"
#include "tcsurvey/text.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct tcs_waves {
    size_t n;
    tcs_wave_info waves[TCS_WAVES_MAX];
    tcs_survey *surveys[TCS_WAVES_MAX];
    tcs_matched *questions;
    size_t nquestions;
    tcs_question_change *changes;
    size_t nchanges;
    tcs_pillar_change *pchanges;
    size_t npchanges;
    tcs_pillar_trend *pillars;
    size_t npillars;
    double alpha;
    bool compared;           /* tcs_waves_compare has run */
    long population[TCS_WAVES_MAX]; /* 0 = not known */
    const tcs_codebook *cb; /* as given to tcs_waves_load (caller's) */
    const char *sheet;
    const tcs_scale_set *scales; /* as given (caller's), or NULL */
    tcs_scale_matcher *matcher;  /* choosing a question's scale from every wave's answers */
    char **warnings;        /* about the waves as given (the same file twice) */
    size_t nwarnings;
};

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

/* Ids made from a column's position mean nothing across files. */
static bool positional_id(const char *id)
{
    if (strncmp(id, "col", 3) != 0 || !id[3])
        return false;
    for (const char *p = id + 3; *p; p++)
        if (!isdigit((unsigned char)*p))
            return false;
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
            const char *how = NULL;
            for (size_t q = 0; q < w->nquestions && !m; q++) {
                tcs_matched *cand = &w->questions[q];
                if (cand->cols[i] || positional_id(c->id) || strcmp(cand->id, c->id) != 0)
                    continue;
                m = cand;
                how = c->codebook_row ? "codebook" : "id";
            }
            for (size_t q = 0; q < w->nquestions && !m; q++) {
                tcs_matched *cand = &w->questions[q];
                const tcs_column *first = NULL;
                for (size_t j = 0; j < w->n && !first; j++)
                    first = cand->cols[j];
                if (!cand->cols[i] && same_statement(first, c)) {
                    m = cand;
                    how = "statement";
                }
            }
            if (!m) {
                m = &w->questions[w->nquestions++];
                m->id = c->id;
                m->statement = c->statement;
                m->matched_by = "single wave";
            } else if (m->present == 1 || strcmp(m->matched_by, "id") == 0) {
                m->matched_by = how;
            }
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

static bool add_warning(tcs_waves *w, const char *text)
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
            if (!add_warning(w, text))
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
        if (st == TCS_OK && notes[i] && !add_warning(w, notes[i]))
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

/* A wave's pillar scores: each pillar on all its items (the trend), and
 * on the items it shares with each wave it is compared with. */
typedef struct {
    tcs_pillar_scores *whole;
    tcs_pillar_scores *with[TCS_WAVES_MAX]; /* NULL: not compared */
} wave_sets;

static tcs_status pillar_sets(tcs_waves *const *w, size_t n, size_t (*pairs)[2], size_t npairs,
                              wave_sets (*sets)[TCS_WAVES_MAX], tcs_error *err);
static tcs_status pillar_pair(tcs_waves *w, size_t a, size_t b, const tcs_pillar_scores *pa,
                              const tcs_pillar_scores *pb, tcs_error *err);
static tcs_status pillar_trend(tcs_waves *w, const wave_sets *sets, tcs_error *err);

/* The pairs of waves compared: each with the next, and the first with the
 * last when there are more than two. */
static size_t wave_pairs(size_t n, size_t (*pairs)[2])
{
    size_t npairs = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        pairs[npairs][0] = i;
        pairs[npairs++][1] = i + 1;
    }
    if (n > 2) {
        pairs[npairs][0] = 0;
        pairs[npairs++][1] = n - 1;
    }
    return npairs;
}

/* The minimum detectable change and the mark of a compared change. */
static void question_evidence(tcs_question_change *c, double alpha)
{
    c->has_mdc = tcs_change_mdc(&c->change, alpha, TCS_MDC_POWER, &c->mdc);
    c->mark = tcs_change_mark(&c->change, c->verdict, alpha);
}

static void pillar_evidence(tcs_pillar_change *pc, double alpha)
{
    pc->has_mdc = tcs_change_mdc(&pc->change, alpha, TCS_MDC_POWER, &pc->mdc);
    pc->mark = tcs_change_mark(&pc->change, pc->verdict, alpha);
}

/* Every question's change for each pair, BH within a pair. */
static tcs_status compare_questions(tcs_waves *w, double alpha, size_t (*pairs)[2], size_t npairs,
                                    tcs_error *err)
{
    w->alpha = alpha;
    free(w->changes);
    w->nchanges = 0;
    w->changes = calloc(npairs * (w->nquestions ? w->nquestions : 1), sizeof *w->changes);
    double *p = malloc((w->nquestions ? w->nquestions : 1) * sizeof *p);
    double *q = malloc((w->nquestions ? w->nquestions : 1) * sizeof *q);
    if (!w->changes || !p || !q) {
        free(p);
        free(q);
        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t k = 0; k < npairs; k++) {
        size_t first = w->nchanges, a = pairs[k][0], b = pairs[k][1];
        for (size_t i = 0; i < w->nquestions; i++) {
            const tcs_matched *m = &w->questions[i];
            if (m->conflict || !m->cols[a] || !m->cols[b])
                continue;
            tcs_question_change *c = &w->changes[w->nchanges++];
            c->question = i;
            c->from = a;
            c->to = b;
            /* as answered (compare.h: one rule for reverse-coded items) */
            tcs_change_from_counts(&m->scale, m->counts[a], m->counts[b], false, &c->change);
            if (w->population[a] || w->population[b])
                tcs_change_set_population(&c->change, w->population[a], w->population[b]);
        }
        size_t cnt = w->nchanges - first;
        for (size_t i = 0; i < cnt; i++) {
            const tcs_change *ch = &w->changes[first + i].change;
            p[i] = ch->has_mwu ? ch->mwu_p : strtod("nan", NULL);
        }
        tcs_bh_adjust(p, cnt, q);
        for (size_t i = 0; i < cnt; i++) {
            tcs_question_change *c = &w->changes[first + i];
            c->has_q = c->change.has_mwu;
            c->q = c->has_q ? q[i] : 0.0;
            c->verdict = tcs_verdict_of(&c->change, c->has_q, c->q, alpha);
            question_evidence(c, alpha);
        }
    }
    free(p);
    free(q);
    free(w->pchanges);
    free(w->pillars);
    w->pchanges = NULL;
    w->pillars = NULL;
    w->npchanges = w->npillars = 0;
    return TCS_OK;
}

tcs_status tcs_waves_compare(tcs_waves *w, double alpha, tcs_error *err)
{
    return tcs_waves_compare_many(&w, 1, alpha, err);
}

/* ---- populations ---- */

const char tcs_population_assumption[] =
    "With populations given, the figures describe the staff the survey was sent to that "
    "year, not a process that produced them: means, shares and their changes carry the "
    "finite population correction, taking each question's respondents as a simple random "
    "sample of that population (those who did not answer are assumed to be like those who "
    "did).";

tcs_status tcs_waves_set_population(tcs_waves *w, size_t wave, long population,
                                    tcs_error *err)
{
    if (wave >= w->n)
        return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0, "no wave %zu", wave + 1);
    long responses = tcs_survey_responses(w->surveys[wave]);
    if (population < 0 || (population > 0 && population < responses))
        return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0,
                             "the population of wave %s (%ld) is less than its %ld responses: "
                             "give the number of people the survey was sent to",
                             w->waves[wave].label, population, responses);
    w->population[wave] = population;
    if (!w->compared)
        return TCS_OK;
    /* remake the changes of this wave; verdicts rest on the rank test */
    for (size_t i = 0; i < w->nchanges; i++) {
        tcs_question_change *c = &w->changes[i];
        if (c->from != wave && c->to != wave)
            continue;
        tcs_change_set_population(&c->change, w->population[c->from], w->population[c->to]);
        question_evidence(c, w->alpha);
    }
    for (size_t i = 0; i < w->npchanges; i++) {
        tcs_pillar_change *pc = &w->pchanges[i];
        if (pc->from != wave && pc->to != wave)
            continue;
        tcs_change_set_population(&pc->change, w->population[pc->from], w->population[pc->to]);
        pillar_evidence(pc, w->alpha);
    }
    return TCS_OK;
}

long tcs_waves_population(const tcs_waves *w, size_t wave)
{
    return wave < w->n ? w->population[wave] : 0;
}

bool tcs_waves_response_rate(const tcs_waves *w, size_t wave, double *percent)
{
    *percent = 0.0;
    if (wave >= w->n || w->population[wave] <= 0)
        return false;
    *percent = 100.0 * (double)tcs_survey_responses(w->surveys[wave]) /
               (double)w->population[wave];
    return true;
}

bool tcs_waves_have_population(const tcs_waves *w)
{
    for (size_t i = 0; i < w->n; i++)
        if (w->population[i] > 0)
            return true;
    return false;
}

tcs_status tcs_waves_compare_many(tcs_waves *const *w, size_t n, double alpha, tcs_error *err)
{
    if (n == 0)
        return TCS_OK;
    for (size_t g = 1; g < n; g++) {
        bool same = w[g]->n == w[0]->n;
        for (size_t i = 0; same && i < w[0]->n; i++)
            same = strcmp(tcs_survey_path(w[g]->surveys[i]), tcs_survey_path(w[0]->surveys[i])) == 0;
        if (!same)
            return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0,
                                 "waves compared together must be subsets of the same waves");
    }
    size_t pairs[TCS_WAVES_MAX][2];
    size_t npairs = wave_pairs(w[0]->n, pairs);
    tcs_status st = TCS_OK;
    for (size_t g = 0; g < n && st == TCS_OK; g++) {
        st = compare_questions(w[g], alpha, pairs, npairs, err);
        w[g]->compared = st == TCS_OK;
    }
    wave_sets (*sets)[TCS_WAVES_MAX] = calloc(n, sizeof *sets);
    if (st == TCS_OK && !sets)
        st = tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    if (st == TCS_OK)
        st = pillar_sets(w, n, pairs, npairs, sets, err);
    for (size_t g = 0; g < n && st == TCS_OK; g++) {
        for (size_t k = 0; st == TCS_OK && k < npairs; k++) {
            size_t a = pairs[k][0], b = pairs[k][1];
            st = pillar_pair(w[g], a, b, sets[g][a].with[b], sets[g][b].with[a], err);
        }
        if (st == TCS_OK)
            st = pillar_trend(w[g], sets[g], err);
    }
    for (size_t g = 0; sets && g < n; g++)
        for (size_t i = 0; i < w[g]->n; i++) {
            tcs_pillar_scores_free(sets[g][i].whole);
            for (size_t j = 0; j < w[g]->n; j++)
                tcs_pillar_scores_free(sets[g][i].with[j]);
        }
    free(sets);
    return st;
}

/* ---- pillars ---- */

typedef struct {
    const tcs_waves *w;
    size_t wave, other; /* columns kept: asked in both, comparable */
} keep_ctx;

static bool keep_common(const tcs_column *c, void *vctx)
{
    const keep_ctx *k = vctx;
    for (size_t q = 0; q < k->w->nquestions; q++) {
        const tcs_matched *m = &k->w->questions[q];
        if (m->cols[k->wave] == c)
            return !m->conflict && m->cols[k->other] != NULL;
    }
    return false;
}

static bool find_pillar(const tcs_pillar_scores *ps, const char *name, tcs_pillar_info *out)
{
    for (size_t i = 0; i < tcs_pillar_count(ps); i++)
        if (tcs_pillar_at(ps, i, out) && strcmp(out->pillar, name) == 0)
            return true;
    return false;
}

/* Every score set of every wave of each of the n waves (subsets of the
 * same files: the groups of --by), one pass over each wave's file for all
 * of them. */
static tcs_status pillar_sets(tcs_waves *const *w, size_t n, size_t (*pairs)[2], size_t npairs,
                              wave_sets (*sets)[TCS_WAVES_MAX], tcs_error *err)
{
    size_t per = TCS_WAVES_MAX + 1; /* requests per waves of one wave index */
    keep_ctx *kc = calloc(n * per, sizeof *kc);
    tcs_pillar_request *req = calloc(n * per, sizeof *req);
    tcs_pillar_scores **out = calloc(n * per, sizeof *out);
    size_t *owner = calloc(n * per, sizeof *owner), *partner = calloc(n * per, sizeof *partner);
    tcs_status st = kc && req && out && owner && partner
                        ? TCS_OK
                        : tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < w[0]->n && st == TCS_OK; i++) {
        size_t nreq = 0;
        for (size_t g = 0; g < n; g++) {
            owner[nreq] = g;
            partner[nreq] = SIZE_MAX; /* the whole pillars */
            req[nreq++] = (tcs_pillar_request){.survey = w[g]->surveys[i]};
            for (size_t k = 0; k < npairs; k++) {
                if (pairs[k][0] != i && pairs[k][1] != i)
                    continue;
                size_t other = pairs[k][0] == i ? pairs[k][1] : pairs[k][0];
                kc[nreq] = (keep_ctx){w[g], i, other};
                owner[nreq] = g;
                partner[nreq] = other;
                req[nreq] = (tcs_pillar_request){
                    .survey = w[g]->surveys[i], .keep = keep_common, .ctx = &kc[nreq]};
                nreq++;
            }
        }
        st = tcs_pillar_scores_compute_many(w[0]->surveys[i], req, nreq, out, err);
        for (size_t k = 0; k < nreq && st == TCS_OK; k++) {
            wave_sets *ws = &sets[owner[k]][i];
            if (partner[k] == SIZE_MAX)
                ws->whole = out[k];
            else
                ws->with[partner[k]] = out[k];
        }
    }
    free(kc);
    free(req);
    free(out);
    free(owner);
    free(partner);
    return st; /* on error the caller frees the sets made so far */
}

static tcs_status pillar_trend(tcs_waves *w, const wave_sets *sets, tcs_error *err)
{
    w->pillars = calloc(16, sizeof *w->pillars);
    size_t cap = 16;
    if (!w->pillars)
        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < w->n; i++) {
        const tcs_pillar_scores *ps = sets[i].whole;
        for (size_t k = 0; k < tcs_pillar_count(ps); k++) {
            tcs_pillar_info info;
            tcs_pillar_at(ps, k, &info);
            size_t j = 0;
            while (j < w->npillars && strcmp(w->pillars[j].pillar, info.pillar) != 0)
                j++;
            if (j == w->npillars) {
                if (j == cap) {
                    tcs_pillar_trend *np = realloc(w->pillars, 2 * cap * sizeof *np);
                    if (!np)
                        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
                    w->pillars = np;
                    cap *= 2;
                }
                memset(&w->pillars[j], 0, sizeof w->pillars[j]);
                snprintf(w->pillars[j].pillar, sizeof w->pillars[j].pillar, "%s", info.pillar);
                w->npillars++;
            }
            tcs_pillar_trend *t = &w->pillars[j];
            t->present[i] = true;
            t->items[i] = info.nitems;
            t->n[i] = info.nscores;
            t->has_mean[i] = info.has_mean;
            t->mean[i] = info.mean;
            t->has_alpha[i] = info.has_alpha;
            t->alpha[i] = info.alpha;
            t->alpha_n[i] = info.alpha_n;
            t->alpha_few[i] = info.alpha_few;
        }
    }
    return TCS_OK;
}

/* Compare each pillar of waves a and b, scored on the items both ask (pa,
 * pb). */
static tcs_status pillar_pair(tcs_waves *w, size_t a, size_t b, const tcs_pillar_scores *pa,
                              const tcs_pillar_scores *pb, tcs_error *err)
{
    tcs_status st = TCS_OK;
    size_t first = w->npchanges;
    for (size_t k = 0; st == TCS_OK && k < tcs_pillar_count(pa); k++) {
        tcs_pillar_info ia, ib;
        tcs_pillar_at(pa, k, &ia);
        if (!find_pillar(pb, ia.pillar, &ib))
            continue;
        tcs_pillar_change *pc = realloc(w->pchanges, (w->npchanges + 1) * sizeof *pc);
        if (!pc) {
            st = tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        w->pchanges = pc;
        pc = &w->pchanges[w->npchanges++];
        memset(pc, 0, sizeof *pc);
        snprintf(pc->pillar, sizeof pc->pillar, "%s", ia.pillar);
        pc->from = a;
        pc->to = b;
        pc->items = ia.nitems;
        pc->excluded_from = ia.excluded;
        pc->excluded_to = ib.excluded;
        pc->has_alpha_from = ia.has_alpha;
        pc->alpha_from = ia.alpha;
        pc->has_alpha_to = ib.has_alpha;
        pc->alpha_to = ib.alpha;
        pc->alpha_n_from = ia.alpha_n;
        pc->alpha_n_to = ib.alpha_n;
        pc->alpha_few_from = ia.alpha_few;
        pc->alpha_few_to = ib.alpha_few;
        /* without one range for all items, "% high" has no midpoint */
        double mid = ia.has_midpoint && ib.has_midpoint && ia.midpoint == ib.midpoint
                         ? ia.midpoint
                         : strtod("inf", NULL);
        st = tcs_change_from_distinct(ia.values, ia.counts, ia.nvalues, ib.values, ib.counts,
                                      ib.nvalues, mid, &pc->change, err);
        if (st == TCS_OK && (w->population[a] || w->population[b]))
            tcs_change_set_population(&pc->change, w->population[a], w->population[b]);
    }
    if (st != TCS_OK)
        return st;
    size_t cnt = w->npchanges - first;
    double p[64], q[64];
    for (size_t i = 0; i < cnt && i < 64; i++)
        p[i] = w->pchanges[first + i].change.has_mwu ? w->pchanges[first + i].change.mwu_p
                                                     : strtod("nan", NULL);
    tcs_bh_adjust(p, cnt < 64 ? cnt : 64, q);
    for (size_t i = 0; i < cnt; i++) {
        tcs_pillar_change *pc = &w->pchanges[first + i];
        pc->has_q = i < 64 && pc->change.has_mwu;
        pc->q = pc->has_q ? q[i] : 0.0;
        pc->verdict = tcs_verdict_of(&pc->change, pc->has_q, pc->q, w->alpha);
        pillar_evidence(pc, w->alpha);
    }
    return TCS_OK;
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
