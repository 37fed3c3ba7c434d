/* view_check.c - an action plan's targets checked against the waves
 * (tcsurvey check): per target its figures and status, per pillar the
 * RAG counts, and why a target has no status from data. */
#include "render/view.h"
#include "tcsurvey/output.h"

#include <string.h>

/* One line of the check: a target's overall figures (k = 0), or those of
 * one of its questions (k = 1...). */
typedef struct {
    const tcs_target_result *r;
    const tcs_target *t;
    const tcs_target_figures *f;
    size_t k;
} check_row;

static const char *status_text(const tcs_target_result *r, const tcs_target_figures *f)
{
    if (f->status == TCS_STATUS_HAND)
        return r->target->hand_status;
    return tcs_target_status_name(f->status);
}

static const char *combine_name(tcs_combine c)
{
    return c == TCS_COMBINE_ALL ? "all" : c == TCS_COMBINE_COMPOSITE ? "composite" : "each";
}

/* Decimals for people: shares 1, counts 0, the rest 2. */
static int metric_dp(const tcs_target *t)
{
    return t->metric.kind == TCS_METRIC_SHARE ? 1 : t->metric.kind == TCS_METRIC_N ? 0 : 2;
}

/* ---- the figures of a target or of one of its questions (data) ---- */

#define TF tcs_target_figures
static const tcs_col figures_col[] = {
    {.key = "baseline", .type = TCS_V_NUM, .formats = TCS_F_DATA, .at = TCS_AT(TF, baseline),
     .pres = TCS_PRES_IF, .has = TCS_AT(TF, has_baseline)},
    {.key = "baseline_published", .type = TCS_V_BOOL, .formats = TCS_F_JSON,
     .at = TCS_AT(TF, baseline_published)},
    {.key = "baseline_published", .type = TCS_V_BOOL, .formats = TCS_F_CSV,
     .at = TCS_AT(TF, baseline_published), .pres = TCS_PRES_IF, .has = TCS_AT(TF, has_baseline)},
    {.key = "observed", .type = TCS_V_NUM, .formats = TCS_F_DATA, .at = TCS_AT(TF, observed),
     .pres = TCS_PRES_IF, .has = TCS_AT(TF, has_observed)},
    {.key = "observed_ci95", .type = TCS_V_INTERVAL, .formats = TCS_F_DATA,
     .at = TCS_AT(TF, ci_lo), .at2 = TCS_AT(TF, ci_hi), .pres = TCS_PRES_IF,
     .has = TCS_AT(TF, has_ci)},
    {.key = "n", .type = TCS_V_LONG, .formats = TCS_F_DATA, .at = TCS_AT(TF, n)},
    {.key = "progress", .type = TCS_V_NUM, .formats = TCS_F_DATA, .at = TCS_AT(TF, progress),
     .pres = TCS_PRES_IF, .has = TCS_AT(TF, has_progress)},
    {.key = "distinguishable", .type = TCS_V_TRI, .formats = TCS_F_DATA,
     .at = TCS_AT(TF, distinguishable)},
};
static void get_test(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    v->text = tcs_test_name(((const TF *)row)->test);
}

static void get_verdict(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const TF *f = row;
    v->present = f->has_q;
    v->text = tcs_verdict_name(f->verdict);
}

static void get_fig_mark(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    v->text = tcs_mark_name(((const TF *)row)->mark);
}

/* The evidence for the change from the baseline wave (check.h): added
 * after the first CSV layout, so the data formats give it at the end of
 * each row. New figures of a target go here. */
static const tcs_col evidence_col[] = {
    {.key = "test", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .get = get_test},
    {.key = "p", .type = TCS_V_NUM, .formats = TCS_F_DATA, .at = TCS_AT(TF, p),
     .pres = TCS_PRES_IF, .has = TCS_AT(TF, has_p)},
    {.key = "q", .type = TCS_V_NUM, .formats = TCS_F_DATA, .at = TCS_AT(TF, q),
     .pres = TCS_PRES_IF, .has = TCS_AT(TF, has_q)},
    {.key = "change_ci95", .type = TCS_V_INTERVAL, .formats = TCS_F_DATA,
     .at = TCS_AT(TF, change_ci_lo), .at2 = TCS_AT(TF, change_ci_hi), .pres = TCS_PRES_IF,
     .has = TCS_AT(TF, has_change_ci)},
    {.key = "verdict", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .get = get_verdict},
    {.key = "mark", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .get = get_fig_mark},
    {.key = "rank_p", .type = TCS_V_NUM, .formats = TCS_F_DATA, .at = TCS_AT(TF, rank_p),
     .pres = TCS_PRES_IF, .has = TCS_AT(TF, has_rank)},
    {.key = "cliffs_delta", .type = TCS_V_NUM, .formats = TCS_F_DATA,
     .at = TCS_AT(TF, rank_delta), .pres = TCS_PRES_IF, .has = TCS_AT(TF, has_rank)},
    {.key = "min_detectable_change", .type = TCS_V_NUM, .formats = TCS_F_DATA,
     .at = TCS_AT(TF, mdc), .pres = TCS_PRES_IF, .has = TCS_AT(TF, has_mdc)},
    {.key = "fpc", .type = TCS_V_BOOL, .formats = TCS_F_DATA, .at = TCS_AT(TF, fpc)},
};
#undef TF
static const tcs_cols figures_cols = TCS_COLS(figures_col);
static const tcs_cols evidence_cols = TCS_COLS(evidence_col);

static void get_status(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const check_row *r = row;
    v->text = status_text(r->r, r->f);
}

static void get_item_status(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    v->text = tcs_target_status_name(((const check_row *)row)->f->status);
}

static void get_rag(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    v->text = tcs_rag_name(((const check_row *)row)->f->rag);
    v->cls = v->text; /* a workbook fills the cell with its colour */
}

#define CR check_row
#define F(field) TCS_VIA(CR, f, tcs_target_figures, field)
/* A question of a target (JSON "items"). */
static const tcs_col item_col[] = {
    {.key = "question", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .at = F(question)},
    {.type = TCS_V_GROUP, .formats = TCS_F_JSON, .sub = &figures_cols, .at = TCS_DEREF(CR, f)},
    {.key = "status", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .get = get_item_status},
    {.key = "rag", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .get = get_rag},
    {.key = "reason", .type = TCS_V_CHARS, .formats = TCS_F_JSON, .at = F(reason)},
    {.type = TCS_V_GROUP, .formats = TCS_F_JSON, .sub = &evidence_cols, .at = TCS_DEREF(CR, f)},
};
static const tcs_cols item_cols = TCS_COLS(item_col);

static const void *item_at(const tcs_rows *rows, size_t k, void *scratch)
{
    const tcs_target_result *r = rows->src;
    check_row *row = scratch;
    *row = (check_row){r, r->target, &r->items[k], k + 1};
    return row;
}

static void item_rows(const void *row, const tcs_table *t, tcs_rows *out)
{
    (void)t;
    const tcs_target_result *r = ((const check_row *)row)->r;
    *out = (tcs_rows){r->nitems > 1 ? r->nitems : 0, NULL, 0, item_at, r, NULL};
}

static void id_rows(const void *row, const tcs_table *t, tcs_rows *out)
{
    (void)t;
    const tcs_target_result *r = ((const check_row *)row)->r;
    *out = tcs_rows_array(r->ids, r->nids, sizeof *r->ids);
}

static const tcs_col id_item[] = {{.type = TCS_V_TEXT, .formats = TCS_F_JSON}};
static const tcs_cols id_list = TCS_COLS(id_item);

/* ---- cells for people ---- */

static void get_row(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const check_row *r = row;
    v->present = r->k == 0;
    v->i = r->t->row;
}

static void get_action_short(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const check_row *r = row;
    v->text = r->k == 0 ? r->t->action : NULL;
}

/* The action, or on a question's line that question, indented. */
static void get_action(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const check_row *r = row;
    v->text = r->k == 0 ? r->t->action : r->f->question;
    v->indent = r->k != 0;
}

static void get_questions(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const check_row *r = row;
    v->text = r->k == 0 ? (r->t->questions ? r->t->questions : "-") : r->f->question;
    v->indent = r->k != 0;
}

static void get_description(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const check_row *r = row;
    v->text = r->k == 0 ? r->t->description : NULL;
}

/* "mean (all)", or "judged by hand"; with on, " on QUESTIONS". */
static void measure(const check_row *r, tcs_value *v, bool on)
{
    const tcs_target *t = r->t;
    v->text = NULL;
    if (r->k != 0)
        return;
    if (t->metric_text)
        snprintf(v->buf, sizeof v->buf, "%s%s", t->metric_text,
                 t->combine == TCS_COMBINE_ALL         ? " (all)"
                 : t->combine == TCS_COMBINE_COMPOSITE ? " (composite)"
                                                       : "");
    else
        snprintf(v->buf, sizeof v->buf, "judged by hand");
    if (on && t->questions) {
        size_t n = strlen(v->buf);
        snprintf(v->buf + n, sizeof v->buf - n, " on %s", t->questions);
    }
    v->text = v->buf;
}

static void get_measure(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    measure(row, v, false);
}

static void get_measure_on(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    measure(row, v, true);
}

/* "3.96", "3.96*" for a published baseline */
static void get_baseline(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const check_row *r = row;
    if (!r->f->has_baseline)
        snprintf(v->buf, sizeof v->buf, "-");
    else
        snprintf(v->buf, sizeof v->buf, "%.*f%s", metric_dp(r->t), r->f->baseline,
                 r->f->baseline_published ? "*" : "");
    v->text = v->buf;
}

/* "5.45 (4.58 to 6.32)"; a change carries its sign ("+0.37"). */
static void get_observed(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const check_row *r = row;
    const tcs_target_figures *f = r->f;
    int dp = metric_dp(r->t);
    bool change = r->t->metric.change;
    const char *sa = change && f->observed >= 0 ? "+" : "";
    const char *sb = change && f->ci_lo >= 0 ? "+" : "";
    const char *sc = change && f->ci_hi >= 0 ? "+" : "";
    if (!f->has_observed)
        snprintf(v->buf, sizeof v->buf, "-");
    else if (f->has_ci)
        snprintf(v->buf, sizeof v->buf, "%s%.*f (%s%.*f to %s%.*f)", sa, dp, f->observed, sb, dp,
                 f->ci_lo, sc, dp, f->ci_hi);
    else
        snprintf(v->buf, sizeof v->buf, "%s%.*f", sa, dp, f->observed);
    v->text = v->buf;
}

static void get_target(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_target *tg = ((const check_row *)row)->t;
    if (tg->has_target)
        snprintf(v->buf, sizeof v->buf, "%s %g", tcs_comparator_text(tg->comparator), tg->target);
    else
        snprintf(v->buf, sizeof v->buf, "-");
    v->text = v->buf;
}

/* "met (green) within noise", "in progress (amber) [hand status disagrees]" */
static void get_status_shown(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const check_row *r = row;
    const tcs_target_figures *f = r->f;
    const char *status = r->k == 0 && f->status == TCS_STATUS_HAND
                             ? r->r->target->hand_status
                             : tcs_target_status_text(f->status);
    snprintf(v->buf, sizeof v->buf, "%s (%s)%s%s", status ? status : "", tcs_rag_name(f->rag),
             f->status == TCS_STATUS_MET && f->distinguishable == 0 ? " within noise" : "",
             r->k == 0 && r->r->disagreement ? " [hand status disagrees]" : "");
    v->text = v->buf;
}

/* "yes", "no", "no [a]": a mark when the interval of the change and the
 * verdict differ (the note under the table says why). */
static void get_distinguishable(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_target_figures *f = ((const check_row *)row)->f;
    v->present = f->distinguishable >= 0;
    v->text = f->distinguishable > 0 ? "yes" : "no";
    v->suffix = tcs_view_mark_letter(f->mark);
}

/* The minimum detectable change in the metric's unit and decimals. */
static void get_mdc(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const check_row *r = row;
    v->present = r->f->has_mdc;
    if (v->present) {
        snprintf(v->buf, sizeof v->buf, "%.*f", metric_dp(r->t), r->f->mdc);
        v->text = v->buf;
    }
}

/* ---- values of the targets file (data) ---- */

static void get_comparator(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_target *tg = ((const check_row *)row)->t;
    v->text = tg->has_target ? tcs_comparator_text(tg->comparator) : NULL;
}

static void get_combine(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    v->text = combine_name(((const check_row *)row)->t->combine);
}

static void get_judged(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    tcs_target_status st = ((const check_row *)row)->f->status;
    v->text = st == TCS_STATUS_HAND ? "hand" : st == TCS_STATUS_ERROR ? "error" : "data";
}

static void get_hand_status(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_target *tg = ((const check_row *)row)->t;
    v->text = tg->has_hand ? tg->hand_status : NULL;
}

static void get_hand_rag(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_target *tg = ((const check_row *)row)->t;
    v->text = tg->has_hand ? tcs_rag_name(tg->hand_rag) : NULL;
}

#define T(field) TCS_VIA(CR, t, tcs_target, field)
#define RS(field) TCS_VIA(CR, r, tcs_target_result, field)
#define R TCS_ALIGN_RIGHT
static const tcs_col target_col[] = {
    {.key = "row", .type = TCS_V_LONG, .formats = TCS_F_DATA, .at = T(row)},
    {.key = "row", .type = TCS_V_LONG, .formats = TCS_F_TABLE, .get = get_row, .none = "",
     .align = R, .width = 4},
    {.key = "action", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = T(action)},
    {.key = "action", .type = TCS_V_TEXT, .formats = TCS_F_TABLE, .get = get_action_short,
     .width = 7},
    {.key = "action", .header = "Action", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .get = get_action},
    {.key = "description", .header = "Success measure (as published)", .type = TCS_V_TEXT,
     .formats = TCS_F_PAGE, .get = get_description},
    {.key = "pillar", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = RS(pillar)},
    {.key = "questions", .type = TCS_V_TABLE, .formats = TCS_F_JSON, .rows = id_rows,
     .sub = &id_list},
    {.key = "questions_spec", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .at = T(questions)},
    {.key = "questions", .type = TCS_V_TEXT, .formats = TCS_F_CSV, .at = T(questions)},
    {.key = "questions", .type = TCS_V_TEXT, .formats = TCS_F_TABLE, .get = get_questions,
     .width = 11},
    {.key = "question", .type = TCS_V_TEXT, .formats = TCS_F_CSV, .at = F(question)},
    {.key = "metric", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = T(metric_text)},
    {.key = "measure", .type = TCS_V_TEXT, .formats = TCS_F_TABLE, .get = get_measure,
     .width = 28},
    {.key = "measure", .header = "Measure", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .get = get_measure_on},
    {.key = "comparator", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .get = get_comparator},
    {.key = "target", .type = TCS_V_NUM, .formats = TCS_F_DATA, .at = T(target),
     .pres = TCS_PRES_IF, .has = T(has_target)},
    {.key = "combine", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .get = get_combine},
    {.key = "baseline_wave", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = RS(baseline_wave),
     .flags = TCS_COL_BREAK},
    {.key = "due_wave", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = RS(due_wave)},
    {.type = TCS_V_GROUP, .formats = TCS_F_DATA, .sub = &figures_cols, .at = TCS_DEREF(CR, f)},
    {.key = "baseline", .header = "Baseline", .term_header = "baseline", .type = TCS_V_TEXT, .formats = TCS_F_PEOPLE,
     .get = get_baseline, .align = R, .width = 8},
    {.key = "observed", .header = "Result (95% CI)", .term_header = "observed (95% CI)",
     .type = TCS_V_TEXT, .formats = TCS_F_PEOPLE, .get = get_observed, .width = 24},
    {.key = "target", .header = "Target", .term_header = "target", .type = TCS_V_TEXT, .formats = TCS_F_PEOPLE,
     .get = get_target, .align = R, .width = 9},
    {.key = "progress", .header = "Progress", .term_header = "progress", .type = TCS_V_PERCENT, .formats = TCS_F_PEOPLE,
     .prec = 0, .at = F(progress), .pres = TCS_PRES_IF, .has = F(has_progress), .align = R,
     .width = 8},
    {.key = "distinguishable", .header = "Distinguishable", .term_header = "dist.",
     .type = TCS_V_TEXT, .formats = TCS_F_PEOPLE, .get = get_distinguishable, .none = "-",
     .width = 6},
    {.key = "q", .type = TCS_V_NUM, .formats = TCS_F_PEOPLE, .prec = 3, .at = F(q),
     .pres = TCS_PRES_IF, .has = F(has_q), .align = R, .width = 5},
    {.key = "min_detectable_change", .header = "MDC", .type = TCS_V_TEXT,
     .formats = TCS_F_PEOPLE, .get = get_mdc, .none = "-", .align = R, .width = 5},
    {.key = "status", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .get = get_status},
    {.key = "status", .header = "Status", .term_header = "status", .type = TCS_V_TEXT, .formats = TCS_F_PEOPLE,
     .get = get_status_shown},
    {.key = "rag", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .get = get_rag},
    {.key = "judged", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .get = get_judged},
    {.key = "hand_status", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .get = get_hand_status,
     .flags = TCS_COL_BREAK},
    {.key = "hand_rag", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .get = get_hand_rag},
    {.key = "disagreement", .type = TCS_V_BOOL, .formats = TCS_F_DATA, .at = RS(disagreement)},
    {.key = "description", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = T(description)},
    {.key = "comment", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = T(comment)},
    {.key = "reason", .type = TCS_V_CHARS, .formats = TCS_F_DATA, .at = F(reason)},
    {.type = TCS_V_GROUP, .formats = TCS_F_DATA, .sub = &evidence_cols, .at = TCS_DEREF(CR, f),
     .flags = TCS_COL_BREAK},
    {.key = "items", .type = TCS_V_TABLE, .formats = TCS_F_JSON, .rows = item_rows,
     .sub = &item_cols, .flags = TCS_COL_BREAK | TCS_COL_LINES},
};
static const tcs_cols target_cols = TCS_COLS(target_col);
#undef T
#undef RS
#undef F
#undef CR

/* ---- pillars ---- */

#define PR tcs_pillar_rag
static const tcs_col rag_col[] = {
    {.key = "pillar", .header = "Pillar", .type = TCS_V_CHARS, .formats = TCS_F_ALL,
     .at = TCS_AT(PR, pillar)},
    {.key = "green", .header = "Green", .type = TCS_V_LONG, .formats = TCS_F_ALL,
     .at = TCS_AT(PR, green), .align = R},
    {.key = "amber", .header = "Amber", .type = TCS_V_LONG, .formats = TCS_F_ALL,
     .at = TCS_AT(PR, amber), .align = R},
    {.key = "red", .header = "Red", .type = TCS_V_LONG, .formats = TCS_F_ALL,
     .at = TCS_AT(PR, red), .align = R},
    {.key = "grey", .header = "Grey", .type = TCS_V_LONG, .formats = TCS_F_ALL,
     .at = TCS_AT(PR, grey), .align = R},
};
#undef PR
#undef R
const tcs_cols tcs_view_rag_cols = TCS_COLS(rag_col);

static const void *rag_at(const tcs_rows *rows, size_t k, void *scratch)
{
    (void)scratch;
    return tcs_check_pillar(rows->src, k);
}

tcs_rows tcs_view_rag_rows(const tcs_check *c)
{
    return (tcs_rows){tcs_check_npillars(c), NULL, 0, rag_at, c, NULL};
}

/* ---- the document ---- */

typedef struct {
    const char *assumption;
    double alpha, amber_progress;
    const char *rag_rule, *rag_rule_text, *family, *clear_change_rule;
    size_t family_size;
    double mdc_power;
} rules_row;

static const tcs_col assumption_col[] = {
    {.key = "assumption", .type = TCS_V_TEXT, .formats = TCS_F_JSON,
     .at = TCS_AT(rules_row, assumption)},
};
static const tcs_cols assumption_cols = TCS_COLS(assumption_col);

static const tcs_col rules_col[] = {
    {.key = "alpha", .type = TCS_V_NUM, .formats = TCS_F_JSON, .at = TCS_AT(rules_row, alpha)},
    {.key = "amber_progress", .type = TCS_V_NUM, .formats = TCS_F_JSON,
     .at = TCS_AT(rules_row, amber_progress)},
    {.key = "rag_rule", .type = TCS_V_TEXT, .formats = TCS_F_JSON,
     .at = TCS_AT(rules_row, rag_rule)},
    {.key = "rag_rule_text", .type = TCS_V_TEXT, .formats = TCS_F_JSON,
     .at = TCS_AT(rules_row, rag_rule_text)},
    {.key = "family", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .at = TCS_AT(rules_row, family)},
    {.key = "family_size", .type = TCS_V_SIZE, .formats = TCS_F_JSON,
     .at = TCS_AT(rules_row, family_size)},
    {.key = "clear_change_rule", .type = TCS_V_TEXT, .formats = TCS_F_JSON,
     .at = TCS_AT(rules_row, clear_change_rule)},
    {.key = "mdc_power", .type = TCS_V_NUM, .formats = TCS_F_JSON,
     .at = TCS_AT(rules_row, mdc_power)},
};
static const tcs_cols rules_cols = TCS_COLS(rules_col);

static void intro(tcs_doc *d, const tcs_check *c, const tcs_targets *t, const tcs_waves *w)
{
    const tcs_check_options *o = tcs_check_options_used(c);
    rules_row *r = tcs_doc_alloc(d, sizeof *r);
    if (r) {
        *r = (rules_row){tcs_comparison_assumption,
                         o->alpha,
                         o->amber_progress,
                         tcs_rag_rule_name(o->rag_rule),
                         tcs_rag_rule_text(o->rag_rule),
                         tcs_family_name(o->family),
                         tcs_clear_change_rule,
                         tcs_check_family_size(c),
                         TCS_MDC_POWER};
        tcs_doc_record(d, TCS_F_JSON, NULL, &assumption_cols, r, NULL);
        tcs_doc_record(d, TCS_F_JSON, "rules", &rules_cols, r, NULL);
    }
    tcs_block *labels = tcs_doc_list(d, TCS_F_JSON, "waves", 0);
    char waves[1024] = "";
    size_t used = 0;
    for (size_t i = 0; w && i < tcs_waves_count(w); i++) {
        const char *label = tcs_waves_wave(w, i)->label;
        tcs_doc_item(d, labels, "%s", label);
        if (used < sizeof waves)
            used += (size_t)snprintf(waves + used, sizeof waves - used, "%s%s", i ? ", " : "",
                                     label);
    }
    char dist[640];
    size_t nf = tcs_check_family_size(c);
    snprintf(dist, sizeof dist,
             "Distinguishable: the target's own test of the change from its baseline wave (a "
             "mean by Welch's t, a share by its Newcombe interval, a median by Mood's median "
             "test) gives q below %g, q adjusted (Benjamini-Hochberg) over the %zu test%s of %s.",
             o->alpha, nf, nf == 1 ? "" : "s",
             o->family == TCS_FAMILY_QUESTIONS ? "the targets and every question compared"
                                               : "the plan's targets");
    tcs_doc_heading(d, TCS_F_PAGE, 2, "Success targets");
    tcs_doc_para(d, TCS_F_PAGE, "Targets: %s; waves %s. %s %s %s", tcs_targets_path(t), waves,
                 dist, tcs_rag_rule_text(o->rag_rule), tcs_comparison_assumption);
    tcs_block *term = tcs_doc_list(d, TCS_F_TABLE, NULL, 0);
    tcs_doc_item(d, term, "Targets: %s; waves %s", tcs_targets_path(t), waves);
    tcs_doc_item(d, term, "%s %s", dist, tcs_comparison_assumption);
    tcs_doc_item(d, term, "%s", tcs_rag_rule_text(o->rag_rule));
    if (w && tcs_waves_have_population(w)) {
        tcs_doc_item(d, term, "%s", tcs_population_assumption);
        tcs_doc_para(d, TCS_F_PAGE, "%s", tcs_population_assumption);
    }
}

/* Under the table: what the marks on its rows mean, when a row has one. */
static void mark_notes(tcs_doc *d, const tcs_check *c)
{
    bool seen[3] = {false, false, false};
    for (size_t i = 0; i < tcs_check_count(c); i++) {
        const tcs_target_result *r = tcs_check_at(c, i);
        seen[r->total.mark] = true;
        for (size_t k = 0; r->nitems > 1 && k < r->nitems; k++)
            seen[r->items[k].mark] = true;
    }
    tcs_view_mark_notes(d, seen);
}

static void targets(tcs_doc *d, const tcs_check *c)
{
    size_t n = tcs_check_count(c), lines = 0;
    for (size_t i = 0; i < n; i++) {
        const tcs_target_result *r = tcs_check_at(c, i);
        lines += 1 + (r->nitems > 1 ? r->nitems : 0);
    }
    check_row *totals = tcs_doc_alloc(d, (n ? n : 1) * sizeof *totals);
    check_row *all = tcs_doc_alloc(d, (lines ? lines : 1) * sizeof *all);
    if (!totals || !all)
        return;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const tcs_target_result *r = tcs_check_at(c, i);
        totals[i] = (check_row){r, r->target, &r->total, 0};
        all[k++] = totals[i];
        for (size_t j = 0; r->nitems > 1 && j < r->nitems; j++)
            all[k++] = (check_row){r, r->target, &r->items[j], j + 1};
    }
    tcs_doc_table(d, TCS_F_JSON, "targets", &target_cols,
                  tcs_rows_array(totals, n, sizeof *totals), NULL);
    tcs_doc_table(d, TCS_F_CSV | TCS_F_PEOPLE, "targets", &target_cols,
                  tcs_rows_array(all, lines, sizeof *all), NULL);
    mark_notes(d, c);
}

static void pillars(tcs_doc *d, const tcs_check *c)
{
    tcs_doc_heading(d, TCS_F_TABLE, 0, "RAG summary by pillar");
    tcs_doc_heading(d, TCS_F_PAGE, 3, "RAG summary by pillar");
    tcs_block *term = tcs_doc_list(d, TCS_F_TABLE, NULL, 2);
    for (size_t i = 0; i < tcs_check_npillars(c); i++) {
        const tcs_pillar_rag *p = tcs_check_pillar(c, i);
        tcs_doc_item(d, term, "%s: %ld green, %ld amber, %ld red, %ld grey", p->pillar, p->green,
                     p->amber, p->red, p->grey);
    }
    tcs_doc_table(d, TCS_F_JSON | TCS_F_PAGE, "pillars", &tcs_view_rag_cols,
                  tcs_view_rag_rows(c), c);
}

/* For a marked row, the interval the mark is about (the change from the
 * baseline wave; the table shows it only for change targets):
 * "the change from the baseline is +1.49 (95% CI +0.20 to +2.77) [a]". */
static void marked_change(const tcs_target_result *r, const tcs_target_figures *f, char *out,
                          size_t n)
{
    out[0] = '\0';
    if (f->mark == TCS_MARK_NONE || !f->has_change_ci)
        return;
    int dp = metric_dp(r->target);
    const char *unit = r->target->metric.kind == TCS_METRIC_SHARE ? " points" : "";
    char l = f->mark == TCS_MARK_ADJUSTED ? 'a' : 't';
    if (r->target->metric.change) /* the table shows this interval */
        return;
    if (!f->has_baseline || !f->has_observed)
        snprintf(out, n, "the change from the baseline has 95%% CI %+.*f to %+.*f%s [%c]", dp,
                 f->change_ci_lo, dp, f->change_ci_hi, unit, l);
    else
        snprintf(out, n, "the change from the baseline is %+.*f%s (95%% CI %+.*f to %+.*f) [%c]",
                 dp, f->observed - f->baseline, unit, dp, f->change_ci_lo, dp, f->change_ci_hi,
                 l);
}

/* Why: not due, no data, errors, untested, published baselines. */
static void notes(tcs_doc *d, const tcs_check *c)
{
    tcs_block *term = NULL, *page = NULL;
    for (size_t i = 0; i < tcs_check_count(c); i++) {
        const tcs_target_result *r = tcs_check_at(c, i);
        for (size_t k = 0; k < (r->nitems > 1 ? r->nitems + 1 : 1); k++) {
            const tcs_target_figures *f = k == 0 ? &r->total : &r->items[k - 1];
            char change[200] = "";
            marked_change(r, f, change, sizeof change);
            if (!f->reason[0] && !change[0])
                continue;
            if (!term) {
                tcs_doc_heading(d, TCS_F_TABLE, 0, "Notes");
                tcs_doc_heading(d, TCS_F_PAGE, 3, "Notes");
                term = tcs_doc_list(d, TCS_F_TABLE, NULL, 2);
                page = tcs_doc_list(d, TCS_F_PAGE, NULL, 0);
            }
            const char *q = k ? ", question " : "", *id = k ? f->question : "";
            const char *sep = f->reason[0] && change[0] ? "; " : "";
            tcs_doc_item(d, term, "row %ld%s%s: %s%s%s", r->target->row, q, id, f->reason, sep,
                         change);
            tcs_doc_item(d, page, "Row %ld%s%s: %s%s%s", r->target->row, q, id, f->reason, sep,
                         change);
        }
    }
}

void tcs_view_check(tcs_doc *d, const tcs_check *c, const tcs_targets *t, const tcs_waves *w)
{
    intro(d, c, t, w);
    targets(d, c);
    pillars(d, c);
    notes(d, c);
    tcs_doc_para(d, TCS_F_PEOPLE,
                 "* a published baseline, not computed from responses. Status: met (green); "
                 "on track (amber: not met, but moved from the baseline towards the target); "
                 "met, not yet distinguishable (amber: the estimate meets the target but the "
                 "data cannot yet tell it from the baseline); not met (red); not due and no "
                 "data (grey). MDC: the smallest change from the baseline the target's test "
                 "could detect at %g with %.0f%% power, in the target's unit.",
                 tcs_check_options_used(c)->alpha, 100 * TCS_MDC_POWER);
}
