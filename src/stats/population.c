/* population.c - the populations of waves and groups: --population specs,
 * population files, and putting them on loaded waves and groups. */
#include "tcsurvey/population.h"
#include "tcsurvey/reader.h"
#include "tcsurvey/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tcs_populations {
    tcs_population_entry *e;
    size_t n, cap;
};

tcs_status tcs_populations_new(tcs_populations **out, tcs_error *err)
{
    *out = calloc(1, sizeof **out);
    return *out ? TCS_OK : tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
}

static void entry_free(tcs_population_entry *e)
{
    free(e->wave);
    free(e->column);
    free(e->group);
}

void tcs_populations_free(tcs_populations *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        entry_free(&p->e[i]);
    free(p->e);
    free(p);
}

size_t tcs_populations_count(const tcs_populations *p) { return p->n; }
const tcs_population_entry *tcs_populations_at(const tcs_populations *p, size_t i)
{
    return i < p->n ? &p->e[i] : NULL;
}

/* Text equal ignoring case, spacing and punctuation (both may be NULL). */
static bool same_text(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    char na[512], nb[512];
    tcs_label_normalise(a, strlen(a), na, sizeof na);
    tcs_label_normalise(b, strlen(b), nb, sizeof nb);
    return strcmp(na, nb) == 0;
}

static bool same_wave(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

/* Add (or replace) an entry; takes the strings. */
static tcs_status add_entry(tcs_populations *p, tcs_population_entry e, tcs_error *err)
{
    for (size_t i = 0; i < p->n; i++) {
        tcs_population_entry *o = &p->e[i];
        if (same_wave(o->wave, e.wave) && same_text(o->column, e.column) &&
            same_text(o->group, e.group)) {
            entry_free(o);
            *o = e;
            return TCS_OK;
        }
    }
    if (p->n == p->cap) {
        size_t ncap = p->cap ? 2 * p->cap : 8;
        tcs_population_entry *ne = realloc(p->e, ncap * sizeof *ne);
        if (!ne) {
            entry_free(&e);
            return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
        }
        p->e = ne;
        p->cap = ncap;
    }
    p->e[p->n++] = e;
    return TCS_OK;
}

/* A copy of s[0..n) trimmed, or NULL when empty (*oom on failure). */
static char *dup_trimmed(const char *s, size_t n, bool *oom)
{
    size_t len;
    const char *t = tcs_trim(s, n, &len);
    if (!len)
        return NULL;
    char *c = tcs_strndup(t, len);
    if (!c)
        *oom = true;
    return c;
}

static bool parse_count(const char *s, size_t n, long *out)
{
    size_t len;
    const char *t = tcs_trim(s, n, &len);
    return len && tcs_parse_int(t, len, out) && *out >= 1;
}

tcs_status tcs_populations_add_spec(tcs_populations *p, const char *spec, tcs_error *err)
{
    const char *eq = strchr(spec, '=');
    const char *num = strrchr(spec, ':');
    if (!eq)
        return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0,
                             "--population '%s': write LABEL=N (a wave) or COLUMN=GROUP:N (a "
                             "group), or give a population file",
                             spec);
    bool group = num && num > eq;
    const char *n_at = group ? num + 1 : eq + 1;
    long n;
    if (!parse_count(n_at, strlen(n_at), &n))
        return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0,
                             "--population '%s': the population must be a whole number of "
                             "people, 1 or more",
                             spec);
    tcs_population_entry e = {.population = n};
    bool oom = false, empty;
    if (!group) {
        e.wave = dup_trimmed(spec, (size_t)(eq - spec), &oom);
        empty = !e.wave;
    } else {
        const char *colon = memchr(spec, ':', (size_t)(eq - spec)); /* LABEL:COLUMN */
        const char *col_at = colon ? colon + 1 : spec;
        if (colon)
            e.wave = dup_trimmed(spec, (size_t)(colon - spec), &oom);
        e.column = dup_trimmed(col_at, (size_t)(eq - col_at), &oom);
        e.group = dup_trimmed(eq + 1, (size_t)(num - eq - 1), &oom);
        empty = (colon && !e.wave) || !e.column || !e.group;
    }
    if (oom || empty) {
        entry_free(&e);
        return oom ? tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory")
                   : tcs_error_set(err, TCS_EINVAL, NULL, 0, 0,
                                   "--population '%s': a part is empty", spec);
    }
    return add_entry(p, e, err);
}

/* ---- the population file ---- */

enum { F_WAVE, F_POPULATION, F_COLUMN, F_GROUP, F_COUNT };
static const char *const field_names[F_COUNT] = {"wave", "population", "column", "group"};

typedef struct {
    tcs_populations *p;
    const char *path;
    long col[F_COUNT];
    bool have_header;
    size_t rows;
} load_state;

static tcs_status read_header(load_state *st, long row, const tcs_cell *cells, size_t n,
                              tcs_error *err)
{
    for (int f = 0; f < F_COUNT; f++)
        st->col[f] = -1;
    for (size_t i = 0; i < n; i++) {
        char norm[128];
        tcs_label_normalise(cells[i].text, cells[i].len, norm, sizeof norm);
        for (int f = 0; f < F_COUNT; f++)
            if (strcmp(norm, field_names[f]) == 0) {
                if (st->col[f] >= 0)
                    return tcs_error_set(err, TCS_ECODEBOOK, st->path, row, (long)i + 1,
                                         "the column '%s' appears twice", norm);
                st->col[f] = (long)i;
            }
    }
    if (st->col[F_WAVE] < 0 || st->col[F_POPULATION] < 0)
        return tcs_error_set(err, TCS_ECODEBOOK, st->path, row, 0,
                             "the population file needs the columns wave and population "
                             "(and column, group for groups)");
    st->have_header = true;
    return TCS_OK;
}

static tcs_status on_row(void *ctx, long row, const tcs_cell *cells, size_t n, tcs_error *err)
{
    load_state *st = ctx;
    if (tcs_record_blank(cells, n))
        return TCS_OK;
    if (!st->have_header)
        return read_header(st, row, cells, n, err);
    bool oom = false;
    tcs_population_entry e = {.row = row};
    char *pop = tcs_record_field(cells, n, st->col[F_POPULATION], &oom);
    e.wave = tcs_record_field(cells, n, st->col[F_WAVE], &oom);
    e.column = tcs_record_field(cells, n, st->col[F_COLUMN], &oom);
    e.group = tcs_record_field(cells, n, st->col[F_GROUP], &oom);
    tcs_status s = TCS_OK;
    if (oom)
        s = tcs_error_set(err, TCS_ENOMEM, st->path, row, 0, "out of memory");
    else if (!pop || !parse_count(pop, strlen(pop), &e.population))
        s = tcs_error_set(err, TCS_ECODEBOOK, st->path, row, st->col[F_POPULATION] + 1,
                          "population must be a whole number of people, 1 or more, not '%s'",
                          pop ? pop : "");
    else if (!e.column != !e.group)
        s = tcs_error_set(err, TCS_ECODEBOOK, st->path, row,
                          (e.column ? st->col[F_GROUP] : st->col[F_COLUMN]) + 1,
                          "a group's population needs both its column and its group");
    else if (!e.column && !e.wave)
        s = tcs_error_set(err, TCS_ECODEBOOK, st->path, row, st->col[F_WAVE] + 1,
                          "a wave's population needs its wave label");
    free(pop);
    if (s != TCS_OK) {
        entry_free(&e);
        return s;
    }
    st->rows++;
    return add_entry(st->p, e, err);
}

tcs_status tcs_populations_load(tcs_populations *p, const char *path, tcs_error *err)
{
    load_state st = {.p = p, .path = path};
    tcs_read_options ro = {0};
    tcs_source_info info;
    tcs_status s = tcs_read_table(path, &ro, on_row, &st, &info, err);
    if (s == TCS_OK && !st.have_header)
        s = tcs_error_set(err, TCS_EEMPTY, path, 0, 0, "the population file is empty");
    return s;
}

/* ---- putting them on waves ---- */

bool tcs_populations_wave(const tcs_populations *p, const char *label, long *population)
{
    for (size_t i = 0; i < p->n; i++)
        if (!p->e[i].column && p->e[i].wave && strcmp(p->e[i].wave, label) == 0) {
            *population = p->e[i].population;
            return true;
        }
    return false;
}

static long wave_index(const tcs_waves *w, const char *label)
{
    for (size_t i = 0; i < tcs_waves_count(w); i++)
        if (strcmp(tcs_waves_wave(w, i)->label, label) == 0)
            return (long)i;
    return -1;
}

/* Where an entry came from, for messages. */
static const char *origin(const tcs_population_entry *e, char *buf, size_t n)
{
    if (e->row)
        snprintf(buf, n, " (population file row %ld)", e->row);
    else
        buf[0] = '\0';
    return buf;
}

tcs_status tcs_populations_apply(const tcs_populations *p, tcs_waves *w, tcs_error *err)
{
    char where[64];
    for (size_t i = 0; i < p->n; i++) {
        const tcs_population_entry *e = &p->e[i];
        if (e->column)
            continue;
        long k = wave_index(w, e->wave);
        if (k < 0)
            return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0,
                                 "population for wave '%s'%s, but no wave has that label",
                                 e->wave, origin(e, where, sizeof where));
        tcs_status st = tcs_waves_set_population(w, (size_t)k, e->population, err);
        if (st != TCS_OK)
            return st;
    }
    return TCS_OK;
}

/* The group of g an entry names, or -1. */
static long find_group(const tcs_grouping *g, const char *label)
{
    for (size_t k = 0; k < g->n; k++)
        if (same_text(g->groups[k].label, label))
            return (long)k;
    return -1;
}

tcs_status tcs_populations_apply_groups(const tcs_populations *p, const tcs_waves *w,
                                        const char *by, tcs_grouping *g, tcs_error *err)
{
    if (!g || tcs_waves_count(w) == 0)
        return TCS_OK;
    const tcs_survey *first = tcs_waves_wave(w, 0)->survey;
    size_t by_col;
    tcs_status st = tcs_group_column(first, by, &by_col, err);
    char where[64];
    for (size_t i = 0; i < p->n && st == TCS_OK; i++) {
        const tcs_population_entry *e = &p->e[i];
        size_t col;
        tcs_error why;
        if (!e->column)
            continue;
        if (tcs_group_column(first, e->column, &col, &why) != TCS_OK)
            return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0, "population for column '%s'%s: %s",
                                 e->column, origin(e, where, sizeof where), why.message);
        if (col != by_col)
            continue; /* another column's groups */
        long k = find_group(g, e->group);
        long wv = e->wave ? wave_index(w, e->wave) : 0;
        if (k < 0)
            return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0,
                                 "population for group '%s' of %s%s, but the column has no "
                                 "such group",
                                 e->group, e->column, origin(e, where, sizeof where));
        if (wv < 0)
            return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0,
                                 "population for wave '%s'%s, but no wave has that label",
                                 e->wave, origin(e, where, sizeof where));
        tcs_group *gr = &g->groups[k];
        if (gr->suppressed || !gr->waves)
            continue;
        for (size_t j = 0; j < tcs_waves_count(gr->waves) && st == TCS_OK; j++) {
            if (e->wave && (long)j != wv)
                continue;
            long responses = tcs_survey_responses(tcs_waves_wave(gr->waves, j)->survey);
            if (e->population < responses)
                return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0,
                                     "the population of group '%s' in wave %s (%ld)%s is less "
                                     "than its %ld responses",
                                     e->group, tcs_waves_wave(w, j)->label, e->population,
                                     origin(e, where, sizeof where), responses);
            st = tcs_waves_set_population(gr->waves, j, e->population, err);
        }
    }
    return st;
}
