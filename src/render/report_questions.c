/* report_questions.c - pillar scores by wave, then a section per pillar
 * (any number of them, in the order of their first question) with its
 * charts and its question table: n and mean with its 95% CI per wave,
 * % low / neutral / high in the last wave, and the change between the
 * last two waves with its CI, q, verdict, the change it could have
 * detected and a mark where the interval and the verdict differ. */
#define _POSIX_C_SOURCE 200809L
#include "render/report_internal.h"
#include "render/view.h"
#include "tcsurvey/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* "no clear change" and the rest, as the report writes them */
static const char *verdict_text(tcs_verdict v)
{
    return tcs_verdict_name(v);
}

/* ", detectable 1.80", " +mark" after a change */
static void change_tail(char *buf, size_t n, bool has_mdc, double mdc, tcs_verdict v,
                        tcs_mark mark)
{
    const char *sym = tcs_report_mark_symbol(mark);
    size_t used = 0;
    buf[0] = '\0';
    if (has_mdc && v == TCS_VERDICT_NONE)
        used = (size_t)snprintf(buf, n, " (detectable %.2f)", mdc);
    if (sym[0] && used < n)
        snprintf(buf + used, n - used, " %s", sym);
}

/* ---- pillar scores ---- */

typedef struct {
    const tcs_pillar_trend *t;
    const tcs_pillar_change *pc; /* first to last wave, or NULL */
} score_row;

/* "5.41 (28)" */
static void get_score(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)t;
    const tcs_pillar_trend *p = ((const score_row *)row)->t;
    if (p->present[k] && p->has_mean[k])
        snprintf(v->buf, sizeof v->buf, "%.2f (%zu)", p->mean[k], p->n[k]);
    else
        snprintf(v->buf, sizeof v->buf, "-");
    v->text = v->buf;
}

/* "+0.78 (q 0.352): no clear change (detectable 1.02)" */
static void get_score_change(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_pillar_change *pc = ((const score_row *)row)->pc;
    char tail[96];
    if (pc && pc->change.has_delta) {
        change_tail(tail, sizeof tail, pc->has_mdc, pc->mdc, pc->verdict, pc->mark);
        snprintf(v->buf, sizeof v->buf, "%+.2f (q %.3f): %s%s", pc->change.delta,
                 pc->has_q ? pc->q : NAN, verdict_text(pc->verdict), tail);
    } else
        snprintf(v->buf, sizeof v->buf, "-");
    v->text = v->buf;
}

static const tcs_col score_col[] = {
    {.key = "pillar", .header = "Pillar", .type = TCS_V_CHARS, .formats = TCS_F_PAGE,
     .at = TCS_VIA(score_row, t, tcs_pillar_trend, pillar), .width = 20},
    {.key = "score", .header = "%s: mean (n)", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .get = get_score, .flags = TCS_COL_MULTI, .width = 12},
    {.key = "change", .header = "Change, first to last wave (q)", .type = TCS_V_TEXT,
     .formats = TCS_F_PAGE, .get = get_score_change, .width = 30},
};
static const tcs_cols score_cols = TCS_COLS(score_col);

void tcs_report_pillar_scores(tcs_doc *d, const tcs_report *r)
{
    const tcs_waves *w = r->waves;
    size_t nw = tcs_waves_count(w), np = tcs_waves_npillars(w);
    if (nw < 2 || np == 0)
        return;
    score_row *rows = tcs_doc_alloc(d, np * sizeof *rows);
    if (!rows)
        return;
    for (size_t k = 0; k < np; k++) {
        rows[k].t = tcs_waves_pillar(w, k);
        for (size_t j = 0; j < tcs_waves_npillar_changes(w); j++) {
            const tcs_pillar_change *x = tcs_waves_pillar_change(w, j);
            if (x->from == 0 && x->to == nw - 1 && strcmp(x->pillar, rows[k].t->pillar) == 0)
                rows[k].pc = x;
        }
    }
    tcs_doc_heading(d, TCS_F_PAGE, 2, "Pillar scores");
    tcs_doc_para(d, TCS_F_PAGE,
                 "A respondent's pillar score is the mean of their answers to the pillar's "
                 "questions (reverse-coded ones mirrored), counted when they answered at least "
                 "half of them.");
    tcs_report_charts(d, r, TCS_CHART_TREND, NULL, 0, true);
    tcs_block *b = tcs_doc_table(d, TCS_F_PAGE, NULL, &score_cols,
                                 tcs_rows_array(rows, np, sizeof *rows), NULL);
    b->t.cls = "pillars";
    tcs_view_per_wave(d, b, w);
}

/* ---- a section's questions ---- */

typedef struct {
    const tcs_matched *m;
    const tcs_question_change *change; /* last pair of waves, or NULL */
} question_row;

static void get_question(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_matched *m = ((const question_row *)row)->m;
    v->text = m->id;
    v->suffix = m->reverse ? " (R)" : NULL;
}

/* "28, 6.54 [5.70, 7.37]", or why there is no figure */
static void get_wave(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)t;
    const tcs_matched *m = ((const question_row *)row)->m;
    v->text = v->buf;
    if (!m->cols[k] || m->conflict) {
        snprintf(v->buf, sizeof v->buf, "%s", m->conflict && m->cols[k] ? "scales differ"
                                                                        : "not asked");
        return;
    }
    tcs_point_stats st;
    tcs_stats_from_counts(&m->scale, m->counts[k], &st);
    if (st.has_sd)
        snprintf(v->buf, sizeof v->buf, "%ld, %.2f [%.2f, %.2f]", st.n, st.mean,
                 tcs_report_nz(st.ci_lo, 2), tcs_report_nz(st.ci_hi, 2));
    else if (st.has_mean)
        snprintf(v->buf, sizeof v->buf, "%ld, %.2f", st.n, st.mean);
    else
        snprintf(v->buf, sizeof v->buf, "%ld, -", st.n);
}

/* The last wave's "20 / 20 / 60" */
static void get_distribution(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k;
    const tcs_matched *m = ((const question_row *)row)->m;
    size_t last = t->nlabels - 1;
    tcs_point_stats st = {0};
    if (m->cols[last] && !m->conflict)
        tcs_stats_from_counts(&m->scale, m->counts[last], &st);
    if (st.has_percent)
        snprintf(v->buf, sizeof v->buf, "%.0f / %.0f / %.0f", st.low_percent,
                 st.neutral_percent, st.high_percent);
    else
        snprintf(v->buf, sizeof v->buf, "-");
    v->text = v->buf;
}

/* "+0.37 [-0.82, +1.55], q 1.000, no clear change (detectable 1.80)" */
static void get_change(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_question_change *c = ((const question_row *)row)->change;
    char tail[96] = "";
    if (c)
        change_tail(tail, sizeof tail, c->has_mdc, c->mdc, c->verdict, c->mark);
    if (c && c->change.has_welch)
        snprintf(v->buf, sizeof v->buf, "%+.2f [%+.2f, %+.2f], q %.3f, %s%s",
                 tcs_report_nz(c->change.delta, 2), tcs_report_nz(c->change.delta_ci_lo, 2),
                 tcs_report_nz(c->change.delta_ci_hi, 2), c->has_q ? c->q : NAN,
                 verdict_text(c->verdict), tail);
    else if (c && c->change.has_delta)
        snprintf(v->buf, sizeof v->buf, "%+.2f, %s%s", c->change.delta, verdict_text(c->verdict),
                 tail);
    else
        snprintf(v->buf, sizeof v->buf, "-");
    v->text = v->buf;
}

enum { Q_DISTRIBUTION = 3, Q_CHANGE = 4 };
static const tcs_col question_col[] = {
    {.key = "question", .header = "Question", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .get = get_question, .width = 11},
    {.key = "statement", .header = "Statement", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .at = TCS_VIA(question_row, m, tcs_matched, statement), .width = 26},
    {.key = "wave", .header = "%s: n, mean [95% CI]", .type = TCS_V_TEXT,
     .formats = TCS_F_PAGE, .get = get_wave, .flags = TCS_COL_MULTI, .width = 13},
    [Q_DISTRIBUTION] = {.key = "distribution", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
                        .get = get_distribution, .width = 11},
    [Q_CHANGE] = {.key = "change", .header = "Change in mean [95% CI], q, verdict",
                  .type = TCS_V_TEXT, .formats = TCS_F_PAGE, .get = get_change, .width = 18},
};

/* The question table's columns for these waves: the distribution's
 * header names the last wave; no change with one wave. */
static const tcs_cols *question_cols(tcs_doc *d, const tcs_waves *w)
{
    size_t nw = tcs_waves_count(w);
    tcs_col *cols = tcs_doc_alloc(d, sizeof question_col);
    tcs_cols *def = tcs_doc_alloc(d, sizeof *def);
    if (!cols || !def)
        return NULL;
    memcpy(cols, question_col, sizeof question_col);
    cols[Q_DISTRIBUTION].header = tcs_doc_printf(d, "%s: %% low / neutral / high",
                                                 tcs_waves_wave(w, nw - 1)->label);
    def->col = cols;
    def->n = nw >= 2 ? Q_CHANGE + 1 : Q_CHANGE;
    return def;
}

/* ---- a section per pillar ---- */

/* A question with a pillar; a run of them (one pillar's). */
typedef struct {
    const char *pillar;
    size_t q;
} pillar_of;

typedef struct {
    size_t start, end, first; /* in the sorted pillar_of; its first question */
} run;

static int by_pillar(const void *a, const void *b)
{
    const pillar_of *x = a, *y = b;
    int c = strcmp(x->pillar, y->pillar);
    return c ? c : x->q < y->q ? -1 : x->q > y->q;
}

static int by_first(const void *a, const void *b)
{
    const run *x = a, *y = b;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* The marks a section's rows carry, explained under its table. */
static void mark_notes(tcs_doc *d, const question_row *rows, size_t n)
{
    unsigned marks = 0;
    for (size_t i = 0; i < n; i++)
        if (rows[i].change)
            marks |= 1u << rows[i].change->mark;
    for (tcs_mark m = TCS_MARK_ADJUSTED; m <= TCS_MARK_TESTS_DIFFER; m++)
        if (marks & (1u << m))
            tcs_doc_para(d, TCS_F_PAGE, "%s %s.", tcs_report_mark_symbol(m), tcs_mark_text(m));
}

/* One section: its heading, charts and question table. */
static void section(tcs_doc *d, const tcs_report *r, const char *heading,
                    const char *chart_pillar, const question_row *rows, size_t n)
{
    const tcs_waves *w = r->waves;
    size_t nw = tcs_waves_count(w);
    tcs_doc_heading(d, TCS_F_PAGE, 2, "%s", heading);
    for (size_t i = 0; i < nw; i++)
        tcs_report_charts(d, r, TCS_CHART_LIKERT_DIVERGING, chart_pillar, i, false);
    tcs_report_charts(d, r, TCS_CHART_MEANS, chart_pillar, nw - 1, false);
    if (nw >= 2)
        tcs_report_charts(d, r, TCS_CHART_CHANGE, chart_pillar, nw - 1, false);
    const tcs_cols *cols = question_cols(d, w);
    if (!cols)
        return;
    tcs_block *b = tcs_doc_table(d, TCS_F_PAGE, NULL, cols, tcs_rows_array(rows, n, sizeof *rows),
                                 NULL);
    b->t.cls = "questions";
    tcs_view_per_wave(d, b, w);
    mark_notes(d, rows, n);
}

/* The change of each question between the last two waves (or NULL). */
static const tcs_question_change **last_changes(tcs_doc *d, const tcs_waves *w)
{
    size_t nq = tcs_waves_nquestions(w), nw = tcs_waves_count(w);
    const tcs_question_change **change = tcs_doc_alloc(d, (nq ? nq : 1) * sizeof *change);
    for (size_t q = 0; change && nw >= 2 && q < nq; q++)
        change[q] = tcs_waves_find_change(w, q, nw - 2, nw - 1);
    return change;
}

/* The pillars in the order of their first question, each with its
 * questions, then "Other questions" (those without a pillar); without any
 * pillar, one section "Questions". Any number of pillars; sorting keeps
 * it O(n log n) in questions. */
void tcs_report_pillar_sections(tcs_doc *d, const tcs_report *r)
{
    const tcs_waves *w = r->waves;
    size_t nq = tcs_waves_nquestions(w), np = 0, nruns = 0, k = 0;
    question_row *rows = tcs_doc_alloc(d, (nq ? nq : 1) * sizeof *rows);
    const tcs_question_change **change = last_changes(d, w);
    pillar_of *of = malloc((nq ? nq : 1) * sizeof *of);
    run *runs = malloc((nq ? nq : 1) * sizeof *runs);
    if (!rows || !change || !of || !runs) {
        free(of);
        free(runs);
        return;
    }
    for (size_t q = 0; q < nq; q++)
        if (tcs_waves_question(w, q)->pillar)
            of[np++] = (pillar_of){tcs_waves_question(w, q)->pillar, q};
    qsort(of, np, sizeof *of, by_pillar);
    for (size_t i = 0; i < np; i++) {
        if (i == 0 || strcmp(of[i].pillar, of[i - 1].pillar) != 0)
            runs[nruns++] = (run){i, i, of[i].q};
        runs[nruns - 1].end = i + 1;
    }
    qsort(runs, nruns, sizeof *runs, by_first);
    for (size_t s = 0; s < nruns; s++) {
        size_t from = k;
        for (size_t i = runs[s].start; i < runs[s].end; i++, k++)
            rows[k] = (question_row){tcs_waves_question(w, of[i].q), change[of[i].q]};
        const char *pillar = of[runs[s].start].pillar;
        section(d, r, pillar, pillar, rows + from, k - from);
    }
    size_t from = k;
    for (size_t q = 0; q < nq; q++)
        if (!tcs_waves_question(w, q)->pillar)
            rows[k++] = (question_row){tcs_waves_question(w, q), change[q]};
    /* questions without a pillar; their charts carry "Other questions"
     * (or "" when there are no pillars at all) */
    if (k > from || nruns == 0)
        section(d, r, nruns ? "Other questions" : "Questions", nruns ? "Other questions" : "",
                rows + from, k - from);
    free(of);
    free(runs);
}
