/* report_targets.c - the RAG table of the action plan's targets in the
 * self-assessment's shape: action, pillar, the success measure as
 * published, the questions (ids as ranges, each question's wording on
 * its own line), baseline, result with its 95% CI, target, and the status
 * in words beside its colour; then the RAG count per pillar, its chart,
 * and a note for every target without a status from data (not due, no
 * data, an error and why). */
#define _POSIX_C_SOURCE 200809L
#include "render/report_internal.h"
#include "render/view.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define WORDING_CHARS 110 /* a question's wording beside its id, shortened */

typedef struct {
    const tcs_target_result *r;
    const tcs_target_figures *f;
    const char *action, *pillar, *description, *question; /* NULL on a question's line */
    bool sub; /* one question of a target of several */
} rag_row;

/* Decimals as a self-assessment prints them: shares 1, counts 0, the rest 2. */
static int metric_dp(const tcs_target *t)
{
    return t->metric.kind == TCS_METRIC_SHARE ? 1 : t->metric.kind == TCS_METRIC_N ? 0 : 2;
}

static const char *unit(const tcs_target *t)
{
    return t->metric.kind == TCS_METRIC_SHARE ? "%" : "";
}

/* "3.96", "60.7%", "3.96 (published)" */
static void get_baseline(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const rag_row *r = row;
    const tcs_target_figures *f = r->f;
    const tcs_target *tg = r->r->target;
    if (!f->has_baseline)
        snprintf(v->buf, sizeof v->buf, "-");
    else
        snprintf(v->buf, sizeof v->buf, "%.*f%s%s", metric_dp(tg), f->baseline, unit(tg),
                 f->baseline_published ? " (published)" : "");
    v->text = v->buf;
}

/* "5.45 [4.58, 6.32] (within noise)", "change 1.49 [0.20, 2.77] (within
 * noise; detectable 1.80) +mark" */
static void get_result(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const rag_row *r = row;
    const tcs_target_figures *f = r->f;
    const tcs_target *tg = r->r->target;
    int dp = metric_dp(tg);
    const char *change = tg->metric.change ? "change " : "", *u = unit(tg);
    char note[96] = "";
    if (f->distinguishable == 0 && f->has_mdc)
        snprintf(note, sizeof note, " (within noise; detectable %.*f%s)", dp, f->mdc,
                 tg->metric.kind == TCS_METRIC_SHARE ? " points" : "");
    else if (f->distinguishable == 0)
        snprintf(note, sizeof note, " (within noise)");
    const char *mark = tcs_report_mark_symbol(f->mark);
    if (!f->has_observed)
        snprintf(v->buf, sizeof v->buf, "-");
    else if (f->has_ci)
        snprintf(v->buf, sizeof v->buf, "%s%.*f%s [%.*f, %.*f]%s%s%s", change, dp,
                 tcs_report_nz(f->observed, dp), u, dp, tcs_report_nz(f->ci_lo, dp), dp,
                 tcs_report_nz(f->ci_hi, dp), note, mark[0] ? " " : "", mark);
    else
        snprintf(v->buf, sizeof v->buf, "%s%.*f%s%s", change, dp, f->observed, u, note);
    v->text = v->buf;
}

/* ">=" as a self-assessment prints it (the sign, not two characters) */
static const char *comparator_sign(tcs_comparator c)
{
    const char *t = tcs_comparator_text(c);
    return strcmp(t, ">=") == 0 ? "\xe2\x89\xa5" : strcmp(t, "<=") == 0 ? "\xe2\x89\xa4" : t;
}

static void get_target(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_target *tg = ((const rag_row *)row)->r->target;
    if (((const rag_row *)row)->sub)
        v->text = NULL;
    else if (tg->has_target) {
        snprintf(v->buf, sizeof v->buf, "%s%s %g%s", tg->metric.change ? "change " : "",
                 comparator_sign(tg->comparator), tg->target, unit(tg));
        v->text = v->buf;
    } else
        v->text = "-";
}

/* "Met (green)", "On track (amber)", "In progress (amber)": the status
 * in words, capitalised, beside its colour's name, in its colour. */
static void get_status(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const rag_row *r = row;
    const tcs_target *tg = r->r->target;
    const char *status = r->f->status == TCS_STATUS_HAND && tg->hand_status && !r->sub
                             ? tg->hand_status
                             : tcs_target_status_text(r->f->status);
    snprintf(v->buf, sizeof v->buf, "%s (%s)%s", status, tcs_rag_name(r->f->rag),
             !r->sub && r->r->disagreement ? "; the hand status differs" : "");
    v->buf[0] = (char)toupper((unsigned char)v->buf[0]);
    v->text = v->buf;
    v->cls = tcs_report_rag_class(r->f->rag);
}

static void get_question(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const rag_row *r = row;
    v->text = r->question;
    v->indent = r->sub;
}

#define RR rag_row
static const tcs_col rag_col[] = {
    {.key = "action", .header = "Action", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .at = TCS_AT(RR, action), .width = 7},
    {.key = "pillar", .header = "Pillar", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .at = TCS_AT(RR, pillar), .width = 13},
    {.key = "description", .header = "Success measure (as published)", .type = TCS_V_TEXT,
     .formats = TCS_F_PAGE, .at = TCS_AT(RR, description), .width = 15},
    {.key = "question", .header = "Question", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .get = get_question, .width = 17},
    {.key = "baseline", .header = "Baseline", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .get = get_baseline, .width = 10},
    {.key = "result", .header = "Result (95% CI)", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .get = get_result, .width = 14},
    {.key = "target", .header = "Target", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .get = get_target, .width = 8},
    {.key = "status", .header = "Status", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .get = get_status, .width = 16},
};
#undef RR
static const tcs_cols rag_cols = TCS_COLS(rag_col);

/* The wording of question id (the first wave's that asks it), or NULL. */
static const char *wording(const tcs_waves *w, const char *id)
{
    const tcs_matched *m = tcs_report_question(w, id, SIZE_MAX);
    return m && m->statement && strcmp(m->statement, m->id) != 0 ? m->statement : NULL;
}

/* "1.4: I feel that the role of ...", or with skip bytes of its opening
 * elided "1.4: ...important by more senior managers" */
static const char *question_text(tcs_doc *d, const tcs_waves *w, const char *id, size_t skip)
{
    const char *st = wording(w, id);
    if (!st)
        return id;
    if (skip >= strlen(st))
        skip = 0;
    return tcs_doc_printf(d, "%s: %s%s", id, skip ? "..." : "",
                          tcs_report_short(d, st + skip, WORDING_CHARS));
}

#define SHARED_MIN_WORDS 6 /* an opening this long, shared by a row's questions... */
#define SHARED_KEEP_WORDS 3 /* ...is elided after the first, down to its last words */

/* The bytes of each of r's questions' wordings to elide after the first:
 * their shared opening (1.1-1.4: "I feel that the role of Technician ...
 * is seen as important by students / by academics"), so that what tells
 * them apart shows. 0 when they share little. */
static size_t shared_opening(const tcs_waves *w, const tcs_target_result *r)
{
    const char *first = wording(w, r->items[0].question);
    if (!first)
        return 0;
    size_t words = SIZE_MAX;
    for (size_t j = 1; j < r->nitems; j++) {
        const char *st = wording(w, r->items[j].question);
        size_t n = 0, i = 0;
        while (st && first[i] && first[i] == st[i]) {
            if (first[i] == ' ' && i > 0 && first[i - 1] != ' ')
                n++;
            i++;
        }
        if (!st || n < words)
            words = st ? n : 0;
    }
    if (words == SIZE_MAX || words < SHARED_MIN_WORDS)
        return 0;
    size_t keep_from = words - SHARED_KEEP_WORDS, n = 0, i = 0;
    while (first[i] && n < keep_from)
        n += first[i++] == ' ';
    return i;
}

/* The row's questions: its own wording for one, the ids as ranges for
 * several (their wordings are on the lines under it). */
static const char *questions_of(tcs_doc *d, const tcs_waves *w, const tcs_target_result *r)
{
    if (r->nitems == 1)
        return question_text(d, w, r->items[0].question, 0);
    if (r->nids > 0)
        return tcs_report_id_list(d, (const char *const *)r->ids, r->nids);
    return r->target->questions ? r->target->questions : "-";
}

static rag_row *rag_rows(tcs_doc *d, const tcs_report *rep, size_t *nrows)
{
    const tcs_check *c = rep->check;
    size_t n = 0, k = 0;
    for (size_t i = 0; i < tcs_check_count(c); i++) {
        const tcs_target_result *r = tcs_check_at(c, i);
        n += 1 + (r->nitems > 1 ? r->nitems : 0);
    }
    rag_row *rows = tcs_doc_alloc(d, (n ? n : 1) * sizeof *rows);
    for (size_t i = 0; rows && i < tcs_check_count(c); i++) {
        const tcs_target_result *r = tcs_check_at(c, i);
        const tcs_target *t = r->target;
        bool one = r->nitems == 1;
        rows[k++] = (rag_row){r, one ? &r->items[0] : &r->total, t->action,
                              r->pillar ? r->pillar : t->pillar, t->description,
                              questions_of(d, rep->waves, r), false};
        size_t skip = r->nitems > 1 ? shared_opening(rep->waves, r) : 0;
        for (size_t j = 0; r->nitems > 1 && j < r->nitems; j++)
            rows[k++] = (rag_row){r, &r->items[j], NULL, NULL, NULL,
                                  question_text(d, rep->waves, r->items[j].question,
                                                j ? skip : 0),
                                  true};
    }
    *nrows = rows ? k : 0;
    return rows;
}

/* Why a target (or one of its questions) has no status from data, and
 * what each mark means: every reason in the report itself. */
static void notes(tcs_doc *d, const tcs_check *c)
{
    tcs_block *list = NULL;
    unsigned marks = 0;
    for (size_t i = 0; i < tcs_check_count(c); i++) {
        const tcs_target_result *r = tcs_check_at(c, i);
        for (size_t k = 0; k < (r->nitems > 1 ? r->nitems + 1 : 1); k++) {
            const tcs_target_figures *f = k == 0 ? &r->total : &r->items[k - 1];
            marks |= 1u << f->mark;
            /* "met, not yet distinguishable" and its interval are in the table */
            if (!f->reason[0] || f->status == TCS_STATUS_MET_NOISE)
                continue;
            if (!list) {
                tcs_doc_heading(d, TCS_F_PAGE, 3, "Notes on the targets");
                list = tcs_doc_list(d, TCS_F_PAGE, NULL, 0);
            }
            tcs_doc_item(d, list, "%s (row %ld%s%s)%s: %s", r->target->action, r->target->row,
                         k ? ", question " : "", k ? f->question : "",
                         f->status == TCS_STATUS_ERROR ? ", an error" : "", f->reason);
        }
    }
    for (tcs_mark m = TCS_MARK_ADJUSTED; m <= TCS_MARK_TESTS_DIFFER; m++)
        if (marks & (1u << m))
            tcs_doc_para(d, TCS_F_PAGE, "%s %s.", tcs_report_mark_symbol(m), tcs_mark_text(m));
}

void tcs_report_targets(tcs_doc *d, const tcs_report *rep)
{
    const tcs_check *c = rep->check;
    size_t k;
    rag_row *rows = rag_rows(d, rep, &k);
    if (!rows)
        return;
    tcs_doc_heading(d, TCS_F_PAGE, 2, "Success targets: RAG analysis");
    tcs_doc_para(d, TCS_F_PAGE,
                 "Each success measure of the action plan as published, the baseline, the "
                 "result in the wave it is due with its 95%% confidence interval, the target "
                 "and the status. A result marked \"within noise\" is not distinguishable from "
                 "the baseline at the chosen significance level (q below %g). %s",
                 tcs_check_options_used(c)->alpha,
                 tcs_rag_rule_text(tcs_check_options_used(c)->rag_rule));
    tcs_block *b = tcs_doc_table(d, TCS_F_PAGE, NULL, &rag_cols, tcs_rows_array(rows, k, sizeof *rows),
                                 NULL);
    b->t.cls = "rag-table";
    notes(d, c);
    tcs_doc_heading(d, TCS_F_PAGE, 3, "RAG summary by pillar");
    b = tcs_doc_table(d, TCS_F_PAGE, NULL, &tcs_view_rag_cols, tcs_view_rag_rows(c), c);
    b->t.cls = "rag-summary";
    tcs_report_charts(d, rep, TCS_CHART_RAG, NULL, 0, true);
}
