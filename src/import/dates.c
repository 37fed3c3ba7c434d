/* dates.c - the first and last date of a file's time column (dates.h). */
#include "import/dates.h"
#include "tcsurvey/text.h"

#include <string.h>

void tcs_dates_init(tcs_date_acc *a)
{
    memset(a, 0, sizeof *a);
    a->dmy_ok = a->mdy_ok = true;
}

/* A whole number of 1 to 4 digits at *p; its digits in *ndigits. */
static bool number(const char **p, const char *end, long *v, int *ndigits)
{
    const char *s = *p;
    long x = 0;
    int n = 0;
    while (s < end && *s >= '0' && *s <= '9' && n < 5)
        x = x * 10 + (*s++ - '0'), n++;
    if (n == 0 || n > 4)
        return false;
    *p = s;
    *v = x;
    *ndigits = n;
    return true;
}

static bool valid(long y, long m, long d)
{
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1];
}

static void widen(long key, long n, long *first, long *last)
{
    if (n == 0 || key < *first)
        *first = key;
    if (n == 0 || key > *last)
        *last = key;
}

/* What may follow a date: nothing, or a time after a space or 'T'. */
static bool date_end(const char *p, const char *end)
{
    return p == end || *p == ' ' || *p == 'T' || *p == ',';
}

static void read_date(tcs_date_acc *a, const char *text, size_t len);

void tcs_dates_add(tcs_date_acc *a, const char *text, size_t len)
{
    size_t day = 0; /* the date part: up to a time */
    while (day < len && text[day] != ' ' && text[day] != 'T' && text[day] != ',')
        day++;
    a->cells++;
    if (a->last_count && day == a->nlast && memcmp(text, a->last, day) == 0) {
        (*a->last_count)++; /* the same day: the same count, no first or last moves */
        return;
    }
    long before[4] = {a->ymd, a->dm, a->placeholders, a->unread};
    long *counts[4] = {&a->ymd, &a->dm, &a->placeholders, &a->unread};
    read_date(a, text, len);
    a->last_count = NULL;
    for (int k = 0; k < 4; k++)
        if (*counts[k] != before[k])
            a->last_count = counts[k];
    if (day < sizeof a->last) {
        memcpy(a->last, text, day);
        a->nlast = day;
    } else {
        a->last_count = NULL;
    }
}

/* One cell, read. */
static void read_date(tcs_date_acc *a, const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    long n1, n2, n3;
    int d1, d2, d3;
    char sep = 0;
    bool ok = number(&p, end, &n1, &d1) && p < end && strchr("-/.", *p);
    if (ok) {
        sep = *p++;
        ok = number(&p, end, &n2, &d2) && p < end && *p == sep;
    }
    if (ok) {
        p++;
        ok = number(&p, end, &n3, &d3) && date_end(p, end);
    }
    if (!ok || d2 > 2) {
        a->unread++;
        return;
    }
    if (d1 == 4) { /* year first */
        if (d3 > 2 || !valid(n1, n2, n3)) {
            a->unread++;
        } else if (n1 < 1990) {
            a->placeholders++;
        } else {
            widen(n1 * 10000 + n2 * 100 + n3, a->ymd, &a->first_ymd, &a->last_ymd);
            a->ymd++;
            if (!a->first_year || n1 < a->first_year)
                a->first_year = n1;
        }
        return;
    }
    if (d1 > 2 || (d3 != 2 && d3 != 4)) {
        a->unread++;
        return;
    }
    long y = d3 == 2 ? 2000 + n3 : n3;
    if (y < 1990) {
        a->placeholders++;
        return;
    }
    bool dmy = valid(y, n2, n1), mdy = valid(y, n1, n2);
    if (!dmy && !mdy) {
        a->unread++;
        return;
    }
    if (!a->first_year || y < a->first_year)
        a->first_year = y;
    a->dmy_ok = a->dmy_ok && dmy;
    a->mdy_ok = a->mdy_ok && mdy;
    if (dmy)
        widen(y * 10000 + n2 * 100 + n1, a->dm, &a->first_dmy, &a->last_dmy);
    if (mdy)
        widen(y * 10000 + n1 * 100 + n2, a->dm, &a->first_mdy, &a->last_mdy);
    a->dm++;
}

static void set_day(long key, int *y, int *m, int *d)
{
    *y = (int)(key / 10000);
    *m = (int)(key / 100 % 100);
    *d = (int)(key % 100);
}

void tcs_dates_result(const tcs_date_acc *a, size_t column, tcs_response_dates *out)
{
    memset(out, 0, sizeof *out);
    out->column = column;
    /* the year alone, when at least 80% of the cells are dates */
    long dates = a->ymd + a->dm;
    if (a->first_year && dates * 5 >= (dates + a->unread) * 4)
        out->first_year = (int)a->first_year;
    if (column == 0 || a->cells == 0) {
        out->status = TCS_DATES_NONE;
        return;
    }
    long first = a->first_ymd, last = a->last_ymd, n = a->ymd;
    if (a->dm > 0) {
        /* both orders possible and giving different days: nothing tells them apart */
        bool both = a->dmy_ok && a->mdy_ok &&
                    (a->first_dmy != a->first_mdy || a->last_dmy != a->last_mdy);
        if (both || (!a->dmy_ok && !a->mdy_ok)) {
            out->status = both ? TCS_DATES_AMBIGUOUS : TCS_DATES_UNREADABLE;
            return;
        }
        long f = a->dmy_ok ? a->first_dmy : a->first_mdy, l = a->dmy_ok ? a->last_dmy : a->last_mdy;
        out->day_first = a->dmy_ok;
        first = n ? (f < first ? f : first) : f;
        last = n ? (l > last ? l : last) : l;
        n += a->dm;
    }
    out->dated = n;
    out->placeholders = a->placeholders;
    out->unread = a->unread;
    if (n == 0) {
        out->status = a->placeholders > 0 && a->unread == 0 ? TCS_DATES_WITHHELD
                                                            : TCS_DATES_UNREADABLE;
        return;
    }
    out->status = TCS_DATES_OK;
    set_day(first, &out->first_y, &out->first_m, &out->first_d);
    set_day(last, &out->last_y, &out->last_m, &out->last_d);
}

const char *tcs_dates_status_text(tcs_dates_status st)
{
    switch (st) {
    case TCS_DATES_AMBIGUOUS: return "day and month cannot be told apart";
    case TCS_DATES_UNREADABLE: return "not dates tcsurvey reads";
    case TCS_DATES_WITHHELD: return "withheld (an anonymised export)";
    default: return "";
    }
}

int tcs_date_year(const char *s, size_t n)
{
    size_t len;
    const char *t = tcs_trim(s, n, &len);
    tcs_date_acc a;
    tcs_dates_init(&a);
    if (len)
        tcs_dates_add(&a, t, len);
    return a.unread ? 0 : (int)a.first_year;
}
