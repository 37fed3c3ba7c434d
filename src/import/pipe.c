/* pipe.c - hand records to a second thread: a few batches go round between
 * the reader's thread, which fills them, and the worker, which runs the
 * callback on their records in order and hands them back. */
#define _POSIX_C_SOURCE 200809L
#include "import/pipe.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NBATCH 4
#define BATCH_TEXT (256u * 1024u) /* a batch goes once it holds this much text */
#define BATCH_RECORDS 4096u       /* or this many records */

typedef struct {
    char *text; /* the cells' texts, each with its NUL, and TCS_CELL_SLACK after */
    size_t tlen, tcap;
    size_t *off, *len; /* per cell */
    size_t ncells, ccap;
    long *row;             /* per record */
    size_t *first, *count; /* its cells */
    size_t nrec, rcap;
} batch;

struct tcs_pipe {
    tcs_record_fn fn;
    void *ctx;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t has_full, has_free;
    batch b[NBATCH];
    int full[NBATCH]; /* FIFO of filled batches */
    size_t full_head, nfull;
    int free_list[NBATCH];
    size_t nfree;
    int cur;      /* the batch the reader fills */
    bool done;    /* the reader has finished */
    bool failed;  /* the callback failed: status, err */
    tcs_status status;
    tcs_error err;
    tcs_cell *cells; /* the worker's */
    size_t cells_cap;
};

bool tcs_pipe_useful(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 1;
}

static void batch_free(batch *b)
{
    free(b->text);
    free(b->off);
    free(b->len);
    free(b->row);
    free(b->first);
    free(b->count);
    memset(b, 0, sizeof *b);
}

static size_t grown(size_t cap, size_t need)
{
    size_t ncap = cap ? cap : 64;
    while (ncap < need)
        ncap *= 2;
    return ncap;
}

/* Resize the array at *pp to n elements of elem bytes; false (the array
 * untouched) when out of memory. */
static bool resize(void *pp, size_t n, size_t elem)
{
    void *old;
    memcpy(&old, pp, sizeof old);
    void *p = realloc(old, n * elem);
    if (!p)
        return false;
    memcpy(pp, &p, sizeof p); /* a byte copy: no type-punned pointer */
    return true;
}

/* Room for n more cells and one more record. */
static bool batch_reserve(batch *b, size_t n)
{
    if (b->ncells + n > b->ccap) {
        size_t cap = grown(b->ccap, b->ncells + n);
        bool ok = resize(&b->off, cap, sizeof *b->off);
        ok = resize(&b->len, cap, sizeof *b->len) && ok;
        if (!ok)
            return false;
        b->ccap = cap;
    }
    if (b->nrec + 1 > b->rcap) {
        size_t cap = grown(b->rcap, b->nrec + 1);
        bool ok = resize(&b->row, cap, sizeof *b->row);
        ok = resize(&b->first, cap, sizeof *b->first) && ok;
        ok = resize(&b->count, cap, sizeof *b->count) && ok;
        if (!ok)
            return false;
        b->rcap = cap;
    }
    return true;
}

/* Copy one record into b; false when out of memory. */
static bool batch_add(batch *b, long row, const tcs_cell *cells, size_t n)
{
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++)
        bytes += cells[i].len + 1;
    /* room for a 32-byte copy of the last cell, and the slack after it */
    size_t need = b->tlen + bytes + 32 + TCS_CELL_SLACK;
    if (need > b->tcap) {
        size_t ncap = grown(b->tcap ? b->tcap : BATCH_TEXT + 64 * 1024, need);
        char *t = realloc(b->text, ncap);
        if (!t)
            return false;
        memset(t + b->tcap, 0, ncap - b->tcap);
        b->text = t;
        b->tcap = ncap;
    }
    if (!batch_reserve(b, n))
        return false;
    b->row[b->nrec] = row;
    b->first[b->nrec] = b->ncells;
    b->count[b->nrec] = n;
    b->nrec++;
    for (size_t i = 0; i < n; i++) {
        /* a short cell in one fixed-size copy (reader.h promises the slack
         * after it), sparing memcpy's branches on random lengths */
        if (cells[i].len <= 32)
            memcpy(b->text + b->tlen, cells[i].text, 32);
        else
            memcpy(b->text + b->tlen, cells[i].text, cells[i].len);
        b->text[b->tlen + cells[i].len] = '\0';
        b->off[b->ncells] = b->tlen;
        b->len[b->ncells] = cells[i].len;
        b->ncells++;
        b->tlen += cells[i].len + 1;
    }
    return true;
}

/* The worker: run the callback on every record of a batch, in order. */
static tcs_status run_batch(tcs_pipe *p, batch *b, tcs_error *err)
{
    for (size_t r = 0; r < b->nrec; r++) {
        size_t n = b->count[r];
        if (n > p->cells_cap) {
            size_t cap = grown(p->cells_cap, n);
            tcs_cell *c = realloc(p->cells, cap * sizeof *c);
            if (!c)
                return tcs_error_set(err, TCS_ENOMEM, NULL, b->row[r], 0, "out of memory");
            p->cells = c;
            p->cells_cap = cap;
        }
        for (size_t i = 0; i < n; i++) {
            p->cells[i].text = b->text + b->off[b->first[r] + i];
            p->cells[i].len = b->len[b->first[r] + i];
        }
        tcs_status st = p->fn(p->ctx, b->row[r], p->cells, n, err);
        if (st != TCS_OK)
            return st;
    }
    return TCS_OK;
}

static void *worker(void *arg)
{
    tcs_pipe *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->nfull == 0 && !p->done)
            pthread_cond_wait(&p->has_full, &p->mu);
        if (p->nfull == 0)
            break; /* done and drained */
        int i = p->full[p->full_head];
        p->full_head = (p->full_head + 1) % NBATCH;
        p->nfull--;
        bool skip = p->failed;
        pthread_mutex_unlock(&p->mu);

        tcs_error err;
        tcs_error_clear(&err);
        tcs_status st = skip ? TCS_OK : run_batch(p, &p->b[i], &err);
        batch *b = &p->b[i];
        b->tlen = b->ncells = b->nrec = 0;

        pthread_mutex_lock(&p->mu);
        if (st != TCS_OK) {
            p->failed = true;
            p->status = st;
            p->err = err;
        }
        p->free_list[p->nfree++] = i;
        pthread_cond_signal(&p->has_free);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

tcs_pipe *tcs_pipe_start(tcs_record_fn fn, void *ctx)
{
    tcs_pipe *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->fn = fn;
    p->ctx = ctx;
    p->cur = 0;
    for (int i = 1; i < NBATCH; i++)
        p->free_list[p->nfree++] = i;
    if (pthread_mutex_init(&p->mu, NULL) != 0) {
        free(p);
        return NULL;
    }
    if (pthread_cond_init(&p->has_full, NULL) != 0) {
        pthread_mutex_destroy(&p->mu);
        free(p);
        return NULL;
    }
    if (pthread_cond_init(&p->has_free, NULL) != 0) {
        pthread_cond_destroy(&p->has_full);
        pthread_mutex_destroy(&p->mu);
        free(p);
        return NULL;
    }
    if (pthread_create(&p->thread, NULL, worker, p) != 0) {
        pthread_cond_destroy(&p->has_free);
        pthread_cond_destroy(&p->has_full);
        pthread_mutex_destroy(&p->mu);
        free(p);
        return NULL;
    }
    return p;
}

/* Hand the reader's batch to the worker and take a free one; under p->mu. */
static void submit(tcs_pipe *p)
{
    p->full[(p->full_head + p->nfull) % NBATCH] = p->cur;
    p->nfull++;
    pthread_cond_signal(&p->has_full);
    while (p->nfree == 0)
        pthread_cond_wait(&p->has_free, &p->mu);
    p->cur = p->free_list[--p->nfree];
}

tcs_status tcs_pipe_push(void *pipe, long row, const tcs_cell *cells, size_t ncells,
                         tcs_error *err)
{
    tcs_pipe *p = pipe;
    batch *b = &p->b[p->cur];
    if (!batch_add(b, row, cells, ncells))
        return tcs_error_set(err, TCS_ENOMEM, NULL, row, 0, "out of memory");
    if (b->tlen < BATCH_TEXT && b->nrec < BATCH_RECORDS)
        return TCS_OK;
    pthread_mutex_lock(&p->mu);
    tcs_status st = TCS_OK;
    if (p->failed) {
        st = p->status;
        if (err)
            *err = p->err;
        b->tlen = b->ncells = b->nrec = 0;
    } else {
        submit(p);
    }
    pthread_mutex_unlock(&p->mu);
    return st;
}

tcs_status tcs_pipe_finish(tcs_pipe *p, tcs_status reader, tcs_error *err)
{
    if (!p)
        return reader;
    pthread_mutex_lock(&p->mu);
    if (p->b[p->cur].nrec > 0 && !p->failed) {
        p->full[(p->full_head + p->nfull) % NBATCH] = p->cur;
        p->nfull++;
    }
    p->done = true;
    pthread_cond_signal(&p->has_full);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->thread, NULL);

    tcs_status st = p->failed ? p->status : reader;
    if (p->failed && err)
        *err = p->err;
    for (int i = 0; i < NBATCH; i++)
        batch_free(&p->b[i]);
    free(p->cells);
    pthread_cond_destroy(&p->has_free);
    pthread_cond_destroy(&p->has_full);
    pthread_mutex_destroy(&p->mu);
    free(p);
    return st;
}
