/* report.c - the self-assessment report as one document (render/doc.h):
 * survey details, the RAG table of the action plan's targets, pillar
 * scores, a section per pillar with its charts and question table, and a
 * method note, written by the HTML and Markdown back-ends so both formats
 * hold the same content. */
#define _POSIX_C_SOURCE 200809L
#include "tcsurvey/report.h"
#include "render/view.h"
#include "tcsurvey/groups.h"
#include "tcsurvey/layout.h"
#include "tcsurvey/output.h"
#include "tcsurvey/stats.h"
#include "tcsurvey/tcsurvey.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* ---- survey details ---- */

typedef struct {
    const char *label, *file, *platform;
    long responses;
    size_t questions;
} detail_row;

static const tcs_col detail_col[] = {
    {.key = "wave", .header = "Wave", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .at = TCS_AT(detail_row, label)},
    {.key = "file", .header = "File", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .at = TCS_AT(detail_row, file)},
    {.key = "platform", .header = "Platform", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .at = TCS_AT(detail_row, platform)},
    {.key = "responses", .header = "Responses", .type = TCS_V_LONG, .formats = TCS_F_PAGE,
     .at = TCS_AT(detail_row, responses)},
    {.key = "questions", .header = "Questions", .type = TCS_V_SIZE, .formats = TCS_F_PAGE,
     .at = TCS_AT(detail_row, questions)},
};
static const tcs_cols detail_cols = TCS_COLS(detail_col);

static void details(tcs_doc *d, const tcs_waves *w)
{
    size_t nw = tcs_waves_count(w);
    detail_row *rows = tcs_doc_alloc(d, nw * sizeof *rows + 1);
    for (size_t i = 0; rows && i < nw; i++) {
        const tcs_wave_info *wi = tcs_waves_wave(w, i);
        const char *path = tcs_survey_path(wi->survey), *base = strrchr(path, '/');
        rows[i].label = wi->label;
        rows[i].file = base ? base + 1 : path;
        rows[i].platform = tcs_doc_printf(d, "%s (%s)",
                                          tcs_platform_name(tcs_survey_platform(wi->survey)),
                                          tcs_survey_source(wi->survey)->format);
        rows[i].responses = tcs_survey_responses(wi->survey);
        for (size_t k = 0; k < tcs_waves_nquestions(w); k++)
            rows[i].questions += tcs_waves_question(w, k)->cols[i] != NULL;
    }
    tcs_doc_heading(d, TCS_F_PAGE, 2, "Survey");
    tcs_block *b = tcs_doc_table(d, TCS_F_PAGE, NULL, &detail_cols,
                                 tcs_rows_array(rows, rows ? nw : 0, sizeof *rows), NULL);
    b->t.cls = "details";
}

/* ---- the RAG table ---- */

typedef struct {
    const tcs_target_result *r;
    const tcs_target_figures *f;
    const char *action, *pillar, *description, *question; /* NULL on a question's line */
} rag_row;

static const char *rag_class(tcs_rag rag)
{
    static const char *const cls[] = {"rag green", "rag amber", "rag red", "rag grey"};
    return (unsigned)rag < 4 ? cls[rag] : "rag grey";
}

/* "3.96", "3.96 (published)" */
static void get_baseline(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_target_figures *f = ((const rag_row *)row)->f;
    if (!f->has_baseline)
        snprintf(v->buf, sizeof v->buf, "-");
    else
        snprintf(v->buf, sizeof v->buf, "%.2f%s", f->baseline,
                 f->baseline_published ? " (published)" : "");
    v->text = v->buf;
}

/* "5.45 [4.58, 6.32] (within noise)"; "change 0.37 ..." for a change */
static void get_result(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const rag_row *r = row;
    const tcs_target_figures *f = r->f;
    const char *change = r->r->target->metric.change ? "change " : "";
    if (!f->has_observed)
        snprintf(v->buf, sizeof v->buf, "-");
    else if (f->has_ci)
        snprintf(v->buf, sizeof v->buf, "%s%.2f [%.2f, %.2f]%s", change, f->observed, f->ci_lo,
                 f->ci_hi, f->distinguishable == 0 ? " (within noise)" : "");
    else
        snprintf(v->buf, sizeof v->buf, "%s%.2f", change, f->observed);
    v->text = v->buf;
}

static void get_target(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_target *tg = ((const rag_row *)row)->r->target;
    if (tg->has_target)
        snprintf(v->buf, sizeof v->buf, "%s%s %g", tg->metric.change ? "change " : "",
                 tcs_comparator_text(tg->comparator), tg->target);
    else
        snprintf(v->buf, sizeof v->buf, "-");
    v->text = v->buf;
}

/* "green: met", in its colour */
static void get_status(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const rag_row *r = row;
    const tcs_target *tg = r->r->target;
    const char *status = r->f->status == TCS_STATUS_HAND && tg->hand_status
                             ? tg->hand_status
                             : tcs_target_status_name(r->f->status);
    snprintf(v->buf, sizeof v->buf, "%s: %s", tcs_rag_name(r->f->rag), status);
    v->text = v->buf;
    v->cls = rag_class(r->f->rag);
}

#define RR rag_row
static const tcs_col rag_col[] = {
    {.key = "action", .header = "Action", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .at = TCS_AT(RR, action)},
    {.key = "pillar", .header = "Pillar", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .at = TCS_AT(RR, pillar)},
    {.key = "description", .header = "Success measure (as published)", .type = TCS_V_TEXT,
     .formats = TCS_F_PAGE, .at = TCS_AT(RR, description)},
    {.key = "question", .header = "Question", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .at = TCS_AT(RR, question)},
    {.key = "baseline", .header = "Baseline", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .get = get_baseline},
    {.key = "result", .header = "Result (95% CI)", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .get = get_result},
    {.key = "target", .header = "Target", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .get = get_target},
    {.key = "status", .header = "Status", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .get = get_status},
};
#undef RR
static const tcs_cols rag_cols = TCS_COLS(rag_col);

static const char *charts_href(const tcs_report *r)
{
    return r->charts_link ? r->charts_link : "charts";
}

static void chart(tcs_doc *d, const tcs_report *r, const tcs_chart *c)
{
    char *svg = tcs_doc_printf(d, "%s/%s.svg", r->charts_dir ? r->charts_dir : "", c->name);
    char *png = tcs_doc_printf(d, "%s/%s.png", charts_href(r), c->name);
    if (svg && png)
        tcs_doc_image(d, c->title, svg, png);
}

static void targets(tcs_doc *d, const tcs_report *rep)
{
    const tcs_check *c = rep->check;
    size_t n = 0;
    for (size_t i = 0; i < tcs_check_count(c); i++) {
        const tcs_target_result *r = tcs_check_at(c, i);
        n += 1 + (r->nitems > 1 ? r->nitems : 0);
    }
    rag_row *rows = tcs_doc_alloc(d, (n ? n : 1) * sizeof *rows);
    if (!rows)
        return;
    size_t k = 0;
    for (size_t i = 0; i < tcs_check_count(c); i++) {
        const tcs_target_result *r = tcs_check_at(c, i);
        const tcs_target *t = r->target;
        bool one = r->nitems == 1;
        rows[k++] = (rag_row){r, one ? &r->items[0] : &r->total, t->action,
                              r->pillar ? r->pillar : t->pillar, t->description,
                              one ? r->items[0].question : t->questions};
        for (size_t j = 0; r->nitems > 1 && j < r->nitems; j++)
            rows[k++] = (rag_row){r, &r->items[j], NULL, NULL, NULL, r->items[j].question};
    }
    tcs_doc_heading(d, TCS_F_PAGE, 2, "Success targets: RAG analysis");
    tcs_doc_para(d, TCS_F_PAGE,
                 "Each success measure of the action plan as published, the baseline, the "
                 "result in the wave it is due with its 95%% confidence interval, the target "
                 "and the status. A result marked \"within noise\" is not distinguishable from "
                 "the baseline at the chosen significance level.");
    tcs_block *b = tcs_doc_table(d, TCS_F_PAGE, NULL, &rag_cols, tcs_rows_array(rows, k, sizeof *rows),
                                 NULL);
    b->t.cls = "rag-table";
    tcs_doc_heading(d, TCS_F_PAGE, 3, "RAG summary by pillar");
    b = tcs_doc_table(d, TCS_F_PAGE, NULL, &tcs_view_rag_cols, tcs_view_rag_rows(c), c);
    b->t.cls = "rag-summary";
    for (size_t i = 0; rep->plot && i < tcs_plot_count(rep->plot); i++)
        if (tcs_plot_chart(rep->plot, i)->kind == TCS_CHART_RAG)
            chart(d, rep, tcs_plot_chart(rep->plot, i));
}

/* ---- charts of a kind ---- */

/* The charts of kind: of pillar (NULL: any), of wave (to; any_wave: all). */
static void charts_of(tcs_doc *d, const tcs_report *r, tcs_chart_kind kind, const char *pillar,
                      size_t wave, bool any_wave)
{
    const tcs_plot *p = r->plot;
    for (size_t i = 0; p && i < tcs_plot_count(p); i++) {
        const tcs_chart *c = tcs_plot_chart(p, i);
        if (c->kind != kind || (pillar && strcmp(c->pillar, pillar) != 0))
            continue;
        if (!any_wave && c->wave_to != wave)
            continue;
        chart(d, r, c);
    }
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

/* "+0.78 (q 0.352): no clear change" */
static void get_score_change(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_pillar_change *pc = ((const score_row *)row)->pc;
    if (pc && pc->change.has_delta)
        snprintf(v->buf, sizeof v->buf, "%+.2f (q %.3f): %s", pc->change.delta,
                 pc->has_q ? pc->q : NAN, tcs_verdict_name(pc->verdict));
    else
        snprintf(v->buf, sizeof v->buf, "-");
    v->text = v->buf;
}

static const tcs_col score_col[] = {
    {.key = "pillar", .header = "Pillar", .type = TCS_V_CHARS, .formats = TCS_F_PAGE,
     .at = TCS_VIA(score_row, t, tcs_pillar_trend, pillar)},
    {.key = "score", .header = "%s: mean (n)", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .get = get_score, .flags = TCS_COL_MULTI},
    {.key = "change", .header = "Change, first to last wave (q)", .type = TCS_V_TEXT,
     .formats = TCS_F_PAGE, .get = get_score_change},
};
static const tcs_cols score_cols = TCS_COLS(score_col);

static void pillar_scores(tcs_doc *d, const tcs_report *r)
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
    charts_of(d, r, TCS_CHART_TREND, NULL, 0, true);
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
        snprintf(v->buf, sizeof v->buf, "%ld, %.2f [%.2f, %.2f]", st.n, st.mean, st.ci_lo,
                 st.ci_hi);
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

/* "+0.37 [-0.82, +1.55], q 1.000, no clear change" */
static void get_change(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_question_change *c = ((const question_row *)row)->change;
    if (c && c->change.has_welch)
        snprintf(v->buf, sizeof v->buf, "%+.2f [%+.2f, %+.2f], q %.3f, %s", c->change.delta,
                 c->change.delta_ci_lo, c->change.delta_ci_hi, c->has_q ? c->q : NAN,
                 tcs_verdict_name(c->verdict));
    else if (c && c->change.has_delta)
        snprintf(v->buf, sizeof v->buf, "%+.2f, %s", c->change.delta, tcs_verdict_name(c->verdict));
    else
        snprintf(v->buf, sizeof v->buf, "-");
    v->text = v->buf;
}

enum { Q_DISTRIBUTION = 3, Q_CHANGE = 4 };
static const tcs_col question_col[] = {
    {.key = "question", .header = "Question", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .get = get_question},
    {.key = "statement", .header = "Statement", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .at = TCS_VIA(question_row, m, tcs_matched, statement)},
    {.key = "wave", .header = "%s: n, mean [95% CI]", .type = TCS_V_TEXT,
     .formats = TCS_F_PAGE, .get = get_wave, .flags = TCS_COL_MULTI},
    [Q_DISTRIBUTION] = {.key = "distribution", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
                        .get = get_distribution},
    [Q_CHANGE] = {.key = "change", .header = "Change in mean [95% CI], q, verdict",
                  .type = TCS_V_TEXT, .formats = TCS_F_PAGE, .get = get_change},
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

/* One section: its heading, charts and question table. */
static void section(tcs_doc *d, const tcs_report *r, const char *heading,
                    const char *chart_pillar, const question_row *rows, size_t n)
{
    const tcs_waves *w = r->waves;
    size_t nw = tcs_waves_count(w);
    tcs_doc_heading(d, TCS_F_PAGE, 2, "%s", heading);
    for (size_t i = 0; i < nw; i++)
        charts_of(d, r, TCS_CHART_LIKERT_DIVERGING, chart_pillar, i, false);
    charts_of(d, r, TCS_CHART_MEANS, chart_pillar, nw - 1, false);
    if (nw >= 2)
        charts_of(d, r, TCS_CHART_CHANGE, chart_pillar, nw - 1, false);
    const tcs_cols *cols = question_cols(d, w);
    if (!cols)
        return;
    tcs_block *b = tcs_doc_table(d, TCS_F_PAGE, NULL, cols, tcs_rows_array(rows, n, sizeof *rows),
                                 NULL);
    b->t.cls = "questions";
    tcs_view_per_wave(d, b, w);
}

/* The change of each question between the last two waves (or NULL). */
static const tcs_question_change **last_changes(tcs_doc *d, const tcs_waves *w)
{
    size_t nq = tcs_waves_nquestions(w), nw = tcs_waves_count(w);
    const tcs_question_change **change = tcs_doc_alloc(d, (nq ? nq : 1) * sizeof *change);
    for (size_t i = 0; change && nw >= 2 && i < tcs_waves_nchanges(w); i++) {
        const tcs_question_change *c = tcs_waves_change(w, i);
        if (c->from == nw - 2 && c->to == nw - 1 && !change[c->question])
            change[c->question] = c;
    }
    return change;
}

/* The pillars in the order of their first question, each with its
 * questions, then "Other questions" (those without a pillar); without any
 * pillar, one section "Questions". Any number of pillars; sorting keeps
 * it O(n log n) in questions. */
static void pillar_sections(tcs_doc *d, const tcs_report *r)
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

/* ---- method ---- */

static void method(tcs_doc *d, const tcs_report *r)
{
    const tcs_waves *w = r->waves;
    tcs_doc_heading(d, TCS_F_PAGE, 2, "Method");
    tcs_doc_para(d, TCS_F_PAGE,
                 "Counts and percentages are of valid answers: blank, \"N/A\", \"Don't know\" "
                 "and similar answers are left out and counted separately. Means are given with "
                 "a 95%% confidence interval (Student t); %% high is the share above the scale's "
                 "midpoint, %% low below it.");
    if (tcs_waves_count(w) >= 2)
        tcs_doc_para(d, TCS_F_PAGE,
                     "Changes between waves: the change in mean with a Welch 95%% confidence "
                     "interval; whether a question changed is judged by the Mann-Whitney test, "
                     "its p-values adjusted for the number of questions compared "
                     "(Benjamini-Hochberg q); a change is \"rose\" or \"fell\" when q is below "
                     "%g, otherwise \"no clear change\". %s",
                     tcs_waves_alpha(w), tcs_comparison_assumption);
    if (r->check)
        tcs_doc_para(d, TCS_F_PAGE,
                     "Targets: met (green) when the result in the due wave reaches the target; "
                     "on track (amber) when it has moved towards it; not met (red) otherwise; "
                     "grey when the wave it is due is not among the inputs or there is no data. "
                     "Targets judged by hand keep the status given in the targets file.");
    tcs_doc_para(d, TCS_F_PAGE,
                 "Figures are for all respondents; the report shows no breakdown by group (use "
                 "tcsurvey summary or compare with --by, where this rule applies: %s) Free-text "
                 "answers are not shown.",
                 tcs_group_rule);
    tcs_doc_para(d, TCS_F_PAGE,
                 "Made with tcsurvey %s from the raw exports; charts drawn with gnuplot.",
                 TCSURVEY_VERSION);
}

static const char css[] =
    "body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;font-size:10pt;color:#1a1a1a;"
    "max-width:17cm;margin:1.5cm auto;line-height:1.35}"
    "h1{font-size:16pt}h2{font-size:13pt;margin-top:1.6em;border-bottom:1px solid #999;"
    "page-break-after:avoid}h3{font-size:11pt}"
    "table{border-collapse:collapse;width:100%;margin:0.6em 0 1.2em;font-size:8.5pt;"
    "page-break-inside:auto}"
    "th,td{border:1px solid #bbb;padding:2px 4px;text-align:left;vertical-align:top}"
    "th{background:#eee}tr{page-break-inside:avoid}"
    ".rag-table td:nth-child(3){min-width:13em}.rag-table td:nth-child(6){min-width:8.5em}.questions td:nth-child(n+3){min-width:6em}"
    "td.rag{font-weight:bold;white-space:nowrap}td.green{background:#2e7d32;color:#fff}"
    "td.amber{background:#f2a900;color:#000}td.red{background:#c62828;color:#fff}"
    "td.grey{background:#9e9e9e;color:#000}"
    "figure{margin:0.8em 0;page-break-inside:avoid}figure svg{width:100%;height:auto}"
    "figcaption{font-size:8.5pt;color:#444}"
    "@page{size:A4;margin:1.5cm}@media print{body{margin:0;max-width:none}}";

tcs_status tcs_report_write(FILE *fp, const tcs_report *r, tcs_report_format fmt, tcs_error *err)
{
    tcs_doc *d = tcs_doc_new(TCS_DOC_REPORT);
    if (!d)
        return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
    char title[512];
    snprintf(title, sizeof title, "Technician survey evidence%s%.400s", r->title ? ": " : "",
             r->title ? r->title : "");
    tcs_doc_set_title(d, title, css);
    details(d, r->waves);
    if (r->check)
        targets(d, r);
    pillar_scores(d, r);
    pillar_sections(d, r);
    method(d, r);
    tcs_status st = tcs_doc_write(fp, d, fmt == TCS_REPORT_HTML ? TCS_FORMAT_HTML : TCS_FORMAT_MD,
                                  err);
    tcs_doc_free(d);
    if (st == TCS_EIO)
        tcs_error_set(err, TCS_EIO, "", 0, 0, "error writing the report");
    return st;
}

/* ---- CSV tables for Excel ---- */

typedef tcs_status (*table_writer)(FILE *fp, const tcs_report *r, size_t wave);

static tcs_status summary_table(FILE *fp, const tcs_report *r, size_t wave)
{
    return tcs_write_summary(fp, tcs_waves_wave(r->waves, wave)->survey, TCS_FORMAT_CSV);
}

static tcs_status comparison_table(FILE *fp, const tcs_report *r, size_t wave)
{
    (void)wave;
    return tcs_write_comparison(fp, r->waves, TCS_FORMAT_CSV);
}

static tcs_status targets_table(FILE *fp, const tcs_report *r, size_t wave)
{
    (void)wave;
    return tcs_write_check(fp, r->check, r->targets, r->waves, TCS_FORMAT_CSV);
}

static tcs_status write_table(const char *dir, const char *name, table_writer write,
                              const tcs_report *r, size_t wave, tcs_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%.3800s/%.200s", dir, name);
    FILE *fp = fopen(path, "w");
    if (!fp)
        return tcs_error_set(err, TCS_EOUTPUT, path, 0, 0, "cannot write: %s", strerror(errno));
    fputs("\xEF\xBB\xBF", fp); /* Excel reads UTF-8 only with a BOM */
    tcs_status st = write(fp, r, wave);
    if (ferror(fp))
        st = TCS_EIO;
    if (fclose(fp) != 0)
        st = TCS_EIO;
    if (st != TCS_OK)
        return tcs_error_set(err, TCS_EOUTPUT, path, 0, 0, "cannot write");
    return TCS_OK;
}

tcs_status tcs_report_write_tables(const tcs_report *r, const char *dir, tcs_error *err)
{
    tcs_status st = TCS_OK;
    for (size_t i = 0; i < tcs_waves_count(r->waves) && st == TCS_OK; i++) {
        char name[96], slug[48];
        const char *label = tcs_waves_wave(r->waves, i)->label;
        size_t n = 0;
        for (const char *p = label; *p && n + 1 < sizeof slug; p++)
            slug[n++] = (strchr("/\\:*?\"<>| ", *p) || (unsigned char)*p < 0x20) ? '-' : *p;
        slug[n] = '\0';
        snprintf(name, sizeof name, "summary-%s.csv", slug);
        st = write_table(dir, name, summary_table, r, i, err);
    }
    if (st == TCS_OK && tcs_waves_count(r->waves) >= 2)
        st = write_table(dir, "comparison.csv", comparison_table, r, 0, err);
    if (st == TCS_OK && r->check)
        st = write_table(dir, "targets.csv", targets_table, r, 0, err);
    return st;
}
