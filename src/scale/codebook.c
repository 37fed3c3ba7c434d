/* codebook.c - read and validate a codebook CSV. */
#include "tcsurvey/codebook.h"
#include "tcsurvey/escape.h"
#include "tcsurvey/reader.h"
#include "tcsurvey/text.h"
#include "common/strindex.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tcs_codebook {
    char *path;
    tcs_codebook_entry *entries;
    size_t n, cap;
    /* ids while loading: open addressing, entry index + 1 (0 = empty), so
     * that a long codebook is checked for repeated ids in linear time */
    size_t *slots;
    size_t nslots; /* a power of two, at least twice n */
};

/* Ids by the library's one hash (an id may have several rows, one per set
 * of waves, so the index keeps every row: a tcs_strindex keeps one). */
static size_t id_hash(const char *s) { return tcs_strindex_hash(s, NULL); }

/* Do two ';'-separated wave lists share a wave? */
static bool waves_overlap(const char *a, const char *b)
{
    for (const char *p = a; *p;) {
        size_t seg = strcspn(p, ";"), len;
        const char *t = tcs_trim(p, seg, &len);
        char label[64];
        snprintf(label, sizeof label, "%.*s", (int)len, t);
        tcs_codebook_entry probe = {.waves = (char *)b};
        if (len && tcs_codebook_entry_in_wave(&probe, label))
            return true;
        p += seg + (p[seg] == ';');
    }
    return false;
}

/* An earlier row with e's id for a wave e is asked in, or NULL: one id may
 * name different questions in different waves (rows whose waves do not
 * overlap). */
static const tcs_codebook_entry *id_clash(const tcs_codebook *cb, const tcs_codebook_entry *e)
{
    if (!cb->nslots)
        return NULL;
    for (size_t i = id_hash(e->id) & (cb->nslots - 1);; i = (i + 1) & (cb->nslots - 1)) {
        size_t k = cb->slots[i];
        if (!k)
            return NULL;
        const tcs_codebook_entry *d = &cb->entries[k - 1];
        if (strcmp(d->id, e->id) == 0 && (!d->waves || !e->waves || waves_overlap(d->waves, e->waves)))
            return d;
    }
}

static void id_put(tcs_codebook *cb, size_t index)
{
    size_t i = id_hash(cb->entries[index].id) & (cb->nslots - 1);
    while (cb->slots[i])
        i = (i + 1) & (cb->nslots - 1);
    cb->slots[i] = index + 1;
}

/* Room in the index for one more entry; false when out of memory. */
static bool id_reserve(tcs_codebook *cb)
{
    if (2 * (cb->n + 1) <= cb->nslots)
        return true;
    size_t ns = cb->nslots ? 2 * cb->nslots : 64;
    size_t *slots = calloc(ns, sizeof *slots);
    if (!slots)
        return false;
    free(cb->slots);
    cb->slots = slots;
    cb->nslots = ns;
    for (size_t k = 0; k < cb->n; k++)
        id_put(cb, k);
    return true;
}

enum {
    F_ID, F_PATTERN, F_STATEMENT, F_PILLAR, F_SCALE, F_REVERSE, F_INCLUDE, F_WAVES,
    F_LABELS, F_NONSUBSTANTIVE, F_VALUES, F_ROLE, F_COUNT
};
static const char *const field_names[F_COUNT] = {
    "id",      "pattern", "statement", "pillar", "scale",          "reverse",
    "include", "waves",   "labels",    "nonsubstantive", "values", "role"};

typedef struct {
    tcs_codebook *cb;
    const char *path;
    const tcs_scale_set *scales;
    long field_col[F_COUNT]; /* 0-based column of each field, -1 absent */
    bool have_header;
} load_state;

static const char *const role_names[] = {
    [TCS_CB_ROLE_AUTO] = "",
    [TCS_CB_ROLE_RATING] = "rating",
    [TCS_CB_ROLE_CATEGORICAL] = "categorical",
    [TCS_CB_ROLE_MULTISELECT] = "multi-select",
    [TCS_CB_ROLE_FREETEXT] = "free-text",
    [TCS_CB_ROLE_EXCLUDE] = "exclude",
};

const char *tcs_codebook_role_name(tcs_codebook_role role)
{
    return (unsigned)role < sizeof role_names / sizeof role_names[0] ? role_names[role] : "";
}

/* A role as written ("Rating", "likert", "free text", "excluded"...); -1
 * if none. */
static int parse_role(const char *s)
{
    char norm[32];
    tcs_label_normalise(s, strlen(s), norm, sizeof norm);
    static const struct {
        const char *name;
        tcs_codebook_role role;
    } names[] = {
        {"rating", TCS_CB_ROLE_RATING},          {"likert", TCS_CB_ROLE_RATING},
        {"question", TCS_CB_ROLE_RATING},        {"scale", TCS_CB_ROLE_RATING},
        {"categorical", TCS_CB_ROLE_CATEGORICAL}, {"category", TCS_CB_ROLE_CATEGORICAL},
        {"demographic", TCS_CB_ROLE_CATEGORICAL}, {"multi select", TCS_CB_ROLE_MULTISELECT},
        {"multiselect", TCS_CB_ROLE_MULTISELECT}, {"free text", TCS_CB_ROLE_FREETEXT},
        {"freetext", TCS_CB_ROLE_FREETEXT},       {"text", TCS_CB_ROLE_FREETEXT},
        {"exclude", TCS_CB_ROLE_EXCLUDE},         {"excluded", TCS_CB_ROLE_EXCLUDE},
        {"metadata", TCS_CB_ROLE_EXCLUDE},        {"auto", TCS_CB_ROLE_AUTO},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(norm, names[i].name) == 0)
            return (int)names[i].role;
    return -1;
}

static int parse_yes_no(const char *s, bool dflt)
{
    if (!s)
        return dflt;
    char norm[32];
    tcs_label_normalise(s, strlen(s), norm, sizeof norm);
    static const char *const yes[] = {"yes", "y", "true", "1", "include", NULL};
    static const char *const no[] = {"no", "n", "false", "0", "exclude", NULL};
    for (size_t i = 0; yes[i]; i++)
        if (strcmp(norm, yes[i]) == 0)
            return 1;
    for (size_t i = 0; no[i]; i++)
        if (strcmp(norm, no[i]) == 0)
            return 0;
    return -1;
}

static void entry_free(tcs_codebook_entry *e)
{
    free(e->id);
    free(e->pattern);
    free(e->statement);
    free(e->pillar);
    free(e->waves);
    free(e->nonsubstantive);
    tcs_scale_def_free(e->labels);
    tcs_value_labels_free(e->values, e->nvalues);
}

/* The scale, labels, values and role fields of a row. */
static tcs_status parse_scale_fields(load_state *st, long row, tcs_codebook_entry *e,
                                     const char *scale, const char *labels, const char *values,
                                     const char *role, tcs_error *err)
{
    long sc = st->field_col[F_SCALE] + 1, lc = st->field_col[F_LABELS] + 1;
    long vc = st->field_col[F_VALUES] + 1, rc = st->field_col[F_ROLE] + 1;
    e->scale_col = sc;
    e->labels_col = lc;
    e->values_col = vc;
    e->ns_col = st->field_col[F_NONSUBSTANTIVE] + 1;
    if (scale && labels)
        return tcs_error_set(err, TCS_ECODEBOOK, st->path, row, lc,
                             "give scale or labels, not both (labels defines the question's "
                             "own scale)");
    if (scale) {
        const tcs_scale_def *d = tcs_scale_set_find(st->scales, scale);
        if (d) {
            tcs_scale_from_def(d, &e->scale);
            e->has_scale = true;
        } else if (!(e->has_scale = tcs_scale_by_name(scale, &e->scale)))
            return tcs_error_set(err, TCS_ECODEBOOK, st->path, row, sc,
                                 "unknown scale '%.80s' (use a range such as 1-10, a built-in "
                                 "scale such as agree5 (tcsurvey help scales), a scale of the "
                                 "scales file, or write the answers in the labels column)",
                                 scale);
    }
    tcs_error sub;
    tcs_error_clear(&sub);
    if (labels) {
        char name[TCS_SCALE_NAME_MAX];
        snprintf(name, sizeof name, "labels:%.*s", (int)(sizeof name - 8), e->id);
        if (tcs_scale_def_parse(name, "user", NULL, labels, e->nonsubstantive, &e->labels, &sub) !=
            TCS_OK)
            return tcs_error_set(err, sub.status == TCS_ENOMEM ? TCS_ENOMEM : TCS_ECODEBOOK,
                                 st->path, row, lc, "%s", sub.message);
        tcs_scale_from_def(e->labels, &e->scale);
        e->has_scale = true;
    }
    if (values && tcs_value_labels_parse(values, &e->values, &e->nvalues, &sub) != TCS_OK)
        return tcs_error_set(err, sub.status == TCS_ENOMEM ? TCS_ENOMEM : TCS_ECODEBOOK,
                             st->path, row, vc, "%s", sub.message);
    if (role) {
        int r = parse_role(role);
        if (r < 0)
            return tcs_error_set(err, TCS_ECODEBOOK, st->path, row, rc,
                                 "role must be rating, categorical, multi-select, free-text or "
                                 "exclude, not '%.40s'",
                                 role);
        e->role = (tcs_codebook_role)r;
        if (e->role == TCS_CB_ROLE_EXCLUDE)
            e->include = false;
    }
    return TCS_OK;
}

static tcs_status on_row(void *ctx, long row, const tcs_cell *cells, size_t n, tcs_error *err)
{
    load_state *st = ctx;
    if (tcs_record_blank(cells, n))
        return TCS_OK;
    if (!st->have_header) {
        for (int f = 0; f < F_COUNT; f++)
            st->field_col[f] = -1;
        char norm[64];
        for (size_t i = 0; i < n; i++) {
            tcs_label_normalise(cells[i].text, cells[i].len, norm, sizeof norm);
            for (int f = 0; f < F_COUNT; f++)
                if (strcmp(norm, field_names[f]) == 0 && st->field_col[f] < 0)
                    st->field_col[f] = (long)i;
        }
        if (st->field_col[F_ID] < 0)
            return tcs_error_set(err, TCS_ECODEBOOK, st->path, row, 0,
                                 "the codebook has no 'id' column (expected columns: id, "
                                 "pattern, statement, pillar, scale, labels, nonsubstantive, "
                                 "values, role, reverse, include, waves)");
        st->have_header = true;
        return TCS_OK;
    }
    tcs_codebook *cb = st->cb;
    if (cb->n == cb->cap) {
        size_t ncap = cb->cap ? cb->cap * 2 : 32;
        tcs_codebook_entry *e = realloc(cb->entries, ncap * sizeof *e);
        if (!e)
            return tcs_error_set(err, TCS_ENOMEM, st->path, row, 0, "out of memory");
        cb->entries = e;
        cb->cap = ncap;
    }
    tcs_codebook_entry e = {.row = row, .include = true};
    bool oom = false;
    e.id = tcs_record_field(cells, n, st->field_col[F_ID], &oom);
    e.pattern = tcs_record_field(cells, n, st->field_col[F_PATTERN], &oom);
    e.statement = tcs_record_field(cells, n, st->field_col[F_STATEMENT], &oom);
    e.pillar = tcs_record_field(cells, n, st->field_col[F_PILLAR], &oom);
    e.waves = tcs_record_field(cells, n, st->field_col[F_WAVES], &oom);
    e.nonsubstantive = tcs_record_field(cells, n, st->field_col[F_NONSUBSTANTIVE], &oom);
    char *scale = tcs_record_field(cells, n, st->field_col[F_SCALE], &oom);
    char *reverse = tcs_record_field(cells, n, st->field_col[F_REVERSE], &oom);
    char *include = tcs_record_field(cells, n, st->field_col[F_INCLUDE], &oom);
    char *labels = tcs_record_field(cells, n, st->field_col[F_LABELS], &oom);
    char *values = tcs_record_field(cells, n, st->field_col[F_VALUES], &oom);
    char *role = tcs_record_field(cells, n, st->field_col[F_ROLE], &oom);
    char *text_fields[] = {e.id, e.pattern, e.statement, e.pillar, e.waves, e.nonsubstantive,
                           scale, labels, values, role};
    for (size_t k = 0; k < sizeof text_fields / sizeof text_fields[0]; k++)
        tcs_csv_unguard(text_fields[k]); /* a cell tcsurvey draft wrote, read back */
    tcs_status s = TCS_OK;
    int yn;
    if (oom)
        s = tcs_error_set(err, TCS_ENOMEM, st->path, row, 0, "out of memory");
    else if (!e.id)
        s = tcs_error_set(err, TCS_ECODEBOOK, st->path, row, st->field_col[F_ID] + 1,
                          "empty id");
    else if ((s = parse_scale_fields(st, row, &e, scale, labels, values, role, err)) != TCS_OK)
        ;
    else if ((yn = parse_yes_no(reverse, false)) < 0)
        s = tcs_error_set(err, TCS_ECODEBOOK, st->path, row, st->field_col[F_REVERSE] + 1,
                          "reverse must be yes or no, not '%s'", reverse);
    else {
        e.reverse = yn == 1;
        if ((yn = parse_yes_no(include, true)) < 0)
            s = tcs_error_set(err, TCS_ECODEBOOK, st->path, row, st->field_col[F_INCLUDE] + 1,
                              "include must be yes or no, not '%s'", include);
        else
            e.include = e.include && yn == 1;
    }
    const tcs_codebook_entry *dup;
    if (s == TCS_OK && (dup = id_clash(cb, &e)) != NULL)
        s = tcs_error_set(err, TCS_ECODEBOOK, st->path, row, st->field_col[F_ID] + 1,
                          "id '%s' is already defined in row %ld%s", e.id, dup->row,
                          dup->waves && e.waves ? " for one of the same waves" : "");
    if (s == TCS_OK && !id_reserve(cb))
        s = tcs_error_set(err, TCS_ENOMEM, st->path, row, 0, "out of memory");
    free(scale);
    free(reverse);
    free(include);
    free(labels);
    free(values);
    free(role);
    if (s != TCS_OK) {
        entry_free(&e);
        return s;
    }
    cb->entries[cb->n] = e;
    id_put(cb, cb->n++);
    return TCS_OK;
}

tcs_status tcs_codebook_load(const char *path, tcs_codebook **out, tcs_error *err)
{
    return tcs_codebook_load_with(path, NULL, out, err);
}

tcs_status tcs_codebook_load_with(const char *path, const tcs_scale_set *scales,
                                  tcs_codebook **out, tcs_error *err)
{
    *out = NULL;
    tcs_codebook *cb = calloc(1, sizeof *cb);
    if (!cb || !(cb->path = tcs_strndup(path, strlen(path)))) {
        free(cb);
        return tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
    }
    load_state st = {.cb = cb, .path = path, .scales = scales};
    tcs_status s = tcs_read_table(path, NULL, on_row, &st, NULL, err);
    free(cb->slots); /* only needed while loading */
    cb->slots = NULL;
    cb->nslots = 0;
    if (s == TCS_OK && !st.have_header)
        s = tcs_error_set(err, TCS_ECODEBOOK, path, 0, 0, "the codebook is empty");
    if (s != TCS_OK) {
        tcs_codebook_free(cb);
        return s;
    }
    *out = cb;
    return TCS_OK;
}

void tcs_codebook_free(tcs_codebook *cb)
{
    if (!cb)
        return;
    for (size_t i = 0; i < cb->n; i++)
        entry_free(&cb->entries[i]);
    free(cb->entries);
    free(cb->slots);
    free(cb->path);
    free(cb);
}

bool tcs_codebook_entry_in_wave(const tcs_codebook_entry *e, const char *label)
{
    if (!e->waves)
        return true;
    if (!label)
        return false;
    size_t n = strlen(label);
    for (const char *p = e->waves; *p;) {
        size_t len;
        const char *end = strchr(p, ';');
        size_t seg = end ? (size_t)(end - p) : strlen(p);
        const char *t = tcs_trim(p, seg, &len);
        if (len == n && memcmp(t, label, n) == 0)
            return true;
        p += seg + (end ? 1 : 0);
    }
    return false;
}

size_t tcs_codebook_size(const tcs_codebook *cb) { return cb ? cb->n : 0; }

const tcs_codebook_entry *tcs_codebook_entry_at(const tcs_codebook *cb, size_t i)
{
    return cb && i < cb->n ? &cb->entries[i] : NULL;
}

const char *tcs_codebook_path(const tcs_codebook *cb) { return cb ? cb->path : ""; }
