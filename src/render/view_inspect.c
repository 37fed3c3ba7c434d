/* view_inspect.c - what the importer found and assumed, column by column
 * (tcsurvey inspect). */
#include "render/view.h"
#include "tcsurvey/layout.h"

#include <string.h>

/* One column of the file. */
typedef struct {
    const tcs_column *c;
    const char *role;
    const char *scale, *basis; /* questions only */
    bool question, grid, capped;
} inspect_row;

static void get_grid_row(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const inspect_row *r = row;
    v->present = r->grid;
    v->text = r->c->item ? r->c->item : "";
}

/* "agree5", "-" for other roles; " (!)" when it differs from most. */
static void get_scale_shown(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const inspect_row *r = row;
    snprintf(v->buf, sizeof v->buf, "%s%s", r->question ? r->c->scale.name : "-",
             r->c->scale_differs ? " (!)" : "");
    v->text = v->buf;
}

static void get_basis_shown(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const inspect_row *r = row;
    v->text = r->question && r->c->scale_basis ? r->c->scale_basis : "";
}

static void get_basis_noted(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    get_basis_shown(row, k, t, v);
    if (((const inspect_row *)row)->c->scale_differs)
        v->suffix = " (differs from most rating columns)";
}

/* Answers read as the wording they nearly are ("Strong agree"). */
static const tcs_col near_col[] = {
    {.key = "label", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .at = TCS_AT(tcs_near_miss, label)},
    {.key = "value", .type = TCS_V_INT, .formats = TCS_F_JSON, .at = TCS_AT(tcs_near_miss, value)},
    {.key = "count", .type = TCS_V_LONG, .formats = TCS_F_JSON, .at = TCS_AT(tcs_near_miss, count)},
};
static const tcs_cols near_cols = TCS_COLS(near_col);

static void near_rows(const void *column, const tcs_table *t, tcs_rows *out)
{
    (void)t;
    const tcs_column *c = column;
    *out = tcs_rows_array(c->near, c->nnear, sizeof *c->near);
}

#define IR inspect_row
#define C(field) TCS_VIA(IR, c, tcs_column, field)
#define R TCS_ALIGN_RIGHT
static const tcs_col inspect_col[] = {
    {.key = "column_index", .header = "col", .type = TCS_V_SIZE, .formats = TCS_F_ALL,
     .at = C(index), .align = R, .width = 4},
    {.key = "role", .type = TCS_V_TEXT, .formats = TCS_F_PEOPLE, .at = TCS_AT(IR, role),
     .width = 12, .gap = 2},
    {.key = "column", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = C(header)},
    {.key = "id", .type = TCS_V_TEXT, .formats = TCS_F_ALL, .at = C(id), .width = 9},
    {.key = "role", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = TCS_AT(IR, role)},
    {.key = "scale", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = TCS_AT(IR, scale)},
    {.key = "scale", .type = TCS_V_TEXT, .formats = TCS_F_PEOPLE, .get = get_scale_shown,
     .width = 13},
    {.key = "scale_basis", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = TCS_AT(IR, basis)},
    {.key = "scale_basis", .header = "how the scale was chosen", .type = TCS_V_TEXT,
     .formats = TCS_F_PAGE, .get = get_basis_shown},
    {.key = "scale_differs", .type = TCS_V_BOOL, .formats = TCS_F_DATA, .at = C(scale_differs),
     .flags = TCS_COL_YESNO},
    {.key = "pillar", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = C(pillar)},
    {.key = "grid", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .at = C(stem),
     .flags = TCS_COL_OMIT},
    {.key = "grid_row", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .get = get_grid_row,
     .flags = TCS_COL_OMIT},
    {.key = "answered", .type = TCS_V_LONG, .formats = TCS_F_PEOPLE, .at = C(nonempty),
     .align = R, .width = 8},
    {.key = "valid", .type = TCS_V_LONG, .formats = TCS_F_DATA, .at = C(valid)},
    {.key = "valid", .type = TCS_V_LONG, .formats = TCS_F_PEOPLE, .at = C(valid),
     .pres = TCS_PRES_IF, .has = TCS_AT(IR, question), .align = R, .width = 5},
    {.key = "nonsubstantive", .header = "N/A", .type = TCS_V_LONG, .formats = TCS_F_ALL,
     .at = C(nonsubstantive), .align = R, .width = 4},
    {.key = "missing", .term_header = "miss", .type = TCS_V_LONG, .formats = TCS_F_ALL,
     .at = C(missing), .align = R, .width = 5},
    {.key = "other", .type = TCS_V_LONG, .formats = TCS_F_ALL, .at = C(other), .align = R,
     .width = 5},
    {.key = "answered", .type = TCS_V_LONG, .formats = TCS_F_DATA, .at = C(nonempty)},
    {.key = "distinct", .type = TCS_V_SIZE, .formats = TCS_F_JSON, .at = C(distinct)},
    {.key = "distinct_capped", .type = TCS_V_BOOL, .formats = TCS_F_JSON,
     .at = TCS_AT(IR, capped), .pres = TCS_PRES_IF, .has = TCS_AT(IR, capped),
     .flags = TCS_COL_OMIT},
    {.key = "unknown_labels", .type = TCS_V_TABLE, .formats = TCS_F_JSON,
     .at = TCS_DEREF(IR, c), .rows = tcs_view_unknown_rows, .sub = &tcs_view_unknown_cols,
     .pres = TCS_PRES_IF, .has = TCS_AT(IR, question), .flags = TCS_COL_OMIT},
    {.key = "header", .type = TCS_V_TEXT, .formats = TCS_F_PEOPLE, .at = C(header), .max = 60,
     .gap = 2},
    /* added after the first CSV layout: at the end of each row */
    {.key = "reason", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = C(reason)},
    {.key = "reason_sample", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = C(reason_sample)},
    {.key = "ambiguous", .type = TCS_V_BOOL, .formats = TCS_F_DATA, .at = C(ambiguous),
     .flags = TCS_COL_YESNO},
    {.key = "scale_note", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = C(scale_note)},
    {.key = "near_misses", .type = TCS_V_TABLE, .formats = TCS_F_JSON, .at = TCS_DEREF(IR, c),
     .rows = near_rows, .sub = &near_cols, .flags = TCS_COL_OMIT},
};
static const tcs_cols inspect_cols = TCS_COLS(inspect_col);

/* How each scale was chosen (the terminal's second table). */
static const tcs_col scales_col[] = {
    {.key = "id", .type = TCS_V_TEXT, .formats = TCS_F_TABLE, .at = C(id), .width = 9},
    {.key = "scale", .type = TCS_V_CHARS, .formats = TCS_F_TABLE, .at = C(scale.name),
     .width = 13},
    {.key = "scale_basis", .type = TCS_V_TEXT, .formats = TCS_F_TABLE, .get = get_basis_noted},
};
static const tcs_cols scales_cols = TCS_COLS(scales_col);
#undef R
#undef C
#undef IR

/* ---- the file (the people's record) ---- */

typedef struct {
    const tcs_survey *s;
    const tcs_source_info *src;
    const char *path, *platform, *common, *sheet;
    size_t header_rows, columns;
    long responses;
} file_row;

static const char *delimiter_name(char d)
{
    switch (d) {
    case ',': return "comma";
    case ';': return "semicolon";
    case '\t': return "tab";
    default: return "";
    }
}

/* "csv, UTF-8, comma delimiter, CRLF line endings" */
static void get_format_line(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_source_info *src = ((const file_row *)row)->src;
    const char *le = src->line_ending;
    if (src->delimiter)
        snprintf(v->buf, sizeof v->buf, "%s, %s, %s delimiter%s%s%s", src->format, src->encoding,
                 delimiter_name(src->delimiter), le[0] ? ", " : "", le,
                 le[0] ? " line endings" : "");
    else
        snprintf(v->buf, sizeof v->buf, "%s", src->format);
    v->text = v->buf;
}

/* "csv, UTF-8, comma delimiter, sheet NAME" */
static void get_format_item(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_source_info *src = ((const file_row *)row)->src;
    size_t n = (size_t)snprintf(v->buf, sizeof v->buf, "%s, %s", src->format, src->encoding);
    if (src->delimiter && n < sizeof v->buf)
        n += (size_t)snprintf(v->buf + n, sizeof v->buf - n, ", %s delimiter",
                              delimiter_name(src->delimiter));
    if (src->sheet[0] && n < sizeof v->buf)
        snprintf(v->buf + n, sizeof v->buf - n, ", sheet %s", src->sheet);
    v->text = v->buf;
}

/* "Responses (of Responses, Notes [hidden])" */
static void get_sheet(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_source_info *src = ((const file_row *)row)->src;
    v->present = src->sheet[0] != '\0';
    size_t n = (size_t)snprintf(v->buf, sizeof v->buf, "%s (of", src->sheet);
    for (size_t i = 0; i < src->nsheets && n < sizeof v->buf; i++) {
        bool visible = !src->sheet_hidden[i];
        n += (size_t)snprintf(v->buf + n, sizeof v->buf - n, "%s %s%s%s%s", i ? "," : "",
                              src->sheets[i], visible ? "" : " [",
                              visible ? "" : src->sheet_state[i], visible ? "" : "]");
    }
    if (n < sizeof v->buf)
        snprintf(v->buf + n, sizeof v->buf - n, ")");
    v->text = v->buf;
}

/* "31 (1 id, 2 metadata, 21 rating, ...)" */
static void get_columns_line(const void *row, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)k, (void)t;
    const tcs_survey *s = ((const file_row *)row)->s;
    size_t roles[TCS_ROLE_COUNT] = {0};
    for (size_t i = 0; i < tcs_survey_ncolumns(s); i++)
        roles[tcs_survey_column(s, i)->role]++;
    size_t n = (size_t)snprintf(v->buf, sizeof v->buf, "%zu (", tcs_survey_ncolumns(s));
    bool first = true;
    for (int r = 0; r < TCS_ROLE_COUNT && n < sizeof v->buf; r++)
        if (roles[r]) {
            n += (size_t)snprintf(v->buf + n, sizeof v->buf - n, "%s%zu %s", first ? "" : ", ",
                                  roles[r], tcs_role_name((tcs_role)r));
            first = false;
        }
    if (n < sizeof v->buf)
        snprintf(v->buf + n, sizeof v->buf - n, ")");
    v->text = v->buf;
}

#define FR file_row
static const tcs_col file_col[] = {
    {.key = "file", .type = TCS_V_TEXT, .formats = TCS_F_TABLE, .at = TCS_AT(FR, path)},
    {.key = "platform", .type = TCS_V_TEXT, .formats = TCS_F_PEOPLE, .at = TCS_AT(FR, platform)},
    {.key = "format", .type = TCS_V_TEXT, .formats = TCS_F_TABLE, .get = get_format_line},
    {.key = "format", .type = TCS_V_TEXT, .formats = TCS_F_PAGE, .get = get_format_item},
    {.key = "sheet", .type = TCS_V_TEXT, .formats = TCS_F_TABLE, .get = get_sheet,
     .flags = TCS_COL_OMIT},
    {.key = "header rows", .type = TCS_V_SIZE, .formats = TCS_F_PEOPLE,
     .at = TCS_AT(FR, header_rows)},
    {.key = "responses", .type = TCS_V_LONG, .formats = TCS_F_PEOPLE,
     .at = TCS_AT(FR, responses)},
    {.key = "columns", .type = TCS_V_TEXT, .formats = TCS_F_TABLE, .get = get_columns_line},
    {.key = "columns", .type = TCS_V_SIZE, .formats = TCS_F_PAGE, .at = TCS_AT(FR, columns)},
    {.key = "rating range most columns need", .type = TCS_V_TEXT, .formats = TCS_F_TABLE,
     .at = TCS_AT(FR, common), .flags = TCS_COL_OMIT},
};
#undef FR
static const tcs_cols file_cols = TCS_COLS(file_col);

/* ---- sheets of a workbook (JSON) ---- */

typedef struct {
    const char *name, *state;
    bool read;
} sheet_row;

static const tcs_col sheet_col[] = {
    {.key = "name", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .at = TCS_AT(sheet_row, name)},
    {.key = "state", .type = TCS_V_TEXT, .formats = TCS_F_JSON, .at = TCS_AT(sheet_row, state)},
    {.key = "read", .type = TCS_V_BOOL, .formats = TCS_F_JSON, .at = TCS_AT(sheet_row, read)},
};
static const tcs_cols sheet_cols = TCS_COLS(sheet_col);

static void sheets(tcs_doc *d, const tcs_source_info *src)
{
    if (!src->nsheets)
        return;
    sheet_row *rows = tcs_doc_alloc(d, src->nsheets * sizeof *rows);
    if (!rows)
        return;
    for (size_t i = 0; i < src->nsheets; i++) {
        rows[i].name = src->sheets[i];
        rows[i].state = src->sheet_state[i];
        rows[i].read = strcmp(src->sheets[i], src->sheet) == 0;
    }
    tcs_block *b = tcs_doc_table(d, TCS_F_JSON, "sheets", &sheet_cols,
                                 tcs_rows_array(rows, src->nsheets, sizeof *rows), NULL);
    b->flags |= TCS_BLOCK_JSON_INLINE;
}

static void file_record(tcs_doc *d, const tcs_survey *s)
{
    file_row *r = tcs_doc_alloc(d, sizeof *r);
    if (!r)
        return;
    const tcs_scale *common = tcs_survey_common_range(s);
    r->s = s;
    r->src = tcs_survey_source(s);
    r->path = tcs_survey_path(s);
    r->platform = tcs_platform_name(tcs_survey_platform(s));
    r->common = common ? common->name : NULL;
    r->header_rows = tcs_survey_header_rows(s);
    r->columns = tcs_survey_ncolumns(s);
    r->responses = tcs_survey_responses(s);
    tcs_doc_record(d, TCS_F_PEOPLE, NULL, &file_cols, r, NULL);
}

void tcs_view_inspect(tcs_doc *d, const tcs_survey *s)
{
    size_t n = tcs_survey_ncolumns(s), nq = 0;
    inspect_row *rows = tcs_doc_alloc(d, (n ? n : 1) * sizeof *rows);
    inspect_row *qs = tcs_doc_alloc(d, (n ? n : 1) * sizeof *qs);
    if (!rows || !qs)
        return;
    for (size_t i = 0; i < n; i++) {
        inspect_row *r = &rows[i];
        r->c = tcs_survey_column(s, i);
        r->role = tcs_role_name(r->c->role);
        r->question = tcs_column_is_question(r->c);
        r->scale = r->question ? r->c->scale.name : NULL;
        r->basis = r->question ? r->c->scale_basis : NULL;
        r->grid = r->c->stem != NULL;
        r->capped = r->c->distinct_overflow;
        if (r->question)
            qs[nq++] = *r;
    }
    tcs_view_source(d, s);
    sheets(d, tcs_survey_source(s));
    tcs_doc_heading(d, TCS_F_PAGE, 2, "Inspection of %s", tcs_survey_path(s));
    file_record(d, s);
    tcs_doc_table(d, TCS_F_ALL, "columns", &inspect_cols, tcs_rows_array(rows, n, sizeof *rows),
                  NULL);
    tcs_doc_heading(d, TCS_F_TABLE, 0, "Scales: how each was chosen");
    tcs_block *b = tcs_doc_table(d, TCS_F_TABLE, NULL, &scales_cols,
                                 tcs_rows_array(qs, nq, sizeof *qs), NULL);
    b->flags |= TCS_BLOCK_NO_HEADER;
    b->t.indent = 2;
    tcs_view_not_analysed(d, s, 0, TCS_F_PEOPLE, true);
    if (tcs_survey_nwarnings(s)) {
        tcs_doc_heading(d, TCS_F_TABLE, 0, "warnings:");
        tcs_doc_para(d, TCS_F_PAGE, "Warnings:");
    }
    tcs_view_warnings(d, s, TCS_F_JSON | TCS_F_PEOPLE);
}
