/* Unit tests: the scale registry and answer mapping. */
#include "testutil.h"
#include "tcsurvey/scale.h"

#include <stdio.h>
#include <string.h>

static int value_of(const tcs_scale *s, const char *answer)
{
    int v;
    return tcs_scale_value(s, answer, strlen(answer), &v) ? v : -99;
}

static void builtin_by_name(void **state)
{
    (void)state;
    tcs_scale s;
    assert_true(tcs_scale_by_name("agree5", &s));
    assert_int_equal(s.npoints, 5);
    assert_string_equal(s.labels[2], "Neither agree nor disagree");
    assert_true(tcs_scale_by_name("0-10", &s));
    assert_int_equal(s.npoints, 11);
    assert_int_equal(s.min, 0);
    assert_string_equal(s.labels[10], "10");
    assert_false(tcs_scale_by_name("1-11", &s));
    assert_false(tcs_scale_by_name("5-1", &s));
    assert_false(tcs_scale_by_name("agreeable", &s));
    assert_false(tcs_scale_by_name("agree*", &s)); /* a name, not a pattern */
    assert_true(tcs_scale_by_name("Agree5", &s));
    for (size_t i = 0; i < tcs_scale_builtin_count(); i++)
        assert_true(tcs_scale_by_name(tcs_scale_builtin(i)->name, &s));
}

static void labels_match_loosely(void **state)
{
    (void)state;
    tcs_scale s;
    tcs_scale_by_name("agree5", &s);
    assert_int_equal(value_of(&s, "STRONGLY AGREE"), 5);
    assert_int_equal(value_of(&s, "Strongly\xc2\xa0" "agree"), 5);
    assert_int_equal(value_of(&s, "  neither "), 3);
    assert_int_equal(value_of(&s, "Neutral"), 3);
    assert_int_equal(value_of(&s, "Tend to agree"), 4);
    assert_int_equal(value_of(&s, "Tend to disagree"), 2);
    assert_int_equal(value_of(&s, "Stronly agree"), -99);
    tcs_scale_by_name("1-10", &s);
    assert_int_equal(value_of(&s, "10"), 10);
    assert_int_equal(value_of(&s, "7.0"), 7);
    assert_int_equal(value_of(&s, "11"), -99);
    assert_int_equal(value_of(&s, "4 - Very impressive"), 4);
    assert_int_equal(value_of(&s, "4. Good"), 4);
    assert_int_equal(value_of(&s, "4 out of 5"), -99);
}

static void nonsubstantive_and_missing(void **state)
{
    (void)state;
    const char *ns[] = {"N/A", "n/a", "Not applicable", "Don't know", "Don\xe2\x80\x99t know",
                        "I do not know", "Cannot answer", "Prefer not to say", "Not sure",
                        "I don\xe2\x80\x99t use Twitter / NA"};
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++)
        assert_true(tcs_answer_is_nonsubstantive(ns[i], strlen(ns[i])));
    assert_false(tcs_answer_is_nonsubstantive("Agree", 5));
    assert_false(tcs_answer_is_nonsubstantive("NA", 2)); /* R's NA is missing */
    assert_true(tcs_answer_is_missing("NA", 2));
    assert_true(tcs_answer_is_missing(" \xc2\xa0 ", 4));
    assert_false(tcs_answer_is_missing("0", 1));
}

static tcs_answer_count ac(const char *t, long n) { return (tcs_answer_count){t, strlen(t), n}; }

/* The name of the scale chosen for the answers, or "" for none. */
static const char *chosen(const tcs_answer_count *a, size_t n)
{
    static char name[TCS_SCALE_NAME_MAX];
    tcs_scale_matcher *m = tcs_scale_matcher_new(NULL, 0);
    assert_non_null(m);
    tcs_scale_fit f;
    snprintf(name, sizeof name, "%s", tcs_scale_choose(m, a, n, NULL, &f) ? f.def->name : "");
    tcs_scale_matcher_free(m);
    return name;
}

static void label_set_chosen_by_answers(void **state)
{
    (void)state;
    tcs_answer_count five[] = {ac("Agree", 5), ac("Strongly agree", 2), ac("Neither", 1)};
    assert_string_equal(chosen(five, 3), "agree5");
    /* "Somewhat agree" and "Agree" together only fit the 7-point set */
    tcs_answer_count seven[] = {ac("Agree", 5), ac("Somewhat agree", 2), ac("Strongly agree", 1)};
    assert_string_equal(chosen(seven, 3), "agree7");
    tcs_answer_count sat[] = {ac("Very satisfied", 5), ac("Somewhat satisfied", 2),
                              ac("Neutral", 1)};
    assert_string_equal(chosen(sat, 3), "satisfaction5");
    tcs_answer_count imp[] = {ac("Important", 5), ac("Very important", 2)};
    assert_string_equal(chosen(imp, 2), "importance5b");
    tcs_answer_count yn[] = {ac("Yes", 5), ac("No", 2)};
    assert_string_equal(chosen(yn, 2), "yesno");
    /* one label only, or mostly unknown answers: no scale */
    tcs_answer_count one[] = {ac("Agree", 5)};
    assert_string_equal(chosen(one, 1), "");
    tcs_answer_count faculty[] = {ac("Science", 5), ac("Arts", 4), ac("Agree", 1),
                                  ac("Disagree", 1)};
    assert_string_equal(chosen(faculty, 4), "");
}

static void ranges(void **state)
{
    (void)state;
    int lo, hi;
    /* a rare range only when both its ends were answered */
    assert_true(tcs_scale_smallest_range(1, 3, &lo, &hi));
    assert_int_equal(lo * 100 + hi, 103);
    assert_true(tcs_scale_smallest_range(1, 2, &lo, &hi));
    assert_int_equal(lo * 100 + hi, 104);
    assert_true(tcs_scale_smallest_range(1, 9, &lo, &hi));
    assert_int_equal(lo * 100 + hi, 109);
    assert_true(tcs_scale_smallest_range(2, 9, &lo, &hi));
    assert_int_equal(lo * 100 + hi, 110);
    assert_true(tcs_scale_smallest_range(0, 4, &lo, &hi));
    assert_int_equal(lo * 100 + hi, 4);
    assert_true(tcs_scale_smallest_range(2, 7, &lo, &hi));
    assert_int_equal(lo * 100 + hi, 107);
    assert_true(tcs_scale_smallest_range(1, 8, &lo, &hi));
    assert_int_equal(lo * 100 + hi, 110);
    assert_true(tcs_scale_smallest_range(0, 3, &lo, &hi));
    assert_int_equal(lo * 100 + hi, 3); /* 0-3 (PHQ-style), both ends answered */
    assert_true(tcs_scale_smallest_range(0, 2, &lo, &hi));
    assert_int_equal(lo * 100 + hi, 10);
    assert_false(tcs_scale_smallest_range(1, 100, &lo, &hi));
    tcs_answer_count pre[] = {ac("4 - Very impressive", 3), ac("2", 1)};
    bool prefixed;
    assert_true(tcs_scale_numeric_extent(pre, 2, &lo, &hi, &prefixed, NULL));
    assert_int_equal(lo, 2);
    assert_int_equal(hi, 4);
    assert_true(prefixed);
    tcs_scale s;
    tcs_scale_by_name("1-10", &s);
    assert_close(tcs_scale_midpoint(&s), 5.5, 1e-15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_by_name), cmocka_unit_test(labels_match_loosely),
        cmocka_unit_test(nonsubstantive_and_missing),
        cmocka_unit_test(label_set_chosen_by_answers), cmocka_unit_test(ranges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
