/* layout.c - platform layouts, as tables of their fixed columns.
 *
 * Header names are compared in the label normal form, so "E-mail",
 * "Email" and "e mail" are one. Localised names are included where the
 * platform documents them. */
#include "tcsurvey/layout.h"
#include "tcsurvey/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const platform_names[TCS_PLATFORM_COUNT] = {
    [TCS_PLATFORM_GENERIC] = "generic",
    [TCS_PLATFORM_MSFORMS] = "microsoft-forms",
    [TCS_PLATFORM_GOOGLE] = "google-forms",
    [TCS_PLATFORM_QUALTRICS] = "qualtrics",
    [TCS_PLATFORM_QUALTRICS_LEGACY] = "qualtrics-legacy",
    [TCS_PLATFORM_SURVEYMONKEY] = "surveymonkey",
    [TCS_PLATFORM_LIMESURVEY] = "limesurvey",
    [TCS_PLATFORM_SMARTSURVEY] = "smartsurvey",
    [TCS_PLATFORM_JISC] = "jisc-online-surveys",
};

const char *tcs_platform_name(tcs_platform p)
{
    return (unsigned)p < TCS_PLATFORM_COUNT ? platform_names[p] : "unknown";
}

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

static tcs_platform classify(const tcs_cell *const *rows, const size_t *ncells, size_t nrows)
{
    const tcs_cell *h = rows[0];
    size_t n = ncells[0];
    if (nrows >= 3 && ncells[2] > 0) {
        size_t imports = 0;
        for (size_t i = 0; i < ncells[2]; i++)
            if (strncmp(rows[2][i].text, "{\"ImportId\"", 11) == 0)
                imports++;
        if (imports * 2 >= ncells[2])
            return TCS_PLATFORM_QUALTRICS;
    }
    if (n >= 3 && strcmp(h[0].text, "V1") == 0 && strcmp(h[1].text, "V2") == 0 &&
        strcmp(h[2].text, "V3") == 0)
        return TCS_PLATFORM_QUALTRICS_LEGACY;
    for (size_t i = 0; i + 1 < n && i < 3; i++)
        if (cell_is(h, n, i, msforms_start) && cell_is(h, n, i + 1, msforms_end))
            return TCS_PLATFORM_MSFORMS;
    if (cell_is(h, n, 0, google_timestamp))
        return TCS_PLATFORM_GOOGLE;
    if (count_in(h, n, limesurvey_marks) >= 2)
        return TCS_PLATFORM_LIMESURVEY;
    if (count_in(h, n, surveymonkey_meta) >= 2 && cell_is(h, n, 0, surveymonkey_meta))
        return TCS_PLATFORM_SURVEYMONKEY;
    if (nrows >= 2 && count_in(rows[1], ncells[1], surveymonkey_sub_response) >= 1)
        return TCS_PLATFORM_SURVEYMONKEY;
    if (n >= 3 && cell_is(h, n, 0, (const char *const[]){"urn", NULL})) {
        size_t codes = 0;
        for (size_t i = 1; i < n; i++)
            codes += h[i].len >= 2 && (h[i].text[0] == 'Q' || h[i].text[0] == 'q') &&
                     h[i].text[1] >= '0' && h[i].text[1] <= '9';
        if (codes * 2 >= n - 1)
            return TCS_PLATFORM_JISC;
    }
    {
        static const char *const ss_user[] = {"userid", "user id", "userno", "user no", NULL};
        static const char *const ss_time[] = {"started", "ended", NULL};
        if (count_in(h, n, ss_user) >= 1 && count_in(h, n, ss_time) >= 2)
            return TCS_PLATFORM_SMARTSURVEY;
    }
    return TCS_PLATFORM_GENERIC;
}

static char *dup_cell(const tcs_cell *c) { return tcs_strndup(c->text, c->len); }

/* "Unnamed: 7" is what pandas writes for an empty header cell. */
static bool blank_header(const tcs_cell *c)
{
    size_t len;
    const char *t = tcs_trim(c->text, c->len, &len);
    return len == 0 || (len > 9 && strncmp(t, "Unnamed: ", 9) == 0);
}

bool tcs_layout_detect(const tcs_cell *const *rows, const size_t *ncells, size_t nrows,
                       tcs_layout *out)
{
    memset(out, 0, sizeof *out);
    if (nrows == 0)
        return true;
    out->platform = classify(rows, ncells, nrows);
    out->header_rows = 1;
    switch (out->platform) {
    case TCS_PLATFORM_QUALTRICS:
        out->header_rows = 3;
        break;
    case TCS_PLATFORM_QUALTRICS_LEGACY:
    case TCS_PLATFORM_SURVEYMONKEY:
    case TCS_PLATFORM_SMARTSURVEY:
        out->header_rows = nrows >= 2 ? 2 : 1;
        break;
    default:
        break;
    }
    /* The columns are as many as the widest header row: a workbook leaves
     * out trailing empty cells, so a SurveyMonkey header's first row ends
     * at the last question's text while its second row names each column
     * of a final grid. */
    size_t n = ncells[0];
    for (size_t r = 1; r < out->header_rows && r < nrows; r++)
        if (ncells[r] > n)
            n = ncells[r];
    out->ncolumns = n;
    tcs_cell *h = NULL;
    out->headers = calloc(n ? n : 1, sizeof *out->headers);
    out->codes = calloc(n ? n : 1, sizeof *out->codes);
    out->metadata = calloc(n ? n : 1, sizeof *out->metadata);
    if (!out->headers || !out->codes || !out->metadata)
        goto oom;

    /* the first row, padded with empty cells (with the slack reader.h
     * promises) to the width of the header */
    static const char blank_text[TCS_CELL_SLACK + 1];
    h = calloc(n ? n : 1, sizeof *h);
    if (!h)
        goto oom;
    for (size_t i = 0; i < n; i++)
        h[i] = i < ncells[0] ? rows[0][i] : (tcs_cell){blank_text, 0};
    const tcs_cell *sub = out->header_rows >= 2 ? rows[1] : NULL;
    size_t nsub = sub ? ncells[1] : 0;
    const tcs_cell *carry = NULL; /* two-row layouts: question text spans its columns */
    char norm[256];
    for (size_t i = 0; i < n; i++) {
        norm_cell(&h[i], norm, sizeof norm);
        switch (out->platform) {
        case TCS_PLATFORM_QUALTRICS:
        case TCS_PLATFORM_QUALTRICS_LEGACY: {
            /* row 1 codes, row 2 question text; metadata by code or ImportId */
            out->codes[i] = dup_cell(&h[i]);
            const tcs_cell *text = (sub && i < nsub && sub[i].len) ? &sub[i] : &h[i];
            out->headers[i] = dup_cell(text);
            if (!out->codes[i] || !out->headers[i])
                goto oom;
            if (out->platform == TCS_PLATFORM_QUALTRICS) {
                const char *imp = (nrows >= 3 && i < ncells[2]) ? rows[2][i].text : "";
                const char *q = strstr(imp, "\"ImportId\":\"");
                out->metadata[i] = !(q && strncmp(q + 12, "QID", 3) == 0);
            } else {
                out->metadata[i] = in_list(norm, qualtrics_legacy_meta);
            }
            continue;
        }
        case TCS_PLATFORM_SURVEYMONKEY:
        case TCS_PLATFORM_SMARTSURVEY: {
            if (!blank_header(&h[i]))
                carry = &h[i];
            const tcs_cell *q = blank_header(&h[i]) && carry ? carry : &h[i];
            const tcs_cell *s = (sub && i < nsub) ? &sub[i] : NULL;
            char subnorm[64] = "";
            if (s)
                norm_cell(s, subnorm, sizeof subnorm);
            if (s && s->len && !in_list(subnorm, surveymonkey_sub_response) &&
                !(q->len == s->len && memcmp(q->text, s->text, s->len) == 0)) {
                size_t len = q->len + s->len + 4;
                out->headers[i] = malloc(len);
                if (out->headers[i])
                    snprintf(out->headers[i], len, "%.*s [%.*s]", (int)q->len, q->text,
                             (int)s->len, s->text);
            } else {
                out->headers[i] = dup_cell(q);
            }
            if (!out->headers[i])
                goto oom;
            out->metadata[i] = in_list(norm, out->platform == TCS_PLATFORM_SURVEYMONKEY
                                                 ? surveymonkey_meta
                                                 : smartsurvey_meta);
            continue;
        }
        case TCS_PLATFORM_MSFORMS:
            out->metadata[i] = in_list(norm, msforms_meta) ||
                               has_prefix_in(norm, msforms_meta_prefix);
            break;
        case TCS_PLATFORM_GOOGLE:
            out->metadata[i] = in_list(norm, google_meta);
            break;
        case TCS_PLATFORM_LIMESURVEY:
            out->metadata[i] = in_list(norm, limesurvey_meta);
            break;
        case TCS_PLATFORM_JISC:
            out->metadata[i] = in_list(norm, jisc_meta);
            break;
        default:
            break;
        }
        /* LimeSurvey equations ("{sum(R1.x, R2.x)}") are computed, not asked */
        out->metadata[i] = out->metadata[i] || in_list(norm, identifier_headers) ||
                           (h[i].len > 2 && h[i].text[0] == '{' && h[i].text[h[i].len - 1] == '}');
        out->headers[i] = dup_cell(&h[i]);
        if (!out->headers[i])
            goto oom;
    }
    free(h);
    return true;
oom:
    free(h);
    tcs_layout_free(out);
    return false;
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
