/* Unit tests: escaping for JSON, CSV and Markdown; number formatting. */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"
#include "tcsurvey/output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*put_fn)(FILE *, const char *);

static char *render(put_fn f, const char *s)
{
    static char buf[1024];
    memset(buf, 0, sizeof buf);
    FILE *fp = fmemopen(buf, sizeof buf, "w");
    f(fp, s);
    fclose(fp);
    return buf;
}

static void json_escaping(void **state)
{
    (void)state;
    assert_string_equal(render(tcs_put_json_string, "a\"b\\c\nd\te\x01"),
                        "\"a\\\"b\\\\c\\nd\\te\\u0001\"");
    assert_string_equal(render(tcs_put_json_string, "caf\xc3\xa9 </script>"),
                        "\"caf\xc3\xa9 </script>\"");
}

static void csv_escaping_and_formulas(void **state)
{
    (void)state;
    assert_string_equal(render(tcs_put_csv_text, "plain"), "plain");
    assert_string_equal(render(tcs_put_csv_text, "a,b"), "\"a,b\"");
    assert_string_equal(render(tcs_put_csv_text, "say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_string_equal(render(tcs_put_csv_text, "=HYPERLINK(\"x\")"),
                        "\"'=HYPERLINK(\"\"x\"\")\"");
    assert_string_equal(render(tcs_put_csv_text, "+1"), "\"'+1\"");
    assert_string_equal(render(tcs_put_csv_text, "-2"), "\"'-2\"");
    assert_string_equal(render(tcs_put_csv_text, "@SUM(A1)"), "\"'@SUM(A1)\"");
    assert_string_equal(render(tcs_put_csv_text, "\tx"), "\"'\tx\"");
    assert_string_equal(render(tcs_put_csv_text, NULL), "");
}

static void markdown_cells(void **state)
{
    (void)state;
    assert_string_equal(render(tcs_put_md_cell, "a|b\nc <b>"), "a\\|b c \\<b>");
}

/* report.md for people: what would be markup escaped, nothing else
 * (issue 19: '&lt;=' and '\\[' showed literally when pasted into Word). */
static void markdown_plain(void **state)
{
    (void)state;
    /* ids, comparisons and grid rows read as typed */
    assert_string_equal(render(tcs_put_md_plain, "G03Q14[1]-[10] <= 5 < ok 50% a_b R&D (x)"),
                        "G03Q14[1]-[10] <= 5 < ok 50% a_b R&D (x)");
    /* what would be markup */
    assert_string_equal(render(tcs_put_md_plain, "*a* `b` _c_ [l](u) <b>x</b> &amp; ~~s~~"),
                        "\\*a\\* \\`b\\` \\_c\\_ [l\\](u) &lt;b>x&lt;/b> \\&amp; \\~\\~s\\~~");
    /* a line that would start a heading, quote, list or numbered list */
    assert_string_equal(render(tcs_put_md_plain, "# x"), "\\# x");
    assert_string_equal(render(tcs_put_md_plain, "- x"), "\\- x");
    assert_string_equal(render(tcs_put_md_plain, "2024. x"), "2024\\. x");
    assert_string_equal(render(tcs_put_md_plain, "x 2024. - y"), "x 2024. - y");
    /* a backslash only before punctuation; line breaks as spaces */
    assert_string_equal(render(tcs_put_md_plain, "a\\b \\* c\nd"), "a\\b \\\\\\* c d");
    /* cells: '|' escaped, nothing at the start */
    assert_string_equal(render(tcs_put_md_plain_cell, "- a|b # c"), "- a\\|b # c");
}

/* pandoc's input: every ASCII punctuation escaped, whatever the extension. */
static void pandoc_text(void **state)
{
    (void)state;
    assert_string_equal(render(tcs_put_pandoc_text, "$x$ @cite ^s^ [a]{b} <i> 1. ok"),
                        "\\$x\\$ \\@cite \\^s\\^ \\[a\\]\\{b\\} \\<i\\> 1\\. ok");
    assert_string_equal(render(tcs_put_pandoc_text, "caf\xc3\xa9\x01"), "caf\xc3\xa9\xef\xbf\xbd");
}

static void doubles_round_trip(void **state)
{
    (void)state;
    double values[] = {6.535714285714286, 0.1, 1.0 / 3.0, 100.0, 0.0, -0.0, 2.5e-7};
    char buf[40];
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        tcs_format_double(values[i], buf, sizeof buf);
        assert_true(strtod(buf, NULL) == values[i]);
    }
    tcs_format_double(0.1, buf, sizeof buf);
    assert_string_equal(buf, "0.1");
    tcs_format_double(-0.0, buf, sizeof buf);
    assert_string_equal(buf, "0");
    tcs_format_double(100.0, buf, sizeof buf);
    assert_string_equal(buf, "100");
}

static void formats_by_name(void **state)
{
    (void)state;
    tcs_format f;
    assert_true(tcs_format_parse("json", &f) && f == TCS_FORMAT_JSON);
    assert_true(tcs_format_parse("markdown", &f) && f == TCS_FORMAT_MD);
    assert_false(tcs_format_parse("xml", &f));
    assert_false(tcs_format_parse(NULL, &f));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_escaping), cmocka_unit_test(csv_escaping_and_formulas),
        cmocka_unit_test(markdown_cells),
        cmocka_unit_test(markdown_plain),
        cmocka_unit_test(pandoc_text), cmocka_unit_test(doubles_round_trip),
        cmocka_unit_test(formats_by_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
