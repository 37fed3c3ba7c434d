/* valuemap.c - the distinct answers of one column, counted as the file
 * streams past. */
#include "import/valuemap.h"
#include "common/strindex.h"
#include "tcsurvey/reader.h"
#include "tcsurvey/survey.h"
#include "tcsurvey/text.h"

#include <stdlib.h>
#include <string.h>

/* ---- distinct answers of one column ----
 *
 * While the file streams past, each answer is looked up in an index keyed
 * by a word-at-a-time hash (most answers are short and seen before: one
 * hash, one probe, one compare). The distinct answers are kept in the order
 * first seen. When the pass is over, vm_finish lays them out in the table
 * the classification reads (open addressing on FNV-1a, grown by doubling),
 * inserting them in that same order, so the table, and with it every
 * result, is what inserting each answer into it directly would give. */


/* The index of a map with no answers yet: one empty slot, so that a
 * lookup needs no test for a missing index. */
uint16_t vm_empty_index[1];

void vm_init(value_map *m)
{
    m->index = vm_empty_index;
    m->icap = 1;
}

static bool index_grow(value_map *m)
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
    if (m->index != vm_empty_index)
        free(m->index);
    m->index = ni;
    m->icap = ncap;
    return true;
}

/* A new answer, or one past what a map keeps (vm_add's slow path). */
bool vm_add_new(value_map *m, const char *s, size_t n, const uint64_t w[4], uint64_t h)
{
    if (m->n >= TCS_DISTINCT_MAX || n > VM_KEY_MAX) {
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
    if ((m->n + 1) * 2 > m->icap && !index_grow(m))
        return false;
    vm_entry *en = &m->entries[m->n];
    if (!(en->key = tcs_strndup(s, n)))
        return false;
    en->len = n;
    memcpy(en->w, w, sizeof en->w);
    en->hash = h;
    en->count = 1;
    en->semicolon = memchr(s, ';', n) != NULL;
    size_t j = (size_t)h & (m->icap - 1);
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
bool vm_finish(value_map *m)
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
        uint32_t h = (uint32_t)tcs_hash_fold(tcs_hash_bytes(en->key, en->len, TCS_HASH_SEED));
        size_t j = h & (m->cap - 1);
        while (m->slots[j].key)
            j = (j + 1) & (m->cap - 1);
        m->slots[j] = (vm_slot){en->key, en->len, h, en->count};
        en->key = NULL;
        m->n++;
    }
    free(m->entries);
    if (m->index != vm_empty_index)
        free(m->index);
    m->entries = NULL;
    m->index = NULL;
    m->icap = 0;
    return true;
}

void vm_free(value_map *m)
{
    for (size_t i = 0; m->entries && i < m->n; i++)
        free(m->entries[i].key);
    free(m->entries);
    if (m->index != vm_empty_index)
        free(m->index);
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    memset(m, 0, sizeof *m);
}


tcs_answer_count *vm_answers(const value_map *m, size_t *n, long *counted)
{
    tcs_answer_count *a = calloc(m->n ? m->n : 1, sizeof *a);
    *n = 0;
    *counted = 0;
    if (!a)
        return NULL;
    for (size_t i = 0; i < m->cap; i++) {
        const vm_slot *sl = &m->slots[i];
        if (!sl->key)
            continue;
        a[*n].text = sl->key;
        a[*n].len = sl->len;
        a[*n].count = sl->count;
        *counted += sl->count;
        (*n)++;
    }
    return a;
}
