/* Unit tests: the scale registry and answer mapping. */
#include "testutil.h"
#include "tcsurvey/scale.h"

#include <stdlib.h>

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


/* ---- the registry ---- */

/* Every wording stands at one point of its scale only, and no two
 * built-in scales share a name. */
static void registry_is_consistent(void **state)
{
    (void)state;
    for (size_t i = 0; i < tcs_scale_builtin_count(); i++) {
        const tcs_scale_def *d = tcs_scale_builtin(i);
        assert_true(d->npoints >= 2 && d->npoints <= TCS_SCALE_POINTS_MAX);
        assert_true(strlen(d->name) < TCS_SCALE_NAME_MAX);
        assert_true(strlen(d->family) < TCS_SCALE_FAMILY_MAX);
        for (size_t j = i + 1; j < tcs_scale_builtin_count(); j++)
            assert_true(strcmp(d->name, tcs_scale_builtin(j)->name) != 0);
        for (size_t a = 0; a < d->npoints; a++)
            for (const char *p = d->points[a]; *p;) {
                size_t n = strcspn(p, "|");
                for (size_t b = 0; b < d->npoints; b++) {
                    if (b == a)
                        continue;
                    if (tcs_answer_in_list(d->points[b], p, n))
                        fail_msg("%s: '%.*s' at points %zu and %zu", d->name, (int)n, p, a + 1,
                                 b + 1);
                }
                /* a wording is never also a non-substantive answer, but for
                 * "Unsure" on a confidence scale (where it is a point: the
                 * scale's wordings are read first) */
                if (tcs_answer_is_nonsubstantive(p, n) && !strchr(p, '*') &&
                    !(n == 6 && strncmp(p, "Unsure", 6) == 0))
                    fail_msg("%s: '%.*s' is non-substantive", d->name, (int)n, p);
                p += n + (p[n] ? 1 : 0);
            }
    }
}

typedef struct {
    const char *want;      /* scale chosen, "" = none */
    const char *answers[12]; /* "label:count" */
} choice_case;

static const char *choose_case(const choice_case *cc)
{
    tcs_answer_count a[12];
    char text[12][96];
    size_t n = 0;
    for (; n < 12 && cc->answers[n]; n++) {
        const char *colon = strrchr(cc->answers[n], ':');
        snprintf(text[n], sizeof text[n], "%.*s", (int)(colon - cc->answers[n]),
                 cc->answers[n]);
        a[n] = (tcs_answer_count){text[n], strlen(text[n]), atol(colon + 1)};
    }
    return chosen(a, n);
}

/* Real questionnaires' answer sets, one per family and length: the scale
 * a person reading the question would name. */
static void families_and_lengths(void **state)
{
    (void)state;
    static const choice_case cases[] = {
        /* a full 4-point set is agree4, never agree5 with an empty middle */
        {"agree4", {"Strongly disagree:3", "Disagree:5", "Agree:9", "Strongly agree:4"}},
        {"agree4", {"Completely disagree:2", "Tend to disagree:6", "Tend to agree:11",
                    "Completely agree:5"}},
        {"agree5", {"Strongly disagree:1", "Disagree:4", "Neither agree nor disagree:6",
                    "Agree:9", "Strongly agree:3"}},
        {"agree5", {"Disagree:2", "Neutral:5", "Agree:7"}},
        {"agree6", {"Strongly disagree:1", "Disagree:2", "Slightly disagree:3",
                    "Slightly agree:4", "Agree:6", "Strongly agree:2"}},
        {"agree7", {"Strongly disagree:1", "Disagree:2", "Somewhat disagree:3", "Neutral:4",
                    "Somewhat agree:5", "Agree:6", "Strongly agree:2"}},
        /* everyone agreed: nothing says there is no middle, so the usual form */
        {"agree5", {"Agree:5", "Strongly agree:3"}},
        {"frequency5", {"Never, or almost never:3", "Rarely:4", "Sometimes:9",
                        "Most of the time:6", "Always, or almost always:2"}},
        {"frequency4", {"Almost never:3", "Sometimes:8", "Often:6", "Almost always:2"}},
        {"frequency4", {"Never or hardly ever:4", "In some lessons:9", "In most lessons:7",
                        "In all lessons:3"}},
        {"frequency5b", {"Never:7", "Sometimes:99", "Often:82", "Very Often:54", "Always:29"}},
        {"frequency4c", {"always:5", "regularly:20", "rarely:9", "never:3"}},
        {"calendar5", {"Never:3", "Yearly:13", "Monthly:73", "Weekly:75", "Daily:15"}},
        {"calendar6", {"Never:2", "A few times a year:5", "Once a month:8",
                       "Once a week:9", "Several times a week:6", "Every day:3"}},
        {"extent4", {"To little or no extent at all:2", "To some extent:8",
                     "To a large extent:7", "To a very large extent:3"}},
        {"extent5", {"Not at all:1", "To a small extent:4", "To some extent:6",
                     "To a great extent:5", "To a very great extent:2"}},
        {"satisfaction5", {"Very dissatisfied:1", "Somewhat dissatisfied:3",
                           "Neither satisfied nor dissatisfied:4", "Somewhat satisfied:9",
                           "Very satisfied:6"}},
        {"importance5", {"Not Important:5", "Slightly Important:12", "Somewhat important:52",
                         "Very Important:73", "Critical:37"}},
        {"quality5", {"Horrible:1", "Bad:10", "OK:37", "Good:100", "Excellent:31"}},
        {"quality4", {"Poor:3", "Fair:6", "Good:9", "Excellent:4"}},
        {"definitely4", {"No:32", "Probably not:103", "Probably:40", "Yes, definitely!:4"}},
        {"likelihood5", {"Very unlikely:1", "Unlikely:3", "Neither likely nor unlikely:5",
                         "Likely:8", "Very likely:4"}},
        {"confidence4", {"Not at all confident:2", "Slightly confident:5",
                         "Fairly confident:9", "Very confident:4"}},
        {"usefulness5", {"Not at all useful:1", "Slightly useful:3", "Moderately useful:6",
                         "Very useful:8", "Extremely useful:2"}},
        {"ability5", {"Not at all able:3", "Slightly able:7", "Neutral:17",
                      "Moderately able:133", "Extremely able:77"}},
        {"amount5", {"None of it:3", "Some of it:254", "About half of it:300",
                     "Most of it:316", "All of it:21"}},
        {"support4", {"Very unsupportive:1", "Unsupportive:2", "Supportive:20",
                      "Very supportive:15"}},
        {"yesno", {"Yes:32", "No:19"}},
        {"yesno3", {"No.:267", "Neutral.:197", "Yes.:160"}},
        {"change7", {"More motivated:109", "No change in motivation:81",
                     "Much more motivated:43", "Slightly less motivated:2",
                     "Less motivated:1"}},
        {"experience4", {"Sin experiencia:7", "Inicial:84", "Intermedio:185", "Experto:62"}},
        /* a label explained after a colon is read by its head */
        {"calendar4", {"Diariamente: al menos una vez al día.:145",
                       "Semanal: entre una vez al día y una vez a la semana:123",
                       "Mensual: entre una vez a la semana y una vez al mes:45",
                       "Ocasionalmente: menos de una vez al mes.:15"}},
        /* heads that put two answers on one point are no scale */
        {"", {"Daily - heavy usage; 3+ hours per day.:338",
              "Daily - moderate usage; less than 3 hours per day.:326", "Weekly.:294",
              "Monthly.:129"}},
        {"", {"Yes, I'd attend:81", "Maybe:74", "Yes, I'd present something!:14", "No:10"}},
        /* a crowded top with nothing above it is the top of a 4-point scale */
        {"frequency4b", {"Generalmente:241", "De vez en cuando:50", "Raramente:16",
                         "Nunca:6"}},
        /* "Agree" and "Tend to agree" together fit no standard agreement scale
         * without sharing a point: the fewest-points reading, flagged by
         * inference (test_survey) */
        {"agree4", {"Agree:5", "Tend to agree:5", "Disagree:2"}},
        {"", {"Science:5", "Arts:4", "Engineering:3"}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = choose_case(&cases[i]);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("case %zu (%s...): chose '%s', want '%s'", i, cases[i].answers[0], got,
                     cases[i].want);
    }
}

static void nonsubstantive_forms(void **state)
{
    (void)state;
    const char *ns[] = {"Do not know/cannot answer", "Don't know/Cannot answer",
                        "N/A - skip, don't know.", "N/A - skip.", "Not sure/Don't care",
                        "Prefer not to answer", "I'd rather not say", "No opinion",
                        "Does not apply.", "Not applicable to me", "Don't know or N/A",
                        "Cannot say / Not applicable", "I don't use Python", "No uso R Markdown",
                        "No sé qué es Shiny", "I'm not informed enough about it",
                        "Prefiero no responder", "NS/NC", "n.a."};
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++)
        if (!tcs_answer_is_nonsubstantive(ns[i], strlen(ns[i])))
            fail_msg("'%s' is non-substantive", ns[i]);
    const char *not_ns[] = {"Never", "None of it", "Neutral", "Not at all", "No",
                            "Not sure I agree with the plan", "No experience", "Disagree"};
    for (size_t i = 0; i < sizeof not_ns / sizeof not_ns[0]; i++)
        if (tcs_answer_is_nonsubstantive(not_ns[i], strlen(not_ns[i])))
            fail_msg("'%s' is an answer", not_ns[i]);
}

static void numbers_with_labels(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int value; /* -1: not a number with a label */
    } cases[] = {
        {"4 - Very impressive", 4}, {"(1) Not useful at all", 1}, {"1 = Strongly disagree", 1},
        {"Strongly agree (5)", 5},  {"10 (All my time)", 10},     {"0 - Not at all satisfied", 0},
        {"(2)\xc2\xa0Minor.", 2},   {"Good - 4", 4},              {"[3] Fair", 3},
        {"10 - 100", -1},           {"3-4 hours", -1},            {"1 - 10", -1},
        {"> 1,000", -1},            {"5+", -1},                   {"2.5 hours", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int v = -1;
        bool lab = false;
        bool ok = tcs_answer_number(cases[i].text, strlen(cases[i].text), &v, &lab);
        if (cases[i].value < 0 ? ok && lab : !(ok && lab && v == cases[i].value))
            fail_msg("'%s': %s %d", cases[i].text, ok ? "read" : "not read", v);
    }
    int lo, hi;
    assert_true(tcs_scale_range_in_text("How likely are you to recommend us (0-10)?", &lo, &hi));
    assert_int_equal(lo * 100 + hi, 10);
    assert_true(tcs_scale_range_in_text("On a scale of 1 to 7, how...", &lo, &hi));
    assert_int_equal(lo * 100 + hi, 107);
    assert_false(tcs_scale_range_in_text("Q1: 10 items in 2024", &lo, &hi));
    assert_false(tcs_scale_range_in_text("How satisfied are you?", &lo, &hi));
}

static void near_misses(void **state)
{
    (void)state;
    tcs_scale s;
    tcs_scale_by_name("agree5", &s);
    assert_int_equal(tcs_scale_near_point(&s, "Strong agree", 12), 4);
    assert_int_equal(tcs_scale_near_point(&s, "Stongly disagree", 16), 0);
    assert_int_equal(tcs_scale_near_point(&s, "Agree", 5), -1);     /* exact: not a miss */
    assert_int_equal(tcs_scale_near_point(&s, "Agre", 4), -1);      /* too short to tell */
    assert_int_equal(tcs_scale_near_point(&s, "Science", 7), -1);
}

static void user_scales(void **state)
{
    (void)state;
    tcs_scale_def *d;
    tcs_error err;
    assert_int_equal(tcs_scale_def_parse("often5", NULL, NULL,
                                         "Never, or almost never; Rarely; Sometimes; Most of "
                                         "the time|Mostly; Always, or almost always",
                                         "Do not know/cannot answer; N/A", &d, &err),
                     TCS_OK);
    tcs_scale s;
    tcs_scale_from_def(d, &s);
    assert_int_equal(s.npoints, 5);
    assert_int_equal(s.min, 1);
    assert_string_equal(s.labels[0], "Never, or almost never");
    assert_int_equal(value_of(&s, "mostly"), 4);
    assert_int_equal(value_of(&s, "Always, or almost always"), 5);
    assert_true(tcs_answer_in_list(d->nonsubstantive, "n/a", 3));
    tcs_scale_def_free(d);
    /* values: the first gives the start, the rest must follow on */
    assert_int_equal(tcs_scale_def_parse("z", NULL, NULL, "None=0; Some; All", NULL, &d, &err),
                     TCS_OK);
    assert_int_equal(d->first, 0);
    tcs_scale_def_free(d);
    const char *bad[] = {"Only one", "A; ; C", "A=1; B=3", "A; B; A", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(tcs_scale_def_parse("x", NULL, NULL, bad[i], NULL, &d, &err),
                         TCS_ECONFIG);
        assert_null(d);
    }
    /* value labels of codes */
    tcs_value_label *v;
    size_t nv;
    assert_int_equal(tcs_value_labels_parse("1=Female; 2=Male; 3 = Non-binary", &v, &nv, &err),
                     TCS_OK);
    assert_int_equal(nv, 3);
    assert_string_equal(tcs_value_label_of(v, nv, "3", 1), "Non-binary");
    assert_string_equal(tcs_value_label_of(v, nv, "2.0", 3), "Male");
    assert_null(tcs_value_label_of(v, nv, "4", 1));
    tcs_value_labels_free(v, nv);
    assert_int_equal(tcs_value_labels_parse("1=Female; Male", &v, &nv, &err), TCS_ECONFIG);
    assert_int_equal(tcs_value_labels_parse("1=A; 1=B", &v, &nv, &err), TCS_ECONFIG);
}

static void scales_file(void **state)
{
    (void)state;
    tcs_scale_set *set;
    tcs_error err;
    const char *p = tmp_text("scales.csv",
                             "name,labels,nonsubstantive\n"
                             "useful6,(1) Not useful at all; (2); (3); (4); (5); (6) Very useful,"
                             "Don't know\n"
                             "apoyo,Nada; Poco; Bastante; Mucho,\n");
    assert_int_equal(tcs_scale_set_load(p, &set, &err), TCS_OK);
    assert_int_equal(tcs_scale_set_count(set), 2);
    assert_non_null(tcs_scale_set_find(set, "APOYO"));
    /* a scales file's scale is tried before the built-in ones */
    const tcs_scale_def *u[] = {tcs_scale_set_find(set, "apoyo")};
    tcs_scale_matcher *m = tcs_scale_matcher_new(u, 1);
    tcs_answer_count a[] = {ac("Nada", 2), ac("Poco", 5), ac("Mucho", 3)};
    tcs_scale_fit f;
    assert_true(tcs_scale_choose(m, a, 3, NULL, &f));
    assert_string_equal(f.def->name, "apoyo");
    assert_int_equal(f.gaps, 1);
    tcs_scale_matcher_free(m);
    tcs_scale_set_free(set);
    const char *bad[] = {"name,labels\nagree5,A; B\n", "name\nx\n", "name,labels\nx,A\n",
                         "name,labels\nx,A; B\nX,C; D\n", "name,labels\nbad name,A; B\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(tcs_scale_set_load(tmp_text("bad.csv", bad[i]), &set, &err),
                         TCS_ECONFIG);
        assert_null(set);
        assert_true(err.row >= 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_by_name), cmocka_unit_test(labels_match_loosely),
        cmocka_unit_test(nonsubstantive_and_missing),
        cmocka_unit_test(label_set_chosen_by_answers), cmocka_unit_test(ranges),
        cmocka_unit_test(registry_is_consistent),      cmocka_unit_test(families_and_lengths),
        cmocka_unit_test(nonsubstantive_forms),        cmocka_unit_test(numbers_with_labels),
        cmocka_unit_test(near_misses),                 cmocka_unit_test(user_scales),
        cmocka_unit_test(scales_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
