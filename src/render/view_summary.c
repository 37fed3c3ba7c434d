/* view_summary.c - the summary of every question (tcsurvey summary), and
 * with --by the same per group. */
#include "render/view.h"
#include "tcsurvey/layout.h"
#include "tcsurvey/stats.h"

/* One question. */
typedef struct {
    const tcs_column *c;
    tcs_point_stats st;
} summary_row;

/* A point of a question's scale ("points" in JSON). */
typedef struct {
    int value;
    const char *label;
    long count;
    double percent;
    bool has_percent;
} point_row;

static const void *point_at(const tcs_rows *rows, size_t k, void *scratch)
{
    const summary_row *r = rows->src;
    point_row *p = scratch;
    p->value = r->c->scale.min + (int)k;
    p->label = r->c->scale.labels[k];
    p->count = r->c->counts[k];
    p->has_percent = r->st.n > 0;
    p->percent = r->st.n ? 100.0 * (double)p->count / (double)r->st.n : 0;
    return p;
}

static void point_rows(const void *row, const tcs_table *t, tcs_rows *out)
{
    (void)t;
    const summary_row *r = row;
    *out = (tcs_rows){r->c->scale.npoints, NULL, 0, point_at, r, NULL};
}

static const tcs_col point_col[] = {
    {.key = "value", .type = TCS_V_INT, .formats = TCS_F_JSON, .at = TCS_AT(point_row, value)},
    {.key = "label", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .at = TCS_AT(point_row, label)},
    {.key = "count", .type = TCS_V_LONG, .formats = TCS_F_JSON, .at = TCS_AT(point_row, count)},
    {.key = "percent", .type = TCS_V_NUM, .formats = TCS_F_JSON,
     .at = TCS_AT(point_row, percent), .pres = TCS_PRES_IF,
     .has = TCS_AT(point_row, has_percent)},
};
static const tcs_cols point_cols = TCS_COLS(point_col);

/* "Strongly disagree=1; Disagree=3; ..." */
static void points_text(const summary_row *r, char *buf, size_t n)
{
    const tcs_column *c = r->c;
    size_t used = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < c->scale.npoints && used + 1 < n; k++) {
        int w = snprintf(buf + used, n - used, "%s%s=%ld", k ? "; " : "", c->scale.labels[k],
                         c->counts[k]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

static void get_points(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    points_text(row, v->buf, 1200);
    v->text = v->buf;
}

/* The note on a question's figures ("one answer: no SD or CI"), if any. */
static const char *note_of(const summary_row *r)
{
    return r->st.note != TCS_STATS_OK ? tcs_stats_note_text(r->st.note) : NULL;
}

static void get_note(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    v->text = note_of(row);
}

static void get_distribution(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    get_points(row, k, t, v);
    if (note_of(row)) {
        snprintf(v->sbuf, sizeof v->sbuf, " (%s)", note_of(row));
        v->suffix = v->sbuf;
    }
}

static void get_statement_noted(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const summary_row *r = row;
    v->text = r->c->statement;
    if (note_of(r)) {
        snprintf(v->sbuf, sizeof v->sbuf, " [%s]", note_of(r));
        v->suffix = v->sbuf;
    }
}

static void get_basis(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const summary_row *r = row;
    v->text = r->c->scale_basis ? r->c->scale_basis : "";
}

#define SR summary_row
#define C(field) TCS_VIA(SR, c, tcs_column, field)
#define ST(field) TCS_AT(SR, st.field)
#define R TCS_ALIGN_RIGHT
/* Each column once: its key (JSON, CSV), its header for people, where it
 * is shown. Figures for people are rounded (prec); data keep every digit. */
static const tcs_col summary_col[] = {
    {.key = "id", .type = TCS_V_TEXT, .formats = TCS_F_ALL, .at = C(id)},
    {.key = "pillar", .type = TCS_V_TEXT, .formats = TCS_F_TABLE, .at = C(pillar), .none = "-",
     .max = 24, .flags = TCS_COL_DROP_EMPTY},
    {.key = "pillar", .type = TCS_V_TEXT, .formats = TCS_F_PAGE, .at = C(pillar)},
    {.key = "statement", .type = TCS_V_TEXT, .formats = TCS_F_DATA | TCS_F_PAGE,
     .at = C(statement)},
    {.key = "column", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = C(header)},
    {.key = "column_index", .type = TCS_V_SIZE, .formats = TCS_F_DATA, .at = C(index)},
    {.key = "pillar", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = C(pillar)},
    {.key = "scale", .type = TCS_V_CHARS, .formats = TCS_F_DATA | TCS_F_TABLE, .at = C(scale.name)},
    {.key = "scale_basis", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .get = get_basis},
    {.key = "reverse", .type = TCS_V_BOOL, .formats = TCS_F_JSON, .at = C(reverse)},
    {.key = "points", .type = TCS_V_TABLE, .formats = TCS_F_JSON, .rows = point_rows,
     .sub = &point_cols, .flags = TCS_COL_BREAK},
    {.key = "n", .type = TCS_V_LONG, .formats = TCS_F_ALL, .at = ST(n), .align = R, .width = 5,
     .flags = TCS_COL_BREAK},
    {.key = "nonsubstantive", .header = "N/A", .type = TCS_V_LONG, .formats = TCS_F_ALL,
     .at = C(nonsubstantive), .align = R, .width = 4},
    {.key = "missing", .term_header = "miss", .type = TCS_V_LONG, .formats = TCS_F_ALL,
     .at = C(missing), .align = R, .width = 5},
    {.key = "other", .type = TCS_V_LONG, .formats = TCS_F_DATA, .at = C(other)},
    {.key = "mean", .type = TCS_V_NUM, .formats = TCS_F_ALL, .prec = 2, .at = ST(mean),
     .pres = TCS_PRES_IF, .has = ST(has_mean), .align = R, .width = 6},
    {.key = "sd", .header = "SD", .type = TCS_V_NUM, .formats = TCS_F_ALL, .prec = 2,
     .at = ST(sd), .pres = TCS_PRES_IF, .has = ST(has_sd), .align = R, .width = 5},
    {.key = "ci95", .header = "95% CI", .type = TCS_V_INTERVAL, .formats = TCS_F_ALL, .prec = 2,
     .at = ST(ci_lo), .at2 = ST(ci_hi), .pres = TCS_PRES_IF, .has = ST(has_ci), .width = 15},
    {.key = "median", .type = TCS_V_NUM, .formats = TCS_F_ALL, .prec = 1, .at = ST(median),
     .pres = TCS_PRES_IF, .has = ST(has_mean), .align = R, .width = 6},
    {.key = "low_percent", .header = "% low", .term_header = "%low", .type = TCS_V_NUM,
     .formats = TCS_F_ALL, .prec = 1, .at = ST(low_percent), .pres = TCS_PRES_IF,
     .has = ST(has_percent), .align = R, .width = 6,
     .flags = TCS_COL_PERCENT},
    {.key = "neutral_percent", .header = "% neutral", .term_header = "%neut", .type = TCS_V_NUM,
     .formats = TCS_F_ALL, .prec = 1, .at = ST(neutral_percent), .pres = TCS_PRES_IF,
     .has = ST(has_percent), .align = R, .width = 6,
     .flags = TCS_COL_PERCENT},
    {.key = "high_percent", .header = "% high", .term_header = "%high", .type = TCS_V_NUM,
     .formats = TCS_F_ALL, .prec = 1, .at = ST(high_percent), .pres = TCS_PRES_IF,
     .has = ST(has_percent), .align = R, .width = 6,
     .flags = TCS_COL_PERCENT},
    {.key = "high_ci95", .type = TCS_V_INTERVAL, .formats = TCS_F_DATA, .at = ST(high_ci_lo),
     .at2 = ST(high_ci_hi), .pres = TCS_PRES_IF, .has = ST(has_percent),
     .flags = TCS_COL_PERCENT},
    {.key = "note", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .get = get_note},
    {.key = "unknown_labels", .type = TCS_V_TABLE, .formats = TCS_F_JSON,
     .at = TCS_DEREF(SR, c), .rows = tcs_view_unknown_rows, .sub = &tcs_view_unknown_cols},
    {.key = "points", .type = TCS_V_TEXT, .formats = TCS_F_CSV, .get = get_points},
    {.key = "distribution", .type = TCS_V_TEXT, .formats = TCS_F_PAGE, .get = get_distribution},
    {.key = "statement", .type = TCS_V_TEXT, .formats = TCS_F_TABLE, .get = get_statement_noted,
     .max = 60, .gap = 2},
};
#undef R
#undef ST
#undef C
#undef SR
static const tcs_cols summary_cols = TCS_COLS(summary_col);

/* The questions of s as a table, its rows led by group gr in CSV (NULL:
 * not grouped). */
static void questions(tcs_doc *d, const tcs_survey *s, const tcs_view_group *gr)
{
    size_t n = tcs_view_count_questions(s), k = 0;
    summary_row *rows = tcs_doc_alloc(d, (n ? n : 1) * sizeof *rows);
    if (!rows)
        return;
    for (size_t i = 0; i < tcs_survey_ncolumns(s); i++) {
        const tcs_column *c = tcs_survey_column(s, i);
        if (!tcs_column_is_question(c))
            continue;
        rows[k].c = c;
        tcs_stats_from_counts(&c->scale, c->counts, &rows[k].st);
        k++;
    }
    tcs_block *b = tcs_doc_table(d, TCS_F_ALL, "questions", &summary_cols,
                                 tcs_rows_array(rows, k, sizeof *rows), NULL);
    tcs_view_prefix(b, gr);
}

static const tcs_col group_col[] = {
    {.type = TCS_V_GROUP, .formats = TCS_F_JSON, .sub = &tcs_view_group_cols},
    {.key = "responses", .type = TCS_V_LONG, .formats = TCS_F_JSON,
     .at = TCS_AT(tcs_view_group, responses), .pres = TCS_PRES_IF,
     .has = TCS_AT(tcs_view_group, shown), .flags = TCS_COL_OMIT},
};
static const tcs_cols group_cols = TCS_COLS(group_col);

static void group(tcs_doc *d, const tcs_grouping *g, const tcs_group *gr)
{
    long n = gr->suppressed ? 0 : tcs_survey_responses(gr->survey);
    tcs_view_group *vg = tcs_view_group_new(d, gr->label, gr->suppressed, n, NULL);
    tcs_doc_open(d, TCS_BLOCK_SECTION, TCS_F_ALL, NULL);
    if (vg)
        tcs_doc_record(d, TCS_F_JSON, NULL, &group_cols, vg, NULL);
    tcs_doc_heading(d, TCS_F_PAGE, 3, "%s: %s", g->by, gr->label);
    if (gr->suppressed) {
        tcs_doc_heading(d, TCS_F_TABLE, 0, "%s = %s: suppressed", g->by, gr->label);
        tcs_doc_para(d, TCS_F_PAGE, "Suppressed.");
        tcs_view_placeholder(d, &summary_cols, vg);
    } else {
        tcs_doc_heading(d, TCS_F_TABLE, 0, "%s = %s: %ld responses", g->by, gr->label, n);
        tcs_doc_para(d, TCS_F_PAGE, "%ld responses.", n);
        questions(d, gr->survey, vg);
    }
    tcs_doc_close(d);
}

void tcs_view_summary(tcs_doc *d, const tcs_survey *s, const tcs_grouping *g)
{
    const tcs_source_info *src = tcs_survey_source(s);
    const char *platform = tcs_platform_name(tcs_survey_platform(s));
    size_t nq = tcs_view_count_questions(s);
    long nr = tcs_survey_responses(s);
    tcs_doc_para(d, TCS_F_TABLE, "%s: %ld response%s, %zu question%s (%s, %s)",
                 tcs_survey_path(s), nr, nr == 1 ? "" : "s", nq, nq == 1 ? "" : "s", platform,
                 src->format);
    tcs_doc_heading(d, TCS_F_PAGE, 2, "Summary of %s", tcs_survey_path(s));
    tcs_doc_para(d, TCS_F_PAGE, "%ld responses; %s export (%s).", tcs_survey_responses(s),
                 platform, src->format);
    tcs_view_source(d, s);
    questions(d, s, g ? tcs_view_group_new(d, "All respondents", false, 0, NULL) : NULL);
    tcs_view_warnings(d, s, TCS_F_JSON);
    tcs_view_not_analysed(d, s, TCS_F_JSON, TCS_F_PEOPLE, false);
    if (!g)
        return;
    tcs_view_by(d, g);
    tcs_doc_open(d, TCS_BLOCK_SECTIONS, TCS_F_ALL, "groups");
    for (size_t i = 0; i < g->n; i++)
        group(d, g, &g->groups[i]);
    tcs_doc_close(d);
}
