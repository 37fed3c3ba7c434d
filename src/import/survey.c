/* survey.c - one pass over an export into per-column answer counts, then
 * the role and scale of every column. */
#define _POSIX_C_SOURCE 200809L
#include "tcsurvey/survey.h"
#include "import/pipe.h"
#include "common/strindex.h"
#include "tcsurvey/question.h"
#include "tcsurvey/text.h"

#include <stdarg.h>
#include <stdint.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Answers longer than this are never scale labels: counted, not kept. */
#define KEY_MAX 200

static const char *const role_names[TCS_ROLE_COUNT] = {
    [TCS_ROLE_METADATA] = "metadata",   [TCS_ROLE_LIKERT] = "likert",
    [TCS_ROLE_RATING] = "rating",       [TCS_ROLE_CATEGORICAL] = "categorical",
    [TCS_ROLE_MULTISELECT] = "multi-select", [TCS_ROLE_FREETEXT] = "free-text",
    [TCS_ROLE_NUMERIC] = "numeric",     [TCS_ROLE_EMPTY] = "empty",
    [TCS_ROLE_EXCLUDED] = "excluded",
};

const char tcs_basis_codebook[] = "codebook";
const char tcs_basis_labels[] = "labels";
const char tcs_basis_file_range[] = "range most rating columns need";
const char tcs_basis_own_range[] = "smallest range holding the answers";
const char tcs_basis_grid_range[] = "smallest range holding the grid's answers";

const char *tcs_role_name(tcs_role role)
{
    return (unsigned)role < TCS_ROLE_COUNT ? role_names[role] : "unknown";
}

/* ---- distinct answers of one column ----
 *
 * While the file streams past, each answer is looked up in an index keyed
 * by a word-at-a-time hash (most answers are short and seen before: one
 * hash, one probe, one compare). The distinct answers are kept in the order
 * first seen. When the pass is over, vm_finish lays them out in the table
 * the classification reads (open addressing on FNV-1a, grown by doubling),
 * inserting them in that same order, so the table, and with it every
 * result, is what inserting each answer into it directly would give. */

typedef struct {
    char *key; /* NULL = empty slot */
    size_t len;
    uint32_t hash;
    long count;
} vm_slot;

typedef struct {
    uint64_t w[4];  /* key_words */
    uint64_t hash;  /* key_hash */
    size_t len;
    long count;
    char *key;
    bool semicolon; /* the answer contains ';' */
} vm_entry;

typedef struct {
    /* while reading */
    vm_entry *entries; /* distinct answers, in the order first seen */
    size_t ecap;
    uint16_t *index;   /* 1-based entry numbers, 0 = empty */
    size_t icap;
    /* after vm_finish */
    vm_slot *slots;
    size_t cap, n;
    long semicolon_cells; /* answers containing ';' (multi-select exports) */
    long long total_len;  /* bytes of all answers, for telling free text */
    bool overflow;
    bool overflow_numeric_only; /* every answer not kept was a number */
    /* A metadata or excluded column: once it has overflowed (an identifier
     * or a timestamp) only its count of answers is still of use, so it is
     * frozen and its answers are no longer looked up. */
    bool count_only, frozen;
} value_map;

static uint32_t fnv1a(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static inline uint64_t load8(const char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    return w;
}

/* key_masks[n][k]: the bytes of word k (bytes 8k..8k+7) that lie within an
 * answer of n bytes. A table rather than arithmetic on n: compilers turn
 * the arithmetic into branches, and branches on random lengths mispredict. */
static const uint64_t key_masks[33][4] = {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    {0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xff00000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffff000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffff0000000000ull, 0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffff00000000ull, 0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffff000000ull, 0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffff0000ull, 0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffff00ull, 0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xff00000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffff000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffff0000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffff00000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffff000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffff0000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffff00ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xff00000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffff000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffff0000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffff00000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffff000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffff0000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffff00ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xff00000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffff000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffff0000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffff00000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffff000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffff0000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffff00ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull},
#else
    {0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0x00000000000000ffull, 0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0x000000000000ffffull, 0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0x0000000000ffffffull, 0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0x00000000ffffffffull, 0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0x000000ffffffffffull, 0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0x0000ffffffffffffull, 0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0x00ffffffffffffffull, 0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0x00000000000000ffull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0x000000000000ffffull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0x0000000000ffffffull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0x00000000ffffffffull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0x000000ffffffffffull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0x0000ffffffffffffull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0x00ffffffffffffffull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0x00000000000000ffull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0x000000000000ffffull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0x0000000000ffffffull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0x00000000ffffffffull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0x000000ffffffffffull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0x0000ffffffffffffull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0x00ffffffffffffffull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0x00000000000000ffull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0x000000000000ffffull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0x0000000000ffffffull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0x00000000ffffffffull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0x000000ffffffffffull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0x0000ffffffffffffull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0x00ffffffffffffffull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull},
#endif
};

/* An answer's first 32 bytes as four words, the bytes past its end masked
 * to zero (reader.h promises TCS_CELL_SLACK readable bytes there). With
 * the length they are an answer of up to 32 bytes itself, so comparing one
 * is four word compares, and nothing here branches on the length. */
static inline void key_words(const char *s, size_t n, uint64_t w[4])
{
    const uint64_t *m = key_masks[n < 32 ? n : 32];
    for (int k = 0; k < 4; k++)
        w[k] = load8(s + 8 * k) & m[k];
}

static inline uint64_t key_hash(const char *s, size_t n, const uint64_t w[4])
{
    uint64_t h = (w[0] * 0xBF58476D1CE4E5B9ull) ^ (w[1] * 0x94D049BB133111EBull) ^
                 (w[2] * 0x9E3779B97F4A7C15ull) ^ (w[3] * 0xD6E8FEB86659FD93ull) ^
                 (uint64_t)n;
    for (size_t i = 32; i < n; i += 8) { /* the rest of a long answer */
        uint64_t w = 0;
        memcpy(&w, s + i, n - i < 8 ? n - i : 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
    }
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    return h ^ (h >> 29);
}

/* The index of a map with no answers yet: one empty slot, so that a
 * lookup needs no test for a missing index. */
static uint16_t empty_index[1];

static void vm_init(value_map *m)
{
    m->index = empty_index;
    m->icap = 1;
}

static bool vm_index_grow(value_map *m)
{
    size_t ncap = m->icap > 1 ? m->icap * 2 : 16;
    uint16_t *ni = calloc(ncap, sizeof *ni);
    if (!ni)
        return false;
    for (size_t e = 0; e < m->n; e++) {
        size_t j = (size_t)m->entries[e].hash & (ncap - 1);
        while (ni[j])
            j = (j + 1) & (ncap - 1);
        ni[j] = (uint16_t)(e + 1);
    }
    if (m->index != empty_index)
        free(m->index);
    m->index = ni;
    m->icap = ncap;
    return true;
}

/* Count one answer. Returns false only when out of memory. */
static bool vm_add(value_map *m, const char *s, size_t n)
{
    uint64_t w[4];
    key_words(s, n, w);
    uint64_t h = key_hash(s, n, w);
    size_t j = (size_t)h & (m->icap - 1);
    for (uint16_t e; (e = m->index[j]) != 0; j = (j + 1) & (m->icap - 1)) {
        vm_entry *en = &m->entries[e - 1];
        uint64_t diff = (en->hash ^ h) | (uint64_t)(en->len ^ n) | (en->w[0] ^ w[0]) |
                        (en->w[1] ^ w[1]) | (en->w[2] ^ w[2]) | (en->w[3] ^ w[3]);
        if (diff == 0 && (n <= 32 || memcmp(en->key, s, n) == 0)) {
            en->count++;
            return true;
        }
    }
    if (m->n >= TCS_DISTINCT_MAX || n > KEY_MAX) {
        m->total_len += (long long)n;
        if (memchr(s, ';', n))
            m->semicolon_cells++;
        double v;
        if (!m->overflow)
            m->overflow_numeric_only = true;
        m->overflow = true;
        m->frozen = m->count_only;
        if (!tcs_parse_double(s, n, &v))
            m->overflow_numeric_only = false;
        return true;
    }
    if (m->n == m->ecap) {
        size_t ncap = m->ecap ? m->ecap * 2 : 8;
        vm_entry *ne = realloc(m->entries, ncap * sizeof *ne);
        if (!ne)
            return false;
        m->entries = ne;
        m->ecap = ncap;
    }
    if ((m->n + 1) * 2 > m->icap && !vm_index_grow(m))
        return false;
    vm_entry *en = &m->entries[m->n];
    if (!(en->key = tcs_strndup(s, n)))
        return false;
    en->len = n;
    memcpy(en->w, w, sizeof en->w);
    en->hash = h;
    en->count = 1;
    en->semicolon = memchr(s, ';', n) != NULL;
    j = (size_t)h & (m->icap - 1);
    while (m->index[j])
        j = (j + 1) & (m->icap - 1);
    m->index[j] = (uint16_t)(++m->n);
    return true;
}

static bool vm_grow(value_map *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 16;
    vm_slot *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return false;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].key)
            continue;
        size_t j = m->slots[i].hash & (ncap - 1);
        while (ns[j].key)
            j = (j + 1) & (ncap - 1);
        ns[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = ns;
    m->cap = ncap;
    return true;
}

/* After the pass: the answers into the FNV-1a table, in the order first
 * seen, growing it as inserting them one by one while reading would have;
 * the per-answer totals into the per-column ones. */
static bool vm_finish(value_map *m)
{
    size_t n = m->n;
    m->n = 0;
    for (size_t e = 0; e < n; e++) {
        vm_entry *en = &m->entries[e];
        m->total_len += (long long)en->len * en->count;
        if (en->semicolon)
            m->semicolon_cells += en->count;
        if ((m->n + 1) * 2 > m->cap && !vm_grow(m)) {
            m->n = n; /* vm_free frees the keys still in entries */
            return false;
        }
        uint32_t h = fnv1a(en->key, en->len);
        size_t j = h & (m->cap - 1);
        while (m->slots[j].key)
            j = (j + 1) & (m->cap - 1);
        m->slots[j] = (vm_slot){en->key, en->len, h, en->count};
        en->key = NULL;
        m->n++;
    }
    free(m->entries);
    if (m->index != empty_index)
        free(m->index);
    m->entries = NULL;
    m->index = NULL;
    m->icap = 0;
    return true;
}

static void vm_free(value_map *m)
{
    for (size_t i = 0; m->entries && i < m->n; i++)
        free(m->entries[i].key);
    free(m->entries);
    if (m->index != empty_index)
        free(m->index);
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    memset(m, 0, sizeof *m);
}

/* ---- the survey ---- */

struct tcs_survey {
    char *path;
    tcs_source_info source;
    tcs_layout layout;
    long responses;
    tcs_column *columns;
    value_map *maps;
    size_t ncolumns;
    tcs_scale common_range;
    bool has_common_range;
    size_t common_range_votes;
    char **warnings;
    size_t nwarnings;
    bool has_filter;
    tcs_row_filter filter; /* value owned */
    size_t pipe_min_bytes; /* as loaded, for the passes that re-read the file */
    /* loading state */
    const tcs_load_options *opts;
    bool layout_done;
    long probe_rows[TCS_LAYOUT_PROBE_ROWS];
    tcs_cell *probe[TCS_LAYOUT_PROBE_ROWS];
    size_t probe_n[TCS_LAYOUT_PROBE_ROWS];
    size_t nprobe;
};

static void warn(tcs_survey *s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void warn(tcs_survey *s, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char **w = realloc(s->warnings, (s->nwarnings + 1) * sizeof *w);
    if (!w)
        return; /* a lost warning is better than a failed import */
    s->warnings = w;
    if ((w[s->nwarnings] = tcs_strndup(buf, strlen(buf))))
        s->nwarnings++;
}

bool tcs_column_is_question(const tcs_column *c)
{
    return c->role == TCS_ROLE_LIKERT || c->role == TCS_ROLE_RATING;
}

static char *xstrdup(const char *s) { return s ? tcs_strndup(s, strlen(s)) : NULL; }

/* Grid rows that share a numbered stem ("3. Rate [Pay]", "3. Rate
 * [Hours]") share its id: number them 3_1, 3_2 in order. A grid is the
 * columns with one id and one stem (ids without '_', not by position). */
static tcs_status number_grid_rows(tcs_survey *s, tcs_error *err)
{
    size_t n = s->ncolumns;
    size_t *first = malloc((n ? n : 1) * sizeof *first); /* its grid's first column */
    size_t *size = calloc(n ? n : 1, sizeof *size);      /* by first column */
    size_t *seen = calloc(n ? n : 1, sizeof *seen);      /* by first column */
    tcs_strindex idx = {0};
    tcs_status st = TCS_OK;
    if (!first || !size || !seen || !tcs_strindex_init(&idx, n)) {
        st = tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const tcs_column *c = &s->columns[i];
        first[i] = SIZE_MAX;
        if (!c->stem || strchr(c->id, '_') || strncmp(c->id, "col", 3) == 0 ||
            strlen(c->id) >= TCS_ID_MAX)
            continue;
        bool found;
        first[i] = *tcs_strindex_get(&idx, c->id, c->stem, i, &found);
        size[first[i]]++;
    }
    tcs_strindex_free(&idx); /* its keys are the ids renamed below */
    for (size_t i = 0; i < n; i++) {
        tcs_column *c = &s->columns[i];
        size_t f = first[i];
        if (f == SIZE_MAX || size[f] < 2)
            continue;
        char nid[TCS_ID_MAX + 24];
        snprintf(nid, sizeof nid, "%s_%zu", c->id, ++seen[f]);
        char *p = xstrdup(nid);
        if (!p) {
            st = tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
            goto done;
        }
        free(c->id);
        c->id = p;
    }
done:
    tcs_strindex_free(&idx);
    free(first);
    free(size);
    free(seen);
    return st;
}

/* Any other repeated id: later columns are known by position. */
static tcs_status rename_repeated_ids(tcs_survey *s, tcs_error *err)
{
    size_t n = s->ncolumns;
    tcs_strindex idx; /* every column's final id: the first column with it */
    if (!tcs_strindex_init(&idx, n))
        return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
    for (size_t i = 0; i < n; i++) {
        tcs_column *c = &s->columns[i];
        bool found;
        size_t j = *tcs_strindex_get(&idx, c->id, NULL, i, &found);
        if (!found)
            continue;
        char nid[32];
        snprintf(nid, sizeof nid, "col%zu", i + 1);
        warn(s, "column %zu: id '%s' already used by column %zu; known as %s", i + 1, c->id,
             j + 1, nid);
        free(c->id); /* not a key: the index holds column j's */
        if (!(c->id = xstrdup(nid))) {
            tcs_strindex_free(&idx);
            return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
        }
        tcs_strindex_get(&idx, c->id, NULL, i, &found);
    }
    tcs_strindex_free(&idx);
    return TCS_OK;
}

/* Two columns with one header cannot be told apart in any report. */
static tcs_status refuse_duplicate_headers(tcs_survey *s, tcs_error *err)
{
    size_t n = s->ncolumns;
    tcs_strindex idx;
    if (!tcs_strindex_init(&idx, n))
        return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
    tcs_status st = TCS_OK;
    for (size_t i = 0; i < n && st == TCS_OK; i++) {
        const char *h = s->columns[i].header;
        bool found;
        size_t j = h[0] ? *tcs_strindex_get(&idx, h, NULL, i, &found) : 0;
        if (h[0] && found)
            st = tcs_error_set(err, TCS_EFORMAT, s->path, 1, (long)i + 1,
                               "duplicate header '%.200s' (also column %zu): rename one "
                               "so their answers can be told apart",
                               h, j + 1);
    }
    tcs_strindex_free(&idx);
    return st;
}

/* Give every column its identity; apply the codebook. */
static tcs_status setup_columns(tcs_survey *s, tcs_error *err)
{
    tcs_layout *L = &s->layout;
    size_t n = L->ncolumns;
    s->ncolumns = n;
    s->columns = calloc(n ? n : 1, sizeof *s->columns);
    s->maps = calloc(n ? n : 1, sizeof *s->maps);
    if (!s->columns || !s->maps)
        return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
    for (size_t i = 0; i < n; i++)
        vm_init(&s->maps[i]);

    for (size_t i = 0; i < n; i++) {
        tcs_column *c = &s->columns[i];
        c->index = i + 1;
        c->header = xstrdup(L->headers[i]);
        c->code = xstrdup(L->codes[i]);
        if (!c->header || (L->codes[i] && !c->code))
            return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
        c->role = L->metadata[i] ? TCS_ROLE_METADATA : TCS_ROLE_EMPTY;
        tcs_question_name q;
        if (!tcs_question_name_parse(c->header, &q))
            return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
        char id[TCS_ID_MAX + 16];
        if (c->code && c->code[0])
            snprintf(id, sizeof id, "%s", c->code);
        else if (q.id[0])
            snprintf(id, sizeof id, "%s", q.id);
        else
            snprintf(id, sizeof id, "col%zu", i + 1);
        c->id = xstrdup(id);
        c->statement = q.statement;
        c->stem = q.stem;
        c->item = q.item;
        if (!c->id)
            return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
    }

    /* Repeats are found through hash indexes (strindex.h), not by comparing
     * every pair: a header may have 16,384 columns. */
    tcs_status st = number_grid_rows(s, err);
    if (st == TCS_OK)
        st = rename_repeated_ids(s, err);
    if (st == TCS_OK)
        st = refuse_duplicate_headers(s, err);
    if (st != TCS_OK)
        return st;

    const tcs_codebook *cb = s->opts ? s->opts->codebook : NULL;
    for (size_t e = 0; e < tcs_codebook_size(cb); e++) {
        const tcs_codebook_entry *ce = tcs_codebook_entry_at(cb, e);
        size_t matched = 0;
        for (size_t i = 0; i < n; i++) {
            tcs_column *c = &s->columns[i];
            bool hit = ce->pattern ? (tcs_glob_match(ce->pattern, c->header) ||
                                      (c->statement && tcs_glob_match(ce->pattern, c->statement)))
                                   : strcmp(ce->id, c->id) == 0;
            if (!hit)
                continue;
            if (c->codebook_row)
                return tcs_error_set(err, TCS_ECODEBOOK, tcs_codebook_path(cb), ce->row, 0,
                                     "column %zu of %s is already matched by codebook row %ld",
                                     c->index, s->path, c->codebook_row);
            matched++;
            c->codebook_row = ce->row;
            if (ce->pattern || matched > 1) {
                char *id = xstrdup(ce->id);
                if (matched > 1) {
                    char buf[TCS_ID_MAX + 24];
                    snprintf(buf, sizeof buf, "%s_%zu", ce->id, matched);
                    free(id);
                    id = xstrdup(buf);
                }
                if (!id)
                    return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
                free(c->id);
                c->id = id;
            }
            if (ce->statement) {
                char *st = xstrdup(ce->statement);
                if (!st)
                    return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
                free(c->statement);
                c->statement = st;
            }
            if (ce->pillar && !(c->pillar = xstrdup(ce->pillar)))
                return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
            c->reverse = ce->reverse;
            if (ce->has_scale) {
                c->scale = ce->scale;
                c->scale_basis = tcs_basis_codebook;
            }
            if (!ce->include)
                c->role = TCS_ROLE_EXCLUDED;
            else if (c->role == TCS_ROLE_METADATA)
                c->role = TCS_ROLE_EMPTY; /* the codebook says it is a question */
        }
        if (!matched && !(s->opts && s->opts->allow_unmatched_codebook) &&
            (!ce->waves || tcs_codebook_entry_in_wave(ce, s->opts->wave_label)))
            return tcs_error_set(err, TCS_ECODEBOOK, tcs_codebook_path(cb), ce->row, 0,
                                 "%s '%s' matches no column of %s", ce->pattern ? "pattern" : "question",
                                 ce->pattern ? ce->pattern : ce->id, s->path);
    }
    return TCS_OK;
}

/* Bytes tcs_trim may remove at an end of a cell: ASCII white space and
 * either byte of U+00A0. */
static const bool may_trim[256] = {[' '] = true, ['\t'] = true, ['\r'] = true,
                                   ['\n'] = true, [0xC2] = true, [0xA0] = true};

static tcs_status take_data_row(tcs_survey *s, long row, const tcs_cell *cells, size_t ncells,
                                tcs_error *err)
{
    if (tcs_record_blank(cells, ncells))
        return TCS_OK; /* blank line */
    size_t n = s->ncolumns;
    if (ncells > n) {
        for (size_t i = n; i < ncells; i++)
            if (!tcs_cell_blank(&cells[i]))
                return tcs_error_set(err, TCS_EFORMAT, s->path, row, (long)i + 1,
                                     "row has %zu cells but the header has %zu columns; this "
                                     "cell is beyond the last header",
                                     ncells, n);
    } else if (ncells < n && strcmp(s->source.format, "csv") == 0) {
        return tcs_error_set(err, TCS_EFORMAT, s->path, row, (long)ncells + 1,
                             "row has %zu cells but the header has %zu columns", ncells, n);
    }
    if (!tcs_survey_row_selected(s, cells, ncells))
        return TCS_OK;
    s->responses++;
    for (size_t i = ncells; i < n; i++) /* a workbook's short row */
        s->columns[i].missing++;
    size_t have = ncells < n ? ncells : n;
    for (size_t i = 0; i < have; i++) {
        tcs_column *c = &s->columns[i];
        /* tcs_trim only when an end could be white space (most answers
         * have none); missing as tcs_answer_is_missing says */
        const char *t = cells[i].text;
        size_t len = cells[i].len;
        if (len && (may_trim[(unsigned char)t[0]] | may_trim[(unsigned char)t[len - 1]]))
            t = tcs_trim(t, len, &len);
        if (len == 0 || (len == 2 && t[0] == 'N' && t[1] == 'A')) {
            c->missing++;
            continue;
        }
        c->nonempty++;
        value_map *m = &s->maps[i];
        if (m->frozen)
            continue;
        if (!vm_add(m, t, len))
            return tcs_error_set(err, TCS_ENOMEM, s->path, row, (long)i + 1, "out of memory");
    }
    return TCS_OK;
}

static tcs_status decide_layout(tcs_survey *s, tcs_error *err)
{
    const tcs_cell *rows[TCS_LAYOUT_PROBE_ROWS];
    for (size_t i = 0; i < s->nprobe; i++)
        rows[i] = s->probe[i];
    if (!tcs_layout_detect(rows, s->probe_n, s->nprobe, &s->layout))
        return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
    s->layout_done = true;
    tcs_status st = setup_columns(s, err);
    for (size_t i = 0; st == TCS_OK && i < s->ncolumns; i++)
        s->maps[i].count_only = s->columns[i].role == TCS_ROLE_METADATA ||
                                s->columns[i].role == TCS_ROLE_EXCLUDED;
    for (size_t i = s->layout.header_rows; st == TCS_OK && i < s->nprobe; i++)
        st = take_data_row(s, s->probe_rows[i], s->probe[i], s->probe_n[i], err);
    return st;
}

static tcs_status on_record(tcs_survey *s, long row, const tcs_cell *cells, size_t ncells,
                            tcs_error *err)
{
    if (s->layout_done)
        return take_data_row(s, row, cells, ncells, err);
    /* Blank lines before the header are skipped. */
    if (s->nprobe == 0 && tcs_record_blank(cells, ncells))
        return TCS_OK;
    /* Keep a copy of the first records: the layout needs up to three. */
    size_t k = s->nprobe;
    s->probe[k] = calloc(ncells ? ncells : 1, sizeof **s->probe);
    if (!s->probe[k])
        return tcs_error_set(err, TCS_ENOMEM, s->path, row, 0, "out of memory");
    s->probe_n[k] = ncells;
    s->probe_rows[k] = row;
    s->nprobe++;
    for (size_t i = 0; i < ncells; i++) {
        /* with the slack reader.h promises, zeroed */
        char *t = calloc(1, cells[i].len + 1 + TCS_CELL_SLACK);
        if (t)
            memcpy(t, cells[i].text, cells[i].len);
        if (!t)
            return tcs_error_set(err, TCS_ENOMEM, s->path, row, 0, "out of memory");
        s->probe[k][i].text = t;
        s->probe[k][i].len = cells[i].len;
    }
    if (s->nprobe < TCS_LAYOUT_PROBE_ROWS)
        return TCS_OK;
    return decide_layout(s, err);
}

/* One pass feeds several surveys of one file (a survey per group): each
 * takes the records its filter keeps. */
typedef struct {
    tcs_survey **s;
    size_t n;
    bool pipe_wanted;
    tcs_pipe *pipe; /* data records counted on a second thread */
} fanout;

static tcs_status fan_count(void *ctx, long row, const tcs_cell *cells, size_t ncells,
                            tcs_error *err)
{
    fanout *f = ctx;
    for (size_t k = 0; k < f->n; k++) {
        tcs_status st = take_data_row(f->s[k], row, cells, ncells, err);
        if (st != TCS_OK)
            return st;
    }
    return TCS_OK;
}

static tcs_status fan_record(void *ctx, long row, const tcs_cell *cells, size_t ncells,
                             tcs_error *err)
{
    fanout *f = ctx;
    if (f->pipe)
        return tcs_pipe_push(f->pipe, row, cells, ncells, err);
    if (f->s[0]->layout_done)
        return fan_count(f, row, cells, ncells, err);
    /* the header records: every survey decides the same layout from them;
     * the reader fills the first survey's source info, whose format the
     * padding rules need from the first data row on */
    for (size_t k = 0; k < f->n; k++) {
        f->s[k]->source = f->s[0]->source;
        tcs_status st = on_record(f->s[k], row, cells, ncells, err);
        if (st != TCS_OK)
            return st;
    }
    /* The rest of a large file: parsed on this thread, counted on another
     * (without one, counted here). */
    if (f->s[0]->layout_done && f->pipe_wanted)
        f->pipe = tcs_pipe_start(fan_count, f);
    return TCS_OK;
}

/* ---- classification ---- */

static int cmp_label_count(const void *a, const void *b)
{
    const tcs_label_count *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->label, y->label);
}

/* The distinct substantive answers of a column (no N/A, no blanks). */
static tcs_answer_count *substantive_answers(const value_map *m, size_t *n, long *ns)
{
    tcs_answer_count *a = calloc(m->n ? m->n : 1, sizeof *a);
    *n = 0;
    *ns = 0;
    if (!a)
        return NULL;
    for (size_t i = 0; i < m->cap; i++) {
        const vm_slot *sl = &m->slots[i];
        if (!sl->key)
            continue;
        if (tcs_answer_is_nonsubstantive(sl->key, sl->len)) {
            *ns += sl->count;
            continue;
        }
        a[*n].text = sl->key;
        a[*n].len = sl->len;
        a[*n].count = sl->count;
        (*n)++;
    }
    return a;
}

/* Count answers onto the column's scale; the rest become unknown labels. */
static bool tally(tcs_column *c, const value_map *m)
{
    memset(c->counts, 0, sizeof c->counts);
    c->valid = c->nonsubstantive = c->other = 0;
    size_t nunk = 0;
    tcs_label_count *unk = calloc(m->n ? m->n : 1, sizeof *unk);
    if (!unk)
        return false;
    for (size_t i = 0; i < m->cap; i++) {
        const vm_slot *sl = &m->slots[i];
        if (!sl->key)
            continue;
        int v;
        if (tcs_answer_is_nonsubstantive(sl->key, sl->len))
            c->nonsubstantive += sl->count;
        else if (tcs_scale_value(&c->scale, sl->key, sl->len, &v)) {
            c->counts[v - c->scale.min] += sl->count;
            c->valid += sl->count;
        } else {
            c->other += sl->count;
            unk[nunk].label = tcs_strndup(sl->key, sl->len);
            if (!unk[nunk].label) {
                for (size_t k = 0; k < nunk; k++)
                    free(unk[k].label);
                free(unk);
                return false;
            }
            unk[nunk++].count = sl->count;
        }
    }
    if (m->overflow)
        c->other += c->nonempty - c->valid - c->nonsubstantive - c->other;
    qsort(unk, nunk, sizeof *unk, cmp_label_count);
    c->unknown = unk;
    c->nunknown = nunk;
    return true;
}

/* Labels of a numeric scale from "4 - Very impressive" answers. */
static void prefixed_labels(tcs_column *c, const value_map *m)
{
    for (size_t i = 0; i < m->cap; i++) {
        const vm_slot *sl = &m->slots[i];
        int v;
        if (!sl->key || !tcs_scale_value(&c->scale, sl->key, sl->len, &v))
            continue;
        long dummy;
        if (tcs_parse_int(sl->key, sl->len, &dummy))
            continue;
        snprintf(c->scale.labels[v - c->scale.min], sizeof c->scale.labels[0], "%.*s",
                 (int)(sl->len < 90 ? sl->len : 90), sl->key);
    }
}

/* Columns that can form groups keep their answers (free text never). */
static bool groupable(const tcs_column *c)
{
    return c->role == TCS_ROLE_CATEGORICAL || c->role == TCS_ROLE_LIKERT ||
           c->role == TCS_ROLE_RATING;
}

/* Every distinct non-blank answer of a column that kept them all. */
static bool keep_answers(tcs_column *c, const value_map *m)
{
    if (m->overflow || m->n == 0)
        return true;
    tcs_label_count *a = calloc(m->n, sizeof *a);
    if (!a)
        return false;
    size_t n = 0;
    for (size_t i = 0; i < m->cap; i++) {
        const vm_slot *sl = &m->slots[i];
        if (!sl->key)
            continue;
        a[n].label = tcs_strndup(sl->key, sl->len);
        a[n].count = sl->count;
        if (!a[n++].label) {
            for (size_t k = 0; k + 1 < n; k++)
                free(a[k].label);
            free(a);
            return false;
        }
    }
    qsort(a, n, sizeof *a, cmp_label_count);
    c->answers = a;
    c->nanswers = n;
    return true;
}

/* A group of a survey already classified: the same roles and scales, the
 * group's own counts. */
static tcs_status classify_like(tcs_survey *s, const tcs_survey *like, tcs_error *err)
{
    if (like->ncolumns != s->ncolumns)
        return tcs_error_set(err, TCS_EIO, s->path, 0, 0,
                             "the file changed since it was imported (%zu columns, %zu then); "
                             "import it again",
                             s->ncolumns, like->ncolumns);
    s->common_range = like->common_range;
    s->has_common_range = like->has_common_range;
    s->common_range_votes = like->common_range_votes;
    for (size_t i = 0; i < s->ncolumns; i++) {
        tcs_column *c = &s->columns[i];
        const tcs_column *l = &like->columns[i];
        c->distinct = s->maps[i].n;
        c->distinct_overflow = s->maps[i].overflow;
        c->role = l->role;
        c->scale = l->scale;
        c->scale_basis = l->scale_basis;
        c->scale_differs = l->scale_differs;
        if ((groupable(c) && !keep_answers(c, &s->maps[i])) ||
            (tcs_column_is_question(c) && !tally(c, &s->maps[i])))
            return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
    }
    return TCS_OK;
}

typedef struct {
    bool candidate;
    int lo, hi;         /* observed extent */
    int own_min, own_max; /* smallest standard range holding it (per grid) */
    bool prefixed;
} rating_info;

static tcs_status classify(tcs_survey *s, tcs_error *err)
{
    size_t n = s->ncolumns;
    rating_info *ri = calloc(n ? n : 1, sizeof *ri);
    if (!ri)
        return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");

    for (size_t i = 0; i < n; i++) {
        tcs_column *c = &s->columns[i];
        value_map *m = &s->maps[i];
        c->distinct = m->n;
        c->distinct_overflow = m->overflow;
        if (c->role == TCS_ROLE_METADATA || c->role == TCS_ROLE_EXCLUDED)
            continue;
        size_t na;
        long ns;
        tcs_answer_count *a = substantive_answers(m, &na, &ns);
        if (!a) {
            free(ri);
            return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
        }
        int lo, hi;
        bool prefixed = false;
        tcs_scale labels;
        if (c->scale_basis && c->scale.kind == TCS_SCALE_NUMERIC && na > 0 &&
            !tcs_scale_numeric_extent(a, na, &lo, &hi, NULL) &&
            tcs_scale_match_labels(a, na, &labels) && labels.min == c->scale.min &&
            labels.max == c->scale.max) {
            /* "scale: 1-5" in the codebook, answered in agreement labels */
            c->scale = labels;
        }
        if (c->scale_basis) { /* the codebook gave a scale */
            c->role = c->scale.kind == TCS_SCALE_NUMERIC ? TCS_ROLE_RATING : TCS_ROLE_LIKERT;
            if (c->scale.kind == TCS_SCALE_NUMERIC &&
                tcs_scale_numeric_extent(a, na, &lo, &hi, &prefixed)) {
                ri[i].candidate = true;
                ri[i].lo = lo;
                ri[i].hi = hi;
                ri[i].prefixed = prefixed;
            }
        } else if (c->nonempty == 0) {
            c->role = TCS_ROLE_EMPTY;
        } else if (m->overflow) {
            c->role = m->overflow_numeric_only &&
                              tcs_scale_numeric_extent(a, na, &lo, &hi, NULL)
                          ? TCS_ROLE_NUMERIC
                          : TCS_ROLE_FREETEXT;
        } else if (na > 0 && tcs_scale_numeric_extent(a, na, &lo, &hi, &prefixed)) {
            int rmin, rmax;
            if (tcs_scale_smallest_range(lo, hi, &rmin, &rmax) && na <= 11) {
                c->role = TCS_ROLE_RATING;
                ri[i] = (rating_info){true, lo, hi, rmin, rmax, prefixed};
            } else {
                c->role = TCS_ROLE_NUMERIC;
            }
        } else if (na > 0 && tcs_scale_match_labels(a, na, &c->scale)) {
            c->role = TCS_ROLE_LIKERT;
            c->scale_basis = tcs_basis_labels;
        } else if (na > 0 && (double)m->semicolon_cells >= 0.5 * (double)c->nonempty) {
            c->role = TCS_ROLE_MULTISELECT;
        } else if (na == 1 && c->item && a[0].len == strlen(c->item) &&
                   memcmp(a[0].text, c->item, a[0].len) == 0) {
            c->role = TCS_ROLE_MULTISELECT; /* one column per option, value = option */
        } else if (na > 30 || (c->nonempty && m->total_len / c->nonempty > 40)) {
            c->role = TCS_ROLE_FREETEXT;
        } else if (na == 0) {
            c->role = TCS_ROLE_EMPTY; /* only N/A-like answers */
        } else {
            c->role = TCS_ROLE_CATEGORICAL;
        }
        free(a);
        if (groupable(c) && !keep_answers(c, m)) {
            free(ri);
            return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
        }
    }

    /* Grids share one range: the smallest standard range holding them all.
     * Each grid's lowest and highest answer are gathered in its first
     * column's place (found by stem through an index, not pair by pair). */
    tcs_strindex idx;
    size_t *grid = malloc((n ? n : 1) * sizeof *grid);
    int *grid_lo = malloc((n ? n : 1) * sizeof *grid_lo);
    int *grid_hi = malloc((n ? n : 1) * sizeof *grid_hi);
    if (!grid || !grid_lo || !grid_hi || !tcs_strindex_init(&idx, n)) {
        free(grid);
        free(grid_lo);
        free(grid_hi);
        free(ri);
        return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        if (!ri[i].candidate || !s->columns[i].stem)
            continue;
        bool found;
        size_t f = grid[i] = *tcs_strindex_get(&idx, s->columns[i].stem, NULL, i, &found);
        grid_lo[f] = found && grid_lo[f] < ri[i].lo ? grid_lo[f] : ri[i].lo;
        grid_hi[f] = found && grid_hi[f] > ri[i].hi ? grid_hi[f] : ri[i].hi;
    }
    tcs_strindex_free(&idx);
    for (size_t i = 0; i < n; i++) {
        if (!ri[i].candidate || !s->columns[i].stem)
            continue;
        int lo = grid_lo[grid[i]], hi = grid_hi[grid[i]];
        int rmin, rmax;
        if (tcs_scale_smallest_range(lo, hi, &rmin, &rmax)) {
            ri[i].lo = lo;
            ri[i].hi = hi;
            ri[i].own_min = rmin;
            ri[i].own_max = rmax;
        }
    }
    free(grid);
    free(grid_lo);
    free(grid_hi);

    /* The range most rating columns need (codebook ranges count too). */
    const int (*ranges)[2];
    size_t nr = tcs_scale_standard_ranges(&ranges);
    size_t votes[16] = {0};
    for (size_t i = 0; i < n; i++) {
        tcs_column *c = &s->columns[i];
        int vmin = 0, vmax = 0;
        if (c->role != TCS_ROLE_RATING)
            continue;
        if (c->scale_basis) {
            vmin = c->scale.min;
            vmax = c->scale.max;
        } else {
            vmin = ri[i].own_min;
            vmax = ri[i].own_max;
        }
        for (size_t r = 0; r < nr; r++)
            if (ranges[r][0] == vmin && ranges[r][1] == vmax)
                votes[r]++;
    }
    size_t best = nr;
    for (size_t r = 0; r < nr; r++)
        if (votes[r] && (best == nr || votes[r] >= votes[best]))
            best = r; /* ties go to the wider range, listed later */
    if (best < nr) {
        tcs_scale_numeric(ranges[best][0], ranges[best][1], &s->common_range);
        s->has_common_range = true;
        s->common_range_votes = votes[best];
    }

    for (size_t i = 0; i < n; i++) {
        tcs_column *c = &s->columns[i];
        if (c->role == TCS_ROLE_RATING && !c->scale_basis) {
            if (best < nr && ranges[best][0] <= ri[i].lo && ri[i].hi <= ranges[best][1]) {
                tcs_scale_numeric(ranges[best][0], ranges[best][1], &c->scale);
                c->scale_basis = tcs_basis_file_range;
            } else {
                tcs_scale_numeric(ri[i].own_min, ri[i].own_max, &c->scale);
                c->scale_basis = c->stem ? tcs_basis_grid_range : tcs_basis_own_range;
            }
            if (best < nr && (c->scale.min != ranges[best][0] || c->scale.max != ranges[best][1]))
                c->scale_differs = true;
        }
        if (tcs_column_is_question(c)) {
            if (!tally(c, &s->maps[i])) {
                free(ri);
                return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
            }
            if (ri[i].prefixed)
                prefixed_labels(c, &s->maps[i]);
            if (c->other > 0) {
                char list[512] = "";
                size_t used = 0;
                for (size_t k = 0; k < c->nunknown && k < 8 && used < sizeof list - 80; k++)
                    used += (size_t)snprintf(list + used, sizeof list - used, "%s'%.60s' (%ld)",
                                             k ? ", " : "", c->unknown[k].label,
                                             c->unknown[k].count);
                warn(s, "column %zu (%s): %ld answer%s not on scale %s, left out: %s%s",
                     c->index, c->id, c->other, c->other == 1 ? "" : "s", c->scale.name, list,
                     c->nunknown > 8 ? ", ..." : "");
            }
        } else {
            c->valid = 0;
        }
        if (c->role == TCS_ROLE_RATING && c->scale_differs)
            warn(s, "column %zu (%s): rating range %s, unlike the %s most rating columns "
                    "need (%s)",
                 c->index, c->id, c->scale.name, s->common_range.name, c->scale_basis);
    }
    free(ri);
    return TCS_OK;
}

/* ---- public ---- */

bool tcs_wave_label_from_path(const char *path, char *out, size_t outsz)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    bool found = false;
    for (const char *p = base; *p; p++) {
        bool starts = (p == base || !(p[-1] >= '0' && p[-1] <= '9'));
        if (!starts || outsz < 5)
            continue;
        size_t k = 0;
        while (p[k] >= '0' && p[k] <= '9')
            k++;
        if (k == 4 && (strncmp(p, "19", 2) == 0 || strncmp(p, "20", 2) == 0)) {
            snprintf(out, outsz, "%.4s", p);
            found = true;
        }
    }
    return found;
}

static tcs_survey *survey_new(const char *path, const tcs_load_options *opts,
                              const tcs_row_filter *filter)
{
    tcs_survey *s = calloc(1, sizeof *s);
    if (!s || !(s->path = xstrdup(path))) {
        free(s);
        return NULL;
    }
    s->opts = opts;
    s->pipe_min_bytes =
        opts && opts->pipe_min_bytes ? opts->pipe_min_bytes : TCS_PIPE_MIN_BYTES;
    if (filter) {
        s->has_filter = true;
        s->filter.column = filter->column;
        if (filter->value && !(s->filter.value = xstrdup(filter->value))) {
            tcs_survey_free(s);
            return NULL;
        }
    }
    return s;
}

/* After the pass (st its outcome): the layout of a file too short to have
 * decided it, the checks, the classification; the loading state freed. */
static tcs_status survey_finish(tcs_survey *s, tcs_status st, tcs_error *err)
{
    const char *path = s->path;
    const tcs_load_options *opts = s->opts;
    if (st == TCS_OK && !s->layout_done) {
        if (s->nprobe == 0)
            st = tcs_error_set(err, TCS_EEMPTY, path, 0, 0, "the file has no header row");
        else
            st = decide_layout(s, err);
    }
    if (st == TCS_OK && s->responses == 0)
        st = tcs_error_set(err, TCS_EEMPTY, path, 0, 0,
                           s->has_filter ? "no responses in this group"
                                         : "no responses: the file has a header but no answers");
    for (size_t i = 0; st == TCS_OK && i < s->ncolumns; i++)
        if (!vm_finish(&s->maps[i]))
            st = tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
    if (st == TCS_OK)
        st = opts && opts->like ? classify_like(s, opts->like, err) : classify(s, err);
    for (size_t i = 0; i < s->nprobe; i++) {
        for (size_t k = 0; k < s->probe_n[i]; k++)
            free((char *)s->probe[i][k].text);
        free(s->probe[i]);
        s->probe[i] = NULL;
    }
    s->nprobe = 0;
    for (size_t i = 0; s->maps && i < s->ncolumns; i++)
        vm_free(&s->maps[i]);
    free(s->maps);
    s->maps = NULL;
    s->opts = NULL;
    return st;
}

/* Load n surveys of one file in one pass, out[k] with filters[k] (NULL =
 * every row). */
static tcs_status load_many(const char *path, const tcs_load_options *opts,
                            const tcs_row_filter *const *filters, size_t n, tcs_survey **out,
                            tcs_error *err)
{
    for (size_t k = 0; k < n; k++)
        out[k] = NULL;
    if (n == 0)
        return TCS_OK;
    for (size_t k = 0; k < n; k++)
        if (!(out[k] = survey_new(path, opts, filters[k]))) {
            for (size_t j = 0; j < k; j++) {
                tcs_survey_free(out[j]);
                out[j] = NULL;
            }
            return tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
        }
    fanout f = {out, n, tcs_survey_two_threads(out[0]), NULL};
    tcs_read_options ro = {.sheet = opts ? opts->sheet : NULL};
    tcs_status st = tcs_read_table(path, &ro, fan_record, &f, &out[0]->source, err);
    st = tcs_pipe_finish(f.pipe, st, err);
    for (size_t k = 0; k < n; k++) {
        out[k]->source = out[0]->source;
        st = survey_finish(out[k], st, err);
    }
    if (st != TCS_OK)
        for (size_t k = 0; k < n; k++) {
            tcs_survey_free(out[k]);
            out[k] = NULL;
        }
    return st;
}

tcs_status tcs_survey_load(const char *path, const tcs_load_options *opts, tcs_survey **out,
                           tcs_error *err)
{
    const tcs_row_filter *filter = opts ? opts->filter : NULL;
    return load_many(path, opts, &filter, 1, out, err);
}

tcs_status tcs_survey_load_groups(const char *path, const tcs_load_options *opts,
                                  const tcs_row_filter *filters, size_t n, tcs_survey **out,
                                  tcs_error *err)
{
    const tcs_row_filter **fp = calloc(n ? n : 1, sizeof *fp);
    if (!fp) {
        for (size_t k = 0; k < n; k++)
            out[k] = NULL;
        return tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
    }
    for (size_t k = 0; k < n; k++)
        fp[k] = &filters[k];
    tcs_status st = load_many(path, opts, fp, n, out, err);
    free(fp);
    return st;
}

void tcs_survey_free(tcs_survey *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nprobe; i++) {
        for (size_t k = 0; k < s->probe_n[i]; k++)
            free((char *)s->probe[i][k].text);
        free(s->probe[i]);
    }
    for (size_t i = 0; s->maps && i < s->ncolumns; i++)
        vm_free(&s->maps[i]);
    free(s->maps);
    for (size_t i = 0; s->columns && i < s->ncolumns; i++) {
        tcs_column *c = &s->columns[i];
        free(c->header);
        free(c->code);
        free(c->id);
        free(c->statement);
        free(c->stem);
        free(c->item);
        free(c->pillar);
        for (size_t k = 0; k < c->nunknown; k++)
            free(c->unknown[k].label);
        free(c->unknown);
        for (size_t k = 0; k < c->nanswers; k++)
            free(c->answers[k].label);
        free(c->answers);
    }
    free(s->columns);
    for (size_t i = 0; i < s->nwarnings; i++)
        free(s->warnings[i]);
    free(s->warnings);
    tcs_layout_free(&s->layout);
    free((char *)s->filter.value);
    free(s->path);
    free(s);
}

const char *tcs_survey_path(const tcs_survey *s) { return s->path; }
const tcs_source_info *tcs_survey_source(const tcs_survey *s) { return &s->source; }
tcs_platform tcs_survey_platform(const tcs_survey *s) { return s->layout.platform; }
bool tcs_survey_two_threads(const tcs_survey *s)
{
    struct stat sb;
    return stat(s->path, &sb) == 0 && (unsigned long long)sb.st_size >= s->pipe_min_bytes &&
           tcs_pipe_useful();
}

const tcs_row_filter *tcs_survey_filter(const tcs_survey *s)
{
    return s->has_filter ? &s->filter : NULL;
}

bool tcs_survey_row_selected(const tcs_survey *s, const tcs_cell *cells, size_t ncells)
{
    if (!s->has_filter)
        return true;
    size_t i = s->filter.column;
    if (i >= ncells || tcs_answer_is_missing(cells[i].text, cells[i].len))
        return s->filter.value == NULL;
    if (!s->filter.value)
        return false;
    size_t len;
    const char *t = tcs_trim(cells[i].text, cells[i].len, &len);
    return strlen(s->filter.value) == len && memcmp(t, s->filter.value, len) == 0;
}

size_t tcs_survey_header_rows(const tcs_survey *s) { return s->layout.header_rows; }
long tcs_survey_responses(const tcs_survey *s) { return s->responses; }
size_t tcs_survey_ncolumns(const tcs_survey *s) { return s->ncolumns; }
const tcs_column *tcs_survey_column(const tcs_survey *s, size_t i)
{
    return i < s->ncolumns ? &s->columns[i] : NULL;
}
const tcs_scale *tcs_survey_common_range(const tcs_survey *s)
{
    return s->has_common_range ? &s->common_range : NULL;
}
size_t tcs_survey_common_range_votes(const tcs_survey *s)
{
    return s->has_common_range ? s->common_range_votes : 0;
}
size_t tcs_survey_nwarnings(const tcs_survey *s) { return s->nwarnings; }
const char *tcs_survey_warning(const tcs_survey *s, size_t i)
{
    return i < s->nwarnings ? s->warnings[i] : NULL;
}
