/* Unit tests: platform layouts from header rows. */
#include "testutil.h"
#include "tcsurvey/layout.h"

#include <string.h>

#define MAXC 16

typedef struct {
    tcs_cell cells[3][MAXC];
    size_t n[3];
    const tcs_cell *rows[3];
} probe;

/* rows as '|'-separated strings (static storage, test only) */
static void make(probe *p, size_t nrows, const char *const *rows)
{
    static char store[3][1024];
    for (size_t r = 0; r < nrows; r++) {
        strcpy(store[r], rows[r]);
        p->n[r] = 0;
        char *s = store[r];
        for (;;) {
            char *bar = strchr(s, '|');
            if (bar)
                *bar = '\0';
            p->cells[r][p->n[r]].text = s;
            p->cells[r][p->n[r]].len = strlen(s);
            p->n[r]++;
            if (!bar)
                break;
            s = bar + 1;
        }
        p->rows[r] = p->cells[r];
    }
}

static tcs_layout detect(size_t nrows, const char *const *rows)
{
    probe p;
    make(&p, nrows, rows);
    tcs_layout L;
    assert_true(tcs_layout_detect(p.rows, p.n, nrows, &L));
    return L;
}

static void microsoft_forms(void **state)
{
    (void)state;
    const char *rows[] = {("ID|Start time|Completion time|Email|Name|Last modified time|"
                           "1.1. I feel valued|Total points|Points - 1.1. I feel valued"),
                          "1|6/10/24 9:14:03|6/10/24 9:20:00|anonymous||| 7||", "2|x|y|z||| 5||"};
    tcs_layout L = detect(3, rows);
    assert_int_equal(L.platform, TCS_PLATFORM_MSFORMS);
    assert_int_equal(L.header_rows, 1);
    for (size_t i = 0; i < 6; i++)
        assert_true(L.metadata[i]);
    assert_false(L.metadata[6]);
    assert_true(L.metadata[7]);
    assert_true(L.metadata[8]);
    tcs_layout_free(&L);
    /* German headers */
    const char *de[] = {"ID|Startzeit|Fertigstellungszeit|E-Mail|Name|Frage"};
    L = detect(1, de);
    assert_int_equal(L.platform, TCS_PLATFORM_MSFORMS);
    assert_true(L.metadata[3]);
    assert_false(L.metadata[5]);
    tcs_layout_free(&L);
}

static void google_forms(void **state)
{
    (void)state;
    const char *rows[] = {"Timestamp|Email address|Score|Rate [Pay]|Rate [Hours]"};
    tcs_layout L = detect(1, rows);
    assert_int_equal(L.platform, TCS_PLATFORM_GOOGLE);
    assert_true(L.metadata[0] && L.metadata[1] && L.metadata[2]);
    assert_false(L.metadata[3]);
    tcs_layout_free(&L);
}

static void qualtrics_both(void **state)
{
    (void)state;
    const char *cur[] = {"StartDate|ResponseId|Q1|Q5_1",
                         "Start Date|Response ID|How are you?|Rate - Pay",
                         ("{\"ImportId\":\"startDate\"}|{\"ImportId\":\"_recordId\"}|"
                          "{\"ImportId\":\"QID1\"}|{\"ImportId\":\"QID5_1\"}")};
    tcs_layout L = detect(3, cur);
    assert_int_equal(L.platform, TCS_PLATFORM_QUALTRICS);
    assert_int_equal(L.header_rows, 3);
    assert_true(L.metadata[0] && L.metadata[1]);
    assert_false(L.metadata[2] || L.metadata[3]);
    assert_string_equal(L.codes[3], "Q5_1");
    assert_string_equal(L.headers[3], "Rate - Pay");
    tcs_layout_free(&L);
    const char *leg[] = {"V1|V2|V3|V4|V5|V6|V7|V8|V9|V10|Q1|LocationLatitude|",
                         ("ResponseID|ResponseSet|Name|ExternalDataReference|EmailAddress|"
                          "IPAddress|Status|StartDate|EndDate|Finished|Pick one|LocationLatitude|"),
                         "R_1|Default|Anonymous||||0|x|y|1|2|47|"};
    L = detect(3, leg);
    assert_int_equal(L.platform, TCS_PLATFORM_QUALTRICS_LEGACY);
    assert_int_equal(L.header_rows, 2);
    assert_true(L.metadata[9] && L.metadata[11]);
    assert_false(L.metadata[10]);
    assert_string_equal(L.headers[10], "Pick one");
    tcs_layout_free(&L);
}

static void surveymonkey_two_rows(void **state)
{
    (void)state;
    const char *rows[] = {("Respondent ID|Collector ID|Start Date|End Date|IP Address|"
                           "Which do you use?||How satisfied?"),
                          "|||||Web|Email|Response",
                          "1|2|x|y|z|Web||Satisfied"};
    tcs_layout L = detect(3, rows);
    assert_int_equal(L.platform, TCS_PLATFORM_SURVEYMONKEY);
    assert_int_equal(L.header_rows, 2);
    assert_true(L.metadata[0] && L.metadata[4]);
    assert_false(L.metadata[5]);
    assert_string_equal(L.headers[5], "Which do you use? [Web]");
    assert_string_equal(L.headers[6], "Which do you use? [Email]");
    assert_string_equal(L.headers[7], "How satisfied?");
    tcs_layout_free(&L);
    const char *rows2[] = {"Respondent ID|Collector ID|Q|", "|||Web", "1|2|a|Web"};
    L = detect(3, rows2);
    assert_string_equal(L.headers[3], "Q [Web]"); /* blank header continues the question */
    tcs_layout_free(&L);
}

static void limesurvey_smartsurvey_generic(void **state)
{
    (void)state;
    const char *lime[] = {"id|submitdate|lastpage|startlanguage|seed|G03Q13[1]"};
    tcs_layout L = detect(1, lime);
    assert_int_equal(L.platform, TCS_PLATFORM_LIMESURVEY);
    assert_true(L.metadata[4]);
    assert_false(L.metadata[5]);
    tcs_layout_free(&L);
    const char *smart[] = {"UserID|UserNo|Name|Email|IP Address|Started|Ended|Q1", "|||||||Pay",
                           "1|2|||x|a|b|3"};
    L = detect(3, smart);
    assert_int_equal(L.platform, TCS_PLATFORM_SMARTSURVEY);
    assert_int_equal(L.header_rows, 2);
    assert_false(L.metadata[7]);
    tcs_layout_free(&L);
    const char *gen[] = {"Gender|I like maths.", "Female|Agree"};
    L = detect(2, gen);
    assert_int_equal(L.platform, TCS_PLATFORM_GENERIC);
    assert_int_equal(L.header_rows, 1);
    assert_false(L.metadata[0]);
    tcs_layout_free(&L);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(microsoft_forms), cmocka_unit_test(google_forms),
        cmocka_unit_test(qualtrics_both), cmocka_unit_test(surveymonkey_two_rows),
        cmocka_unit_test(limesurvey_smartsurvey_generic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
