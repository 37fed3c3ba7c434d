/* valuemap.h - the distinct answers of one column and how often each was
 * given, counted while a file streams past (internal to the library). */
#ifndef TCS_IMPORT_VALUEMAP_H
#define TCS_IMPORT_VALUEMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "tcsurvey/scale.h"

/* Distinct answers a column remembers (tcsurvey/survey.h's
 * TCS_DISTINCT_MAX); answers longer than VM_KEY_MAX are never scale labels:
 * counted, not kept. */
#define VM_KEY_MAX 200

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

void vm_init(value_map *m);

/* Counting an answer is the import's hot path (once per cell): the lookup
 * is here, inline, where the import's loop can see it. */
static inline uint64_t vm_load8(const char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    return w;
}

/* vm_key_masks[n][k]: the bytes of word k (bytes 8k..8k+7) that lie within an
 * answer of n bytes. A table rather than arithmetic on n: compilers turn
 * the arithmetic into branches, and branches on random lengths mispredict. */
static const uint64_t vm_key_masks[33][4] = {
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
static inline void vm_key_words(const char *s, size_t n, uint64_t w[4])
{
    const uint64_t *m = vm_key_masks[n < 32 ? n : 32];
    for (int k = 0; k < 4; k++)
        w[k] = vm_load8(s + 8 * k) & m[k];
}

static inline uint64_t vm_key_hash(const char *s, size_t n, const uint64_t w[4])
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

bool vm_add_new(value_map *m, const char *s, size_t n, const uint64_t w[4], uint64_t h);

/* Count one answer (trimmed, with TCS_CELL_SLACK readable bytes after it).
 * False only when out of memory. */
static inline bool vm_add(value_map *m, const char *s, size_t n)
{
    uint64_t w[4];
    vm_key_words(s, n, w);
    uint64_t h = vm_key_hash(s, n, w);
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
    return vm_add_new(m, s, n, w, h);
}
/* After the pass: the answers into the table the classification reads.
 * False when out of memory. */
bool vm_finish(value_map *m);
void vm_free(value_map *m);

/* The kept answers of a finished map as a heap array (*n of them, keys
 * borrowed from the map), and how many answers were counted: NULL when
 * out of memory. */
tcs_answer_count *vm_answers(const value_map *m, size_t *n, long *counted);

#endif
