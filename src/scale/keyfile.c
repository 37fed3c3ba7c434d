/* keyfile.c - what a platform's question and answer codes mean (a JISC
 * Online Surveys key export, a LimeSurvey or hand-made key of statements). */
#include "common/strindex.h"
#include "tcsurvey/codebook.h"
#include "tcsurvey/reader.h"
#include "tcsurvey/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *code;
    char *text;
    tcs_value_label *values;
    size_t nvalues, cap;
    long row;
} key_question;

struct tcs_keyfile {
    char *path;
    key_question *q;
    size_t n, cap;
    tcs_strindex index; /* code -> question, built after loading */
};

static bool whole(const char *s)
{
    long v;
    return s && tcs_parse_int(s, strlen(s), &v);
}

typedef struct {
    tcs_keyfile *k;
    const char *path;
    bool first;
} key_state;

static tcs_status add_value(key_state *st, long row, char *code, char *text, tcs_error *err)
{
    key_question *q = &st->k->q[st->k->n - 1];
    for (size_t i = 0; i < q->nvalues; i++)
        if (strcmp(q->values[i].code, code) == 0) {
            free(code);
            free(text);
            return TCS_OK; /* a repeated code: the first label stands */
        }
    if (q->nvalues == q->cap) {
        size_t nc = q->cap ? q->cap * 2 : 8;
        tcs_value_label *nv = realloc(q->values, nc * sizeof *nv);
        if (!nv) {
            free(code);
            free(text);
            return tcs_error_set(err, TCS_ENOMEM, st->path, row, 0, "out of memory");
        }
        q->values = nv;
        q->cap = nc;
    }
    q->values[q->nvalues++] = (tcs_value_label){code, text ? text : tcs_strndup("", 0)};
    return TCS_OK;
}

static tcs_status add_question(key_state *st, long row, char *code, char *text, tcs_error *err)
{
    tcs_keyfile *k = st->k;
    if (k->n == k->cap) {
        size_t nc = k->cap ? k->cap * 2 : 64;
        key_question *nq = realloc(k->q, nc * sizeof *nq);
        if (!nq) {
            free(code);
            free(text);
            return tcs_error_set(err, TCS_ENOMEM, st->path, row, 0, "out of memory");
        }
        k->q = nq;
        k->cap = nc;
    }
    k->q[k->n++] = (key_question){code, text, NULL, 0, 0, row};
    return TCS_OK;
}

static tcs_status key_row(void *ctx, long row, const tcs_cell *cells, size_t n, tcs_error *err)
{
    key_state *st = ctx;
    if (tcs_record_blank(cells, n))
        return TCS_OK;
    if (n < 2)
        return tcs_error_set(err, TCS_ECONFIG, st->path, row, 0,
                             "a key file has two columns: a code and what it means");
    bool oom = false;
    char *code = tcs_record_field(cells, n, 0, &oom);
    char *text = tcs_record_field(cells, n, 1, &oom);
    if (oom) {
        free(code);
        free(text);
        return tcs_error_set(err, TCS_ENOMEM, st->path, row, 0, "out of memory");
    }
    bool first = st->first;
    st->first = false;
    if (!code) {
        free(text);
        return TCS_OK;
    }
    if (first && text) { /* "code,text", "id,question", "variable,label" */
        char a[32], b[32];
        tcs_label_normalise(code, strlen(code), a, sizeof a);
        tcs_label_normalise(text, strlen(text), b, sizeof b);
        static const char *const names[] = {"code", "id", "variable", "name", "question"};
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (strcmp(a, names[i]) == 0 && strchr("tlqsd", b[0])) {
                free(code);
                free(text);
                return TCS_OK;
            }
    }
    if (whole(code)) {
        if (st->k->n == 0) {
            free(code);
            free(text);
            return tcs_error_set(err, TCS_ECONFIG, st->path, row, 1,
                                 "an answer code before any question: a key file lists a "
                                 "question, then its answer codes");
        }
        return add_value(st, row, code, text, err);
    }
    return add_question(st, row, code, text, err);
}

void tcs_keyfile_free(tcs_keyfile *k)
{
    if (!k)
        return;
    for (size_t i = 0; i < k->n; i++) {
        free(k->q[i].code);
        free(k->q[i].text);
        tcs_value_labels_free(k->q[i].values, k->q[i].nvalues);
    }
    free(k->q);
    free(k->path);
    tcs_strindex_free(&k->index);
    free(k);
}

tcs_status tcs_keyfile_load(const char *path, tcs_keyfile **out, tcs_error *err)
{
    *out = NULL;
    tcs_keyfile *k = calloc(1, sizeof *k);
    if (!k || !(k->path = tcs_strndup(path, strlen(path)))) {
        free(k);
        return tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
    }
    key_state st = {k, path, true};
    tcs_status s = tcs_read_table(path, NULL, key_row, &st, NULL, err);
    if (s == TCS_OK && k->n == 0)
        s = tcs_error_set(err, TCS_ECONFIG, path, 0, 0, "the key file names no question");
    if (s == TCS_OK && !tcs_strindex_init(&k->index, k->n))
        s = tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
    for (size_t i = 0; s == TCS_OK && i < k->n; i++) {
        bool found;
        size_t j = *tcs_strindex_get(&k->index, k->q[i].code, NULL, i, &found);
        if (found)
            s = tcs_error_set(err, TCS_ECONFIG, path, k->q[i].row, 1,
                              "question '%.60s' is given twice (also row %ld)", k->q[i].code,
                              k->q[j].row);
    }
    if (s != TCS_OK) {
        tcs_keyfile_free(k);
        return s;
    }
    *out = k;
    return TCS_OK;
}

const char *tcs_keyfile_path(const tcs_keyfile *k) { return k ? k->path : ""; }
size_t tcs_keyfile_size(const tcs_keyfile *k) { return k ? k->n : 0; }

/* The text of the key's own row for id, or NULL. */
static const char *lookup_exact(const tcs_keyfile *k, const char *id)
{
    const size_t *at = tcs_strindex_find(&k->index, id, NULL);
    return at ? k->q[*at].text : NULL;
}

/* Subquestion SUB of a grid, "CODE[SUB]" (LimeSurvey): when the key
 * names CODE, the statement is CODE's text and the option the
 * subquestion's (sub_text, its own row) or the label of answer code SUB
 * (else NULL: tcs_keyfile_statement then shows SUB), so that the rows of a
 * grid read apart. False when id is no such id or the key does not name
 * CODE. */
static bool subquestion(const tcs_keyfile *k, const char *id, const char *sub_text,
                        const char **statement, const char **option)
{
    const char *open = strchr(id, '[');
    size_t len = strlen(id);
    if (!open || open == id || len < 3 || id[len - 1] != ']' || open + 1 == id + len - 1)
        return false;
    char code[128];
    snprintf(code, sizeof code, "%.*s", (int)(open - id), id);
    const size_t *at = tcs_strindex_find(&k->index, code, NULL);
    if (!at)
        return false;
    const key_question *q = &k->q[*at];
    *statement = q->text;
    *option = sub_text;
    size_t sl = (size_t)(id + len - 1 - (open + 1));
    for (size_t i = 0; !*option && i < q->nvalues; i++)
        if (strlen(q->values[i].code) == sl && memcmp(q->values[i].code, open + 1, sl) == 0)
            *option = q->values[i].label;
    return true;
}

bool tcs_keyfile_lookup(const tcs_keyfile *k, const char *id, const char **statement,
                        const char **option, const tcs_value_label **values, size_t *nvalues)
{
    *statement = *option = NULL;
    *values = NULL;
    *nvalues = 0;
    if (!k || !id)
        return false;
    const size_t *at = tcs_strindex_find(&k->index, id, NULL);
    if (at && !subquestion(k, id, k->q[*at].text, statement, option)) {
        const key_question *q = &k->q[*at];
        *statement = q->text;
        *values = q->values;
        *nvalues = q->nvalues;
        return true;
    }
    if (at || subquestion(k, id, NULL, statement, option))
        return true;
    /* option N of question CODE: "CODE_N" */
    const char *us = strrchr(id, '_');
    if (!us || !whole(us + 1) || us == id)
        return false;
    char code[128];
    snprintf(code, sizeof code, "%.*s", (int)(us - id), id);
    at = tcs_strindex_find(&k->index, code, NULL);
    if (!at)
        return false;
    const key_question *q = &k->q[*at];
    *statement = q->text;
    for (size_t i = 0; i < q->nvalues; i++)
        if (strcmp(q->values[i].code, us + 1) == 0)
            *option = q->values[i].label;
    return true;
}

char *tcs_keyfile_statement(const tcs_keyfile *k, const char *id, const tcs_value_label **values,
                            size_t *nvalues, bool *oom)
{
    const char *statement, *option;
    *oom = false;
    if (!tcs_keyfile_lookup(k, id, &statement, &option, values, nvalues) || !statement)
        return NULL;
    const char *open = strchr(id, '[');
    size_t idlen = strlen(id);
    int sub_len = 0;
    if (!option && open && idlen > 2 && id[idlen - 1] == ']' && statement != lookup_exact(k, id)) {
        option = open + 1;
        sub_len = (int)(id + idlen - 1 - option);
    } else if (option) {
        sub_len = (int)strlen(option);
    }
    size_t len = strlen(statement) + (option ? (size_t)sub_len + 3 : 0) + 1;
    char *text = malloc(len);
    if (!text) {
        *oom = true;
        return NULL;
    }
    if (option)
        snprintf(text, len, "%s [%.*s]", statement, sub_len, option);
    else
        snprintf(text, len, "%s", statement);
    return text;
}
