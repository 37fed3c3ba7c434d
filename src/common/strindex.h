/* strindex.h - a fixed-size hash index from a key of one or two strings to
 * a number, for finding repeats among a known number of items in linear
 * time (a header of 16,384 columns compared pair by pair is 134 million
 * comparisons). Keys are borrowed: they must outlive the index. Internal
 * to the library. */
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

static inline size_t tcs_strindex_hash(const char *a, const char *b)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a over a, a separator, b */
    for (; *a; a++)
        h = (h ^ (unsigned char)*a) * 1099511628211u;
    if (b) {
        h = (h ^ 0x1f) * 1099511628211u;
        for (; *b; b++)
            h = (h ^ (unsigned char)*b) * 1099511628211u;
    }
    return (size_t)(h ^ (h >> 32));
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
