/* Unit tests: UTF-8 validation, label normal form, strict numbers, globs. */
#include "testutil.h"
#include "tcsurvey/text.h"

#include <string.h>

static void utf8_valid_and_invalid(void **state)
{
    (void)state;
    size_t bad = 99;
    assert_true(tcs_utf8_valid("plain", 5, NULL));
    assert_true(tcs_utf8_valid("caf\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80", 14, NULL));
    assert_false(tcs_utf8_valid("ab\x92", 3, &bad)); /* Windows-1252 apostrophe */
    assert_int_equal(bad, 2);
    assert_false(tcs_utf8_valid("\xc0\xaf", 2, &bad)); /* overlong '/' */
    assert_int_equal(bad, 0);
    assert_false(tcs_utf8_valid("x\xed\xa0\x80", 4, &bad)); /* surrogate */
    assert_int_equal(bad, 1);
    assert_false(tcs_utf8_valid("\xe2\x80", 2, &bad)); /* truncated */
    assert_false(tcs_utf8_valid("\xf4\x90\x80\x80", 4, &bad)); /* above U+10FFFF */
}

static void label_normal_form(void **state)
{
    (void)state;
    char out[64];
    const char *cases[][2] = {
        {"  Strongly   Agree ", "strongly agree"},
        {"Don\xe2\x80\x99t know", "dont know"},      /* curly apostrophe */
        {"Don't know", "dont know"},
        {"Strongly\xc2\xa0" "agree", "strongly agree"}, /* U+00A0 */
        {"N/A", "n a"},
        {"\xe2\x80\x9cNeutral\xe2\x80\x9d", "neutral"}, /* curly double quotes */
        {"Neither agree nor disagree.", "neither agree nor disagree"},
        {"Tend-to agree", "tend to agree"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(tcs_label_normalise(cases[i][0], strlen(cases[i][0]), out, sizeof out),
                            cases[i][1]);
    /* never overruns a small buffer */
    char tiny[4];
    tcs_label_normalise("abcdefgh", 8, tiny, sizeof tiny);
    assert_string_equal(tiny, "abc");
}

static void trim_spaces_and_nbsp(void **state)
{
    (void)state;
    size_t len;
    const char *t = tcs_trim("\xc2\xa0 x y \t\xc2\xa0", 10, &len);
    assert_int_equal(len, 3);
    assert_memory_equal(t, "x y", 3);
    tcs_trim("   ", 3, &len);
    assert_int_equal(len, 0);
}

static void strict_numbers(void **state)
{
    (void)state;
    double v;
    long l;
    assert_true(tcs_parse_double(" 7 ", 3, &v));
    assert_true(v == 7.0);
    assert_true(tcs_parse_double("-2.5", 4, &v));
    assert_true(v == -2.5);
    assert_false(tcs_parse_double("1e3", 3, &v));
    assert_false(tcs_parse_double("0x10", 4, &v));
    assert_false(tcs_parse_double("nan", 3, &v));
    assert_false(tcs_parse_double("7 out of 10", 11, &v));
    assert_false(tcs_parse_double("1.2.3", 5, &v));
    assert_false(tcs_parse_double("", 0, &v));
    assert_true(tcs_parse_int("5.0", 3, &l));
    assert_int_equal(l, 5);
    assert_false(tcs_parse_int("5.5", 3, &l));
}

static void glob_patterns(void **state)
{
    (void)state;
    assert_true(tcs_glob_match("*career*", "3.1. The University has clear CAREER pathways"));
    assert_true(tcs_glob_match("Q?_1", "Q5_1"));
    assert_false(tcs_glob_match("Q?_1", "Q15_1"));
    assert_true(tcs_glob_match("*", ""));
    assert_false(tcs_glob_match("a*b", "acbx"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_valid_and_invalid), cmocka_unit_test(label_normal_form),
        cmocka_unit_test(trim_spaces_and_nbsp),   cmocka_unit_test(strict_numbers),
        cmocka_unit_test(glob_patterns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
