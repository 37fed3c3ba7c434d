/* layout.c - platform layouts, as tables of their fixed columns.
 *
 * Header names are compared in the label normal form, so "E-mail",
 * "Email" and "e mail" are one. Localised names are included where the
 * platform documents them. */
#include "tcsurvey/layout.h"
#include "tcsurvey/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fixed columns, in normal form. */
static const char *const msforms_start[] = {"start time", "startzeit", "heure de debut",
                                            "heure de début", "hora de inicio", "begintijd",
                                            "ora di inizio", "hora de início", NULL};
static const char *const msforms_end[] = {
    "completion time", "fertigstellungszeit", "uhrzeit der fertigstellung", "heure de fin",
    "hora de finalización", "hora de finalizacion", "tijd van voltooien", "ora di completamento",
    "hora de conclusão", NULL};
static const char *const msforms_meta[] = {
    "id", "start time", "completion time", "email", "name", "last modified time",
    "total points", "quiz feedback", "grade posted time", "startzeit", "fertigstellungszeit",
    "uhrzeit der fertigstellung", "e mail", "zeitpunkt der letzten änderung", "heure de debut",
    "heure de début", "heure de fin", "adresse de messagerie", "adresse e mail", "nom",
    "hora de inicio", "hora de finalización", "hora de finalizacion", "correo electrónico",
    "correo electronico", "nombre", "begintijd", "tijd van voltooien", "naam", "ora di inizio",
    "ora di completamento", "posta elettronica", "nome", NULL};
static const char *const msforms_meta_prefix[] = {"points ", "feedback ", "punkte ", "points ",
                                                  NULL};
static const char *const google_timestamp[] = {
    "timestamp", "marca temporal", "horodateur", "zeitstempel", "carimbo de data hora",
    "informazioni cronologiche", "tijdstempel", "sygnatura czasowa", NULL};
static const char *const google_meta[] = {
    "timestamp", "marca temporal", "horodateur", "zeitstempel", "carimbo de data hora",
    "informazioni cronologiche", "tijdstempel", "email address", "email", "score",
    "e mail adresse", "adresse e mail", "dirección de correo electrónico", "puntuación",
    "punktzahl", "endereço de e mail", "pontuação", NULL};
static const char *const limesurvey_marks[] = {"submitdate", "lastpage", "startlanguage",
                                               "date submitted", "last page", "start language",
                                               NULL};
static const char *const limesurvey_meta[] = {
    "id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr",
    "refurl", "token", "response id", "date submitted", "last page", "start language",
    "date started", "date last action", "ip address", "referrer url", "token", "total time",
    "interviewtime", NULL};
static const char *const surveymonkey_meta[] = {
    "respondent id", "collector id", "start date", "end date", "ip address", "email address",
    "first name", "last name", "custom data", "custom data 1", "custom data 2",
    "custom data 3", "custom data 4", "custom data 5", NULL};
static const char *const smartsurvey_meta[] = {
    "userid", "user id", "userno", "user no", "name", "email", "ip address", "unique id",
    "started", "ended", "tracking link", "custom value", "custom value 1", "custom value 2",
    "custom value 3", "status", "duration", NULL};
static const char *const qualtrics_legacy_meta[] = {
    "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "locationlatitude",
    "locationlongitude", "locationaccuracy", NULL};
static const char *const jisc_meta[] = {"urn", "completiondate", "completion date", "started",
                                        "startdate", "start date", "completed", NULL};
static const char *const surveymonkey_sub_response[] = {"response", "open ended response",
                                                        NULL};

/* Respondent identifiers, whatever the platform: never a question, even
 * though their values (1..N) look like a rating. */
static const char *const identifier_headers[] = {
    "id", "respondent", "respondent id", "respondentid", "response id", "responseid",
    "participant", "participant id", "participantid", "student id", "studentid", "record id",
    "recordid", "case id", "caseid", "serial", "unnamed 0", NULL};

static bool in_list(const char *norm, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(norm, list[i]) == 0)
            return true;
    return false;
}

static bool has_prefix_in(const char *norm, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strncmp(norm, list[i], strlen(list[i])) == 0)
            return true;
    return false;
}

static void norm_cell(const tcs_cell *c, char *out, size_t outsz)
{
    tcs_label_normalise(c->text, c->len, out, outsz);
}

/* Count cells of a row whose normal form is in list. */
static size_t count_in(const tcs_cell *row, size_t n, const char *const *list)
{
    char norm[256];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        norm_cell(&row[i], norm, sizeof norm);
        if (in_list(norm, list))
            k++;
    }
    return k;
}

static bool cell_is(const tcs_cell *row, size_t n, size_t i, const char *const *list)
{
    char norm[256];
    if (i >= n)
        return false;
    norm_cell(&row[i], norm, sizeof norm);
    return in_list(norm, list);
}

/* ---- how each platform is recognised ---- */

typedef const tcs_cell *const *rows_t;

static bool is_qualtrics(rows_t rows, const size_t *ncells, size_t nrows)
{
    if (nrows < 3 || ncells[2] == 0)
        return false;
    size_t imports = 0;
    for (size_t i = 0; i < ncells[2]; i++)
        if (strncmp(rows[2][i].text, "{\"ImportId\"", 11) == 0)
            imports++;
    return imports * 2 >= ncells[2];
}

static bool is_qualtrics_legacy(rows_t rows, const size_t *ncells, size_t nrows)
{
    (void)nrows;
    const tcs_cell *h = rows[0];
    return ncells[0] >= 3 && strcmp(h[0].text, "V1") == 0 && strcmp(h[1].text, "V2") == 0 &&
           strcmp(h[2].text, "V3") == 0;
}

static bool is_msforms(rows_t rows, const size_t *ncells, size_t nrows)
{
    (void)nrows;
    for (size_t i = 0; i + 1 < ncells[0] && i < 3; i++)
        if (cell_is(rows[0], ncells[0], i, msforms_start) &&
            cell_is(rows[0], ncells[0], i + 1, msforms_end))
            return true;
    return false;
}

static bool is_google(rows_t rows, const size_t *ncells, size_t nrows)
{
    (void)nrows;
    return cell_is(rows[0], ncells[0], 0, google_timestamp);
}

static bool is_limesurvey(rows_t rows, const size_t *ncells, size_t nrows)
{
    (void)nrows;
    return count_in(rows[0], ncells[0], limesurvey_marks) >= 2;
}

static bool is_surveymonkey(rows_t rows, const size_t *ncells, size_t nrows)
{
    if (count_in(rows[0], ncells[0], surveymonkey_meta) >= 2 &&
        cell_is(rows[0], ncells[0], 0, surveymonkey_meta))
        return true;
    return nrows >= 2 && count_in(rows[1], ncells[1], surveymonkey_sub_response) >= 1;
}

static bool is_smartsurvey(rows_t rows, const size_t *ncells, size_t nrows)
{
    (void)nrows;
    static const char *const ss_user[] = {"userid", "user id", "userno", "user no", NULL};
    static const char *const ss_time[] = {"started", "ended", NULL};
    return count_in(rows[0], ncells[0], ss_user) >= 1 && count_in(rows[0], ncells[0], ss_time) >= 2;
}

/* JISC Online Surveys: "URN" first, then question codes Q1, Q9_1... */
static bool is_jisc(rows_t rows, const size_t *ncells, size_t nrows)
{
    (void)nrows;
    static const char *const urn[] = {"urn", NULL};
    const tcs_cell *h = rows[0];
    size_t n = ncells[0], codes = 0;
    if (n < 3 || !cell_is(h, n, 0, urn))
        return false;
    for (size_t i = 1; i < n; i++)
        codes += h[i].len >= 2 && (h[i].text[0] == 'Q' || h[i].text[0] == 'q') &&
                 h[i].text[1] >= '0' && h[i].text[1] <= '9';
    return codes * 2 >= n - 1;
}

/* How a platform names its columns. */
typedef enum {
    HEADERS_ONE_ROW,  /* the first row is the header */
    HEADERS_CODE_ROW, /* row 1 codes, row 2 question text (Qualtrics) */
    HEADERS_TWO_ROWS  /* row 1 questions spanning their columns, row 2 options */
} header_style;

typedef struct {
    tcs_platform id;
    const char *name;
    bool (*detect)(rows_t rows, const size_t *ncells, size_t nrows); /* NULL: generic */
    size_t header_rows;             /* header rows it has (2: when a second was read) */
    header_style style;
    const char *const *metadata;    /* its fixed columns (normal form), NULL = none */
    const char *const *metadata_prefix;
    /* Its answers to single-choice questions are codes whose labels are only
     * in a separate key file (so they are never read as ratings without it). */
    bool codes_need_key;
} platform_row;

/* In the order they are tried; the last is the fallback. */
static const platform_row platforms[] = {
    {TCS_PLATFORM_QUALTRICS, "qualtrics", is_qualtrics, 3, HEADERS_CODE_ROW, NULL, NULL, false},
    {TCS_PLATFORM_QUALTRICS_LEGACY, "qualtrics-legacy", is_qualtrics_legacy, 2, HEADERS_CODE_ROW,
     qualtrics_legacy_meta, NULL, false},
    {TCS_PLATFORM_MSFORMS, "microsoft-forms", is_msforms, 1, HEADERS_ONE_ROW, msforms_meta,
     msforms_meta_prefix, false},
    {TCS_PLATFORM_GOOGLE, "google-forms", is_google, 1, HEADERS_ONE_ROW, google_meta, NULL, false},
    {TCS_PLATFORM_LIMESURVEY, "limesurvey", is_limesurvey, 1, HEADERS_ONE_ROW, limesurvey_meta,
     NULL, false},
    {TCS_PLATFORM_SURVEYMONKEY, "surveymonkey", is_surveymonkey, 2, HEADERS_TWO_ROWS,
     surveymonkey_meta, NULL, false},
    {TCS_PLATFORM_JISC, "jisc-online-surveys", is_jisc, 1, HEADERS_ONE_ROW, jisc_meta, NULL,
     true},
    {TCS_PLATFORM_SMARTSURVEY, "smartsurvey", is_smartsurvey, 2, HEADERS_TWO_ROWS,
     smartsurvey_meta, NULL, false},
    {TCS_PLATFORM_GENERIC, "generic", NULL, 1, HEADERS_ONE_ROW, NULL, NULL, false},
};
#define NPLATFORMS (sizeof platforms / sizeof platforms[0])

static const platform_row *platform_of(tcs_platform p)
{
    for (size_t i = 0; i < NPLATFORMS; i++)
        if (platforms[i].id == p)
            return &platforms[i];
    return NULL;
}

const char *tcs_platform_name(tcs_platform p)
{
    const platform_row *r = platform_of(p);
    return r ? r->name : "unknown";
}

bool tcs_platform_codes_need_key(tcs_platform p)
{
    const platform_row *r = platform_of(p);
    return r && r->codes_need_key;
}

static const platform_row *detect(rows_t rows, const size_t *ncells, size_t nrows)
{
    for (size_t i = 0; i + 1 < NPLATFORMS; i++)
        if (platforms[i].detect(rows, ncells, nrows))
            return &platforms[i];
    return &platforms[NPLATFORMS - 1];
}

static char *dup_cell(const tcs_cell *c) { return tcs_strndup(c->text, c->len); }

/* "Unnamed: 7" is what pandas writes for an empty header cell. */
static bool blank_header(const tcs_cell *c)
{
    size_t len;
    const char *t = tcs_trim(c->text, c->len, &len);
    return len == 0 || (len > 9 && strncmp(t, "Unnamed: ", 9) == 0);
}

/* Row 1 codes, row 2 question text (Qualtrics); metadata by code, or by
 * an ImportId that is not a question's. */
static bool code_row_column(const platform_row *pr, rows_t rows, const size_t *ncells,
                            size_t nrows, const tcs_cell *h, size_t i, tcs_layout *out)
{
    const tcs_cell *sub = nrows >= 2 ? rows[1] : NULL;
    size_t nsub = sub ? ncells[1] : 0;
    char norm[256];
    norm_cell(&h[i], norm, sizeof norm);
    out->codes[i] = dup_cell(&h[i]);
    const tcs_cell *text = (sub && i < nsub && sub[i].len) ? &sub[i] : &h[i];
    out->headers[i] = dup_cell(text);
    if (!out->codes[i] || !out->headers[i])
        return false;
    if (pr->metadata)
        out->metadata[i] = in_list(norm, pr->metadata);
    else {
        const char *imp = (nrows >= 3 && i < ncells[2]) ? rows[2][i].text : "";
        const char *q = strstr(imp, "\"ImportId\":\"");
        out->metadata[i] = !(q && strncmp(q + 12, "QID", 3) == 0);
    }
    return true;
}

/* Two-row layouts: a question's text spans its columns (a blank header
 * continues the one to its left), the second row names the option. */
static bool two_row_column(const platform_row *pr, const tcs_cell *sub, size_t nsub,
                           const tcs_cell *h, size_t i, const tcs_cell **carry, tcs_layout *out)
{
    char norm[256];
    norm_cell(&h[i], norm, sizeof norm);
    if (!blank_header(&h[i]))
        *carry = &h[i];
    const tcs_cell *q = blank_header(&h[i]) && *carry ? *carry : &h[i];
    const tcs_cell *s = (sub && i < nsub) ? &sub[i] : NULL;
    char subnorm[64] = "";
    if (s)
        norm_cell(s, subnorm, sizeof subnorm);
    if (s && s->len && !in_list(subnorm, surveymonkey_sub_response) &&
        !(q->len == s->len && memcmp(q->text, s->text, s->len) == 0)) {
        size_t len = q->len + s->len + 4;
        out->headers[i] = malloc(len);
        if (out->headers[i])
            snprintf(out->headers[i], len, "%.*s [%.*s]", (int)q->len, q->text, (int)s->len,
                     s->text);
    } else {
        out->headers[i] = dup_cell(q);
    }
    out->metadata[i] = pr->metadata && in_list(norm, pr->metadata);
    return out->headers[i] != NULL;
}

static bool one_row_column(const platform_row *pr, const tcs_cell *h, size_t i, tcs_layout *out)
{
    char norm[256];
    norm_cell(&h[i], norm, sizeof norm);
    out->metadata[i] = (pr->metadata && in_list(norm, pr->metadata)) ||
                       (pr->metadata_prefix && has_prefix_in(norm, pr->metadata_prefix)) ||
                       in_list(norm, identifier_headers) ||
                       /* LimeSurvey equations ("{sum(R1.x, R2.x)}") are computed, not asked */
                       (h[i].len > 2 && h[i].text[0] == '{' && h[i].text[h[i].len - 1] == '}');
    out->headers[i] = dup_cell(&h[i]);
    return out->headers[i] != NULL;
}

/* The platforms' columns of response times, the most telling first: when
 * a response was completed or submitted, else when it was started. */
static const char *const time_headers[] = {
    "completion time", "fertigstellungszeit", "uhrzeit der fertigstellung", "heure de fin",
    "hora de finalización", "hora de finalizacion", "tijd van voltooien", "ora di completamento",
    "hora de conclusão", "submitdate", "date submitted", "completiondate", "completion date",
    "enddate", "end date", "ended", "recordeddate", "timestamp", "marca temporal", "horodateur",
    "zeitstempel", "carimbo de data hora", "datestamp", "date last action", "start time",
    "startzeit", "heure de debut", "heure de début", "hora de inicio", "begintijd",
    "ora di inizio", "hora de início", "startdate", "start date", "started", "date started",
    NULL};

static size_t time_rank(const char *text)
{
    char norm[256];
    if (!text)
        return SIZE_MAX;
    tcs_label_normalise(text, strlen(text), norm, sizeof norm);
    for (size_t k = 0; time_headers[k]; k++)
        if (strcmp(norm, time_headers[k]) == 0)
            return k;
    return SIZE_MAX;
}

/* The column of response times, by its header or code: among the
 * platform's own columns, else (a CSV of no known platform with a
 * "Timestamp" or "Start time" column) among all. */
static size_t time_column(const tcs_layout *L)
{
    size_t best = SIZE_MAX, rank = SIZE_MAX;
    for (int any = 0; any < 2 && best == SIZE_MAX; any++) {
        for (size_t i = 0; i < L->ncolumns; i++) {
            if (!any && !L->metadata[i])
                continue;
            size_t r = time_rank(L->headers[i]), rc = time_rank(L->codes[i]);
            if (rc < r)
                r = rc;
            if (r < rank)
                rank = r, best = i;
        }
    }
    return best;
}

bool tcs_layout_detect(const tcs_cell *const *rows, const size_t *ncells, size_t nrows,
                       tcs_layout *out)
{
    memset(out, 0, sizeof *out);
    out->time_column = SIZE_MAX;
    if (nrows == 0)
        return true;
    const platform_row *pr = detect(rows, ncells, nrows);
    out->platform = pr->id;
    out->header_rows = pr->header_rows <= nrows ? pr->header_rows : nrows;
    /* The columns are as many as the widest header row: a workbook leaves
     * out trailing empty cells, so a SurveyMonkey header's first row ends
     * at the last question's text while its second row names each column
     * of a final grid. */
    size_t n = ncells[0];
    for (size_t r = 1; r < out->header_rows; r++)
        if (ncells[r] > n)
            n = ncells[r];
    out->ncolumns = n;
    out->headers = calloc(n ? n : 1, sizeof *out->headers);
    out->codes = calloc(n ? n : 1, sizeof *out->codes);
    out->metadata = calloc(n ? n : 1, sizeof *out->metadata);
    /* the first row, padded with empty cells (with the slack reader.h
     * promises) to the width of the header */
    static const char blank_text[TCS_CELL_SLACK + 1];
    tcs_cell *h = calloc(n ? n : 1, sizeof *h);
    bool ok = out->headers && out->codes && out->metadata && h;
    for (size_t i = 0; ok && i < n; i++)
        h[i] = i < ncells[0] ? rows[0][i] : (tcs_cell){blank_text, 0};
    const tcs_cell *sub = out->header_rows >= 2 ? rows[1] : NULL;
    size_t nsub = sub ? ncells[1] : 0;
    const tcs_cell *carry = NULL;
    for (size_t i = 0; ok && i < n; i++) {
        switch (pr->style) {
        case HEADERS_CODE_ROW:
            ok = code_row_column(pr, rows, ncells, nrows, h, i, out);
            break;
        case HEADERS_TWO_ROWS:
            ok = sub ? two_row_column(pr, sub, nsub, h, i, &carry, out)
                     : one_row_column(pr, h, i, out);
            break;
        case HEADERS_ONE_ROW:
            ok = one_row_column(pr, h, i, out);
            break;
        }
    }
    free(h);
    if (!ok)
        tcs_layout_free(out);
    else
        out->time_column = time_column(out);
    return ok;
}

void tcs_layout_free(tcs_layout *layout)
{
    if (!layout)
        return;
    for (size_t i = 0; i < layout->ncolumns; i++) {
        if (layout->headers)
            free(layout->headers[i]);
        if (layout->codes)
            free(layout->codes[i]);
    }
    free(layout->headers);
    free(layout->codes);
    free(layout->metadata);
    memset(layout, 0, sizeof *layout);
}
