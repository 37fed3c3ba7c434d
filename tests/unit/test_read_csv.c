/* Unit tests: the CSV reader. Every input is also read at every chunk size
 * from 1 byte up, as libcsv's own tests do, and must give the same records. */
#include "testutil.h"
#include "tcsurvey/reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char buf[8192]; /* records serialised as "cell|cell\n" */
    size_t len;
    long last_row;
} sink;

static tcs_status to_sink(void *ctx, long row, const tcs_cell *cells, size_t n, tcs_error *err)
{
    (void)err;
    sink *s = ctx;
    s->last_row = row;
    for (size_t i = 0; i < n; i++)
        s->len += (size_t)snprintf(s->buf + s->len, sizeof s->buf - s->len, "%s%s",
                                   i ? "|" : "", cells[i].text);
    s->len += (size_t)snprintf(s->buf + s->len, sizeof s->buf - s->len, "\n");
    return TCS_OK;
}

/* Read path whole and at every chunk size; all must agree. */
static const char *read_all(const char *path, tcs_source_info *info)
{
    static sink whole;
    memset(&whole, 0, sizeof whole);
    tcs_error err;
    tcs_status st = tcs_read_csv(path, NULL, to_sink, &whole, info, &err);
    if (st != TCS_OK) {
        print_error("%s: %s\n", path, err.message);
        fail();
    }
    for (size_t chunk = 1; chunk <= whole.len + 2; chunk++) {
        sink part;
        memset(&part, 0, sizeof part);
        tcs_read_options o = {.chunk_size = chunk};
        assert_int_equal(tcs_read_csv(path, &o, to_sink, &part, NULL, &err), TCS_OK);
        if (strcmp(part.buf, whole.buf) != 0) {
            print_error("chunk %zu gives\n%s\nwhole gives\n%s\n", chunk, part.buf, whole.buf);
            fail();
        }
    }
    return whole.buf;
}

static void quoting_and_line_endings(void **state)
{
    (void)state;
    tcs_source_info info;
    const char *p = tmp_text("q.csv", "a,b,c\r\n1,\"two, \"\"2\"\"\nlines\",3\r\n4,,\r\n5,6,7");
    assert_string_equal(read_all(p, &info), "a|b|c\n1|two, \"2\"\nlines|3\n4||\n5|6|7\n");
    assert_string_equal(info.line_ending, "CRLF");
    assert_int_equal(info.delimiter, ',');
    assert_string_equal(info.encoding, "UTF-8");
    assert_int_equal(info.records, 4);
}

static void delimiters_detected(void **state)
{
    (void)state;
    tcs_source_info info;
    const char *p = tmp_text("semi.csv", "x;y;\"z;w\"\n1,5;2;3\n4;5;6\n");
    assert_string_equal(read_all(p, &info), "x|y|z;w\n1,5|2|3\n4|5|6\n");
    assert_int_equal(info.delimiter, ';');
    p = tmp_text("tab.tsv", "x\ty, z\tw\n1\t 2\t3\n");
    assert_string_equal(read_all(p, &info), "x|y, z|w\n1| 2|3\n"); /* spaces kept */
    assert_int_equal(info.delimiter, '\t');
    p = tmp_text("one.csv", "only\nvalue\n");
    assert_string_equal(read_all(p, &info), "only\nvalue\n");
    assert_int_equal(info.delimiter, ',');
}

static void bom_and_utf16(void **state)
{
    (void)state;
    tcs_source_info info;
    const char *p = tmp_text("bom.csv", "\xef\xbb\xbfID,Q\n1,caf\xc3\xa9\n");
    assert_string_equal(read_all(p, &info), "ID|Q\n1|caf\xc3\xa9\n");
    assert_string_equal(info.encoding, "UTF-8 BOM");
    /* "ID,Q\n1,é\n" in UTF-16LE and BE with BOM */
    static const unsigned char le[] = {0xFF, 0xFE, 'I', 0, 'D', 0, ',', 0, 'Q', 0, '\n', 0,
                                       '1',  0,    ',', 0, 0xE9, 0, '\n', 0};
    static const unsigned char be[] = {0xFE, 0xFF, 0, 'I', 0, 'D', 0, ',', 0, 'Q', 0, '\n',
                                       0,    '1',  0, ',', 0, 0xE9, 0, '\n'};
    p = tmp_file("le.csv", le, sizeof le);
    assert_string_equal(read_all(p, &info), "ID|Q\n1|\xc3\xa9\n");
    assert_string_equal(info.encoding, "UTF-16LE BOM");
    p = tmp_file("be.csv", be, sizeof be);
    assert_string_equal(read_all(p, &info), "ID|Q\n1|\xc3\xa9\n");
    assert_string_equal(info.encoding, "UTF-16BE BOM");
}

static void blank_lines_keep_row_numbers(void **state)
{
    (void)state;
    tcs_source_info info;
    const char *p = tmp_text("blank.csv", "a,b\n\n1,2\n");
    assert_string_equal(read_all(p, &info), "a|b\n\n1|2\n");
    assert_int_equal(info.records, 3); /* the blank line is row 2, as in a spreadsheet */
}

static tcs_status expect_error(const char *path, long row, long col, const char *needle)
{
    sink s;
    memset(&s, 0, sizeof s);
    tcs_error err;
    tcs_error_clear(&err);
    tcs_status st = tcs_read_csv(path, NULL, to_sink, &s, NULL, &err);
    assert_int_not_equal(st, TCS_OK);
    assert_int_equal(err.status, st);
    assert_int_equal(err.row, row);
    assert_int_equal(err.column, col);
    assert_string_equal(err.path, path);
    if (!strstr(err.message, needle)) {
        print_error("message '%s' lacks '%s'\n", err.message, needle);
        fail();
    }
    return st;
}

static void errors_are_located(void **state)
{
    (void)state;
    assert_int_equal(expect_error(tmp_text("uq.csv", "a,b\n1,2\n3,\"open\n4,5\n"), 3, 2,
                                  "unterminated quote"),
                     TCS_EFORMAT);
    assert_int_equal(expect_error(tmp_text("cp1252.csv", "a,b\n1,2\n3,don\x92t\n"), 3, 2,
                                  "UTF-8"),
                     TCS_EENCODING);
    assert_int_equal(expect_error(tmp_file("nul.csv", "a,b\n1,x\0y\n", 10), 2, 2, "NUL"),
                     TCS_EENCODING);
    assert_int_equal(expect_error(tmp_text("empty.csv", ""), 0, 0, "empty"), TCS_EEMPTY);
    assert_int_equal(expect_error("/nonexistent/tcs.csv", 0, 0, "no such file"), TCS_ENOENT);
    assert_int_equal(expect_error("/tmp", 0, 0, "folder"), TCS_EIO);
    /* UTF-16 with an odd trailing byte */
    static const unsigned char odd[] = {0xFF, 0xFE, 'a', 0, '\n', 0, 'b'};
    assert_int_equal(expect_error(tmp_file("odd.csv", odd, sizeof odd), 0, 0, "UTF-16"),
                     TCS_EENCODING);
}

static void oversize_cell_refused(void **state)
{
    (void)state;
    size_t n = 2u * TCS_CELL_MAX + 16;
    char *big = malloc(n);
    assert_non_null(big);
    memcpy(big, "a,b\n1,", 6);
    memset(big + 6, 'x', n - 7);
    big[n - 1] = '\n';
    const char *p = tmp_file("big.csv", big, n);
    free(big);
    assert_int_equal(expect_error(p, 2, 2, "limit"), TCS_ELIMIT);
}

static tcs_status stop_at_two(void *ctx, long row, const tcs_cell *c, size_t n, tcs_error *err)
{
    (void)ctx;
    (void)c;
    (void)n;
    if (row == 2)
        return tcs_error_set(err, TCS_EFORMAT, "x", row, 1, "stop");
    return TCS_OK;
}

static void callback_can_stop(void **state)
{
    (void)state;
    tcs_error err;
    const char *p = tmp_text("stop.csv", "a\n1\n2\n3\n");
    assert_int_equal(tcs_read_csv(p, NULL, stop_at_two, NULL, NULL, &err), TCS_EFORMAT);
    assert_string_equal(err.message, "stop");
    assert_int_equal(err.row, 2);
}

/* One read, as text: the records, or the error with its place. */
static void read_outcome(const char *path, const tcs_read_options *o, char *out, size_t outsz)
{
    static sink sk;
    memset(&sk, 0, sizeof sk);
    tcs_error err;
    tcs_error_clear(&err);
    tcs_source_info info;
    tcs_status st = tcs_read_csv(path, o, to_sink, &sk, &info, &err);
    if (st == TCS_OK)
        snprintf(out, outsz, "%s[%c %s %ld]", sk.buf, info.delimiter, info.line_ending,
                 info.records);
    else
        snprintf(out, outsz, "error %d at %ld:%ld: %s", (int)st, err.row, err.column,
                 err.message);
}

/* The reader's fast paths (clean slices skip the per-cell encoding checks;
 * libcsv's own white-space test except next to delimiters, line ends and
 * quotes) change nothing: every input, read at every chunk size, gives
 * what the plain parse (no_fast_path) gives, records or error alike. */
static void fast_paths_change_nothing(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t len; /* 0 = strlen */
    } inputs[] = {
        {"a, b ,c\n \"q\" , x\t,\ty \n  \n1,2,3", 0},
        {"id,text\n1,\"x, y\"\n2,\" lead\"\n3,\"trail \"\n4,\"a\" \n5, \"b\"\n", 0},
        {"h1,h2\r\n  ,\t\r\nStrongly agree , Agree\r\n\"Neither, agree\",x \r\n", 0},
        {"a\tb\tc\n x \t y\t\tz \n\t\t\n", 0},
        {"a;b\n1 ; 2\n\"3 ;\" ;4\n", 0},
        {"q1,q2\n\"ab\"cd,e\n", 0},
        {"q1,q2\n\"a\"\"b\" ,c\n\"\"\"\",d \n", 0},
        {"\xef\xbb\xbf id , name \ncaf\xc3\xa9 , na\xc3\xafve\n", 0},
        {"a,b\n1,ok\n2,don\x92t\n", 0},
        {"a,b\n1,ok \n2,x\0y\n", 16},
        {"a,b\n1,\"open\n2,3\n", 0},
        {"a,b\n1,2 ", 0},
        {" ", 0},
        {"x\n\"y\" ", 0},
    };
    char want[9000], got[9000];
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        size_t len = inputs[i].len ? inputs[i].len : strlen(inputs[i].text);
        char name[32];
        snprintf(name, sizeof name, "fast%zu.csv", i);
        const char *p = tmp_file(name, inputs[i].text, len);
        tcs_read_options plain = {.no_fast_path = true};
        read_outcome(p, &plain, want, sizeof want);
        for (size_t chunk = 0; chunk <= len + 2; chunk++) {
            tcs_read_options o = {.chunk_size = chunk};
            read_outcome(p, &o, got, sizeof got);
            if (strcmp(got, want) != 0) {
                print_error("input %zu, chunk %zu:\nfast:  %s\nplain: %s\n", i, chunk, got,
                            want);
                fail();
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quoting_and_line_endings), cmocka_unit_test(delimiters_detected),
        cmocka_unit_test(bom_and_utf16),           cmocka_unit_test(blank_lines_keep_row_numbers),
        cmocka_unit_test(errors_are_located),      cmocka_unit_test(oversize_cell_refused),
        cmocka_unit_test(callback_can_stop),      cmocka_unit_test(fast_paths_change_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
