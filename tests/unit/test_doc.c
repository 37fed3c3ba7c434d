/* Unit tests: the document model (src/render/doc.h) and its back-ends,
 * on a small document whose every expected output is written out by hand
 * from the format's rules. */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"
#include "render/doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *id, *name;
    double mean, lo, hi;
    bool has_mean;
    long n;
    int seen; /* 1 yes, 0 no, -1 unknown */
    long per_wave[2];
} row;

static const row rows[] = {
    {"q1", "Caf\xc3\xa9 | <b>", 3.456, 3.0, 3.9, true, 12, 1, {5, 7}},
    {"a-long-question-id", "Bell\x07 and \x1b[31mred", 0, 0, 0, false, 0, -1, {0, 3}},
};

static void get_wave(const void *r, size_t k, const tcs_table *t, tcs_value *v)
{
    (void)t;
    v->i = ((const row *)r)->per_wave[k];
}

static void nested_rows(const void *r, const tcs_table *t, tcs_rows *out)
{
    (void)t;
    const row *x = r;
    *out = tcs_rows_array(x->per_wave, 2, sizeof x->per_wave[0]);
}

static const tcs_col count_item[] = {{.type = TCS_V_LONG, .formats = TCS_F_ALL}};
static const tcs_cols count_list = TCS_COLS(count_item);

static const tcs_col cols_def[] = {
    {.key = "id", .type = TCS_V_TEXT, .formats = TCS_F_ALL, .at = TCS_AT(row, id)},
    {.key = "name", .type = TCS_V_TEXT, .formats = TCS_F_ALL, .at = TCS_AT(row, name), .max = 12},
    {.key = "mean", .type = TCS_V_NUM, .formats = TCS_F_ALL, .prec = 2, .at = TCS_AT(row, mean),
     .pres = TCS_PRES_IF, .has = TCS_AT(row, has_mean), .align = TCS_ALIGN_RIGHT, .width = 6},
    {.key = "ci95", .header = "95% CI", .type = TCS_V_INTERVAL, .formats = TCS_F_ALL, .prec = 1,
     .at = TCS_AT(row, lo), .at2 = TCS_AT(row, hi), .pres = TCS_PRES_IF,
     .has = TCS_AT(row, has_mean)},
    {.key = "n", .type = TCS_V_LONG, .formats = TCS_F_ALL, .at = TCS_AT(row, n),
     .align = TCS_ALIGN_RIGHT, .flags = TCS_COL_BREAK},
    {.key = "seen", .type = TCS_V_TRI, .formats = TCS_F_DATA | TCS_F_TABLE,
     .at = TCS_AT(row, seen)},
    {.key = "wave", .header = "n %s", .type = TCS_V_LONG, .formats = TCS_F_JSON | TCS_F_PEOPLE,
     .get = get_wave, .align = TCS_ALIGN_RIGHT, .flags = TCS_COL_MULTI},
    {.key = "counts", .type = TCS_V_TABLE, .formats = TCS_F_JSON, .rows = nested_rows,
     .sub = &count_list},
};
static const tcs_cols cols = TCS_COLS(cols_def);
static const char *const labels[] = {"2024", "2026"};

typedef struct {
    const char *group;
    bool suppressed;
} group_row;

static const tcs_col group_def[] = {
    {.key = "group", .type = TCS_V_TEXT, .formats = TCS_F_DATA, .at = TCS_AT(group_row, group)},
    {.key = "suppressed", .type = TCS_V_BOOL, .formats = TCS_F_DATA,
     .at = TCS_AT(group_row, suppressed)},
};
static const tcs_cols group_cols = TCS_COLS(group_def);
static const group_row all = {"All", false}, small = {"B, small", true};

static tcs_doc *example(bool grouped)
{
    tcs_doc *d = tcs_doc_new(TCS_DOC_COMPACT);
    assert_non_null(d);
    tcs_doc_heading(d, TCS_F_PEOPLE, 2, "Figures of %s", "x|y");
    tcs_doc_para(d, TCS_F_PEOPLE, "Two rows.");
    tcs_block *b = tcs_doc_table(d, TCS_F_ALL, "rows", &cols, tcs_rows_array(rows, 2, sizeof rows[0]),
                                 NULL);
    b->t.labels = labels;
    b->t.nlabels = 2;
    if (grouped) {
        b->t.prefix = &group_cols;
        b->t.prefix_row = &all;
        tcs_block *p = tcs_doc_table(d, TCS_F_CSV, NULL, &cols, tcs_rows_array(NULL, 0, 0), NULL);
        p->flags |= TCS_BLOCK_PLACEHOLDER;
        p->t.prefix = &group_cols;
        p->t.prefix_row = &small;
    }
    tcs_block *l = tcs_doc_list(d, TCS_F_JSON | TCS_F_PEOPLE, "notes", 2);
    tcs_doc_item(d, l, "one \"note\"");
    return d;
}

static char *render(const tcs_doc *d, tcs_format fmt)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&buf, &n);
    assert_non_null(fp);
    assert_int_equal(tcs_doc_write(fp, d, fmt, NULL), TCS_OK);
    fclose(fp);
    return buf;
}

static void check_render(bool grouped, tcs_format fmt, const char *expected)
{
    tcs_doc *d = example(grouped);
    char *out = render(d, fmt);
    assert_string_equal(out, expected);
    free(out);
    tcs_doc_free(d);
}

/* JSON: keyed blocks are members; a record per line; an interval as a
 * pair, absent figures null, a column per label as an object, a nested
 * table as an array; a breaking column starts a line of its own. */
static void json(void **state)
{
    (void)state;
    check_render(false, TCS_FORMAT_JSON,
                 "{\n"
                 "  \"rows\": [\n"
                 "    {\"id\": \"q1\", \"name\": \"Caf\xc3\xa9 | <b>\", \"mean\": 3.456, "
                 "\"ci95\": [3, 3.9],\n"
                 "     \"n\": 12, \"seen\": true, \"wave\": {\"2024\": 5, \"2026\": 7}, "
                 "\"counts\": [5, 7]},\n"
                 "    {\"id\": \"a-long-question-id\", \"name\": \"Bell\\u0007 and "
                 "\\u001b[31mred\", \"mean\": null, \"ci95\": null,\n"
                 "     \"n\": 0, \"seen\": null, \"wave\": {\"2024\": 0, \"2026\": 3}, "
                 "\"counts\": [0, 3]}\n"
                 "  ],\n"
                 "  \"notes\": [\"one \\\"note\\\"\"]\n"
                 "}\n");
}

/* CSV: one header; an interval is two cells; absent is empty; text is
 * quoted where it must be and control characters replaced; a grouped
 * table's rows lead with the group; a placeholder is a row of empty cells
 * as many as the columns. */
static void csv(void **state)
{
    (void)state;
    check_render(false, TCS_FORMAT_CSV,
                 "id,name,mean,ci95_lo,ci95_hi,n,seen\r\n"
                 "q1,Caf\xc3\xa9 | <b>,3.456,3,3.9,12,true\r\n"
                 "a-long-question-id,Bell\xef\xbf\xbd and \xef\xbf\xbd[31mred,,,,0,\r\n");
    check_render(true, TCS_FORMAT_CSV,
                 "group,suppressed,id,name,mean,ci95_lo,ci95_hi,n,seen\r\n"
                 "All,false,q1,Caf\xc3\xa9 | <b>,3.456,3,3.9,12,true\r\n"
                 "All,false,a-long-question-id,Bell\xef\xbf\xbd and \xef\xbf\xbd[31mred,,,,0,\r\n"
                 "\"B, small\",true,,,,,,,\r\n");
}

/* Markdown: every text through tcs_put_md_cell; numbers right-aligned. */
static void markdown(void **state)
{
    (void)state;
    check_render(false, TCS_FORMAT_MD,
                 "## Figures of x\\|y\n"
                 "\n"
                 "Two rows.\n"
                 "\n"
                 "| id | name | mean | 95% CI | n | n 2024 | n 2026 |\n"
                 "|---|---|---:|---|---:|---:|---:|\n"
                 "| q1 | Caf\xc3\xa9 \\| \\<b> | 3.46 | 3.0-3.9 | 12 | 5 | 7 |\n"
                 "| a-long-question-id | Bell\xef\xbf\xbd and \xef\xbf\xbd\\[31mred | - | - | 0 | 0 "
                 "| 3 |\n"
                 "\n"
                 "- one \"note\"\n");
}

/* The terminal: widths in characters, not bytes ("Café" is 4); text cut
 * at the column's max with "..."; control characters replaced; no blank
 * line after a heading. */
static void terminal(void **state)
{
    (void)state;
    check_render(false, TCS_FORMAT_TABLE,
                 "Figures of x|y\n"
                 "Two rows.\n"
                 "\n"
                 "id                 name           mean 95% CI   n seen n 2024 n 2026\n"
                 "q1                 Caf\xc3\xa9 | <b>     3.46 3.0-3.9 12 yes       5      7\n"
                 "a-long-question-id Bell\xef\xbf\xbd and...      - -        0 -         0      3\n"
                 "\n"
                 "  one \"note\"\n");
}

/* The last column on a terminal: to the terminal's edge when it is wider
 * than the column's usual width (not a terminal: width 0, the usual cut);
 * a cut grid row keeps its "[Row]" so that rows read apart. */
typedef struct {
    const char *id, *text;
} stmt_row;

static const tcs_col stmt_def[] = {
    {.key = "id", .type = TCS_V_TEXT, .formats = TCS_F_ALL, .at = TCS_AT(stmt_row, id)},
    {.key = "statement", .type = TCS_V_TEXT, .formats = TCS_F_ALL, .at = TCS_AT(stmt_row, text),
     .max = 30},
};
static const tcs_cols stmt_cols = TCS_COLS(stmt_def);

static char *render_width(const stmt_row *r, size_t n, size_t width)
{
    tcs_doc *d = tcs_doc_new(TCS_DOC_COMPACT);
    assert_non_null(d);
    tcs_doc_table(d, TCS_F_ALL, "rows", &stmt_cols, tcs_rows_array(r, n, sizeof *r), NULL);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(tcs_doc_write_term_width(fp, d, width, NULL), TCS_OK);
    fclose(fp);
    tcs_doc_free(d);
    return buf;
}

static void terminal_width(void **state)
{
    (void)state;
    static const stmt_row r[] = {
        {"G1[1]", "How satisfied are you with the following [Pay]"},
        {"G1[2]", "How satisfied are you with the following [Working hours]"},
        {"Q2", "A statement that is longer than thirty characters"},
    };
    char *out = render_width(r, 3, 0);
    assert_string_equal(out, "id    statement\n"
                             "G1[1] How satisfied are you... [Pay]\n"
                             "G1[2] How satisfied are you with ...\n" /* row too long to keep */
                             "Q2    A statement that is longer ...\n");
    free(out);
    out = render_width(r, 3, 200);
    assert_string_equal(out, "id    statement\n"
                             "G1[1] How satisfied are you with the following [Pay]\n"
                             "G1[2] How satisfied are you with the following [Working hours]\n"
                             "Q2    A statement that is longer than thirty characters\n");
    free(out);
    out = render_width(r, 3, 40); /* cut at the edge: 40 - 6 characters */
    assert_string_equal(out, "id    statement\n"
                             "G1[1] How satisfied are you wit... [Pay]\n"
                             "G1[2] How satisfied a... [Working hours]\n"
                             "Q2    A statement that is longer than...\n");
    free(out);
}

/* HTML: a page; every text escaped. */
static void html(void **state)
{
    (void)state;
    tcs_doc *d = example(false);
    char *out = render(d, TCS_FORMAT_HTML);
    assert_non_null(strstr(out, "<h2>Figures of x|y</h2>\n<p>Two rows.</p>\n"));
    assert_non_null(strstr(out, "<tr><th>id</th><th>name</th><th>mean</th><th>95% CI</th>"
                                "<th>n</th><th>n 2024</th><th>n 2026</th></tr>"));
    assert_non_null(strstr(out, "<tr><td>q1</td><td>Caf\xc3\xa9 | &lt;b&gt;</td><td>3.46</td>"
                                "<td>3.0-3.9</td><td>12</td><td>5</td><td>7</td></tr>\n"));
    assert_non_null(strstr(out, "<li>one &quot;note&quot;</li>"));
    assert_null(strstr(out, "\x1b"));
    free(out);
    tcs_doc_free(d);
}

/* The formats table: what the commands take, list and name. */
static void formats(void **state)
{
    (void)state;
    char buf[128];
    assert_string_equal(tcs_format_list(buf, sizeof buf, false), "table, csv, json, md or xlsx");
    assert_string_equal(tcs_format_list(buf, sizeof buf, true),
                        "table (default), csv, json, md or xlsx");
    assert_string_equal(tcs_format_name(TCS_FORMAT_HTML), "html");
    tcs_format f;
    assert_false(tcs_format_parse("html", &f)); /* the report's, not offered */
    assert_true(tcs_format_parse("md", &f) && f == TCS_FORMAT_MD);
    assert_true(tcs_format_parse("xlsx", &f) && f == TCS_FORMAT_XLSX);
    assert_true(tcs_format_needs_file(TCS_FORMAT_XLSX));
    assert_false(tcs_format_needs_file(TCS_FORMAT_CSV));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json),     cmocka_unit_test(csv),  cmocka_unit_test(markdown),
        cmocka_unit_test(terminal), cmocka_unit_test(terminal_width), cmocka_unit_test(html), cmocka_unit_test(formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
