/* Unit tests: the first and last date of a wave's responses (dates.h),
 * read by hand from the cells of each case, and through tcs_survey_load
 * on exports of each platform's time column. */
#include "testutil.h"
#include "import/dates.h"
#include "tcsurvey/survey.h"

#include <stdio.h>
#include <string.h>

static tcs_response_dates read_cells(const char *const *cells, size_t n)
{
    tcs_date_acc a;
    tcs_dates_init(&a);
    for (size_t i = 0; i < n; i++)
        tcs_dates_add(&a, cells[i], strlen(cells[i]));
    tcs_response_dates d;
    tcs_dates_result(&a, 3, &d);
    return d;
}

#define READ(...)                                                                \
    read_cells((const char *const[]){__VA_ARGS__},                               \
               sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

static void assert_days(const tcs_response_dates *d, int fy, int fm, int fd, int ly, int lm, int ld)
{
    assert_int_equal(d->status, TCS_DATES_OK);
    assert_int_equal(d->first_y, fy);
    assert_int_equal(d->first_m, fm);
    assert_int_equal(d->first_d, fd);
    assert_int_equal(d->last_y, ly);
    assert_int_equal(d->last_m, lm);
    assert_int_equal(d->last_d, ld);
}

static void iso_and_year_first(void **state)
{
    (void)state;
    /* LimeSurvey, Qualtrics, the xlsx reader's dates; Google's year-first form */
    tcs_response_dates d = READ("2024-06-12 09:01:02", "2024-06-03 17:45:00", "2024-07-01T08:00:00",
                                "2024/06/05 1:03:41 am GMT-5");
    assert_days(&d, 2024, 6, 3, 2024, 7, 1);
    assert_int_equal(d.dated, 4);
    assert_int_equal(d.column, 3);
}

static void day_first_decided_by_a_day_over_12(void **state)
{
    (void)state;
    /* 13/06 can only be day/month; the others then read the same way */
    tcs_response_dates d = READ("03/06/2024 10:00", "13/06/2024 11:00", "01/07/2024");
    assert_days(&d, 2024, 6, 3, 2024, 7, 1);
    assert_true(d.day_first);
}

static void month_first_decided_by_a_day_over_12(void **state)
{
    (void)state;
    /* Microsoft Forms and Google Forms in US English: 4/28/21 11:21:47 */
    tcs_response_dates d = READ("4/28/21 11:21:47", "5/2/21 9:00:01", "4/3/21 8:00");
    assert_days(&d, 2021, 4, 3, 2021, 5, 2);
    assert_false(d.day_first);
}

static void ambiguous_order_is_not_shown(void **state)
{
    (void)state;
    /* 03/06 and 05/06: 3-5 June or 6 March and 6 May: nothing tells */
    tcs_response_dates d = READ("03/06/2024", "05/06/2024");
    assert_int_equal(d.status, TCS_DATES_AMBIGUOUS);
    /* the same day either way is no ambiguity */
    d = READ("06/06/2024", "06/06/2024 12:00");
    assert_days(&d, 2024, 6, 6, 2024, 6, 6);
}

static void dotted_and_mixed(void **state)
{
    (void)state;
    tcs_response_dates d = READ("03.06.2024 10:00", "28.06.2024");
    assert_days(&d, 2024, 6, 3, 2024, 6, 28);
    /* day/month over 12 in one cell and month/day over 12 in another: no order reads all */
    d = READ("13/06/2024", "06/13/2024");
    assert_int_equal(d.status, TCS_DATES_UNREADABLE);
}

static void placeholders_and_junk(void **state)
{
    (void)state;
    /* anonymised LimeSurvey: every submitdate 1980-01-01 */
    tcs_response_dates d = READ("1980-01-01 00:00:00", "1980-01-01 00:00:00");
    assert_int_equal(d.status, TCS_DATES_WITHHELD);
    d = READ("yesterday", "42522", "2024-02-30");
    assert_int_equal(d.status, TCS_DATES_UNREADABLE);
    assert_int_equal(d.unread, 3);
    /* a placeholder beside real dates is left out of the range */
    d = READ("1980-01-01 00:00:00", "2023-11-20 10:00:00", "2023-11-27 10:00:00", "soon");
    assert_days(&d, 2023, 11, 20, 2023, 11, 27);
    assert_int_equal(d.placeholders, 1);
    assert_int_equal(d.unread, 1);
    /* no column */
    tcs_date_acc a;
    tcs_dates_init(&a);
    tcs_dates_result(&a, 0, &d);
    assert_int_equal(d.status, TCS_DATES_NONE);
}

/* The time column each platform writes, found and read by the import. */
static void platforms_time_columns(void **state)
{
    (void)state;
    static const struct {
        const char *name, *csv;
        size_t column;
        int fy, fm, fd, ly, lm, ld;
    } cases[] = {
        {"msforms-2024.csv",
         "ID,Start time,Completion time,Email,Name,1. Q\n"
         "1,6/3/24 9:00:00,6/3/24 9:05:00,anonymous,,4\n"
         "2,6/14/24 10:00:00,6/14/24 10:06:00,anonymous,,5\n",
         3, 2024, 6, 3, 2024, 6, 14},
        {"google-2021.csv",
         "Timestamp,How useful is it?\n"
         "12/16/2021 1:17:04,Very useful\n12/1/2021 8:00:00,Useful\n",
         1, 2021, 12, 1, 2021, 12, 16},
        {"limesurvey-2017.csv",
         "id,submitdate,lastpage,startlanguage,startdate,Q1\n"
         "1,2017-03-02 10:00:00,3,en,2017-03-02 09:50:00,Agree\n"
         "2,2017-02-20 10:00:00,3,en,2017-02-19 09:50:00,Disagree\n",
         2, 2017, 2, 20, 2017, 3, 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *path = tmp_text(cases[i].name, cases[i].csv);
        tcs_survey *s = NULL;
        tcs_error err;
        assert_int_equal(tcs_survey_load(path, NULL, &s, &err), TCS_OK);
        tcs_response_dates d;
        tcs_survey_response_dates(s, &d);
        assert_int_equal(d.column, cases[i].column);
        assert_days(&d, cases[i].fy, cases[i].fm, cases[i].fd, cases[i].ly, cases[i].lm,
                    cases[i].ld);
        tcs_survey_free(s);
    }
    /* a generic file has no time column */
    const char *path = tmp_text("plain-2024.csv", "Q1,Q2\n1,2\n3,4\n");
    tcs_survey *s = NULL;
    tcs_error err;
    assert_int_equal(tcs_survey_load(path, NULL, &s, &err), TCS_OK);
    tcs_response_dates d;
    tcs_survey_response_dates(s, &d);
    assert_int_equal(d.status, TCS_DATES_NONE);
    tcs_survey_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(iso_and_year_first),
        cmocka_unit_test(day_first_decided_by_a_day_over_12),
        cmocka_unit_test(month_first_decided_by_a_day_over_12),
        cmocka_unit_test(ambiguous_order_is_not_shown),
        cmocka_unit_test(dotted_and_mixed),
        cmocka_unit_test(placeholders_and_junk),
        cmocka_unit_test(platforms_time_columns),
    };
    return cmocka_run_group_tests(tests, stats_group_setup, NULL);
}
