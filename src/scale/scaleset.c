/* scaleset.c - a scales file (named user scales) and value labels of
 * numeric codes ("1=Female; 2=Male"). */
#include "tcsurvey/reader.h"
#include "tcsurvey/scale.h"
#include "tcsurvey/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- value labels ---- */

void tcs_value_labels_free(tcs_value_label *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        free(v[i].code);
        free(v[i].label);
    }
    free(v);
}

/* Same code: as written, or as the same whole number ("1", "1.0"). */
static bool same_code(const char *code, const char *s, size_t n)
{
    size_t len;
    const char *t = tcs_trim(s, n, &len);
    if (strlen(code) == len && memcmp(code, t, len) == 0)
        return true;
    long a, b;
    return tcs_parse_int(code, strlen(code), &a) && tcs_parse_int(t, len, &b) && a == b;
}

const char *tcs_value_label_of(const tcs_value_label *v, size_t nv, const char *s, size_t n)
{
    for (size_t i = 0; v && i < nv; i++)
        if (same_code(v[i].code, s, n))
            return v[i].label;
    return NULL;
}

static char *trimmed(const char *s, size_t n)
{
    size_t len;
    const char *t = tcs_trim(s, n, &len);
    return tcs_strndup(t, len);
}

tcs_status tcs_value_labels_parse(const char *text, tcs_value_label **out, size_t *n,
                                  tcs_error *err)
{
    *out = NULL;
    *n = 0;
    size_t cap = 1;
    for (const char *p = text; *p; p++)
        cap += *p == ';';
    tcs_value_label *v = calloc(cap, sizeof *v);
    if (!v)
        return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
    size_t k = 0;
    tcs_status st = TCS_OK;
    for (const char *p = text; *p && st == TCS_OK;) {
        size_t len = strcspn(p, ";"), tl;
        const char *item = tcs_trim(p, len, &tl);
        p += len + (p[len] ? 1 : 0);
        if (tl == 0)
            continue;
        const char *eq = memchr(item, '=', tl);
        if (!eq) {
            st = tcs_error_set(err, TCS_ECONFIG, "", 0, 0,
                               "'%.*s' in values has no '=': write CODE=LABEL, e.g. 1=Female",
                               (int)(tl < 60 ? tl : 60), item);
            break;
        }
        v[k].code = trimmed(item, (size_t)(eq - item));
        v[k].label = trimmed(eq + 1, (size_t)(item + tl - eq - 1));
        if (!v[k].code || !v[k].label) {
            free(v[k].code);
            free(v[k].label);
            st = tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
            break;
        }
        k++;
        if (!v[k - 1].code[0] || !v[k - 1].label[0])
            st = tcs_error_set(err, TCS_ECONFIG, "", 0, 0,
                               "'%.*s' in values has an empty code or label", (int)(tl < 60 ? tl : 60),
                               item);
        for (size_t j = 0; st == TCS_OK && j + 1 < k; j++)
            if (same_code(v[j].code, v[k - 1].code, strlen(v[k - 1].code)))
                st = tcs_error_set(err, TCS_ECONFIG, "", 0, 0,
                                   "code '%.20s' is given twice in values", v[k - 1].code);
    }
    if (st != TCS_OK) {
        tcs_value_labels_free(v, k);
        return st;
    }
    *out = v;
    *n = k;
    return TCS_OK;
}

/* ---- scales files ---- */

struct tcs_scale_set {
    char *path;
    tcs_scale_def **defs;
    size_t n, cap;
};

enum { S_NAME, S_LABELS, S_NONSUBSTANTIVE, S_FAMILY, S_DESCRIPTION, S_COUNT };
static const char *const set_fields[S_COUNT] = {"name", "labels", "nonsubstantive", "family",
                                                "description"};

typedef struct {
    tcs_scale_set *set;
    const char *path;
    long col[S_COUNT];
    bool have_header;
} set_state;

static tcs_status set_header(set_state *st, long row, const tcs_cell *cells, size_t n,
                             tcs_error *err)
{
    char norm[64];
    for (int f = 0; f < S_COUNT; f++)
        st->col[f] = -1;
    for (size_t i = 0; i < n; i++) {
        tcs_label_normalise(cells[i].text, cells[i].len, norm, sizeof norm);
        for (int f = 0; f < S_COUNT; f++)
            if (strcmp(norm, set_fields[f]) == 0 && st->col[f] < 0)
                st->col[f] = (long)i;
    }
    if (st->col[S_NAME] < 0 || st->col[S_LABELS] < 0)
        return tcs_error_set(err, TCS_ECONFIG, st->path, row, 0,
                             "a scales file needs the columns name and labels (and may have "
                             "nonsubstantive, family, description)");
    st->have_header = true;
    return TCS_OK;
}

/* A name a codebook can use and no built-in or range already has. */
static tcs_status check_name(set_state *st, long row, const char *name, tcs_error *err)
{
    long col = st->col[S_NAME] + 1;
    tcs_scale builtin;
    if (strlen(name) >= TCS_SCALE_NAME_MAX)
        return tcs_error_set(err, TCS_ECONFIG, st->path, row, col,
                             "scale name '%.40s' is too long (at most %d characters)", name,
                             TCS_SCALE_NAME_MAX - 1);
    for (const char *p = name; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '-' || *p == '_' || *p == '.'))
            return tcs_error_set(err, TCS_ECONFIG, st->path, row, col,
                                 "scale name '%.40s' may hold only letters, digits, '-', '_' "
                                 "and '.'",
                                 name);
    if (tcs_scale_by_name(name, &builtin))
        return tcs_error_set(err, TCS_ECONFIG, st->path, row, col,
                             "'%.40s' is the name of a built-in scale; give yours another name",
                             name);
    if (tcs_scale_set_find(st->set, name))
        return tcs_error_set(err, TCS_ECONFIG, st->path, row, col,
                             "scale '%.40s' is defined twice", name);
    return TCS_OK;
}

static tcs_status set_row(void *ctx, long row, const tcs_cell *cells, size_t n, tcs_error *err)
{
    set_state *st = ctx;
    if (tcs_record_blank(cells, n))
        return TCS_OK;
    if (!st->have_header)
        return set_header(st, row, cells, n, err);
    bool oom = false;
    char *f[S_COUNT];
    for (int k = 0; k < S_COUNT; k++)
        f[k] = tcs_record_field(cells, n, st->col[k], &oom);
    tcs_status s = TCS_OK;
    tcs_scale_def *def = NULL;
    tcs_error sub;
    tcs_error_clear(&sub);
    if (oom)
        s = tcs_error_set(err, TCS_ENOMEM, st->path, row, 0, "out of memory");
    else if (!f[S_NAME] || !f[S_LABELS])
        s = tcs_error_set(err, TCS_ECONFIG, st->path, row,
                          (f[S_NAME] ? st->col[S_LABELS] : st->col[S_NAME]) + 1,
                          "every scale needs a name and its labels");
    else if ((s = check_name(st, row, f[S_NAME], err)) != TCS_OK)
        ;
    else if (tcs_scale_def_parse(f[S_NAME], f[S_FAMILY], f[S_DESCRIPTION], f[S_LABELS],
                                 f[S_NONSUBSTANTIVE], &def, &sub) != TCS_OK)
        s = tcs_error_set(err, sub.status == TCS_ENOMEM ? TCS_ENOMEM : TCS_ECONFIG, st->path,
                          row, st->col[S_LABELS] + 1, "%s", sub.message);
    if (s == TCS_OK && st->set->n == st->set->cap) {
        size_t nc = st->set->cap ? st->set->cap * 2 : 8;
        tcs_scale_def **nd = realloc(st->set->defs, nc * sizeof *nd);
        if (!nd)
            s = tcs_error_set(err, TCS_ENOMEM, st->path, row, 0, "out of memory");
        else {
            st->set->defs = nd;
            st->set->cap = nc;
        }
    }
    for (int k = 0; k < S_COUNT; k++)
        free(f[k]);
    if (s != TCS_OK) {
        tcs_scale_def_free(def);
        return s;
    }
    st->set->defs[st->set->n++] = def;
    return TCS_OK;
}

tcs_status tcs_scale_set_load(const char *path, tcs_scale_set **out, tcs_error *err)
{
    *out = NULL;
    tcs_scale_set *set = calloc(1, sizeof *set);
    if (!set || !(set->path = tcs_strndup(path, strlen(path)))) {
        free(set);
        return tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
    }
    set_state st = {.set = set, .path = path};
    tcs_status s = tcs_read_table(path, NULL, set_row, &st, NULL, err);
    if (s == TCS_OK && set->n == 0)
        s = tcs_error_set(err, TCS_ECONFIG, path, 0, 0,
                          st.have_header ? "the scales file defines no scale"
                                         : "the scales file is empty");
    if (s != TCS_OK) {
        tcs_scale_set_free(set);
        return s;
    }
    *out = set;
    return TCS_OK;
}

void tcs_scale_set_free(tcs_scale_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n; i++)
        tcs_scale_def_free(set->defs[i]);
    free(set->defs);
    free(set->path);
    free(set);
}

size_t tcs_scale_set_count(const tcs_scale_set *set) { return set ? set->n : 0; }

const tcs_scale_def *tcs_scale_set_at(const tcs_scale_set *set, size_t i)
{
    return set && i < set->n ? set->defs[i] : NULL;
}

const tcs_scale_def *tcs_scale_set_find(const tcs_scale_set *set, const char *name)
{
    for (size_t i = 0; set && name && i < set->n; i++)
        if (strcasecmp(set->defs[i]->name, name) == 0)
            return set->defs[i];
    return NULL;
}

const char *tcs_scale_set_path(const tcs_scale_set *set) { return set ? set->path : ""; }
