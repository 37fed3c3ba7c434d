/* rows.c - the rows of a drafted codebook: every column of every wave,
 * the columns that are one question across waves in one row (questions
 * as the waves matched them; other columns by id, or by heading when
 * their id is their position), in questionnaire order, each with an id
 * that names its columns in every wave and no other. */
#define _POSIX_C_SOURCE 200809L
#include "draft/draft_internal.h"
#include "common/strindex.h"
#include "tcsurvey/question.h"
#include "tcsurvey/text.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void draft_text_add(draft_text *t, const char *fmt, ...)
{
    if (t->oom)
        return;
    char buf[1200];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    size_t len = strlen(buf), sep = t->len ? 1 : 0;
    if (t->len + sep + len + 1 > t->cap) {
        size_t cap = (t->len + sep + len + 1) * 2;
        char *s = realloc(t->s, cap);
        if (!s) {
            t->oom = true;
            return;
        }
        t->s = s;
        t->cap = cap;
    }
    if (sep)
        t->s[t->len++] = ' ';
    memcpy(t->s + t->len, buf, len + 1);
    t->len += len;
}


/* A new row, after row `after` in questionnaire order (SIZE_MAX: at the
 * end); its index, or SIZE_MAX when out of memory. */
static size_t row_add(draft_rows *rows, size_t after, size_t *tail)
{
    if (rows->n == rows->cap) {
        size_t cap = rows->cap ? 2 * rows->cap : 64;
        draft_row *r = realloc(rows->r, cap * sizeof *r);
        if (!r)
            return SIZE_MAX;
        rows->r = r;
        rows->cap = cap;
    }
    size_t k = rows->n++;
    memset(&rows->r[k], 0, sizeof rows->r[k]);
    rows->r[k].next = SIZE_MAX;
    if (after == SIZE_MAX)
        after = *tail;
    if (after == SIZE_MAX) {
        rows->head = k;
    } else {
        rows->r[k].next = rows->r[after].next;
        rows->r[after].next = k;
    }
    if (rows->r[k].next == SIZE_MAX)
        *tail = k;
    return k;
}

typedef struct {
    const tcs_waves *w;
    draft_rows *rows;
    tcs_strindex ids;   /* (id, "i") -> row, for ids that are not positions */
    tcs_strindex heads; /* (heading, "h") -> row, for ids that are positions */
    size_t *qrow;       /* per matched question: its row, or SIZE_MAX */
    size_t tail;
} matching;

/* How many columns of survey s have heading h. */
static size_t heading_count(const tcs_strindex *counts, const char *h)
{
    const size_t *n = tcs_strindex_find(counts, h, NULL);
    return n ? *n : 0;
}

/* The row column c of wave i joins, or SIZE_MAX for a new one. */
static size_t row_of(matching *mt, size_t i, const tcs_column *c, size_t q, bool unique)
{
    size_t r = q != SIZE_MAX ? mt->qrow[q] : SIZE_MAX;
    const size_t *at = NULL;
    if (r == SIZE_MAX && !tcs_question_id_positional(c->id))
        at = tcs_strindex_find(&mt->ids, c->id, "i");
    else if (r == SIZE_MAX && unique)
        at = tcs_strindex_find(&mt->heads, c->header, "h");
    if (at)
        r = *at;
    if (r != SIZE_MAX && mt->rows->r[r].cols[i])
        r = SIZE_MAX; /* already has a column of this wave */
    if (r != SIZE_MAX && q != SIZE_MAX && mt->rows->r[r].m &&
        mt->rows->r[r].m != tcs_waves_question(mt->w, q))
        r = SIZE_MAX; /* another question */
    return r;
}

static tcs_status match_wave(matching *mt, size_t i, tcs_error *err)
{
    const tcs_survey *s = tcs_waves_wave(mt->w, i)->survey;
    size_t n = tcs_survey_ncolumns(s), nq = tcs_waves_nquestions(mt->w);
    size_t *qof = malloc((n ? n : 1) * sizeof *qof);
    tcs_strindex counts = {0};
    if (!qof || !tcs_strindex_init(&counts, n)) {
        free(qof);
        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t k = 0; k < n; k++) {
        qof[k] = SIZE_MAX;
        bool found;
        (*tcs_strindex_get(&counts, tcs_survey_column(s, k)->header, NULL, 0, &found))++;
    }
    for (size_t q = 0; q < nq; q++) {
        const tcs_column *c = tcs_waves_question(mt->w, q)->cols[i];
        if (c)
            qof[c->index - 1] = q;
    }
    size_t prev = SIZE_MAX;
    tcs_status st = TCS_OK;
    for (size_t k = 0; k < n && st == TCS_OK; k++) {
        const tcs_column *c = tcs_survey_column(s, k);
        bool unique = heading_count(&counts, c->header) == 1;
        size_t r = row_of(mt, i, c, qof[k], unique);
        if (r == SIZE_MAX && (r = row_add(mt->rows, i ? prev : SIZE_MAX, &mt->tail)) != SIZE_MAX)
            mt->rows->r[r].first = i;
        if (r == SIZE_MAX) {
            st = tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        draft_row *row = &mt->rows->r[r];
        row->cols[i] = c;
        if (!unique && row->first == i)
            row->repeated_heading = true;
        if (qof[k] != SIZE_MAX) {
            mt->qrow[qof[k]] = r;
            row->m = tcs_waves_question(mt->w, qof[k]);
        }
        bool found;
        if (!tcs_question_id_positional(c->id))
            tcs_strindex_get(&mt->ids, c->id, "i", r, &found);
        else if (unique)
            tcs_strindex_get(&mt->heads, c->header, "h", r, &found);
        prev = r;
    }
    tcs_strindex_free(&counts);
    free(qof);
    return st;
}

/* Does pattern name exactly the row's columns, by heading or statement,
 * in every wave (as the codebook applies it)? */
static bool pattern_names_row(const tcs_waves *w, const draft_row *row, const char *pattern)
{
    for (size_t i = 0; i < tcs_waves_count(w); i++) {
        const tcs_survey *s = tcs_waves_wave(w, i)->survey;
        for (size_t k = 0; k < tcs_survey_ncolumns(s); k++) {
            const tcs_column *c = tcs_survey_column(s, k);
            bool hit = tcs_glob_match(pattern, c->header) ||
                       (c->statement && tcs_glob_match(pattern, c->statement));
            if (hit != (c == row->cols[i]))
                return false;
        }
    }
    return true;
}

/* The waves a row's columns are in, ';'-separated; NULL when every wave
 * (*oom set when memory ran out). With only_id, only the waves whose
 * column has that id. */
static char *waves_of(const tcs_waves *w, const draft_row *row, const char *only_id, bool *oom)
{
    size_t n = tcs_waves_count(w), in = 0;
    char buf[TCS_WAVES_MAX * 34] = "";
    for (size_t i = 0; i < n; i++) {
        const tcs_column *c = row->cols[i];
        if (!c || (only_id && strcmp(c->id, only_id) != 0))
            continue;
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", in ? ";" : "",
                 tcs_waves_wave(w, i)->label);
        in++;
    }
    if (in == n)
        return NULL;
    char *t = tcs_strndup(buf, strlen(buf));
    *oom = !t;
    return t;
}

/* A heading as a pattern that matches it: a control character (a line
 * break inside a heading) as '?', which matches any one byte. */
static char *glob_of(const char *header)
{
    size_t n = strlen(header);
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    for (size_t i = 0; i <= n; i++) {
        unsigned char b = (unsigned char)header[i];
        bool c1 = b == 0xC2 && (unsigned char)header[i + 1] >= 0x80 &&
                  (unsigned char)header[i + 1] <= 0x9F;
        if (c1) {
            p[i] = p[i + 1] = '?';
            i++;
        } else {
            p[i] = b && (b < 0x20 || b == 0x7F) ? '?' : (char)b;
        }
    }
    return p;
}

/* The id and, where the id alone would not name the row's columns in
 * every wave (an id that is a position, or ids that differ between
 * waves), a pattern: the first wave's heading, when it names exactly
 * them. Else the id names the waves whose column has it (a look note). */
static tcs_status row_identity(const tcs_waves *w, draft_row *row)
{
    const tcs_column *c0 = row->cols[row->first];
    const char *id = row->m ? row->m->id : c0->id;
    bool ids_differ = false, heads_differ = false;
    for (size_t i = 0; i < tcs_waves_count(w); i++) {
        ids_differ = ids_differ || (row->cols[i] && strcmp(row->cols[i]->id, id) != 0);
        heads_differ = heads_differ || (row->cols[i] && strcmp(row->cols[i]->header, c0->header));
    }
    bool several = tcs_waves_count(w) > 1;
    /* a position names the column in every wave that has it there with
     * the same heading (the waves column keeps it from the others) */
    if (several && (ids_differ || (tcs_question_id_positional(id) && heads_differ))) {
        char *p = glob_of(c0->header);
        if (!p)
            return TCS_ENOMEM;
        if (pattern_names_row(w, row, p))
            row->pattern = p;
        else
            free(p);
        if (!row->pattern)
            draft_text_add(&row->look,
                           "Known by %s only in the waves its waves column lists: its heading "
                           "also names other columns, so the other waves' column of this "
                           "question needs its own row.",
                           tcs_question_id_positional(id) ? "its position" : "this id");
    }
    bool oom = false;
    row->id = tcs_strndup(id, strlen(id));
    row->waves = waves_of(w, row, row->pattern ? NULL : id, &oom);
    return row->id && !oom ? TCS_OK : TCS_ENOMEM;
}

/* Do two rows have columns of one wave? */
static bool share_wave(const draft_row *a, const draft_row *b)
{
    for (size_t i = 0; i < TCS_WAVES_MAX; i++)
        if (a->cols[i] && b->cols[i])
            return true;
    return false;
}

/* Two rows with one id (a later wave's column known by a position another
 * row's id already is): the later one, which has a pattern, gets id_2. */
static tcs_status unique_ids(const tcs_waves *w, draft_rows *rows, tcs_error *err)
{
    tcs_strindex idx;
    if (!tcs_strindex_init(&idx, rows->n))
        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    tcs_status st = TCS_OK;
    for (size_t r = rows->head; r != SIZE_MAX && st == TCS_OK; r = rows->r[r].next) {
        draft_row *row = &rows->r[r];
        bool found;
        size_t other = *tcs_strindex_get(&idx, row->id, NULL, r, &found);
        if (found && !row->pattern && !rows->r[other].pattern &&
            !share_wave(row, &rows->r[other]))
            continue; /* one id, other waves: their waves columns keep them apart */
        for (int k = 2; found && k < 1000; k++) {
            char id[TCS_ID_MAX + 16];
            snprintf(id, sizeof id, "%.*s_%d", TCS_ID_MAX - 1, rows->r[r].id, k);
            if (tcs_strindex_find(&idx, id, NULL))
                continue;
            char *nid = tcs_strndup(id, strlen(id));
            if (!nid) {
                st = tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
                break;
            }
            char *p = row->pattern ? NULL : glob_of(row->cols[row->first]->header);
            if (p && pattern_names_row(w, row, p)) {
                row->pattern = p;
                free(row->waves);
                bool oom = false;
                row->waves = waves_of(w, row, NULL, &oom);
            } else {
                free(p);
            }
            if (!row->pattern)
                draft_text_add(&row->look, "Its id %s is also another row's: renamed %s, which "
                                           "names no column until a pattern gives its heading.",
                               row->id, nid);
            free(row->id);
            row->id = nid;
            tcs_strindex_get(&idx, row->id, NULL, r, &found);
        }
    }
    tcs_strindex_free(&idx);
    return st;
}

void tcs_draft_rows_free(draft_rows *rows)
{
    for (size_t k = 0; rows->r && k < rows->n; k++) {
        draft_row *r = &rows->r[k];
        free(r->id);
        free(r->pattern);
        free(r->labels);
        free(r->nonsubstantive);
        free(r->waves);
        free(r->look.s);
        free(r->info.s);
    }
    free(rows->r);
    memset(rows, 0, sizeof *rows);
}

tcs_status tcs_draft_rows_make(const tcs_waves *w, const tcs_scale_set *scales, draft_rows *rows,
                               tcs_error *err)
{
    memset(rows, 0, sizeof *rows);
    rows->head = SIZE_MAX;
    size_t total = 0, nq = tcs_waves_nquestions(w);
    for (size_t i = 0; i < tcs_waves_count(w); i++)
        total += tcs_survey_ncolumns(tcs_waves_wave(w, i)->survey);
    matching mt = {.w = w, .rows = rows, .tail = SIZE_MAX};
    mt.qrow = malloc((nq ? nq : 1) * sizeof *mt.qrow);
    tcs_status st = TCS_OK;
    if (!mt.qrow || !tcs_strindex_init(&mt.ids, total) || !tcs_strindex_init(&mt.heads, total))
        st = tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t q = 0; st == TCS_OK && q < nq; q++)
        mt.qrow[q] = SIZE_MAX;
    for (size_t i = 0; st == TCS_OK && i < tcs_waves_count(w); i++)
        st = match_wave(&mt, i, err);
    tcs_strindex_free(&mt.ids);
    tcs_strindex_free(&mt.heads);
    free(mt.qrow);
    for (size_t r = 0; st == TCS_OK && r < rows->n; r++)
        if (row_identity(w, &rows->r[r]) != TCS_OK)
            st = tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    if (st == TCS_OK)
        st = unique_ids(w, rows, err);
    for (size_t r = 0; st == TCS_OK && r < rows->n; r++)
        st = tcs_draft_fields(w, scales, &rows->r[r], err);
    if (st == TCS_OK)
        tcs_draft_pillars(rows);
    for (size_t r = 0; st == TCS_OK && r < rows->n; r++)
        if (rows->r[r].look.oom || rows->r[r].info.oom)
            st = tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    if (st != TCS_OK)
        tcs_draft_rows_free(rows);
    return st;
}

char *tcs_draft_row_check(const draft_row *r)
{
    const char *a = r->look.s ? r->look.s : "", *b = r->info.s ? r->info.s : "";
    size_t len = strlen(a) + strlen(b) + 2;
    char *s = malloc(len);
    if (s)
        snprintf(s, len, "%s%s%s", a, *a && *b ? " " : "", b);
    return s;
}
