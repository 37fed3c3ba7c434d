/* wavelabel.c - which wave each export is: the label given (LABEL=FILE),
 * the year in its file's name, a survey folder's wave file, the file's
 * name when it is the only wave, or else the year its responses are dated
 * from. */
#define _POSIX_C_SOURCE 200809L
#include "stats/wavelabel.h"
#include "tcsurvey/escape.h"
#include "tcsurvey/reader.h"
#include "tcsurvey/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

tcs_status tcs_wave_spec_split(const char *spec, char *label, size_t labelsz, const char **path,
                               tcs_error *err)
{
    const char *eq = strchr(spec, '=');
    /* "2024=file.csv"; an '=' inside a folder name is part of the path */
    if (eq && eq > spec && !memchr(spec, '/', (size_t)(eq - spec))) {
        if ((size_t)(eq - spec) >= labelsz)
            return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0, "wave label '%.*s' is too long",
                                 (int)(eq - spec), spec);
        snprintf(label, labelsz, "%.*s", (int)(eq - spec), spec);
        *path = eq + 1;
        if (!**path)
            return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0, "wave '%s' has no file", label);
        return TCS_OK;
    }
    *path = spec;
    if (!tcs_wave_label_from_path(spec, label, labelsz) && labelsz)
        label[0] = '\0';
    return TCS_OK;
}

tcs_status tcs_wave_spec_parse(const char *spec, char *label, size_t labelsz, const char **path,
                               tcs_error *err)
{
    tcs_status st = tcs_wave_spec_split(spec, label, labelsz, path, err);
    if (st == TCS_OK && !label[0])
        return tcs_error_set(err, TCS_EINVAL, spec, 0, 0,
                             "no year in the file name to label this wave: write LABEL=%s",
                             spec);
    return st;
}

void tcs_wave_label_from_name(const char *path, char *out, size_t outsz)
{
    if (!outsz)
        return;
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    const char *base = path + len;
    while (base > path && base[-1] != '/')
        base--;
    size_t n = (size_t)(path + len - base);
    const char *dot = NULL;
    for (const char *p = base; p < base + n; p++)
        if (*p == '.' && p > base)
            dot = p;
    if (dot)
        n = (size_t)(dot - base);
    if (n >= outsz) { /* cut at a character boundary */
        n = outsz - 1;
        while (n > 0 && ((unsigned char)base[n] & 0xC0) == 0x80)
            n--;
    }
    if (n == 0) {
        snprintf(out, outsz, "%s", "wave");
        return;
    }
    memcpy(out, base, n);
    out[n] = '\0';
}

void tcs_wave_file_name(const char *label, char *out, size_t outsz)
{
    size_t n = 0;
    for (const char *p = label; *p && n + 1 < outsz; p++)
        out[n++] = (strchr("/\\:*?\"<>| ", *p) || (unsigned char)*p < 0x20) ? '-' : *p;
    if (outsz)
        out[n] = '\0';
}

/* Control characters (C0, DEL, C1) as spaces, in place: a label is a
 * name, and then no writer can pass one on. */
static void blank_controls(char *s)
{
    char *o = s;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7F)
            *o++ = ' ';
        else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            *o++ = ' ', p++;
        else
            *o++ = (char)*p;
    }
    *o = '\0';
}

/* Labels must be text, and name different files (summary-LABEL.csv) on
 * any file system, including those that ignore case. */
tcs_status tcs_wave_label_check(tcs_wave_info *waves, size_t i, const char *path, tcs_error *err)
{
    char *label = waves[i].label;
    if (!tcs_utf8_valid(label, strlen(label), NULL))
        return tcs_error_set(err, TCS_EINVAL, path, 0, 0,
                             "the wave label is not UTF-8 text: type it again, e.g. 2024=FILE");
    blank_controls(label);
    char a[64], b[64];
    tcs_wave_file_name(label, a, sizeof a);
    for (size_t j = 0; j < i; j++) {
        if (strcmp(waves[j].label, label) == 0)
            return tcs_error_set(err, TCS_EINVAL, path, 0, 0,
                                 "two waves are labelled '%s': label them LABEL=FILE", label);
        tcs_wave_file_name(waves[j].label, b, sizeof b);
        if (strcasecmp(a, b) == 0)
            return tcs_error_set(err, TCS_EINVAL, path, 0, 0,
                                 "waves '%s' and '%s' would be written to the same file "
                                 "(summary-%s.csv): give labels that differ in letters or "
                                 "digits",
                                 waves[j].label, label, b);
    }
    return TCS_OK;
}

/* More waves than fit: an error naming the ones left out. */
tcs_status tcs_waves_too_many(const char *const *specs, size_t n, tcs_error *err)
{
    char names[512] = "";
    size_t used = 0;
    for (size_t i = TCS_WAVES_MAX; i < n && used + 1 < sizeof names; i++) {
        int k = snprintf(names + used, sizeof names - used, "%s%s", i > TCS_WAVES_MAX ? ", " : "",
                         specs[i]);
        if (k < 0)
            break;
        used += (size_t)k;
    }
    return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0,
                         "%zu waves given, at most %d are compared: %s would be left out; "
                         "give at most %d",
                         n, TCS_WAVES_MAX, names, TCS_WAVES_MAX);
}

/* Waves whose labels were not given, numbered. */
static size_t unlabelled(const tcs_wave_info *waves, size_t n, size_t *which)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!waves[i].label[0])
            which[k++] = i;
    return k;
}

tcs_status tcs_wave_labels_resolve(tcs_wave_info *waves, size_t n, char **notes, size_t nnotes,
                                   tcs_error *err)
{
    size_t which[TCS_WAVES_MAX];
    size_t u = unlabelled(waves, n, which);
    if (u == 0)
        return TCS_OK;
    if (n == 1) {
        tcs_wave_label_from_name(tcs_survey_path(waves[0].survey), waves[0].label,
                                 sizeof waves[0].label);
        return TCS_OK;
    }
    int years[TCS_WAVES_MAX];
    for (size_t k = 0; k < u; k++) {
        const tcs_survey *s = waves[which[k]].survey;
        tcs_status st = tcs_survey_first_year(s, &years[k], err);
        if (st != TCS_OK)
            return st;
        if (!years[k])
            return tcs_error_set(err, TCS_EINVAL, tcs_survey_path(s), 0, 0,
                                 "its name holds no year and its responses carry no dates, so "
                                 "it cannot be told from the other waves: give each wave as "
                                 "LABEL=FILE (2024=FILE), or list them in the survey folder's "
                                 "%s",
                                 TCS_WAVE_FILE);
    }
    for (size_t k = 0; k < u; k++) {
        char year[8];
        snprintf(year, sizeof year, "%d", years[k]);
        size_t clash = n;
        for (size_t m = 0; m < u && clash == n; m++)
            if (m != k && years[m] == years[k])
                clash = which[m];
        for (size_t j = 0; j < n && clash == n; j++)
            if (waves[j].label[0] && strcmp(waves[j].label, year) == 0)
                clash = j;
        if (clash < n)
            return tcs_error_set(err, TCS_EINVAL, tcs_survey_path(waves[which[k]].survey), 0,
                                 0,
                                 "its name holds no year and its responses start in %s, as "
                                 "those of %.400s do: give each wave as LABEL=FILE (%s=FILE), "
                                 "or list them in the survey folder's %s",
                                 year, tcs_survey_path(waves[clash].survey), year,
                                 TCS_WAVE_FILE);
    }
    for (size_t k = 0; k < u; k++) {
        tcs_wave_info *w = &waves[which[k]];
        snprintf(w->label, sizeof w->label, "%d", years[k]);
        if (k < nnotes) {
            char text[TCS_ERROR_MSG_MAX];
            snprintf(text, sizeof text,
                     "%.400s: its name holds no year; it is wave %d, the year of its earliest "
                     "response (give LABEL=FILE to label it otherwise)",
                     tcs_survey_path(w->survey), years[k]);
            notes[k] = tcs_strndup(text, strlen(text));
            if (!notes[k])
                return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
        }
    }
    return TCS_OK;
}

/* ---- the wave file of a survey folder ---- */

typedef struct {
    const char *path, *folder;
    long col_wave, col_file;
    bool have_header;
    char **specs;
    size_t n, cap;
} wave_file;

static tcs_status wave_file_header(wave_file *wf, long row, const tcs_cell *cells, size_t n,
                                   tcs_error *err)
{
    wf->col_wave = wf->col_file = -1;
    for (size_t i = 0; i < n; i++) {
        char norm[32];
        tcs_label_normalise(cells[i].text, cells[i].len, norm, sizeof norm);
        if (wf->col_wave < 0 && (strcmp(norm, "wave") == 0 || strcmp(norm, "label") == 0))
            wf->col_wave = (long)i;
        else if (wf->col_file < 0 &&
                 (strcmp(norm, "file") == 0 || strcmp(norm, "path") == 0 ||
                  strcmp(norm, "export") == 0))
            wf->col_file = (long)i;
    }
    if (wf->col_file < 0)
        return tcs_error_set(err, TCS_ECONFIG, wf->path, row, 0,
                             "the wave file needs the columns wave and file (one row per "
                             "wave: its label, and its export)");
    wf->have_header = true;
    return TCS_OK;
}

/* "LABEL=PATH" (or the bare path when the label is empty), a relative
 * path taken from the folder. */
static char *wave_spec(const wave_file *wf, const char *label, const char *file)
{
    size_t len = strlen(wf->folder) + strlen(file) + (label ? strlen(label) : 0) + 3;
    char *spec = malloc(len);
    if (!spec)
        return NULL;
    const char *sep = file[0] == '/' ? "" : "/";
    const char *dir = file[0] == '/' ? "" : wf->folder;
    if (label)
        snprintf(spec, len, "%s=%s%s%s", label, dir, sep, file);
    else
        snprintf(spec, len, "%s%s%s", dir, sep, file);
    return spec;
}

static tcs_status wave_file_row(void *ctx, long row, const tcs_cell *cells, size_t n,
                                tcs_error *err)
{
    wave_file *wf = ctx;
    if (tcs_record_blank(cells, n))
        return TCS_OK;
    if (!wf->have_header)
        return wave_file_header(wf, row, cells, n, err);
    size_t len;
    const char *t = tcs_trim(cells[0].text, cells[0].len, &len);
    if (len && t[0] == '#')
        return TCS_OK; /* a comment */
    bool oom = false;
    char *label = tcs_record_field(cells, n, wf->col_wave, &oom);
    char *file = tcs_record_field(cells, n, wf->col_file, &oom);
    tcs_csv_unguard(label);
    tcs_csv_unguard(file);
    tcs_status st = TCS_OK;
    if (oom)
        st = tcs_error_set(err, TCS_ENOMEM, wf->path, row, 0, "out of memory");
    else if (!file)
        st = tcs_error_set(err, TCS_ECONFIG, wf->path, row, wf->col_file + 1,
                           "no file: give the export of wave %s", label ? label : "");
    else if (label && (strchr(label, '=') || strchr(label, '/') || strlen(label) > 31))
        st = tcs_error_set(err, TCS_ECONFIG, wf->path, row, wf->col_wave + 1,
                           "the wave label '%.40s' must be at most 31 characters without '=' "
                           "or '/' (write 2024-25 for 2024/25)",
                           label);
    if (st == TCS_OK && wf->n == wf->cap) {
        size_t cap = wf->cap ? 2 * wf->cap : 8;
        char **ns = realloc(wf->specs, cap * sizeof *ns);
        if (!ns)
            st = tcs_error_set(err, TCS_ENOMEM, wf->path, row, 0, "out of memory");
        else
            wf->specs = ns, wf->cap = cap;
    }
    if (st == TCS_OK && !(wf->specs[wf->n] = wave_spec(wf, label, file)))
        st = tcs_error_set(err, TCS_ENOMEM, wf->path, row, 0, "out of memory");
    else if (st == TCS_OK)
        wf->n++;
    free(label);
    free(file);
    return st;
}

tcs_status tcs_wave_file_load(const char *path, const char *folder, char ***specs, size_t *n,
                              tcs_error *err)
{
    *specs = NULL;
    *n = 0;
    wave_file wf = {.path = path, .folder = folder};
    tcs_status st = tcs_read_table(path, NULL, wave_file_row, &wf, NULL, err);
    if (st == TCS_OK && wf.n == 0)
        st = tcs_error_set(err, TCS_ECONFIG, path, 0, 0,
                           "the wave file lists no wave (columns wave and file, a row per "
                           "wave)");
    if (st != TCS_OK) {
        tcs_wave_specs_free(wf.specs, wf.n);
        return st;
    }
    *specs = wf.specs;
    *n = wf.n;
    return TCS_OK;
}

void tcs_wave_specs_free(char **specs, size_t n)
{
    for (size_t i = 0; specs && i < n; i++)
        free(specs[i]);
    free(specs);
}
