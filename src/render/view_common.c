/* view_common.c - what several reports show alike: a survey's source,
 * its warnings, answers not on the scale, and the groups of --by. */
#include "render/view.h"

#include <string.h>
#include "tcsurvey/layout.h"
#include "tcsurvey/question.h"
#include "tcsurvey/text.h"


size_t tcs_view_count_questions(const tcs_survey *s)
{
    size_t k = 0;
    for (size_t i = 0; i < tcs_survey_ncolumns(s); i++)
        k += tcs_column_is_question(tcs_survey_column(s, i));
    return k;
}

void tcs_view_per_wave(tcs_doc *d, tcs_block *b, const tcs_waves *w)
{
    size_t n = w ? tcs_waves_count(w) : 0;
    const char **labels = tcs_doc_alloc(d, n * sizeof *labels + 1);
    for (size_t i = 0; labels && i < n; i++)
        labels[i] = tcs_waves_wave(w, i)->label;
    b->t.labels = labels;
    b->t.nlabels = labels ? n : 0;
}

/* ---- the source of a survey (JSON "source") ---- */

typedef struct {
    const tcs_source_info *src;
    const char *path, *format, *encoding, *line_ending, *sheet, *platform, *common;
    char delimiter[2];
    bool has_sheet;
    size_t header_rows, columns, questions;
    long responses;
} source_row;

static void sheet_rows(const void *row, const tcs_table *t, tcs_rows *out)
{
    (void)t;
    const tcs_source_info *src = ((const source_row *)row)->src;
    *out = tcs_rows_array(src->sheets, src->nsheets, sizeof src->sheets[0]);
}

static const tcs_col name_item[] = {{.type = TCS_V_CHARS, .formats = TCS_F_ALL}};
static const tcs_cols name_list = TCS_COLS(name_item);

#define SR source_row
static const tcs_col source_col[] = {
    {.key = "path", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .at = TCS_AT(SR, path)},
    {.key = "format", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .at = TCS_AT(SR, format)},
    {.key = "encoding", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .at = TCS_AT(SR, encoding)},
    {.key = "delimiter", .type = TCS_V_CHARS, .formats = TCS_F_JSON, .at = TCS_AT(SR, delimiter)},
    {.key = "line_ending", .type = TCS_V_TEXT, .formats = TCS_F_JSON,
     .at = TCS_AT(SR, line_ending)},
    {.key = "sheet", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .at = TCS_AT(SR, sheet),
     .flags = TCS_COL_OMIT},
    {.key = "sheets", .type = TCS_V_TABLE, .formats = TCS_F_JSON, .rows = sheet_rows,
     .sub = &name_list, .pres = TCS_PRES_IF, .has = TCS_AT(SR, has_sheet),
     .flags = TCS_COL_OMIT},
    {.key = "platform", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .at = TCS_AT(SR, platform)},
    {.key = "header_rows", .type = TCS_V_SIZE, .formats = TCS_F_JSON,
     .at = TCS_AT(SR, header_rows)},
    {.key = "responses", .type = TCS_V_LONG, .formats = TCS_F_JSON, .at = TCS_AT(SR, responses)},
    {.key = "columns", .type = TCS_V_SIZE, .formats = TCS_F_JSON, .at = TCS_AT(SR, columns)},
    {.key = "questions", .type = TCS_V_SIZE, .formats = TCS_F_JSON, .at = TCS_AT(SR, questions)},
    {.key = "common_rating_range", .type = TCS_V_TEXT, .formats = TCS_F_JSON,
     .at = TCS_AT(SR, common)},
};
#undef SR
static const tcs_cols source_cols = TCS_COLS(source_col);

void tcs_view_source(tcs_doc *d, const tcs_survey *s)
{
    source_row *r = tcs_doc_alloc(d, sizeof *r);
    if (!r)
        return;
    const tcs_source_info *src = tcs_survey_source(s);
    const tcs_scale *common = tcs_survey_common_range(s);
    r->src = src;
    r->path = tcs_survey_path(s);
    r->format = src->format;
    r->encoding = src->encoding;
    r->delimiter[0] = src->delimiter;
    r->line_ending = src->line_ending;
    r->has_sheet = src->sheet[0] != '\0';
    r->sheet = r->has_sheet ? src->sheet : NULL;
    r->platform = tcs_platform_name(tcs_survey_platform(s));
    r->header_rows = tcs_survey_header_rows(s);
    r->responses = tcs_survey_responses(s);
    r->columns = tcs_survey_ncolumns(s);
    r->questions = tcs_view_count_questions(s);
    r->common = common ? common->name : NULL;
    tcs_doc_record(d, TCS_F_JSON, "source", &source_cols, r, NULL);
}

tcs_block *tcs_view_warnings(tcs_doc *d, const tcs_survey *s, unsigned formats)
{
    tcs_block *b = tcs_doc_list(d, formats, "warnings", 2);
    for (size_t i = 0; i < tcs_survey_nwarnings(s); i++)
        tcs_doc_item(d, b, "%s", tcs_survey_warning(s, i));
    return b;
}

/* ---- columns not analysed ---- */

typedef struct {
    const tcs_column *c;
} na_row;

static void get_na_reason(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_column *c = ((const na_row *)row)->c;
    v->text = c->reason ? c->reason : tcs_role_name(c->role);
}

static void get_na_role(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    v->text = tcs_role_name(((const na_row *)row)->c->role);
}

#define NC(field) TCS_VIA(na_row, c, tcs_column, field)
static const tcs_col na_col[] = {
    {.key = "column_index", .type = TCS_V_SIZE, .formats = TCS_F_JSON, .at = NC(index)},
    {.key = "id", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .at = NC(id)},
    {.key = "role", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .get = get_na_role},
    {.key = "reason", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .get = get_na_reason},
};
#undef NC
static const tcs_cols na_cols = TCS_COLS(na_col);

/* What names a column for people: its id, or where it has none of its
 * own (col12) the start of its header. */
static void na_name(const tcs_column *c, char *out, size_t n)
{
    const char *h = c->header ? c->header : "";
    if (!tcs_question_id_positional(c->id) || !h[0])
        snprintf(out, n, "%.60s", c->id);
    else if (tcs_utf8_prefix(h, 32) < strlen(h))
        snprintf(out, n, "%.*s...", (int)tcs_utf8_prefix(h, 32), h);
    else
        snprintf(out, n, "%s", h);
}

/* "1-6", "12 (Q5), 14 (Which faculty...)": the columns of one reason;
 * metadata by number only, in ranges; at most 12 listed, then "and N
 * more". */
static void na_columns(const tcs_column *const *cols, size_t n, char *out, size_t outsz)
{
    size_t used = 0, shown = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && used < outsz; i++, shown++) {
        const tcs_column *c = cols[i];
        if (shown == 12) {
            snprintf(out + used, outsz - used, " and %zu more", n - i);
            return;
        }
        const char *sep = shown ? ", " : "";
        if (c->role == TCS_ROLE_METADATA) {
            size_t j = i;
            while (j + 1 < n && cols[j + 1]->role == TCS_ROLE_METADATA &&
                   cols[j + 1]->index == cols[j]->index + 1)
                j++;
            if (j > i)
                used += (size_t)snprintf(out + used, outsz - used, "%s%zu-%zu", sep, c->index,
                                         cols[j]->index);
            else
                used += (size_t)snprintf(out + used, outsz - used, "%s%zu", sep, c->index);
            i = j;
            continue;
        }
        char name[160];
        na_name(c, name, sizeof name);
        used += (size_t)snprintf(out + used, outsz - used, "%s%zu (%s)", sep, c->index, name);
    }
}

void tcs_view_not_analysed(tcs_doc *d, const tcs_survey *s, unsigned json, unsigned people,
                           bool samples)
{
    size_t n = tcs_survey_ncolumns(s), k = 0;
    na_row *rows = tcs_doc_alloc(d, (n ? n : 1) * sizeof *rows);
    const tcs_column **cols = tcs_doc_alloc(d, (n ? n : 1) * sizeof *cols);
    bool *done = tcs_doc_alloc(d, (n ? n : 1) * sizeof *done);
    if (!rows || !cols || !done)
        return;
    for (size_t i = 0; i < n; i++) {
        const tcs_column *c = tcs_survey_column(s, i);
        if (!tcs_column_is_question(c))
            rows[k++].c = c;
    }
    if (json)
        tcs_doc_table(d, json, "not_analysed", &na_cols, tcs_rows_array(rows, k, sizeof *rows),
                      NULL);
    if (!people || k == 0)
        return;
    tcs_doc_heading(d, people & TCS_F_TABLE, 0, "Not analysed (%zu column%s), and why:", k,
                    k == 1 ? "" : "s");
    tcs_doc_heading(d, people & TCS_F_PAGE, 3, "Not analysed (%zu column%s)", k,
                    k == 1 ? "" : "s");
    tcs_block *term = tcs_doc_list(d, people & TCS_F_TABLE, NULL, 2);
    tcs_block *page = tcs_doc_list(d, people & TCS_F_PAGE, NULL, 0);
    /* one line per reason, in the order of its first column */
    for (size_t i = 0; i < k; i++) {
        if (done[i])
            continue;
        const char *why = rows[i].c->reason ? rows[i].c->reason : tcs_role_name(rows[i].c->role);
        size_t m = 0;
        for (size_t j = i; j < k; j++) {
            const char *w = rows[j].c->reason ? rows[j].c->reason : tcs_role_name(rows[j].c->role);
            bool own = samples && (rows[i].c->reason_sample || rows[j].c->reason_sample);
            if (!done[j] && strcmp(w, why) == 0 && (j == i || !own)) {
                done[j] = true;
                cols[m++] = rows[j].c;
            }
        }
        char list[1024], eg[160] = "";
        na_columns(cols, m, list, sizeof list);
        if (samples && m == 1 && cols[0]->reason_sample)
            snprintf(eg, sizeof eg, ", e.g. %s", cols[0]->reason_sample);
        tcs_doc_item(d, term, "%s: column%s %s%s", why, m == 1 ? "" : "s", list, eg);
        tcs_doc_item(d, page, "%s: column%s %s%s", why, m == 1 ? "" : "s", list, eg);
    }
}

/* ---- marks on verdicts ---- */

const char *tcs_view_mark_letter(tcs_mark m)
{
    return m == TCS_MARK_ADJUSTED ? " [a]" : m == TCS_MARK_TESTS_DIFFER ? " [t]" : "";
}

void tcs_view_mark_notes(tcs_doc *d, const bool seen[3])
{
    if (!seen[TCS_MARK_ADJUSTED] && !seen[TCS_MARK_TESTS_DIFFER])
        return;
    tcs_block *term = tcs_doc_list(d, TCS_F_TABLE, NULL, 0);
    tcs_block *page = tcs_doc_list(d, TCS_F_PAGE, NULL, 0);
    tcs_doc_item(d, term, "%s", tcs_clear_change_rule);
    tcs_doc_item(d, page, "%s", tcs_clear_change_rule);
    for (int m = TCS_MARK_ADJUSTED; m <= TCS_MARK_TESTS_DIFFER; m++)
        if (seen[m]) {
            char l = m == TCS_MARK_ADJUSTED ? 'a' : 't';
            tcs_doc_item(d, term, "[%c] %s.", l, tcs_mark_text((tcs_mark)m));
            tcs_doc_item(d, page, "[%c] %s.", l, tcs_mark_text((tcs_mark)m));
        }
}

/* ---- answers not on the scale ---- */

static const tcs_col unknown_col[] = {
    {.key = "label", .type = TCS_V_TEXT, .formats = TCS_F_ALL,
     .at = TCS_AT(tcs_label_count, label)},
    {.key = "count", .type = TCS_V_LONG, .formats = TCS_F_ALL,
     .at = TCS_AT(tcs_label_count, count)},
};
const tcs_cols tcs_view_unknown_cols = TCS_COLS(unknown_col);

void tcs_view_unknown_rows(const void *column, const tcs_table *t, tcs_rows *out)
{
    (void)t;
    const tcs_column *c = column;
    *out = tcs_rows_array(c->unknown, c->nunknown, sizeof *c->unknown);
}

/* ---- groups ---- */

#define GR tcs_view_group
static const tcs_col group_col[] = {
    {.key = "group", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = TCS_AT(GR, label)},
    {.key = "suppressed", .type = TCS_V_BOOL, .formats = TCS_F_DATA,
     .at = TCS_AT(GR, suppressed)},
};
#undef GR
const tcs_cols tcs_view_group_cols = TCS_COLS(group_col);

tcs_view_group *tcs_view_group_new(tcs_doc *d, const char *label, bool suppressed,
                                   long responses, const tcs_waves *waves)
{
    tcs_view_group *gr = tcs_doc_alloc(d, sizeof *gr);
    if (gr) {
        gr->label = label;
        gr->suppressed = suppressed;
        gr->shown = !suppressed;
        gr->responses = responses;
        gr->waves = waves;
    }
    return gr;
}

typedef struct {
    const char *by, *rule;
    size_t column_index;
    long min_group;
} by_row;

static const tcs_col by_col[] = {
    {.key = "column", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .at = TCS_AT(by_row, by)},
    {.key = "column_index", .type = TCS_V_SIZE, .formats = TCS_F_JSON,
     .at = TCS_AT(by_row, column_index)},
    {.key = "min_group", .type = TCS_V_LONG, .formats = TCS_F_JSON,
     .at = TCS_AT(by_row, min_group)},
    {.key = "rule", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .at = TCS_AT(by_row, rule)},
};
static const tcs_cols by_cols = TCS_COLS(by_col);

void tcs_view_by(tcs_doc *d, const tcs_grouping *g)
{
    tcs_doc_para(d, TCS_F_TABLE, "By %s (minimum group size %ld). %s", g->by, g->min_group,
                 tcs_group_rule);
    tcs_doc_heading(d, TCS_F_PAGE, 2, "By %s", g->by);
    tcs_doc_para(d, TCS_F_PAGE, "Minimum group size %ld. %s", g->min_group, tcs_group_rule);
    by_row *r = tcs_doc_alloc(d, sizeof *r);
    if (!r)
        return;
    r->by = g->by;
    r->rule = tcs_group_rule;
    r->column_index = g->column[0] + 1;
    r->min_group = g->min_group;
    tcs_doc_record(d, TCS_F_JSON, "by", &by_cols, r, NULL);
}

void tcs_view_prefix(tcs_block *b, const tcs_view_group *gr)
{
    if (!gr)
        return;
    b->t.prefix = &tcs_view_group_cols;
    b->t.prefix_row = gr;
}

void tcs_view_placeholder(tcs_doc *d, const tcs_cols *cols, const tcs_view_group *gr)
{
    tcs_block *b = tcs_doc_table(d, TCS_F_CSV, NULL, cols, tcs_rows_array(NULL, 0, 0), NULL);
    b->flags |= TCS_BLOCK_PLACEHOLDER;
    tcs_view_prefix(b, gr);
}
