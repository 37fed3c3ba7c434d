/* Unit tests: question ids and grid parts from headers. */
#include "testutil.h"
#include "tcsurvey/question.h"

#include <string.h>

static void check(const char *header, const char *id, const char *statement, const char *stem,
                  const char *item)
{
    tcs_question_name q;
    assert_true(tcs_question_name_parse(header, &q));
    assert_string_equal(q.id, id);
    assert_string_equal(q.statement, statement);
    if (stem) {
        assert_non_null(q.stem);
        assert_string_equal(q.stem, stem);
        assert_string_equal(q.item, item);
    } else {
        assert_null(q.stem);
    }
    tcs_question_name_free(&q);
}

static void numbering(void **state)
{
    (void)state;
    check("1.4. I feel valued", "1.4", "I feel valued", NULL, NULL);
    check("1.4 I feel valued", "1.4", "I feel valued", NULL, NULL);
    check("Q3 How are you?", "Q3", "How are you?", NULL, NULL);
    check("q3. How", "Q3", "How", NULL, NULL);
    check("3) Pay", "3", "Pay", NULL, NULL);
    check("12: Hours", "12", "Hours", NULL, NULL);
    check("2 hours a week", "", "2 hours a week", NULL, NULL);
    check("2022 survey", "", "2022 survey", NULL, NULL);
    check("1.5kg bags", "", "1.5kg bags", NULL, NULL);
    check("  4.5.  Trimmed  ", "4.5", "Trimmed", NULL, NULL);
}

static void codes_and_grids(void **state)
{
    (void)state;
    check("Q5_1", "Q5_1", "Q5_1", "Q5", "1");
    check("G03Q13[1]", "G03Q13[1]", "G03Q13[1]", "G03Q13", "1");
    check("SASR12", "SASR12", "SASR12", NULL, NULL);
    check("Rate these [Pay]", "", "Rate these [Pay]", "Rate these", "Pay");
    check("3. Rate these [Pay]", "3", "Rate these [Pay]", "Rate these", "Pay");
    check("Financial Aid - Importance", "", "Financial Aid - Importance", "Financial Aid",
          "Importance");
    check("[Only brackets]", "", "[Only brackets]", NULL, NULL);
}

/* LimeSurvey's "question code and question text" headings, and codes
 * other tools put before a text: the code is the id, the text the
 * statement, so grid rows keep their row's words. */
static void code_and_text_headings(void **state)
{
    (void)state;
    check("socio1. In which country do you work?", "socio1", "In which country do you work?",
          NULL, NULL);
    check("rse3[SQ001]. Who uses the code that you write? []", "rse3[SQ001]",
          "Who uses the code that you write?", "rse3", "SQ001");
    check("time1can[time2can]. In an average month, how much time do you spend on: [Research]",
          "time1can[time2can]", "In an average month, how much time do you spend on: [Research]",
          "time1can", "Research");
    check("G03Q13[1]_What do you think of [Pay]", "G03Q13[1]", "What do you think of [Pay]",
          "G03Q13", "Pay");
    check("G03Q13[10]. What do you think of", "G03Q13[10]", "What do you think of", "G03Q13",
          "10");
    check("Q5_1: I feel valued", "Q5_1", "I feel valued", NULL, NULL); /* numbering */
    check("satisGen1[SQ001] - How satisfied are you", "satisGen1[SQ001]",
          "How satisfied are you", "satisGen1", "SQ001");
    /* not codes: a word without a digit, a number first, no text after */
    check("Faculty. Which one?", "", "Faculty. Which one?", NULL, NULL);
    check("G03Q13[1]. 42", "", "G03Q13[1]. 42", NULL, NULL);
    check("Age: 16-24", "", "Age: 16-24", NULL, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(numbering),
                                       cmocka_unit_test(codes_and_grids),
                                       cmocka_unit_test(code_and_text_headings)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
