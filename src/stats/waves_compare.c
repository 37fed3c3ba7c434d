/* waves_compare.c - the changes between waves: each question and pillar
 * per pair of waves, their evidence (q, detectable change, marks), the
 * populations that make the figures finite-population ones, and the
 * pillar scores by wave. */
#define _POSIX_C_SOURCE 200809L
#include "stats/waves_internal.h"
#include "tcsurvey/pillar.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
            if (info.alpha_few) {
                char text[TCS_ERROR_MSG_MAX];
                snprintf(text, sizeof text,
                         "wave %s, pillar %.200s: only %ld respondent%s answered all of its %zu "
                         "items; Cronbach's alpha needs at least %d such respondents and is not "
                         "given",
                         w->waves[i].label, info.pillar, info.alpha_n,
                         info.alpha_n == 1 ? "" : "s", info.nitems, TCS_ALPHA_MIN_CASES);
                if (!tcs_waves_add_warning(w, text))
                    return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
            }
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

