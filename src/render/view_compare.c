/* view_compare.c - the comparison of waves (tcsurvey compare): each
 * question's change per pair of waves, pillar scores, means by wave, and
 * with --by the same per group. */
#include "render/view.h"
#include "tcsurvey/layout.h"
#include "tcsurvey/output.h"
#include "tcsurvey/stats.h"


const char tcs_comparison_assumption[] =
    "Waves are treated as independent samples; where the same people answered more than "
    "once, p-values and intervals are approximate.";

/* ---- a change, question or pillar alike ---- */

typedef struct {
    const tcs_change *c;
    double q;
    bool has_q;
    const char *verdict;
    bool has_mdc;
    double mdc;    /* minimum detectable change in mean (80% power) */
    tcs_mark mark; /* the interval and the verdict differ */
} change_view;

/* People see a marked verdict with its note's letter: "rose [a]". */
static void get_verdict_marked(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const change_view *cv = row;
    v->text = cv->verdict;
    v->suffix = tcs_view_mark_letter(cv->mark);
}

static void get_mark(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    v->text = tcs_mark_name(((const change_view *)row)->mark);
}

/* "28/31" */
static void get_n(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_change *c = ((const change_view *)row)->c;
    snprintf(v->buf, sizeof v->buf, "%ld/%ld", c->n_from, c->n_to);
    v->text = v->buf;
}

/* "+0.37 (-0.82, +1.55)", or the change alone without its interval */
static void get_change(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_change *c = ((const change_view *)row)->c;
    if (c->has_welch)
        snprintf(v->buf, sizeof v->buf, "%+.2f (%+.2f, %+.2f)", c->delta, c->delta_ci_lo,
                 c->delta_ci_hi);
    else if (c->has_delta)
        snprintf(v->buf, sizeof v->buf, "%.2f", c->delta);
    else
        snprintf(v->buf, sizeof v->buf, "-");
    v->text = v->buf;
}

#define CV change_view
#define CH(field) TCS_VIA(CV, c, tcs_change, field)
#define R TCS_ALIGN_RIGHT
/* The figures of every change (the library's tcs_change): a new figure
 * of tcs_change is a row here, and shows in the comparison of questions
 * and of pillars alike. */
static const tcs_col change_col[] = {
    {.key = "n", .type = TCS_V_TEXT, .formats = TCS_F_PEOPLE, .get = get_n, .width = 9},
    {.key = "mean_from", .header = "mean before", .term_header = "before", .type = TCS_V_NUM,
     .formats = TCS_F_ALL, .prec = 2, .at = CH(mean_from), .pres = TCS_PRES_IF_POS,
     .has = CH(n_from), .align = R, .width = 6},
    {.key = "mean_to", .header = "mean after", .term_header = "after", .type = TCS_V_NUM,
     .formats = TCS_F_ALL, .prec = 2, .at = CH(mean_to), .pres = TCS_PRES_IF_POS,
     .has = CH(n_to), .align = R, .width = 6},
    {.key = "change", .header = "change (95% CI)", .type = TCS_V_TEXT, .formats = TCS_F_PEOPLE,
     .get = get_change, .width = 22},
    {.key = "delta", .type = TCS_V_NUM, .formats = TCS_F_DATA, .at = CH(delta),
     .pres = TCS_PRES_IF, .has = CH(has_delta)},
    {.key = "delta_ci95", .type = TCS_V_INTERVAL, .formats = TCS_F_DATA, .at = CH(delta_ci_lo),
     .at2 = CH(delta_ci_hi), .pres = TCS_PRES_IF, .has = CH(has_welch)},
    {.key = "welch_p", .type = TCS_V_NUM, .formats = TCS_F_DATA, .at = CH(welch_p),
     .pres = TCS_PRES_IF, .has = CH(has_welch)},
    {.key = "mwu_p", .header = "p (MWU)", .type = TCS_V_NUM, .formats = TCS_F_ALL, .prec = 3,
     .at = CH(mwu_p), .pres = TCS_PRES_IF, .has = CH(has_mwu), .align = R, .width = 8},
    {.key = "q", .type = TCS_V_NUM, .formats = TCS_F_PEOPLE, .prec = 3, .at = TCS_AT(CV, q),
     .pres = TCS_PRES_IF, .has = TCS_AT(CV, has_q), .align = R, .width = 6},
    {.key = "min_detectable_change", .header = "MDC", .type = TCS_V_NUM, .formats = TCS_F_PEOPLE,
     .prec = 2, .at = TCS_AT(CV, mdc), .pres = TCS_PRES_IF, .has = TCS_AT(CV, has_mdc),
     .align = R, .width = 5},
    {.key = "cliffs_delta", .type = TCS_V_NUM, .formats = TCS_F_DATA, .at = CH(cliffs_delta),
     .pres = TCS_PRES_IF, .has = CH(has_delta)},
    {.key = "hedges_g", .type = TCS_V_NUM, .formats = TCS_F_DATA, .at = CH(hedges_g),
     .pres = TCS_PRES_IF, .has = CH(has_hedges)},
};
static const tcs_cols change_cols = TCS_COLS(change_col);

/* Figures added since the first CSV layout: the data formats give them
 * at the end of each row, after every older column, so that a
 * spreadsheet reading columns by position keeps working. New figures of
 * a change go here. */
static const tcs_col change_added_col[] = {
    {.key = "min_detectable_change", .type = TCS_V_NUM, .formats = TCS_F_DATA,
     .at = TCS_AT(CV, mdc), .pres = TCS_PRES_IF, .has = TCS_AT(CV, has_mdc)},
    {.key = "mark", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .get = get_mark},
    {.key = "population_from", .type = TCS_V_LONG, .formats = TCS_F_DATA,
     .at = CH(population_from), .pres = TCS_PRES_IF_POS, .has = CH(population_from)},
    {.key = "population_to", .type = TCS_V_LONG, .formats = TCS_F_DATA, .at = CH(population_to),
     .pres = TCS_PRES_IF_POS, .has = CH(population_to)},
    {.key = "fpc", .type = TCS_V_BOOL, .formats = TCS_F_DATA, .at = CH(fpc)},
    {.key = "exact", .type = TCS_V_BOOL, .formats = TCS_F_DATA, .at = CH(exact)},
};
static const tcs_cols change_added_cols = TCS_COLS(change_added_col);

/* ---- questions ---- */

typedef struct {
    change_view cv; /* first: the change group reads it */
    const tcs_matched *m;
    const char *from, *to;
} question_row;

/* The smallest change in "% high" the test could detect (percentage
 * points, 80% power) at the comparison's alpha (the table's context). */
static void get_high_mdc(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k;
    const question_row *r = row;
    v->present = t->ctx && tcs_change_high_mdc(r->cv.c, tcs_waves_alpha(t->ctx), TCS_MDC_POWER,
                                               &v->x);
}

#define QR question_row
#define M(field) TCS_VIA(QR, m, tcs_matched, field)
#define QC(field) TCS_VIA(QR, cv.c, tcs_change, field)
static const tcs_col question_col[] = {
    {.key = "id", .type = TCS_V_TEXT, .formats = TCS_F_ALL, .at = M(id)},
    {.key = "statement", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = M(statement)},
    {.key = "pillar", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = M(pillar)},
    {.key = "scale", .type = TCS_V_CHARS, .formats = TCS_F_DATA, .at = M(scale.name)},
    {.key = "reverse", .type = TCS_V_BOOL, .formats = TCS_F_JSON, .at = M(reverse)},
    {.key = "from", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = TCS_AT(QR, from)},
    {.key = "to", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = TCS_AT(QR, to)},
    {.key = "n_from", .type = TCS_V_LONG, .formats = TCS_F_DATA, .at = QC(n_from),
     .flags = TCS_COL_BREAK},
    {.key = "n_to", .type = TCS_V_LONG, .formats = TCS_F_DATA, .at = QC(n_to)},
    {.type = TCS_V_GROUP, .formats = TCS_F_ALL, .sub = &change_cols, .at = TCS_AT(QR, cv)},
    {.key = "cliffs_delta", .header = "Cliff's delta", .term_header = "Cliff d",
     .type = TCS_V_NUM, .formats = TCS_F_PEOPLE, .prec = 2, .at = QC(cliffs_delta),
     .pres = TCS_PRES_IF, .has = QC(has_delta), .align = R, .width = 7},
    {.key = "high_from", .type = TCS_V_NUM, .formats = TCS_F_DATA, .at = QC(high_from),
     .pres = TCS_PRES_IF_POS, .has = QC(n_from), .flags = TCS_COL_BREAK | TCS_COL_PERCENT},
    {.key = "high_to", .type = TCS_V_NUM, .formats = TCS_F_DATA, .at = QC(high_to),
     .pres = TCS_PRES_IF_POS, .has = QC(n_to), .flags = TCS_COL_PERCENT},
    {.key = "high_delta", .header = "% high change", .term_header = "%high chg",
     .type = TCS_V_NUM, .formats = TCS_F_ALL, .prec = 1, .at = QC(high_delta),
     .pres = TCS_PRES_IF, .has = QC(has_delta), .align = R, .width = 8,
     .flags = TCS_COL_POINTS},
    {.key = "high_delta_ci95", .type = TCS_V_INTERVAL, .formats = TCS_F_DATA,
     .at = QC(high_delta_ci_lo), .at2 = QC(high_delta_ci_hi), .pres = TCS_PRES_IF,
     .has = QC(has_delta), .flags = TCS_COL_POINTS},
    {.key = "q", .type = TCS_V_NUM, .formats = TCS_F_DATA, .at = TCS_AT(QR, cv.q),
     .pres = TCS_PRES_IF, .has = TCS_AT(QR, cv.has_q)},
    {.key = "verdict", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = TCS_AT(QR, cv.verdict)},
    {.key = "verdict", .type = TCS_V_TEXT, .formats = TCS_F_PEOPLE, .get = get_verdict_marked,
     .width = 15, .gap = 2},
    {.key = "statement", .type = TCS_V_TEXT, .formats = TCS_F_PEOPLE, .at = M(statement),
     .max = 50, .gap = 2},
    {.type = TCS_V_GROUP, .formats = TCS_F_DATA, .sub = &change_added_cols,
     .at = TCS_AT(QR, cv)},
    {.key = "high_min_detectable_change", .type = TCS_V_NUM, .formats = TCS_F_DATA,
     .get = get_high_mdc},
};
#undef QC
#undef M
#undef QR
static const tcs_cols question_cols = TCS_COLS(question_col);

/* ---- pillars ---- */

typedef struct {
    change_view cv;
    const tcs_pillar_change *pc;
    const char *from, *to;
} pillar_row;

/* "2024-2026" */
static void get_waves(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const pillar_row *r = row;
    snprintf(v->buf, sizeof v->buf, "%s-%s", r->from, r->to);
    v->text = v->buf;
}

/* "0.94/0.90" */
static void get_alphas(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_pillar_change *pc = ((const pillar_row *)row)->pc;
    char a[32] = "-", b[32] = "-";
    if (pc->has_alpha_from)
        snprintf(a, sizeof a, "%.2f", pc->alpha_from);
    if (pc->has_alpha_to)
        snprintf(b, sizeof b, "%.2f", pc->alpha_to);
    snprintf(v->buf, sizeof v->buf, "%s/%s", a, b);
    v->text = v->buf;
}

#define PR pillar_row
#define P(field) TCS_VIA(PR, pc, tcs_pillar_change, field)
#define PC(field) TCS_VIA(PR, cv.c, tcs_change, field)
static const tcs_col pillar_col[] = {
    {.key = "pillar", .type = TCS_V_CHARS, .formats = TCS_F_ALL, .at = P(pillar), .width = 20,
     .max = 20},
    {.key = "waves", .type = TCS_V_TEXT, .formats = TCS_F_PEOPLE, .get = get_waves, .width = 11},
    {.key = "from", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = TCS_AT(PR, from)},
    {.key = "to", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = TCS_AT(PR, to)},
    {.key = "items", .type = TCS_V_SIZE, .formats = TCS_F_ALL, .at = P(items), .align = R,
     .width = 5},
    {.key = "n_from", .type = TCS_V_LONG, .formats = TCS_F_DATA, .at = PC(n_from)},
    {.key = "n_to", .type = TCS_V_LONG, .formats = TCS_F_DATA, .at = PC(n_to)},
    {.key = "excluded_from", .type = TCS_V_LONG, .formats = TCS_F_DATA, .at = P(excluded_from)},
    {.key = "excluded_to", .type = TCS_V_LONG, .formats = TCS_F_DATA, .at = P(excluded_to)},
    {.key = "alpha_from", .header = "alpha before", .type = TCS_V_NUM, .formats = TCS_F_DATA,
     .at = P(alpha_from), .pres = TCS_PRES_IF, .has = P(has_alpha_from)},
    {.key = "alpha_to", .header = "alpha after", .type = TCS_V_NUM, .formats = TCS_F_DATA,
     .at = P(alpha_to), .pres = TCS_PRES_IF, .has = P(has_alpha_to)},
    {.type = TCS_V_GROUP, .formats = TCS_F_ALL, .sub = &change_cols, .at = TCS_AT(PR, cv),
     .flags = TCS_COL_BREAK},
    {.key = "alpha", .type = TCS_V_TEXT, .formats = TCS_F_TABLE, .get = get_alphas, .width = 11},
    {.key = "alpha_from", .header = "alpha before", .type = TCS_V_NUM, .formats = TCS_F_PAGE,
     .prec = 2, .at = P(alpha_from), .pres = TCS_PRES_IF, .has = P(has_alpha_from),
     .align = R},
    {.key = "alpha_to", .header = "alpha after", .type = TCS_V_NUM, .formats = TCS_F_PAGE,
     .prec = 2, .at = P(alpha_to), .pres = TCS_PRES_IF, .has = P(has_alpha_to), .align = R},
    {.key = "q", .type = TCS_V_NUM, .formats = TCS_F_DATA, .at = TCS_AT(PR, cv.q),
     .pres = TCS_PRES_IF, .has = TCS_AT(PR, cv.has_q)},
    {.key = "verdict", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = TCS_AT(PR, cv.verdict)},
    {.key = "verdict", .type = TCS_V_TEXT, .formats = TCS_F_PEOPLE, .get = get_verdict_marked,
     .gap = 2},
    {.type = TCS_V_GROUP, .formats = TCS_F_DATA, .sub = &change_added_cols,
     .at = TCS_AT(PR, cv)},
    {.key = "alpha_n_from", .type = TCS_V_LONG, .formats = TCS_F_DATA, .at = P(alpha_n_from)},
    {.key = "alpha_n_to", .type = TCS_V_LONG, .formats = TCS_F_DATA, .at = P(alpha_n_to)},
};
#undef PC
#undef P
#undef PR
static const tcs_cols pillar_cols = TCS_COLS(pillar_col);

/* ---- each question in each wave ---- */

static const void *question_at(const tcs_rows *rows, size_t k, void *scratch)
{
    (void)scratch;
    return tcs_waves_question(rows->src, k);
}

static const void *pillar_trend_at(const tcs_rows *rows, size_t k, void *scratch)
{
    (void)scratch;
    return tcs_waves_pillar(rows->src, k);
}

static const void *wave_at(const tcs_rows *rows, size_t k, void *scratch)
{
    (void)scratch;
    return tcs_waves_wave(rows->src, k);
}

/* The waves that ask question m: the labels of its list "waves". */
static const void *asked_at(const tcs_rows *rows, size_t k, void *scratch)
{
    const tcs_matched *m = rows->src;
    const tcs_waves *w = rows->ctx;
    const char **label = scratch;
    *label = "";
    for (size_t i = 0; i < tcs_waves_count(w); i++)
        if (m->cols[i] && k-- == 0) {
            *label = tcs_waves_wave(w, i)->label;
            break;
        }
    return label;
}

static void asked_rows(const void *row, const tcs_table *t, tcs_rows *out)
{
    const tcs_matched *m = row;
    *out = (tcs_rows){m->present, NULL, 0, asked_at, m, t->ctx};
}

static const tcs_col label_item[] = {{.type = TCS_V_TEXT, .formats = TCS_F_ALL}};
static const tcs_cols label_list = TCS_COLS(label_item);

static void get_trend_scale(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_matched *m = row;
    v->text = m->conflict ? NULL : m->scale.name;
}

static void get_conflict(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_matched *m = row;
    v->text = m->conflict ? m->conflict_reason : NULL;
}

static void get_wave_n(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)t;
    const tcs_matched *m = row;
    v->present = m->cols[k] != NULL;
    v->i = m->cols[k] ? m->cols[k]->valid : 0;
}

static void get_wave_mean(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)t;
    const tcs_matched *m = row;
    tcs_point_stats st = {0};
    if (m->cols[k] && !m->conflict)
        tcs_stats_from_counts(&m->scale, m->counts[k], &st);
    v->present = st.has_mean;
    v->x = st.mean;
}

static void get_trend_statement(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_matched *m = row;
    v->text = m->statement;
    if (m->conflict) {
        snprintf(v->sbuf, sizeof v->sbuf, " [not compared: %s]", m->conflict_reason);
        v->suffix = v->sbuf;
    }
}

#define MT tcs_matched
static const tcs_col trend_col[] = {
    {.key = "id", .type = TCS_V_TEXT, .formats = TCS_F_JSON | TCS_F_PEOPLE, .at = TCS_AT(MT, id)},
    {.key = "statement", .type = TCS_V_TEXT, .formats = TCS_F_JSON | TCS_F_PAGE,
     .at = TCS_AT(MT, statement)},
    {.key = "pillar", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .at = TCS_AT(MT, pillar)},
    {.key = "scale", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .get = get_trend_scale},
    {.key = "matched_by", .type = TCS_V_TEXT, .formats = TCS_F_JSON,
     .at = TCS_AT(MT, matched_by)},
    {.key = "waves", .type = TCS_V_TABLE, .formats = TCS_F_JSON, .rows = asked_rows,
     .sub = &label_list},
    {.key = "conflict", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .get = get_conflict},
    {.key = "n", .type = TCS_V_LONG, .formats = TCS_F_JSON, .get = get_wave_n,
     .flags = TCS_COL_MULTI},
    {.key = "mean", .type = TCS_V_NUM, .formats = TCS_F_JSON | TCS_F_PEOPLE, .prec = 2,
     .get = get_wave_mean, .align = R, .width = 8, .flags = TCS_COL_MULTI | TCS_COL_TIGHT},
    {.key = "statement", .type = TCS_V_TEXT, .formats = TCS_F_TABLE, .get = get_trend_statement,
     .max = 60, .gap = 2},
};
static const tcs_cols trend_cols = TCS_COLS(trend_col);

static const tcs_col unmatched_col[] = {
    {.key = "id", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .at = TCS_AT(MT, id)},
    {.key = "statement", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .at = TCS_AT(MT, statement)},
    {.key = "waves", .type = TCS_V_TABLE, .formats = TCS_F_JSON, .rows = asked_rows,
     .sub = &label_list},
};
static const tcs_cols unmatched_cols = TCS_COLS(unmatched_col);
#undef MT

/* A pillar in each wave: items, n, mean and alpha, per wave (JSON). */
static void get_trend_figure(const void *row, size_t k, const tcs_table *t, tcs_value *v,
                             int which)
{
    (void)t;
    const tcs_pillar_trend *p = row;
    v->present = p->present[k];
    switch (which) {
    case 0: v->z = p->items[k]; break;
    case 1: v->z = p->n[k]; break;
    case 2: v->present = v->present && p->has_mean[k], v->x = p->mean[k]; break;
    case 4: v->i = p->alpha_n[k]; break;
    default: v->present = v->present && p->has_alpha[k], v->x = p->alpha[k]; break;
    }
}

static void get_p_items(const void *r, size_t k, const tcs_table *t, tcs_value *v)
{
    get_trend_figure(r, k, t, v, 0);
}
static void get_p_n(const void *r, size_t k, const tcs_table *t, tcs_value *v)
{
    get_trend_figure(r, k, t, v, 1);
}
static void get_p_mean(const void *r, size_t k, const tcs_table *t, tcs_value *v)
{
    get_trend_figure(r, k, t, v, 2);
}
static void get_p_alpha(const void *r, size_t k, const tcs_table *t, tcs_value *v)
{
    get_trend_figure(r, k, t, v, 3);
}
static void get_p_alpha_n(const void *r, size_t k, const tcs_table *t, tcs_value *v)
{
    get_trend_figure(r, k, t, v, 4);
}

static const tcs_col pillar_trend_col[] = {
    {.key = "pillar", .type = TCS_V_CHARS, .formats = TCS_F_JSON,
     .at = TCS_AT(tcs_pillar_trend, pillar)},
    {.key = "items", .type = TCS_V_SIZE, .formats = TCS_F_JSON, .get = get_p_items,
     .flags = TCS_COL_MULTI},
    {.key = "n", .type = TCS_V_SIZE, .formats = TCS_F_JSON, .get = get_p_n,
     .flags = TCS_COL_MULTI},
    {.key = "mean", .type = TCS_V_NUM, .formats = TCS_F_JSON, .get = get_p_mean,
     .flags = TCS_COL_MULTI},
    {.key = "alpha", .type = TCS_V_NUM, .formats = TCS_F_JSON, .get = get_p_alpha,
     .flags = TCS_COL_MULTI},
    {.key = "alpha_n", .type = TCS_V_LONG, .formats = TCS_F_JSON, .get = get_p_alpha_n,
     .flags = TCS_COL_MULTI},
};
static const tcs_cols pillar_trend_cols = TCS_COLS(pillar_trend_col);

/* ---- the waves ---- */

static void get_wave_path(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    v->text = tcs_survey_path(((const tcs_wave_info *)row)->survey);
}
static void get_wave_platform(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    v->text = tcs_platform_name(tcs_survey_platform(((const tcs_wave_info *)row)->survey));
}
static void get_wave_format(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    v->text = tcs_survey_source(((const tcs_wave_info *)row)->survey)->format;
}
static void get_wave_responses(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    v->i = tcs_survey_responses(((const tcs_wave_info *)row)->survey);
}
static void get_wave_questions(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    v->z = tcs_view_count_questions(((const tcs_wave_info *)row)->survey);
}

/* The wave's population and response rate: the table's context is the
 * waves, its rows their tcs_wave_info in order. */
static size_t wave_index(const tcs_waves *w, const tcs_wave_info *wi)
{
    for (size_t i = 0; i < tcs_waves_count(w); i++)
        if (tcs_waves_wave(w, i) == wi)
            return i;
    return 0;
}
static void get_wave_population(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k;
    v->i = tcs_waves_population(t->ctx, wave_index(t->ctx, row));
    v->present = v->i > 0;
}
static void get_wave_rate(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k;
    v->present = tcs_waves_response_rate(t->ctx, wave_index(t->ctx, row), &v->x);
}

static const tcs_col wave_col[] = {
    {.key = "label", .type = TCS_V_CHARS, .formats = TCS_F_JSON,
     .at = TCS_AT(tcs_wave_info, label)},
    {.key = "path", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .get = get_wave_path},
    {.key = "platform", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .get = get_wave_platform},
    {.key = "format", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .get = get_wave_format},
    {.key = "responses", .type = TCS_V_LONG, .formats = TCS_F_JSON, .get = get_wave_responses},
    {.key = "questions", .type = TCS_V_SIZE, .formats = TCS_F_JSON, .get = get_wave_questions},
    {.key = "population", .type = TCS_V_LONG, .formats = TCS_F_JSON, .get = get_wave_population},
    {.key = "response_rate", .type = TCS_V_NUM, .formats = TCS_F_JSON, .get = get_wave_rate},
};
static const tcs_cols wave_cols = TCS_COLS(wave_col);

typedef struct {
    double alpha;
    const char *assumption;
    const char *population_assumption; /* NULL without populations */
    const char *clear_change_rule;
    double mdc_power;
} compare_row;

static const tcs_col compare_col[] = {
    {.key = "assumption", .type = TCS_V_TEXT, .formats = TCS_F_JSON,
     .at = TCS_AT(compare_row, assumption)},
    {.key = "alpha", .type = TCS_V_NUM, .formats = TCS_F_JSON, .at = TCS_AT(compare_row, alpha)},
    {.key = "population_assumption", .type = TCS_V_TEXT, .formats = TCS_F_JSON,
     .at = TCS_AT(compare_row, population_assumption), .flags = TCS_COL_OMIT},
    {.key = "clear_change_rule", .type = TCS_V_TEXT, .formats = TCS_F_JSON,
     .at = TCS_AT(compare_row, clear_change_rule)},
    {.key = "mdc_power", .type = TCS_V_NUM, .formats = TCS_F_JSON,
     .at = TCS_AT(compare_row, mdc_power)},
};
static const tcs_cols compare_cols = TCS_COLS(compare_col);

/* ---- groups ---- */

static void get_group_responses(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)t;
    const tcs_view_group *gr = row;
    v->present = gr->shown;
    v->i = gr->waves ? tcs_survey_responses(tcs_waves_wave(gr->waves, k)->survey) : 0;
}

static void get_group_population(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)t;
    const tcs_view_group *gr = row;
    v->i = gr->waves ? tcs_waves_population(gr->waves, k) : 0;
    v->present = gr->shown && v->i > 0;
}

static void get_group_rate(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)t;
    const tcs_view_group *gr = row;
    v->present = gr->shown && gr->waves && tcs_waves_response_rate(gr->waves, k, &v->x);
}

static const tcs_col group_col[] = {
    {.type = TCS_V_GROUP, .formats = TCS_F_JSON, .sub = &tcs_view_group_cols},
    {.key = "responses", .type = TCS_V_LONG, .formats = TCS_F_JSON, .get = get_group_responses,
     .flags = TCS_COL_MULTI | TCS_COL_OMIT},
    {.key = "population", .type = TCS_V_LONG, .formats = TCS_F_JSON, .get = get_group_population,
     .flags = TCS_COL_MULTI | TCS_COL_OMIT},
    {.key = "response_rate", .type = TCS_V_NUM, .formats = TCS_F_JSON, .get = get_group_rate,
     .flags = TCS_COL_MULTI | TCS_COL_OMIT},
};
static const tcs_cols group_cols = TCS_COLS(group_col);
#undef R
#undef CH
#undef CV

/* ---- the document ---- */

static tcs_rows rows_of(const void *src, size_t n,
                        const void *(*at)(const tcs_rows *, size_t, void *))
{
    return (tcs_rows){n, NULL, 0, at, src, NULL};
}

/* Each pair's question changes: one table for the data formats, one per
 * pair with its heading for people. */
static void question_changes(tcs_doc *d, const tcs_waves *w, const tcs_view_group *prefix,
                             bool in_group, int align)
{
    size_t n = tcs_waves_nchanges(w);
    question_row *rows = tcs_doc_alloc(d, (n ? n : 1) * sizeof *rows);
    if (!rows)
        return;
    for (size_t i = 0; i < n; i++) {
        const tcs_question_change *qc = tcs_waves_change(w, i);
        rows[i].cv = (change_view){&qc->change,   qc->q,   qc->has_q, tcs_verdict_name(qc->verdict),
                                   qc->has_mdc, qc->mdc, qc->mark};
        rows[i].m = tcs_waves_question(w, qc->question);
        rows[i].from = tcs_waves_wave(w, qc->from)->label;
        rows[i].to = tcs_waves_wave(w, qc->to)->label;
    }
    tcs_block *b = tcs_doc_table(d, TCS_F_DATA, "comparisons", &question_cols,
                                 tcs_rows_array(rows, n, sizeof *rows), w);
    b->flags |= in_group ? TCS_BLOCK_JSON_BREAK : 0;
    tcs_view_prefix(b, prefix);
    for (size_t i = 0, end; i < n; i = end) {
        const tcs_question_change *qc = tcs_waves_change(w, i);
        for (end = i + 1; end < n; end++) {
            const tcs_question_change *x = tcs_waves_change(w, end);
            if (x->from != qc->from || x->to != qc->to)
                break;
        }
        const char *last = qc->to - qc->from > 1 ? " (first to last)" : "";
        tcs_doc_heading(d, TCS_F_TABLE, 0, "%s -> %s%s", rows[i].from, rows[i].to, last);
        tcs_doc_heading(d, TCS_F_PAGE, 3, "%s to %s%s", rows[i].from, rows[i].to, last);
        b = tcs_doc_table(d, TCS_F_PEOPLE, NULL, &question_cols,
                          tcs_rows_array(rows + i, end - i, sizeof *rows), NULL);
        b->t.align = align;
    }
}

static void pillar_changes(tcs_doc *d, const tcs_waves *w, bool in_group)
{
    size_t n = tcs_waves_npillar_changes(w);
    pillar_row *rows = tcs_doc_alloc(d, (n ? n : 1) * sizeof *rows);
    if (!rows)
        return;
    for (size_t i = 0; i < n; i++) {
        const tcs_pillar_change *pc = tcs_waves_pillar_change(w, i);
        rows[i].cv = (change_view){&pc->change,   pc->q,   pc->has_q, tcs_verdict_name(pc->verdict),
                                   pc->has_mdc, pc->mdc, pc->mark};
        rows[i].pc = pc;
        rows[i].from = tcs_waves_wave(w, pc->from)->label;
        rows[i].to = tcs_waves_wave(w, pc->to)->label;
    }
    if (n) {
        tcs_doc_heading(d, TCS_F_TABLE, 0,
                        "Pillar scores (respondent means over the items both waves ask)");
        tcs_doc_heading(d, TCS_F_PAGE, 3, "Pillar scores");
        tcs_doc_para(d, TCS_F_PAGE, "Each respondent's mean over the pillar's items (at least "
                                    "half answered), on the items both waves ask.");
    }
    tcs_block *b = tcs_doc_table(d, n ? TCS_F_JSON | TCS_F_PEOPLE : TCS_F_JSON, "pillars",
                                 &pillar_cols, tcs_rows_array(rows, n, sizeof *rows), NULL);
    b->flags |= in_group ? TCS_BLOCK_JSON_BREAK : 0;
}

/* Means by wave: one row per question, one column per wave. */
static void trend(tcs_doc *d, const tcs_waves *w, unsigned formats, int align)
{
    tcs_doc_heading(d, TCS_F_TABLE, 0, "Means by wave");
    tcs_doc_heading(d, TCS_F_PAGE, 3, "Means by wave");
    tcs_block *b = tcs_doc_table(d, formats, "trend", &trend_cols,
                                 rows_of(w, tcs_waves_nquestions(w), question_at), w);
    tcs_view_per_wave(d, b, w);
    b->t.align = align;
}

/* Under the tables: the rule for a clear change and what each mark on a
 * verdict means, when a row of w carries one. */
static void mark_notes(tcs_doc *d, const tcs_waves *w)
{
    bool seen[3] = {false, false, false};
    for (size_t i = 0; i < tcs_waves_nchanges(w); i++)
        seen[tcs_waves_change(w, i)->mark] = true;
    for (size_t i = 0; i < tcs_waves_npillar_changes(w); i++)
        seen[tcs_waves_pillar_change(w, i)->mark] = true;
    tcs_view_mark_notes(d, seen);
}

/* What the whole comparison, and each group, shows. */
static void comparison_body(tcs_doc *d, const tcs_waves *w, const tcs_view_group *prefix,
                            bool in_group, int align)
{
    question_changes(d, w, prefix, in_group, align);
    pillar_changes(d, w, in_group);
    if (!in_group) {
        tcs_block *b = tcs_doc_table(d, TCS_F_JSON, "pillar_trend", &pillar_trend_cols,
                                     rows_of(w, tcs_waves_npillars(w), pillar_trend_at), w);
        tcs_view_per_wave(d, b, w);
    }
    mark_notes(d, w);
    trend(d, w, in_group ? TCS_F_PEOPLE : TCS_F_JSON | TCS_F_PEOPLE, align);
}

/* The waves compared, and what a comparison assumes. */
static void intro(tcs_doc *d, const tcs_waves *w)
{
    compare_row *r = tcs_doc_alloc(d, sizeof *r);
    if (r) {
        r->alpha = tcs_waves_alpha(w);
        r->assumption = tcs_comparison_assumption;
        r->population_assumption =
            tcs_waves_have_population(w) ? tcs_population_assumption : NULL;
        r->clear_change_rule = tcs_clear_change_rule;
        r->mdc_power = TCS_MDC_POWER;
        tcs_doc_record(d, TCS_F_JSON, NULL, &compare_cols, r, NULL);
    }
    tcs_doc_table(d, TCS_F_JSON, "waves", &wave_cols, rows_of(w, tcs_waves_count(w), wave_at), w);
    tcs_doc_heading(d, TCS_F_PAGE, 2, "Comparison of waves");
    tcs_block *page = tcs_doc_list(d, TCS_F_PAGE, NULL, 0);
    tcs_block *term = tcs_doc_list(d, TCS_F_TABLE, NULL, 0);
    for (size_t i = 0; i < tcs_waves_count(w); i++) {
        const tcs_wave_info *wi = tcs_waves_wave(w, i);
        const char *path = tcs_survey_path(wi->survey);
        long n = tcs_survey_responses(wi->survey);
        char rate[96] = "";
        double pct;
        if (tcs_waves_response_rate(w, i, &pct))
            snprintf(rate, sizeof rate, " of %ld sent (%.0f%% response rate)",
                     tcs_waves_population(w, i), pct);
        tcs_doc_item(d, page, "%s: %ld responses%s, %s", wi->label, n, rate, path);
        tcs_doc_item(d, term, "wave %s: %s, %ld responses%s", wi->label, path, n, rate);
    }
    const char *verdicts = "Verdicts: q (Benjamini-Hochberg over each pair's questions, "
                           "Mann-Whitney p) below";
    tcs_doc_item(d, term, "%s %s %g.", tcs_comparison_assumption, verdicts, tcs_waves_alpha(w));
    tcs_doc_para(d, TCS_F_PAGE, "%s %s %g.", tcs_comparison_assumption, verdicts,
                 tcs_waves_alpha(w));
    char mdc[256];
    snprintf(mdc, sizeof mdc,
             "MDC: the smallest change in mean the test could detect at %g with %.0f%% "
             "power; a 'no clear change' smaller than it says little.",
             tcs_waves_alpha(w), 100 * TCS_MDC_POWER);
    tcs_doc_item(d, term, "%s", mdc);
    tcs_doc_para(d, TCS_F_PAGE, "%s", mdc);
    if (tcs_waves_have_population(w)) {
        tcs_doc_item(d, term, "%s", tcs_population_assumption);
        tcs_doc_para(d, TCS_F_PAGE, "%s", tcs_population_assumption);
    }
}


static const void *pointer_at(const tcs_rows *rows, size_t k, void *scratch)
{
    (void)scratch;
    return ((const void *const *)rows->src)[k];
}

/* Why question m of w is not compared in every wave ("asked in 2026 only"). */
static void why_unmatched(const tcs_waves *w, const tcs_matched *m, char *why, size_t n)
{
    if (m->conflict) {
        snprintf(why, n, "%s", m->conflict_reason);
        return;
    }
    size_t used = (size_t)snprintf(why, n, "asked in");
    for (size_t i = 0; i < tcs_waves_count(w) && used < n; i++)
        if (m->cols[i])
            used += (size_t)snprintf(why + used, n - used, " %s", tcs_waves_wave(w, i)->label);
    if (used < n)
        snprintf(why + used, n - used, " only");
}

/* Questions not in every wave: JSON "unmatched"; for people, those and
 * the ones whose scales differ, each with the reason. */
static void unmatched(tcs_doc *d, const tcs_waves *w)
{
    size_t nw = tcs_waves_count(w), nq = tcs_waves_nquestions(w), n = 0;
    const tcs_matched **rows = tcs_doc_alloc(d, (nq ? nq : 1) * sizeof *rows);
    if (!rows)
        return;
    bool any = false;
    for (size_t q = 0; q < nq; q++) {
        const tcs_matched *m = tcs_waves_question(w, q);
        if (m->present != nw)
            rows[n++] = m;
        any = any || m->present != nw || m->conflict;
    }
    tcs_doc_table(d, TCS_F_JSON, "unmatched", &unmatched_cols, rows_of(rows, n, pointer_at), w);
    if (!any)
        return;
    tcs_doc_heading(d, TCS_F_TABLE, 0, "Not in every wave, or not comparable:");
    tcs_doc_heading(d, TCS_F_PAGE, 3, "Not in every wave, or not comparable");
    tcs_block *term = tcs_doc_list(d, TCS_F_TABLE, NULL, 2);
    tcs_block *page = tcs_doc_list(d, TCS_F_PAGE, NULL, 0);
    for (size_t q = 0; q < nq; q++) {
        const tcs_matched *m = tcs_waves_question(w, q);
        if (m->present == nw && !m->conflict)
            continue;
        char why[512];
        why_unmatched(w, m, why, sizeof why);
        tcs_doc_item(d, term, "%s: %s", m->id, why);
        tcs_doc_item(d, page, "%s: %s", m->id, why);
    }
}

static void group(tcs_doc *d, const tcs_grouping *g, const tcs_group *gr, int align)
{
    tcs_view_group *vg = tcs_view_group_new(d, gr->label, gr->suppressed, 0, gr->waves);
    tcs_doc_open(d, TCS_BLOCK_SECTION, TCS_F_ALL, NULL);
    if (vg) {
        tcs_block *b = tcs_doc_record(d, TCS_F_JSON, NULL, &group_cols, vg, NULL);
        tcs_view_per_wave(d, b, gr->waves);
    }
    tcs_doc_heading(d, TCS_F_TABLE, 0, "== %s = %s ==", g->by, gr->label);
    tcs_doc_heading(d, TCS_F_PAGE, 2, "%s: %s", g->by, gr->label);
    if (gr->suppressed || !gr->waves) {
        tcs_doc_para(d, TCS_F_TABLE, "suppressed");
        tcs_doc_para(d, TCS_F_PAGE, "Suppressed.");
        tcs_view_placeholder(d, &question_cols, vg);
        tcs_doc_close(d);
        return;
    }
    char counts[1024] = "";
    size_t used = 0;
    for (size_t i = 0; i < tcs_waves_count(gr->waves) && used < sizeof counts; i++) {
        const tcs_wave_info *wi = tcs_waves_wave(gr->waves, i);
        double pct;
        char rate[96] = "";
        if (tcs_waves_response_rate(gr->waves, i, &pct))
            snprintf(rate, sizeof rate, " of %ld, %.0f%%", tcs_waves_population(gr->waves, i),
                     pct);
        used += (size_t)snprintf(counts + used, sizeof counts - used, "%s %ld%s (%s)",
                                 i ? "," : "", tcs_survey_responses(wi->survey), rate, wi->label);
    }
    tcs_doc_para(d, TCS_F_TABLE, "responses:%s.", counts);
    tcs_doc_para(d, TCS_F_PAGE, "Responses:%s.", counts);
    comparison_body(d, gr->waves, vg, true, align);
    tcs_doc_close(d);
}

void tcs_view_comparison(tcs_doc *d, const tcs_waves *w, const tcs_grouping *g)
{
    intro(d, w);
    tcs_view_group *all = g ? tcs_view_group_new(d, "All respondents", false, 0, NULL) : NULL;
    comparison_body(d, w, all, false, 1);
    unmatched(d, w);
    if (!g)
        return;
    tcs_view_by(d, g);
    tcs_doc_open(d, TCS_BLOCK_SECTIONS, TCS_F_ALL, "groups");
    for (size_t i = 0; i < g->n; i++)
        group(d, g, &g->groups[i], (int)i + 2);
    tcs_doc_close(d);
}
