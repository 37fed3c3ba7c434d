/* dates.c - the year an export's responses are dated from: the label of a
 * wave whose file's name holds no year. One pass over the file, reading
 * only the columns whose heading says they hold a date or time. */
#define _POSIX_C_SOURCE 200809L
#include "import/records.h"
#include "tcsurvey/survey.h"
#include "tcsurvey/text.h"

#include <stdlib.h>
#include <string.h>

/* Words of the headings platforms give their date and time columns (label
 * normal form): Microsoft Forms' Start time and Completion time, Google
 * Forms' Timestamp (localised), LimeSurvey's submitdate, startdate and
 * datestamp, Qualtrics' StartDate, EndDate and RecordedDate, SurveyMonkey's
 * Start Date, JISC's CompletionDate, SmartSurvey's Started and Ended. */
static const char *const date_words[] = {
    "date", "time", "timestamp", "submitdate", "startdate", "enddate", "datestamp",
    "recordeddate", "completiondate", "submitted", "started", "ended", "completed",
    "recorded", "fecha", "marca temporal", "horodateur", "zeitstempel", "datum", "data",
    "heure", "hora", "startzeit", "tijdstempel", "carimbo de data hora", NULL};

static bool heading_says_date(const char *header)
{
    char norm[256];
    tcs_label_normalise(header, strlen(header), norm, sizeof norm);
    for (size_t i = 0; date_words[i]; i++) {
        size_t len = strlen(date_words[i]);
        for (const char *p = strstr(norm, date_words[i]); p; p = strstr(p + 1, date_words[i]))
            if ((p == norm || p[-1] == ' ') && (p[len] == '\0' || p[len] == ' '))
                return true;
        /* "submitdate", "StartDate" written as one word */
        if (len == 4 && strlen(norm) > 4 && strcmp(norm + strlen(norm) - 4, date_words[i]) == 0)
            return true;
    }
    return false;
}

/* The digits at *p (at most 4), advancing *p; -1 when none. */
static int digits(const char **p, size_t *count)
{
    int v = 0;
    *count = 0;
    while (**p >= '0' && **p <= '9' && *count < 5) {
        v = v * 10 + (**p - '0');
        (*p)++;
        (*count)++;
    }
    return *count && *count <= 4 ? v : -1;
}

/* The year of a date as exports write it ("2024-06-03 10:33:09",
 * "2018/02/13 1:03:41 am GMT-5", "6/3/24 10:33:09", "13.12.2019"), or 0.
 * Years before 1990 are no survey's (anonymised LimeSurvey responses are
 * dated 1980-01-01). */
int tcs_date_year(const char *s, size_t n)
{
    char buf[48];
    size_t len;
    const char *t = tcs_trim(s, n, &len);
    if (len < 6 || len >= sizeof buf)
        return 0;
    memcpy(buf, t, len);
    buf[len] = '\0';
    const char *p = buf;
    size_t n1, n2, n3;
    int a = digits(&p, &n1);
    char sep = *p;
    if (a < 0 || (sep != '-' && sep != '/' && sep != '.'))
        return 0;
    p++;
    int b = digits(&p, &n2);
    if (b < 0 || *p != sep || n2 > 2)
        return 0;
    p++;
    int c = digits(&p, &n3);
    if (c < 0 || (*p && *p != ' ' && *p != 'T' && *p != ','))
        return 0;
    int year, x, y; /* x, y: month and day in either order */
    if (n1 == 4 && n3 <= 2) {
        year = a, x = b, y = c;
        if (x > 12)
            return 0;
    } else if (n3 == 4 && n1 <= 2) {
        year = c, x = a, y = b;
    } else if (n3 == 2 && n1 <= 2 && sep != '-') {
        year = 2000 + c, x = a, y = b;
    } else {
        return 0;
    }
    if (x < 1 || y < 1 || x > 31 || y > 31 || (x > 12 && y > 12))
        return 0;
    return year >= 1990 && year <= 2099 ? year : 0;
}

typedef struct {
    const tcs_survey *s;
    tcs_record_stream stream;
    size_t *cols;  /* the date columns (0-based) */
    size_t ncols;
    long *nonblank, *dated;
    int *first;    /* per date column: earliest year, 0 = none yet */
} pass;

static tcs_status on_record(void *ctx, long row, const tcs_cell *cells, size_t ncells,
                            tcs_error *err)
{
    (void)row, (void)err;
    pass *pa = ctx;
    long col;
    if (tcs_record_stream_next(&pa->stream, cells, ncells, &col) != TCS_RECORD_DATA)
        return TCS_OK; /* the import has said what is wrong with other records */
    for (size_t k = 0; k < pa->ncols; k++) {
        size_t i = pa->cols[k];
        if (i >= ncells || tcs_cell_blank(&cells[i]))
            continue;
        pa->nonblank[k]++;
        int y = tcs_date_year(cells[i].text, cells[i].len);
        if (y) {
            pa->dated[k]++;
            if (!pa->first[k] || y < pa->first[k])
                pa->first[k] = y;
        }
    }
    return TCS_OK;
}

tcs_status tcs_survey_first_year(const tcs_survey *s, int *year, tcs_error *err)
{
    *year = 0;
    size_t n = tcs_survey_ncolumns(s);
    pass pa = {.s = s};
    pa.cols = calloc(n ? n : 1, sizeof *pa.cols);
    pa.nonblank = calloc(n ? n : 1, sizeof *pa.nonblank);
    pa.dated = calloc(n ? n : 1, sizeof *pa.dated);
    pa.first = calloc(n ? n : 1, sizeof *pa.first);
    tcs_status st = TCS_OK;
    if (!pa.cols || !pa.nonblank || !pa.dated || !pa.first)
        st = tcs_error_set(err, TCS_ENOMEM, tcs_survey_path(s), 0, 0, "out of memory");
    for (size_t i = 0; st == TCS_OK && i < n; i++) {
        const tcs_column *c = tcs_survey_column(s, i);
        if (!tcs_column_is_question(c) && heading_says_date(c->header))
            pa.cols[pa.ncols++] = i;
    }
    if (st == TCS_OK && pa.ncols) {
        const tcs_source_info *src = tcs_survey_source(s);
        bool csv = strcmp(src->format, "csv") == 0;
        tcs_record_stream_init(&pa.stream, tcs_survey_header_rows(s), n, csv);
        tcs_read_options ro = {0};
        if (csv)
            ro.delimiter = src->delimiter;
        else
            ro.sheet = src->sheet;
        st = tcs_read_table(tcs_survey_path(s), &ro, on_record, &pa, NULL, err);
    }
    /* a column is of dates when at least 80% of its answers are dates */
    for (size_t k = 0; st == TCS_OK && k < pa.ncols; k++)
        if (pa.first[k] && pa.dated[k] * 5 >= pa.nonblank[k] * 4 &&
            (!*year || pa.first[k] < *year))
            *year = pa.first[k];
    free(pa.cols);
    free(pa.nonblank);
    free(pa.dated);
    free(pa.first);
    return st;
}
