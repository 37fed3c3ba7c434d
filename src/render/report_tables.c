/* report_tables.c - the report's tables for Excel: the CSV tables of
 * summary (per wave), compare and check, and tables.xlsx, one workbook of
 * them with a sheet per table (survey, RAG, RAG by pillar, pillar scores,
 * summary per wave, comparison, groups), written by the document model's
 * xlsx back-end from the same views, so its numbers are the CSV's. */
#define _POSIX_C_SOURCE 200809L
#include "render/report_internal.h"
#include "render/view.h"
#include "tcsurvey/layout.h"
#include "tcsurvey/output.h"
#include "tcsurvey/stats.h"

#include <errno.h>
#include <math.h>
#include <string.h>

/* ---- CSV tables ---- */

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

/* ---- tables.xlsx: the survey ---- */

typedef struct {
    const char *label, *file, *platform, *format, *first, *last, *dates_note;
    long responses, population;
    bool has_rate;
    double rate;
    size_t questions;
} wave_row;

#define WR wave_row
static const tcs_col wave_col[] = {
    {.key = "wave", .type = TCS_V_TEXT, .formats = TCS_F_CSV, .at = TCS_AT(WR, label)},
    {.key = "file", .type = TCS_V_TEXT, .formats = TCS_F_CSV, .at = TCS_AT(WR, file)},
    {.key = "platform", .type = TCS_V_TEXT, .formats = TCS_F_CSV, .at = TCS_AT(WR, platform)},
    {.key = "format", .type = TCS_V_TEXT, .formats = TCS_F_CSV, .at = TCS_AT(WR, format)},
    {.key = "first_response", .type = TCS_V_TEXT, .formats = TCS_F_CSV, .at = TCS_AT(WR, first)},
    {.key = "last_response", .type = TCS_V_TEXT, .formats = TCS_F_CSV, .at = TCS_AT(WR, last)},
    {.key = "dates_note", .type = TCS_V_TEXT, .formats = TCS_F_CSV, .at = TCS_AT(WR, dates_note)},
    {.key = "responses", .type = TCS_V_LONG, .formats = TCS_F_CSV, .at = TCS_AT(WR, responses)},
    {.key = "population", .type = TCS_V_LONG, .formats = TCS_F_CSV, .at = TCS_AT(WR, population),
     .pres = TCS_PRES_IF_POS, .has = TCS_AT(WR, population)},
    {.key = "response_rate", .type = TCS_V_NUM, .formats = TCS_F_CSV, .prec = 1,
     .at = TCS_AT(WR, rate), .pres = TCS_PRES_IF, .has = TCS_AT(WR, has_rate),
     .flags = TCS_COL_PERCENT},
    {.key = "questions", .type = TCS_V_SIZE, .formats = TCS_F_CSV, .at = TCS_AT(WR, questions)},
};
#undef WR
static const tcs_cols wave_cols = TCS_COLS(wave_col);

static void survey_sheet(tcs_doc *d, const tcs_waves *w)
{
    size_t nw = tcs_waves_count(w);
    wave_row *rows = tcs_doc_alloc(d, nw * sizeof *rows + 1);
    for (size_t i = 0; rows && i < nw; i++) {
        const tcs_survey *s = tcs_waves_wave(w, i)->survey;
        const char *path = tcs_survey_path(s), *base = strrchr(path, '/');
        tcs_response_dates rd;
        tcs_survey_response_dates(s, &rd);
        wave_row *r = &rows[i];
        r->label = tcs_waves_wave(w, i)->label;
        r->file = base ? base + 1 : path;
        r->platform = tcs_platform_name(tcs_survey_platform(s));
        r->format = tcs_survey_source(s)->format;
        if (rd.status == TCS_DATES_OK) {
            r->first = tcs_doc_printf(d, "%04d-%02d-%02d", rd.first_y, rd.first_m, rd.first_d);
            r->last = tcs_doc_printf(d, "%04d-%02d-%02d", rd.last_y, rd.last_m, rd.last_d);
        } else
            r->dates_note = rd.status == TCS_DATES_NONE ? "no time column"
                                                        : tcs_dates_status_text(rd.status);
        r->responses = tcs_survey_responses(s);
        r->population = tcs_waves_population(w, i);
        r->has_rate = tcs_waves_response_rate(w, i, &r->rate);
        for (size_t k = 0; k < tcs_waves_nquestions(w); k++)
            r->questions += tcs_waves_question(w, k)->cols[i] != NULL;
    }
    tcs_doc_table(d, TCS_F_CSV, "survey", &wave_cols, tcs_rows_array(rows, rows ? nw : 0,
                                                                      sizeof *rows), NULL);
}

/* ---- tables.xlsx: pillar scores by wave ---- */

static void get_items(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)t;
    const tcs_pillar_trend *p = row;
    v->present = p->present[k];
    v->z = p->items[k];
}

static void get_n(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)t;
    const tcs_pillar_trend *p = row;
    v->present = p->present[k];
    v->z = p->n[k];
}

static void get_mean(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)t;
    const tcs_pillar_trend *p = row;
    v->present = p->present[k] && p->has_mean[k];
    v->x = p->mean[k];
}

static void get_alpha(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)t;
    const tcs_pillar_trend *p = row;
    v->present = p->present[k] && p->has_alpha[k];
    v->x = p->alpha[k];
}

static const tcs_col trend_col[] = {
    {.key = "pillar", .type = TCS_V_CHARS, .formats = TCS_F_CSV,
     .at = TCS_AT(tcs_pillar_trend, pillar)},
    {.key = "items", .type = TCS_V_SIZE, .formats = TCS_F_CSV, .get = get_items,
     .flags = TCS_COL_MULTI},
    {.key = "n", .type = TCS_V_SIZE, .formats = TCS_F_CSV, .get = get_n, .flags = TCS_COL_MULTI},
    {.key = "mean", .type = TCS_V_NUM, .formats = TCS_F_CSV, .prec = 2, .get = get_mean,
     .flags = TCS_COL_MULTI},
    {.key = "alpha", .type = TCS_V_NUM, .formats = TCS_F_CSV, .prec = 2, .get = get_alpha,
     .flags = TCS_COL_MULTI},
};
static const tcs_cols trend_cols = TCS_COLS(trend_col);

static const void *trend_at(const tcs_rows *rows, size_t k, void *scratch)
{
    (void)scratch;
    return tcs_waves_pillar(rows->src, k);
}

/* ---- tables.xlsx: groups ---- */

typedef struct {
    const char *id, *statement, *group;
    bool suppressed, has_mean, has_high, has_diff;
    long responses, n;
    double mean, high, diff;
} group_row;

#define GR group_row
static const tcs_col group_col[] = {
    {.key = "id", .type = TCS_V_TEXT, .formats = TCS_F_CSV, .at = TCS_AT(GR, id)},
    {.key = "statement", .type = TCS_V_TEXT, .formats = TCS_F_CSV, .at = TCS_AT(GR, statement)},
    {.key = "group", .type = TCS_V_TEXT, .formats = TCS_F_CSV, .at = TCS_AT(GR, group)},
    {.key = "suppressed", .type = TCS_V_BOOL, .formats = TCS_F_CSV, .at = TCS_AT(GR, suppressed)},
    {.key = "responses", .type = TCS_V_LONG, .formats = TCS_F_CSV, .at = TCS_AT(GR, responses),
     .pres = TCS_PRES_IF_POS, .has = TCS_AT(GR, responses)},
    {.key = "n", .type = TCS_V_LONG, .formats = TCS_F_CSV, .at = TCS_AT(GR, n),
     .pres = TCS_PRES_IF_POS, .has = TCS_AT(GR, responses)},
    {.key = "mean", .type = TCS_V_NUM, .formats = TCS_F_CSV, .prec = 2, .at = TCS_AT(GR, mean),
     .pres = TCS_PRES_IF, .has = TCS_AT(GR, has_mean)},
    {.key = "high_percent", .type = TCS_V_NUM, .formats = TCS_F_CSV, .prec = 1,
     .at = TCS_AT(GR, high), .pres = TCS_PRES_IF, .has = TCS_AT(GR, has_high),
     .flags = TCS_COL_PERCENT},
    {.key = "high_vs_all", .type = TCS_V_NUM, .formats = TCS_F_CSV, .prec = 1,
     .at = TCS_AT(GR, diff), .pres = TCS_PRES_IF, .has = TCS_AT(GR, has_diff),
     .flags = TCS_COL_POINTS},
};
#undef GR
static const tcs_cols group_cols = TCS_COLS(group_col);

/* Question id's figures in the last wave of w (hint: its likely index). */
static bool last_wave_stats(const tcs_waves *w, const char *id, size_t hint, tcs_point_stats *st)
{
    size_t last = tcs_waves_count(w) - 1;
    const tcs_matched *m = tcs_report_question(w, id, hint);
    if (!m || m->conflict || !m->cols[last])
        return false;
    tcs_stats_from_counts(&m->scale, m->counts[last], st);
    return true;
}

static void groups_sheet(tcs_doc *d, const tcs_report *r)
{
    const tcs_grouping *g = r->groups;
    const tcs_waves *w = r->waves;
    size_t nq = tcs_waves_nquestions(w), last = tcs_waves_count(w) - 1, k = 0;
    group_row *rows = tcs_doc_alloc(d, (nq * (g->n + 1) + 1) * sizeof *rows);
    for (size_t q = 0; rows && q < nq; q++) {
        const tcs_matched *m = tcs_waves_question(w, q);
        tcs_point_stats all;
        if (!last_wave_stats(w, m->id, q, &all))
            continue;
        for (size_t j = 0; j <= g->n; j++) {
            const tcs_group *gr = j ? &g->groups[j - 1] : NULL;
            group_row *row = &rows[k++];
            *row = (group_row){m->id, m->statement, gr ? gr->label : "All respondents",
                               gr && gr->suppressed, false, false, false, 0, 0, 0, 0, 0};
            tcs_point_stats st = all;
            if (row->suppressed || (gr && !last_wave_stats(gr->waves, m->id, q, &st)))
                continue;
            row->responses = gr ? gr->responses[last]
                                : tcs_survey_responses(tcs_waves_wave(w, last)->survey);
            row->n = st.n;
            row->has_mean = st.has_mean, row->mean = st.mean;
            row->has_high = st.has_percent, row->high = st.high_percent;
            row->has_diff = gr && st.has_percent && all.has_percent;
            row->diff = st.high_percent - all.high_percent;
        }
    }
    tcs_doc_table(d, TCS_F_CSV, "groups", &group_cols, tcs_rows_array(rows, rows ? k : 0,
                                                                       sizeof *rows), NULL);
}

/* ---- tables.xlsx ---- */

static void sheet(tcs_doc *d, const char *name)
{
    tcs_block *b = tcs_doc_open(d, TCS_BLOCK_SECTION, TCS_F_CSV, name);
    b->flags |= TCS_BLOCK_SHEET;
}

static tcs_doc *workbook(const tcs_report *r)
{
    tcs_doc *d = tcs_doc_new(TCS_DOC_COMPACT);
    if (!d)
        return NULL;
    const tcs_waves *w = r->waves;
    sheet(d, "Survey");
    survey_sheet(d, w);
    tcs_doc_close(d);
    if (r->check) {
        sheet(d, "RAG");
        tcs_view_check(d, r->check, r->targets, w);
        tcs_doc_close(d);
        sheet(d, "RAG by pillar");
        tcs_doc_table(d, TCS_F_CSV, "rag", &tcs_view_rag_cols, tcs_view_rag_rows(r->check),
                      r->check);
        tcs_doc_close(d);
    }
    if (tcs_waves_npillars(w) > 0) {
        sheet(d, "Pillars");
        tcs_block *b = tcs_doc_table(d, TCS_F_CSV, "pillars", &trend_cols,
                                     (tcs_rows){tcs_waves_npillars(w), NULL, 0, trend_at, w, NULL},
                                     NULL);
        tcs_view_per_wave(d, b, w);
        tcs_doc_close(d);
    }
    for (size_t i = 0; i < tcs_waves_count(w); i++) {
        sheet(d, tcs_doc_printf(d, "Summary %s", tcs_waves_wave(w, i)->label));
        tcs_view_summary(d, tcs_waves_wave(w, i)->survey, NULL);
        tcs_doc_close(d);
    }
    if (tcs_waves_count(w) >= 2) {
        sheet(d, "Comparison");
        tcs_view_comparison(d, w, NULL);
        tcs_doc_close(d);
    }
    if (r->groups) {
        sheet(d, tcs_doc_printf(d, "By %s", r->groups->by));
        groups_sheet(d, r);
        tcs_doc_close(d);
    }
    return d;
}

static tcs_status write_workbook(const tcs_report *r, const char *dir, tcs_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%.3800s/tables.xlsx", dir);
    tcs_doc *d = workbook(r);
    FILE *fp = d ? fopen(path, "wb") : NULL;
    if (!d)
        return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
    if (!fp) {
        tcs_doc_free(d);
        return tcs_error_set(err, TCS_EOUTPUT, path, 0, 0, "cannot write: %s", strerror(errno));
    }
    tcs_status st = tcs_doc_write(fp, d, TCS_FORMAT_XLSX, err);
    if (fclose(fp) != 0 && st == TCS_OK)
        st = TCS_EIO;
    tcs_doc_free(d);
    if (st != TCS_OK && st != TCS_ENOMEM) {
        char why[TCS_ERROR_MSG_MAX];
        snprintf(why, sizeof why, "%s", err && err->message[0] ? err->message : "error writing");
        return tcs_error_set(err, TCS_EOUTPUT, path, 0, 0, "cannot write: %s", why);
    }
    return st;
}

tcs_status tcs_report_write_tables(const tcs_report *r, const char *dir, tcs_error *err)
{
    tcs_status st = TCS_OK;
    for (size_t i = 0; i < tcs_waves_count(r->waves) && st == TCS_OK; i++) {
        char name[96], file[48];
        tcs_wave_file_name(tcs_waves_wave(r->waves, i)->label, file, sizeof file);
        snprintf(name, sizeof name, "summary-%s.csv", file);
        st = write_table(dir, name, summary_table, r, i, err);
    }
    if (st == TCS_OK && tcs_waves_count(r->waves) >= 2)
        st = write_table(dir, "comparison.csv", comparison_table, r, 0, err);
    if (st == TCS_OK && r->check)
        st = write_table(dir, "targets.csv", targets_table, r, 0, err);
    if (st == TCS_OK)
        st = write_workbook(r, dir, err);
    return st;
}
