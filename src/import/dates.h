/* dates.h - when the responses of a file were given: the first and last
 * date of its time column, read while the file streams past (internal to
 * the library; the result is tcs_response_dates, survey.h).
 *
 * Dates as platforms write them: ISO (2024-06-03 10:15:00, and what the
 * .xlsx reader makes of date cells), year first with slashes
 * (2018/02/13 1:03:41 am GMT-5), and day and month in either order
 * (03/06/2024, 6/3/24 11:21, 03.06.2024). Which order a file uses is
 * decided by its dates as a whole: a first number above 12 means
 * day/month, a second one above 12 month/day; when nothing tells them
 * apart the dates are ambiguous and not shown. Years before 1990 are the
 * placeholders of anonymised exports (LimeSurvey writes 1980-01-01) and
 * are set aside. The time of day and any time zone are ignored: the
 * report gives days. */
#ifndef TCS_IMPORT_DATES_H
#define TCS_IMPORT_DATES_H

#include <stdbool.h>
#include <stddef.h>
#include "tcsurvey/survey.h"

typedef struct {
    long cells;          /* non-blank cells seen */
    long placeholders;   /* dates before 1990 */
    long unread;         /* cells that are no date */
    long ymd;            /* year-first dates */
    long first_ymd, last_ymd; /* as y * 10000 + m * 100 + d */
    long dm;             /* dates with day and month in an unknown order */
    bool dmy_ok, mdy_ok; /* every such date reads as day/month (month/day) */
    long first_dmy, last_dmy, first_mdy, last_mdy;
    long first_year;     /* the earliest year of any date read (0 = none): known
                            even when day and month cannot be told apart */
    /* The date part (before a time) of the last cell read, and the count
     * it went to: responses of one day repeat it, and then it is counted
     * without being read again (a row of the import's hot path). */
    char last[16];
    size_t nlast;
    long *last_count;
} tcs_date_acc;

void tcs_dates_init(tcs_date_acc *a);

/* One cell (trimmed, not blank). */
void tcs_dates_add(tcs_date_acc *a, const char *text, size_t len);

/* What the cells say; column is the 1-based column (0 = none). */
void tcs_dates_result(const tcs_date_acc *a, size_t column, tcs_response_dates *out);

#endif
