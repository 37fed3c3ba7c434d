/* strindex.h - the library's one hash function (FNV-1a, 64 bits) and its
 * one hash index: from a key of one or two strings to a number, for
 * finding repeats among many items in linear time (a header of 16,384
 * columns compared pair by pair is 134 million comparisons). Keys are
 * borrowed: they must outlive the index. Internal to the library.
 *
 * Two hot paths keep tables of their own shape, on this hash: the import's
 * distinct answers per column (src/import/valuemap.h, keys with a length,
 * 16-bit slots) and the pillar pass's answer cache (src/stats/pillar.c). */
#ifndef TCS_STRINDEX_H
#define TCS_STRINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *a, *b; /* b may be NULL; a == NULL marks an empty slot */
    size_t value;
} tcs_strindex_slot;

typedef struct {
    tcs_strindex_slot *slots;
    size_t mask;
} tcs_strindex;

/* Room for up to n keys; false when out of memory. */
static inline bool tcs_strindex_init(tcs_strindex *x, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    x->slots = calloc(cap, sizeof *x->slots);
    x->mask = cap - 1;
    return x->slots != NULL;
}

static inline void tcs_strindex_free(tcs_strindex *x)
{
    free(x->slots);
    x->slots = NULL;
}

/* FNV-1a's offset basis and prime (64 bits). */
#define TCS_HASH_SEED 14695981039346656037u
#define TCS_HASH_PRIME 1099511628211u

/* FNV-1a of p[0..n), continuing from h (TCS_HASH_SEED to start). */
static inline uint64_t tcs_hash_bytes(const void *p, size_t n, uint64_t h)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * TCS_HASH_PRIME;
    return h;
}

/* A NUL-terminated string's hash, continuing from h. */
static inline uint64_t tcs_hash_string(const char *s, uint64_t h)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * TCS_HASH_PRIME;
    return h;
}

/* Both halves of a 64-bit hash, for a table index. */
static inline size_t tcs_hash_fold(uint64_t h) { return (size_t)(h ^ (h >> 32)); }

static inline size_t tcs_strindex_hash(const char *a, const char *b)
{
    uint64_t h = tcs_hash_string(a, TCS_HASH_SEED); /* a, a separator, b */
    if (b)
        h = tcs_hash_string(b, (h ^ 0x1f) * TCS_HASH_PRIME);
    return tcs_hash_fold(h);
}

/* Room for n keys in all (an index may grow while items come in); false
 * when out of memory, with the index as it was. */
static inline bool tcs_strindex_reserve(tcs_strindex *x, size_t n)
{
    size_t cap = x->mask + 1;
    if (x->slots && 2 * n <= cap)
        return true;
    while (cap < 2 * n)
        cap *= 2;
    tcs_strindex_slot *ns = calloc(cap, sizeof *ns);
    if (!ns)
        return false;
    for (size_t i = 0; x->slots && i <= x->mask; i++) {
        const tcs_strindex_slot *s = &x->slots[i];
        if (!s->a)
            continue;
        size_t j = tcs_strindex_hash(s->a, s->b) & (cap - 1);
        while (ns[j].a)
            j = (j + 1) & (cap - 1);
        ns[j] = *s;
    }
    free(x->slots);
    x->slots = ns;
    x->mask = cap - 1;
    return true;
}

/* The value of key (a, b), inserting the key with value v when it is not
 * there yet (at most n keys, as initialised); *found says which. */
static inline size_t *tcs_strindex_get(tcs_strindex *x, const char *a, const char *b, size_t v,
                                       bool *found)
{
    for (size_t i = tcs_strindex_hash(a, b) & x->mask;; i = (i + 1) & x->mask) {
        tcs_strindex_slot *s = &x->slots[i];
        if (!s->a) {
            s->a = a;
            s->b = b;
            s->value = v;
            *found = false;
            return &s->value;
        }
        if (strcmp(s->a, a) == 0 && (s->b == b || (s->b && b && strcmp(s->b, b) == 0))) {
            *found = true;
            return &s->value;
        }
    }
}

/* The value of key (a, b), or NULL when it is not there. */
static inline const size_t *tcs_strindex_find(const tcs_strindex *x, const char *a, const char *b)
{
    for (size_t i = tcs_strindex_hash(a, b) & x->mask;; i = (i + 1) & x->mask) {
        const tcs_strindex_slot *s = &x->slots[i];
        if (!s->a)
            return NULL;
        if (strcmp(s->a, a) == 0 && (s->b == b || (s->b && b && strcmp(s->b, b) == 0)))
            return &s->value;
    }
}

#endif
