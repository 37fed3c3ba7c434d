/* report_extra.c - the report's sections beyond the evidence itself:
 * with --by, a heat map of the groups by question (each cell the group's
 * % high in the last wave, shaded by its difference from all
 * respondents; the suppressed groups one column that names none); and
 * the questions not analysed and why, the answers left out of the
 * figures, and the readings that rest on an assumption. No free-text
 * answer appears: columns are named by their headers, answers only by
 * the library's privacy-safe descriptions. */
#define _POSIX_C_SOURCE 200809L
#include "render/report_internal.h"
#include "scale/infer.h"
#include "tcsurvey/groups.h"
#include "tcsurvey/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_CHARS 110 /* a column's header in the lists, shortened */
#define GROUPS_PER_TABLE 8
#define WORDING_CHARS 50 /* a question's wording beside its id in the heat map */

/* ---- groups ---- */

typedef struct {
    const tcs_report *r;
    const tcs_group *const *groups; /* the table's columns: NULL = all respondents */
    size_t n;
} heat_ctx;

typedef struct {
    size_t q; /* in the waves of all respondents */
} heat_row;

/* The % high of question id in the last wave of w, or NAN. */
static double high_of(const tcs_waves *w, const tcs_matched *all, size_t q)
{
    size_t last = tcs_waves_count(w) - 1;
    const tcs_matched *m = tcs_report_question(w, all->id, q);
    if (!m || m->conflict || !m->cols[last])
        return NAN;
    tcs_point_stats st;
    tcs_stats_from_counts(&m->scale, m->counts[last], &st);
    return st.has_percent ? st.high_percent : NAN;
}

/* "G03Q14[2] (R): My line manager recognises the..." */
static void get_heat_question(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k;
    const heat_ctx *x = t->ctx;
    const tcs_matched *m = tcs_waves_question(x->r->waves, ((const heat_row *)row)->q);
    const char *st = m->statement && strcmp(m->statement, m->id) != 0 ? m->statement : NULL;
    size_t used = (size_t)snprintf(v->buf, sizeof v->buf, "%s%s", m->id, m->reverse ? " (R)" : "");
    if (st && used < sizeof v->buf) {
        size_t cut = tcs_report_short_len(st, WORDING_CHARS);
        snprintf(v->buf + used, sizeof v->buf - used, ": %.*s%s", (int)cut, st,
                 st[cut] ? "..." : "");
    }
    v->text = v->buf;
}

/* "61%", shaded by its difference from all respondents' */
static void get_heat_cell(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    const heat_ctx *x = t->ctx;
    size_t q = ((const heat_row *)row)->q;
    const tcs_matched *all = tcs_waves_question(x->r->waves, q);
    const tcs_group *g = x->groups[k];
    v->cls = "heat";
    if (g && g->suppressed) {
        v->text = "suppressed";
        v->cls = "heat sup";
        return;
    }
    double base = high_of(x->r->waves, all, q);
    double h = g ? high_of(g->waves, all, q) : base;
    if (!isfinite(h)) {
        v->text = "-";
        return;
    }
    snprintf(v->buf, sizeof v->buf, "%.0f%%", h);
    v->text = v->buf;
    double diff = h - base;
    if (g && isfinite(base))
        v->cls = diff >= 10 ? "heat up2" : diff >= 5 ? "heat up1" : diff <= -10 ? "heat down2"
                 : diff <= -5                                    ? "heat down1"
                                                                 : "heat";
}

static const tcs_col heat_col[] = {
    {.key = "question", .header = "Question", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .get = get_heat_question, .width = 30},
    {.key = "group", .header = "%s", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .get = get_heat_cell, .flags = TCS_COL_MULTI, .width = 10},
};
static const tcs_cols heat_cols = TCS_COLS(heat_col);

/* The columns of one table: all respondents, then groups[from, to), the
 * suppressed entry last (when in range). */
static void heat_table(tcs_doc *d, const tcs_report *r, heat_row *rows, size_t nrows, size_t from,
                       size_t to)
{
    const tcs_grouping *g = r->groups;
    size_t n = to - from + 1, last = tcs_waves_count(r->waves) - 1;
    heat_ctx *x = tcs_doc_alloc(d, sizeof *x);
    const tcs_group **cols = tcs_doc_alloc(d, n * sizeof *cols);
    const char **labels = tcs_doc_alloc(d, n * sizeof *labels);
    if (!x || !cols || !labels)
        return;
    labels[0] = tcs_doc_printf(d, "All respondents (%ld)",
                               tcs_survey_responses(tcs_waves_wave(r->waves, last)->survey));
    for (size_t i = from; i < to; i++) {
        const tcs_group *gr = &g->groups[i];
        cols[i - from + 1] = gr;
        labels[i - from + 1] = gr->suppressed ? gr->label
                                              : tcs_doc_printf(d, "%s (%ld)", gr->label,
                                                               gr->responses[last]);
    }
    *x = (heat_ctx){r, cols, n};
    tcs_block *b = tcs_doc_table(d, TCS_F_PAGE, NULL, &heat_cols,
                                 tcs_rows_array(rows, nrows, sizeof *rows), x);
    b->t.labels = labels;
    b->t.nlabels = n;
    b->t.cls = "heat";
}

void tcs_report_groups(tcs_doc *d, const tcs_report *r)
{
    const tcs_grouping *g = r->groups;
    const tcs_waves *w = r->waves;
    size_t nq = tcs_waves_nquestions(w), last = tcs_waves_count(w) - 1, n = 0;
    heat_row *rows = tcs_doc_alloc(d, (nq ? nq : 1) * sizeof *rows);
    for (size_t q = 0; rows && q < nq; q++)
        if (!tcs_waves_question(w, q)->conflict && tcs_waves_question(w, q)->cols[last])
            rows[n++].q = q;
    const tcs_column *by = tcs_survey_column(tcs_waves_wave(w, 0)->survey, g->column[0]);
    tcs_doc_heading(d, TCS_F_PAGE, 2, "By %s",
                    by && by->statement && by->statement[0] ? by->statement : g->by);
    tcs_doc_para(d, TCS_F_PAGE,
                 "Each cell is the group's %% high (the share above the scale's midpoint) in "
                 "%s, shaded by its difference from all respondents: dark blue 10 points or more "
                 "above, light blue 5 to 10 above, light red 5 to 10 below, dark red 10 or more "
                 "below. The number of respondents of each group is beside its name. "
                 "Minimum group size %ld: %s",
                 tcs_waves_wave(w, last)->label, g->min_group, tcs_group_rule);
    for (size_t from = 0; rows && from < g->n; from += GROUPS_PER_TABLE) {
        size_t to = from + GROUPS_PER_TABLE < g->n ? from + GROUPS_PER_TABLE : g->n;
        heat_table(d, r, rows, n, from, to);
    }
}

/* ---- questions not analysed ---- */

typedef struct {
    const char *id;     /* the column's id, or a grid's "first to last" */
    const char *text;   /* its wording (or a grid's question), shortened */
    const char *reason; /* why it is not analysed */
    unsigned waves;     /* bits: the waves where it is so */
    const char *where;  /* merged: "col28 in 2024, col29 in 2026" */
    bool same_id;       /* merged: one id in every wave */
    size_t order;       /* first seen */
} skipped;

static int by_text(const void *a, const void *b)
{
    const skipped *x = a, *y = b;
    int c = strcmp(x->text, y->text);
    if (!c)
        c = strcmp(x->reason, y->reason);
    return c ? c : x->order < y->order ? -1 : x->order > y->order;
}

static int by_order(const void *a, const void *b)
{
    const skipped *x = a, *y = b;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* A column's wording: its statement (the codebook's or key file's, else
 * its header's), "(no header)" when it has none. */
static const char *column_text(tcs_doc *d, const tcs_column *c)
{
    const char *st = c->statement && c->statement[0] ? c->statement : c->header;
    if (!st || !st[0])
        return "(no header)";
    return tcs_report_short(d, st, HEADER_CHARS);
}

/* The columns of s that are not questions (metadata apart), grids of the
 * same reason as one entry, into out; returns how many. */
static size_t skipped_of(tcs_doc *d, const tcs_waves *w, size_t wave, skipped *out, size_t at)
{
    const tcs_survey *s = tcs_waves_wave(w, wave)->survey;
    size_t n = 0, nc = tcs_survey_ncolumns(s);
    for (size_t i = 0; i < nc; i++) {
        const tcs_column *c = tcs_survey_column(s, i);
        if (tcs_column_is_question(c) || c->role == TCS_ROLE_METADATA)
            continue;
        /* reasons never quote answers (inspect's sample is reason_sample) */
        const char *reason = c->reason ? c->reason : tcs_role_name(c->role);
        size_t j = i;
        while (c->stem && j + 1 < nc) {
            const tcs_column *next = tcs_survey_column(s, j + 1);
            if (!next->stem || strcmp(next->stem, c->stem) != 0 || tcs_column_is_question(next) ||
                !next->reason || strcmp(next->reason, reason) != 0)
                break;
            j++;
        }
        const char *id = j > i ? tcs_doc_printf(d, "%s to %s (%zu columns)", c->id,
                                                tcs_survey_column(s, j)->id, j - i + 1)
                               : c->id;
        const char *text = j > i ? tcs_report_short(d, c->stem, HEADER_CHARS) : column_text(d, c);
        const char *where = tcs_doc_printf(d, "%s in %s", id, tcs_waves_wave(w, wave)->label);
        out[n] = (skipped){id, text, reason, 1u << wave, where, true, at + n};
        n++;
        i = j;
    }
    return n;
}

/* "2016, 2017", or "every wave" */
static const char *waves_text(tcs_doc *d, const tcs_waves *w, unsigned bits)
{
    size_t nw = tcs_waves_count(w);
    if (bits == (nw >= 32 ? ~0u : (1u << nw) - 1))
        return nw > 1 ? "every wave" : tcs_waves_wave(w, 0)->label;
    char *out = tcs_doc_alloc(d, 1);
    for (size_t i = 0; out && i < nw; i++)
        if (bits & (1u << i))
            out = tcs_doc_printf(d, "%s%s%s", out, out[0] ? ", " : "", tcs_waves_wave(w, i)->label);
    return out;
}

/* The entries of every wave, one per column (or grid) and reason: the
 * same wording in several waves is one entry. *n gets how many. */
static skipped *skipped_all(tcs_doc *d, const tcs_waves *w, size_t *n)
{
    size_t total = 0, k = 0;
    *n = 0;
    for (size_t i = 0; i < tcs_waves_count(w); i++)
        total += tcs_survey_ncolumns(tcs_waves_wave(w, i)->survey);
    skipped *all = tcs_doc_alloc(d, (total ? total : 1) * sizeof *all);
    for (size_t i = 0; all && i < tcs_waves_count(w); i++)
        *n += skipped_of(d, w, i, all + *n, *n);
    if (!all)
        return NULL;
    qsort(all, *n, sizeof *all, by_text);
    for (size_t i = 0; i < *n; i++) {
        skipped *last = k ? &all[k - 1] : NULL;
        if (last && strcmp(last->text, all[i].text) == 0 &&
            strcmp(last->reason, all[i].reason) == 0) {
            last->waves |= all[i].waves;
            last->same_id = last->same_id && strcmp(last->id, all[i].id) == 0;
            last->where = tcs_doc_printf(d, "%s, %s", last->where, all[i].where);
        } else
            all[k++] = all[i];
    }
    qsort(all, k, sizeof *all, by_order);
    *n = k;
    return all;
}

static void not_analysed_list(tcs_doc *d, const tcs_report *r)
{
    const tcs_waves *w = r->waves;
    size_t n;
    skipped *all = skipped_all(d, w, &n);
    if (!all || n == 0)
        return;
    tcs_doc_para(d, TCS_F_PAGE, "Columns that are not questions on an answer scale:");
    tcs_block *list = tcs_doc_list(d, TCS_F_PAGE, NULL, 0);
    bool several = tcs_waves_count(w) > 1;
    for (size_t i = 0; i < n; i++) {
        const skipped *e = &all[i];
        if (e->same_id)
            tcs_doc_item(d, list, "%s: %s: %s%s%s%s", e->id, e->text, e->reason,
                         several ? " (" : "", several ? waves_text(d, w, e->waves) : "",
                         several ? ")" : "");
        else
            tcs_doc_item(d, list, "%s: %s (%s)", e->text, e->reason, e->where);
    }
}

/* Whether question m's column c of wave i has a note (emit: add it). */
static bool question_note(tcs_doc *d, tcs_block *list, const tcs_waves *w, const tcs_matched *m,
                          size_t i, bool emit)
{
    const tcs_column *c = m->cols[i];
    const char *label = tcs_waves_wave(w, i)->label;
    bool conflict = m->conflict && (i == 0 || !m->cols[i - 1]);
    bool any = conflict || c->other > 0 || (c->ambiguous && c->scale_note) || c->nnear > 0;
    if (!emit || !any)
        return any;
    if (conflict)
        tcs_doc_item(d, list, "%s: not compared between waves: %s", m->id, m->conflict_reason);
    if (c->other > 0) {
        char desc[1024];
        tcs_describe_unknown(c, desc, sizeof desc);
        tcs_doc_item(d, list, "%s (%s): %ld answer%s not on its scale, left out of the figures: %s",
                     m->id, label, c->other, c->other == 1 ? "" : "s", desc);
    }
    if (c->ambiguous && c->scale_note)
        tcs_doc_item(d, list, "%s (%s): %s", m->id, label, c->scale_note);
    for (size_t k = 0; k < c->nnear; k++) {
        const tcs_near_miss *nm = &c->near[k];
        int off = nm->value - c->scale.min;
        const char *as = off >= 0 && (size_t)off < c->scale.npoints ? c->scale.labels[off] : "?";
        /* the answer as written only when more than one gave it */
        if (nm->count >= 2)
            tcs_doc_item(d, list, "%s (%s): %ld answers '%s' read as '%s'", m->id, label,
                         nm->count, nm->label, as);
        else
            tcs_doc_item(d, list, "%s (%s): 1 answer read as '%s', the wording it nearly is",
                         m->id, label, as);
    }
    return any;
}

/* Questions compared in no wave, answers left out, readings that rest on
 * an assumption. */
static void question_notes(tcs_doc *d, const tcs_report *r)
{
    const tcs_waves *w = r->waves;
    tcs_block *list = NULL;
    for (int pass = 0; pass < 2; pass++) {
        bool any = false;
        for (size_t q = 0; q < tcs_waves_nquestions(w); q++)
            for (size_t i = 0; i < tcs_waves_count(w); i++)
                if (tcs_waves_question(w, q)->cols[i])
                    any |= question_note(d, list, w, tcs_waves_question(w, q), i, pass == 1);
        if (!any)
            return;
        if (pass == 0) {
            tcs_doc_para(d, TCS_F_PAGE, "Questions analysed with a note:");
            list = tcs_doc_list(d, TCS_F_PAGE, NULL, 0);
        }
    }
}

void tcs_report_not_analysed(tcs_doc *d, const tcs_report *r)
{
    tcs_doc_heading(d, TCS_F_PAGE, 2, "Questions not analysed, and why");
    tcs_doc_para(d, TCS_F_PAGE,
                 "Every column of the exports is listed here unless it is a question analysed "
                 "above or a column the survey platform adds (respondent ids, times, e-mail "
                 "addresses: never shown). Free-text answers are counted, never shown.");
    not_analysed_list(d, r);
    question_notes(d, r);
}
