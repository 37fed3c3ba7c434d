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

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(numbering),
                                       cmocka_unit_test(codes_and_grids)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
