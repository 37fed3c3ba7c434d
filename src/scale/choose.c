/* choose.c - which label scale explains a column's answers.
 *
 * Every wording of every candidate scale is put, in its normal form, into
 * one hash index once per matcher; each distinct answer is then normalised
 * once and looked up, and every scale that has it as a wording is credited
 * with its count. Wordings ending in " *" ("More *") are tried one by one
 * (there are few). Answers no scale knows exactly may be near misses of a
 * wording of a scale that explains most of the others ("Strong agree"). */
#include "common/strindex.h"
#include "tcsurvey/scale.h"
#include "tcsurvey/text.h"

#include <stdlib.h>
#include <string.h>

#define NORM_MAX (TCS_SCALE_LABEL_MAX * 2)

typedef struct {
    size_t def;   /* index into defs */
    int point;    /* 0-based */
    size_t next;  /* next entry with the same wording, SIZE_MAX = none */
} entry;

typedef struct {
    char *prefix; /* normal form of the words before " *" */
    size_t def;
    int point;
} wildcard;

struct tcs_scale_matcher {
    const tcs_scale_def **defs; /* user definitions first, then built-ins */
    size_t ndefs, nuser;
    char **words;               /* normal forms, owned (keys of the index) */
    entry *entries;
    size_t nentries;
    tcs_strindex index;         /* wording -> first entry */
    wildcard *wild;
    size_t nwild;
};

void tcs_scale_matcher_free(tcs_scale_matcher *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nentries; i++)
        free(m->words[i]);
    for (size_t i = 0; i < m->nwild; i++)
        free(m->wild[i].prefix);
    free(m->words);
    free(m->entries);
    free(m->wild);
    free(m->defs);
    tcs_strindex_free(&m->index);
    free(m);
}

static size_t count_wordings(const tcs_scale_def *d)
{
    size_t n = 0;
    for (size_t k = 0; k < d->npoints && k < TCS_SCALE_POINTS_MAX; k++)
        for (const char *p = d->points[k]; p && *p; p++)
            n += *p == '|';
    return n + d->npoints;
}

/* Put one wording of point k of definition di into the matcher. */
static bool add_wording(tcs_scale_matcher *m, size_t di, int k, const char *w, size_t wn)
{
    char norm[NORM_MAX];
    bool star = wn >= 2 && w[wn - 1] == '*' && w[wn - 2] == ' ';
    tcs_label_normalise(w, star ? wn - 2 : wn, norm, sizeof norm);
    if (!norm[0])
        return true;
    char *copy = tcs_strndup(norm, strlen(norm));
    if (!copy)
        return false;
    if (star) {
        m->wild[m->nwild++] = (wildcard){copy, di, k};
        return true;
    }
    size_t e = m->nentries;
    m->words[e] = copy;
    m->entries[e] = (entry){di, k, SIZE_MAX};
    m->nentries++;
    bool found;
    size_t *first = tcs_strindex_get(&m->index, copy, NULL, e, &found);
    if (found) { /* chain it after the first entry with this wording */
        m->entries[e].next = m->entries[*first].next;
        m->entries[*first].next = e;
    }
    return true;
}

tcs_scale_matcher *tcs_scale_matcher_new(const tcs_scale_def *const *user, size_t n)
{
    tcs_scale_matcher *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    size_t nb = tcs_scale_builtin_count();
    m->defs = calloc(n + nb + 1, sizeof *m->defs);
    if (!m->defs) {
        free(m);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        if (user[i] && user[i]->npoints >= 2)
            m->defs[m->ndefs++] = user[i];
    m->nuser = m->ndefs;
    for (size_t i = 0; i < nb; i++)
        if (tcs_scale_builtin(i)->inferred)
            m->defs[m->ndefs++] = tcs_scale_builtin(i);
    size_t total = 0;
    for (size_t i = 0; i < m->ndefs; i++)
        total += count_wordings(m->defs[i]);
    m->words = calloc(total + 1, sizeof *m->words);
    m->entries = calloc(total + 1, sizeof *m->entries);
    m->wild = calloc(total + 1, sizeof *m->wild);
    if (!m->words || !m->entries || !m->wild || !tcs_strindex_init(&m->index, total + 1)) {
        tcs_scale_matcher_free(m);
        return NULL;
    }
    for (size_t di = 0; di < m->ndefs; di++) {
        const tcs_scale_def *d = m->defs[di];
        for (size_t k = 0; k < d->npoints && k < TCS_SCALE_POINTS_MAX; k++)
            for (const char *p = d->points[k]; p && *p;) {
                size_t wn = strcspn(p, "|");
                if (!add_wording(m, di, (int)k, p, wn)) {
                    tcs_scale_matcher_free(m);
                    return NULL;
                }
                p += wn + (p[wn] ? 1 : 0);
            }
    }
    return m;
}

/* Per candidate scale while one column is matched. */
typedef struct {
    long matched, near, by_head;
    size_t collisions, head_collisions;
    int first[TCS_SCALE_POINTS_MAX]; /* answer that first took the point, -1 none */
    long counts[TCS_SCALE_POINTS_MAX];
    bool touched;
} tally;

/* How an answer was matched to a wording. */
enum { BY_WORDING, BY_HEAD, BY_NEAR };

static void credit(tally *t, size_t a, int point, long count, char (*norms)[NORM_MAX], int by)
{
    t->touched = true;
    t->matched += count;
    t->counts[point] += count;
    if (by == BY_NEAR)
        t->near += count;
    if (by == BY_HEAD)
        t->by_head += count;
    if (t->first[point] < 0)
        t->first[point] = (int)a;
    else if (by == BY_HEAD && strcmp(norms[t->first[point]], norms[a]) != 0)
        t->head_collisions++; /* "Daily - heavy use" and "Daily - light use" */
    else if (by == BY_WORDING && strcmp(norms[t->first[point]], norms[a]) != 0)
        t->collisions++;
}

/* Credit answer a (normal form norm) to every scale with the wording;
 * true if any. */
static bool credit_exact(const tcs_scale_matcher *m, tally *t, size_t a, long count,
                         char (*norms)[NORM_MAX], const char *norm, int by)
{
    bool any = false;
    const size_t *first = tcs_strindex_find(&m->index, norm, NULL);
    for (size_t e = first ? *first : SIZE_MAX; e != SIZE_MAX; e = m->entries[e].next) {
        tally *tt = &t[m->entries[e].def];
        credit(tt, a, m->entries[e].point, count, norms, by);
        any = true;
    }
    for (size_t w = 0; w < m->nwild; w++) {
        size_t len = strlen(m->wild[w].prefix);
        if (strncmp(m->wild[w].prefix, norm, len) == 0 && norm[len] == ' ') {
            credit(&t[m->wild[w].def], a, m->wild[w].point, count, norms, by);
            any = true;
        }
    }
    return any;
}

static size_t fit_points(const tally *t, const tcs_scale_def *d, tcs_scale_fit *out)
{
    size_t covered = 0, lo = SIZE_MAX, hi = 0;
    out->used = 0;
    for (size_t k = 0; k < d->npoints && k < TCS_SCALE_POINTS_MAX; k++)
        if (t->first[k] >= 0) {
            covered++;
            out->used |= 1ull << k;
            if (lo == SIZE_MAX)
                lo = k;
            hi = k;
        }
    out->covered = covered;
    out->gaps = covered ? (hi - lo + 1) - covered : 0;
    long n = 0;
    for (size_t k = 0; k < d->npoints && k < TCS_SCALE_POINTS_MAX; k++)
        n += t->counts[k];
    out->crowded_empty_end =
        covered && n >= 30 &&
        ((hi + 1 < d->npoints && (double)t->counts[hi] >= 0.35 * (double)n) ||
         (lo > 0 && (double)t->counts[lo] >= 0.35 * (double)n));
    return covered;
}

static void fill_fit(const tally *t, const tcs_scale_def *d, long total, tcs_scale_fit *out)
{
    memset(out, 0, sizeof *out);
    out->def = d;
    out->matched = t->matched;
    out->near = t->near;
    out->by_head = t->by_head;
    out->total = total;
    out->collisions = t->collisions;
    fit_points(t, d, out);
}

/* a better than b? (ia, ib: their places in the matcher; the first nuser
 * are the user's, which win every tie the answers cannot break) */
static bool better(const tcs_scale_fit *a, size_t ia, const tcs_scale_fit *b, size_t ib,
                   size_t nuser)
{
    if (a->matched != b->matched)
        return a->matched > b->matched;
    if (a->collisions != b->collisions)
        return a->collisions < b->collisions;
    if (a->gaps != b->gaps)
        return a->gaps < b->gaps;
    if (a->crowded_empty_end != b->crowded_empty_end)
        return !a->crowded_empty_end;
    if ((ia < nuser) != (ib < nuser))
        return ia < nuser;
    /* every point chosen: the scale is all there, whatever is usual */
    bool fa = a->covered == a->def->npoints, fb = b->covered == b->def->npoints;
    if (fa != fb)
        return fa;
    if (a->def->usual != b->def->usual)
        return a->def->usual;
    if (a->def->npoints != b->def->npoints)
        return a->def->npoints < b->def->npoints;
    return ia < ib;
}

/* Answers taken by their heads ("Yes, I understand") make a scale only
 * when hardly any answer is left over ("Could use some more details"
 * beside them is a point no yes/no scale has), and never two on one point
 * ("Daily - heavy use", "Daily - light use"). Two whole wordings on one
 * point ("Neutral" and "Neither ... nor ...", typed variants) only count
 * against a scale: inference flags the column. */
static bool acceptable(const tcs_scale_fit *f, const tally *t)
{
    double need = t->by_head > 0 ? 0.95 : 0.8;
    return f->covered >= 2 && (double)f->matched >= need * (double)f->total &&
           t->head_collisions == 0;
}

/* Answers no scale knows: near misses of the wordings of the scales that
 * already explain at least half of the answers. */
static void credit_near(const tcs_scale_matcher *m, tally *t, const tcs_answer_count *answers,
                        size_t n, const bool *known, char (*norms)[NORM_MAX], long total)
{
    for (size_t di = 0; di < m->ndefs; di++) {
        if (!t[di].touched || (double)t[di].matched < 0.5 * (double)total)
            continue;
        tcs_scale s;
        tcs_scale_from_def(m->defs[di], &s);
        for (size_t a = 0; a < n; a++) {
            if (known[a])
                continue;
            int k = tcs_scale_near_point(&s, answers[a].text, answers[a].len);
            if (k >= 0)
                credit(&t[di], a, k, answers[a].count, norms, BY_NEAR);
        }
    }
}

/* Match every answer against every candidate; t has m->ndefs slots. */
static bool match_all(const tcs_scale_matcher *m, const tcs_answer_count *answers, size_t n,
                      tally *t, long *total)
{
    char (*norms)[NORM_MAX] = malloc((n ? n : 1) * sizeof *norms);
    bool *known = calloc(n ? n : 1, sizeof *known);
    if (!norms || !known) {
        free(norms);
        free(known);
        return false;
    }
    for (size_t di = 0; di < m->ndefs; di++) {
        memset(&t[di], 0, sizeof t[di]);
        for (size_t k = 0; k < TCS_SCALE_POINTS_MAX; k++)
            t[di].first[k] = -1;
    }
    *total = 0;
    for (size_t a = 0; a < n; a++) {
        *total += answers[a].count;
        size_t len = answers[a].len < 400 ? answers[a].len : 400;
        tcs_label_normalise(answers[a].text, len, norms[a], sizeof norms[a]);
        known[a] = norms[a][0] && credit_exact(m, t, a, answers[a].count, norms, norms[a],
                                               BY_WORDING);
        char head[NORM_MAX];
        if (!known[a] && tcs_answer_head(answers[a].text, len, head, sizeof head))
            known[a] = credit_exact(m, t, a, answers[a].count, norms, head, BY_HEAD);
    }
    credit_near(m, t, answers, n, known, norms, *total);
    free(norms);
    free(known);
    return true;
}

bool tcs_scale_choose(const tcs_scale_matcher *m, const tcs_answer_count *answers, size_t n,
                      const char *family, tcs_scale_fit *out)
{
    if (!m || n == 0)
        return false;
    tally *t = malloc(m->ndefs * sizeof *t + 1);
    long total;
    if (!t || !match_all(m, answers, n, t, &total)) {
        free(t);
        return false;
    }
    bool found = false;
    size_t best_i = 0;
    for (size_t di = 0; di < m->ndefs; di++) {
        const tcs_scale_def *d = m->defs[di];
        if (!t[di].touched || (family && strcmp(d->family, family) != 0))
            continue;
        tcs_scale_fit f;
        fill_fit(&t[di], d, total, &f);
        if (!acceptable(&f, &t[di]))
            continue;
        if (!found || better(&f, di, out, best_i, m->nuser)) {
            *out = f;
            best_i = di;
            found = true;
        }
    }
    free(t);
    return found;
}

void tcs_scale_fit_def(const tcs_scale_matcher *m, const tcs_scale_def *def,
                       const tcs_answer_count *answers, size_t n, tcs_scale_fit *out)
{
    memset(out, 0, sizeof *out);
    out->def = def;
    if (!m)
        return;
    size_t di = 0;
    while (di < m->ndefs && m->defs[di] != def)
        di++;
    tally *t = malloc(m->ndefs * sizeof *t + 1);
    long total = 0;
    if (di == m->ndefs || !t || !match_all(m, answers, n, t, &total)) {
        free(t);
        return;
    }
    fill_fit(&t[di], def, total, out);
    free(t);
}

size_t tcs_scale_matcher_count(const tcs_scale_matcher *m) { return m ? m->ndefs : 0; }

const tcs_scale_def *tcs_scale_matcher_def(const tcs_scale_matcher *m, size_t i)
{
    return m && i < m->ndefs ? m->defs[i] : NULL;
}
