/* Unit tests: codebook parsing and validation. */
#include "testutil.h"
#include "tcsurvey/codebook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void good_codebook(void **state)
{
    (void)state;
    const char *p = tmp_text("cb.csv", "ID,Pillar,Scale,Reverse,Statement,Include,Pattern\n"
                                       "1.1,Visibility,1-10,no,Seen as important,,\n"
                                       "C1,Recognition,agree5,yes,,yes,*registered*\n"
                                       "X,,,,,no,\n");
    tcs_codebook *cb;
    tcs_error err;
    assert_int_equal(tcs_codebook_load(p, &cb, &err), TCS_OK);
    assert_int_equal(tcs_codebook_size(cb), 3);
    const tcs_codebook_entry *e = tcs_codebook_entry_at(cb, 0);
    assert_string_equal(e->id, "1.1");
    assert_string_equal(e->pillar, "Visibility");
    assert_true(e->has_scale);
    assert_int_equal(e->scale.max, 10);
    assert_false(e->reverse);
    assert_true(e->include);
    assert_null(e->pattern);
    assert_int_equal(e->row, 2);
    e = tcs_codebook_entry_at(cb, 1);
    assert_true(e->reverse);
    assert_string_equal(e->pattern, "*registered*");
    assert_string_equal(e->scale.name, "agree5");
    assert_null(e->statement);
    e = tcs_codebook_entry_at(cb, 2);
    assert_false(e->include);
    assert_false(e->has_scale);
    assert_null(tcs_codebook_entry_at(cb, 3));
    tcs_codebook_free(cb);
}

static void bad(const char *name, const char *text, long row, long col, const char *needle)
{
    tcs_codebook *cb = (tcs_codebook *)1;
    tcs_error err;
    const char *p = tmp_text(name, text);
    assert_int_equal(tcs_codebook_load(p, &cb, &err), TCS_ECODEBOOK);
    assert_null(cb);
    assert_int_equal(err.row, row);
    assert_int_equal(err.column, col);
    if (!strstr(err.message, needle)) {
        print_error("'%s' lacks '%s'\n", err.message, needle);
        fail();
    }
}

static void bad_codebooks(void **state)
{
    (void)state;
    bad("noid.csv", "question,pillar\n1.1,Visibility\n", 1, 0, "no 'id' column");
    bad("scale.csv", "id,scale\n1.1,1-10\n1.2,1-100\n", 3, 2, "unknown scale '1-100'");
    bad("rev.csv", "id,reverse\n1.1,maybe\n", 2, 2, "reverse must be yes or no");
    bad("inc.csv", "id,include\n1.1,perhaps\n", 2, 2, "include must be yes or no");
    bad("dup.csv", "id\n1.1\n1.1\n", 3, 1, "already defined in row 2");
    bad("emptyid.csv", "pillar,id\nVisibility,\n", 2, 2, "empty id");
    bad("blank.csv", "\n\n", 0, 0, "empty");
}

/* Repeated ids are found in linear time: a long codebook (fuzzing found one
 * of 60,000 rows taking minutes) loads at once, and a repeat at its end is
 * still named with the row it repeats. */
static void many_ids(void **state)
{
    (void)state;
    enum { N = 100000 };
    size_t cap = 16 + (size_t)N * 16, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text + len, cap - len, "id,waves\n");
    for (int i = 0; i < N; i++)
        len += (size_t)snprintf(text + len, cap - len, "q%d,2026\n", i);
    tcs_codebook *cb;
    tcs_error err;
    const char *p = tmp_file("many.csv", text, len);
    assert_int_equal(tcs_codebook_load(p, &cb, &err), TCS_OK);
    assert_int_equal(tcs_codebook_size(cb), N);
    assert_string_equal(tcs_codebook_entry_at(cb, N - 1)->id, "q99999");
    tcs_codebook_free(cb);
    len += (size_t)snprintf(text + len, cap - len, "q77,2026\n");
    p = tmp_file("many-dup.csv", text, len);
    free(text);
    assert_int_equal(tcs_codebook_load(p, &cb, &err), TCS_ECODEBOOK);
    assert_int_equal(err.row, N + 2);
    assert_non_null(strstr(err.message, "id 'q77' is already defined in row 79"));
}

/* A key file's statements: a question, a JISC option (CODE_N), and the
 * rows of a LimeSurvey grid (CODE[SUB]) with and without a row of their
 * own, so that grid rows never read alike. */
static void key_statements(void **state)
{
    (void)state;
    const char *p = tmp_text("key.csv", "code,text\n"
                                        "Q12,How often do you share data?\n"
                                        "1,always\n"
                                        "2,never\n"
                                        "G03Q13,What do you think of\n"
                                        "G03Q13[SQ001],Pay\n"
                                        "solo[x],Alone\n");
    tcs_keyfile *k;
    tcs_error err;
    assert_int_equal(tcs_keyfile_load(p, &k, &err), TCS_OK);
    const tcs_value_label *v;
    size_t nv;
    bool oom;
    struct {
        const char *id, *want;
        size_t nvalues;
    } cases[] = {
        {"Q12", "How often do you share data?", 2},
        {"Q12_2", "How often do you share data? [never]", 0},
        {"G03Q13[SQ001]", "What do you think of [Pay]", 0},
        {"G03Q13[SQ002]", "What do you think of [SQ002]", 0},
        {"G03Q13", "What do you think of", 0},
        {"solo[x]", "Alone", 0},
        {"Q12[1]", "How often do you share data? [always]", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *t = tcs_keyfile_statement(k, cases[i].id, &v, &nv, &oom);
        assert_non_null(t);
        assert_string_equal(t, cases[i].want);
        assert_int_equal(nv, cases[i].nvalues);
        free(t);
    }
    assert_null(tcs_keyfile_statement(k, "Q99", &v, &nv, &oom));
    assert_false(oom);
    tcs_keyfile_free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(good_codebook),
                                       cmocka_unit_test(bad_codebooks),
                                       cmocka_unit_test(many_ids),
                                       cmocka_unit_test(key_statements)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
