/* survey.c - one pass over an export into per-column answer counts, then
 * the role and scale of every column. */
#define _POSIX_C_SOURCE 200809L
#include "tcsurvey/survey.h"
#include "import/dates.h"
#include "import/pipe.h"
#include "import/records.h"
#include "import/valuemap.h"
#include "scale/infer.h"
#include "common/strindex.h"
#include "tcsurvey/question.h"
#include "tcsurvey/text.h"

#include <stdarg.h>
#include <stdint.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


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
    tcs_date_acc dates;    /* the time column's dates (layout.time_column) */
    bool has_filter;
    tcs_row_filter filter; /* value owned */
    size_t pipe_min_bytes; /* as loaded, for the passes that re-read the file */
    /* loading state */
    const tcs_load_options *opts;
    const tcs_codebook_entry **entries; /* per column: its codebook row, or NULL */
    tcs_record_stream stream;
    tcs_scale_matcher *matcher;
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
        if (strcmp(c->header, s->columns[j].header) != 0) /* a repeated heading: said once */
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

/* Two columns with one heading (forms repeat a title that two questions
 * share) are told apart by position: a later one whose id is the
 * heading's numbering or code is known as col<N>, and the repeat is said
 * once. */
static tcs_status warn_repeated_headers(tcs_survey *s, tcs_error *err)
{
    size_t n = s->ncolumns, repeats = 0, first_a = 0, first_b = 0;
    tcs_strindex idx;
    if (!tcs_strindex_init(&idx, n))
        return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const char *h = s->columns[i].header;
        bool found;
        size_t j = h[0] ? *tcs_strindex_get(&idx, h, NULL, i, &found) : 0;
        if (!h[0] || !found)
            continue;
        if (!repeats++) {
            first_a = j + 1;
            first_b = i + 1;
        }
    }
    tcs_strindex_free(&idx);
    if (repeats)
        warn(s, "%zu heading%s repeat%s an earlier one (first: columns %zu and %zu); the "
                "columns are told apart by position (%s, %s): name each in the codebook by "
                "its id",
             repeats, repeats == 1 ? "" : "s", repeats == 1 ? "s" : "", first_a, first_b,
             s->columns[first_a - 1].id, s->columns[first_b - 1].id);
    return TCS_OK;
}

/* An export of counts (a column per answer of a scale, a row per
 * question) is not an export of responses: say so instead of reading its
 * numbers as answers. */
static tcs_status refuse_counts_table(const tcs_survey *s, tcs_error *err)
{
    size_t n = s->ncolumns;
    if (!s->matcher || n < 3 || n > 40)
        return TCS_OK;
    tcs_answer_count *h = calloc(n, sizeof *h);
    if (!h)
        return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
    for (size_t i = 0; i < n; i++)
        h[i] = (tcs_answer_count){s->columns[i].header, strlen(s->columns[i].header), 1};
    const tcs_scale_def *found = NULL;
    size_t most = 2;
    for (size_t d = 0; d < tcs_scale_matcher_count(s->matcher); d++) {
        const tcs_scale_def *def = tcs_scale_matcher_def(s->matcher, d);
        tcs_scale_fit f;
        tcs_scale_fit_def(s->matcher, def, h, n, &f);
        if (f.covered > most && f.collisions == 0 && f.near == 0) {
            found = def;
            most = f.covered;
        }
    }
    free(h);
    if (!found)
        return TCS_OK;
    return tcs_error_set(err, TCS_EFORMAT, s->path, 1, 0,
                         "this looks like a table of counts (a column per answer of scale %s, "
                         "such as '%.*s', and a row per question), not an export of responses: "
                         "download the individual responses (one row per respondent) instead",
                         found->name, (int)strcspn(found->points[found->npoints - 1], "|"),
                         found->points[found->npoints - 1]);
}

/* What a key file says of each column: its statement (an option of a
 * multi-select question as "Question [Option]") and its codes' labels. */
static tcs_status apply_keyfile(tcs_survey *s, tcs_error *err)
{
    const tcs_keyfile *k = s->opts ? s->opts->labels : NULL;
    for (size_t i = 0; k && i < s->ncolumns; i++) {
        tcs_column *c = &s->columns[i];
        const tcs_value_label *v;
        size_t nv;
        bool oom;
        char *text = tcs_keyfile_statement(k, c->code ? c->code : c->id, &v, &nv, &oom);
        if (oom)
            return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
        if (!text)
            continue;
        free(c->statement);
        c->statement = text;
        if (nv) {
            c->values = v;
            c->nvalues = nv;
        }
    }
    return TCS_OK;
}

/* Each codebook row onto the columns it matches: id, statement, pillar,
 * scale, reading of answers, role. */
static tcs_status apply_codebook(tcs_survey *s, tcs_error *err)
{
    size_t n = s->ncolumns;
    const tcs_codebook *cb = s->opts ? s->opts->codebook : NULL;
    const char *wave = s->opts ? s->opts->wave_label : NULL;
    for (size_t e = 0; e < tcs_codebook_size(cb); e++) {
        const tcs_codebook_entry *ce = tcs_codebook_entry_at(cb, e);
        size_t matched = 0;
        if (wave && ce->waves && !tcs_codebook_entry_in_wave(ce, wave))
            continue; /* not asked in this wave: another wave's column */
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
            s->entries[i] = ce;
            if (ce->nvalues) {
                c->values = ce->values;
                c->nvalues = ce->nvalues;
            }
            c->nonsubstantive_list = ce->nonsubstantive;
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
            if (!ce->include) /* a platform's own column stays what it is */
                c->role = c->role == TCS_ROLE_METADATA ? TCS_ROLE_METADATA : TCS_ROLE_EXCLUDED;
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

/* Give every column its identity; apply the codebook. */
static tcs_status setup_columns(tcs_survey *s, tcs_error *err)
{
    tcs_layout *L = &s->layout;
    size_t n = L->ncolumns;
    s->ncolumns = n;
    s->columns = calloc(n ? n : 1, sizeof *s->columns);
    s->maps = calloc(n ? n : 1, sizeof *s->maps);
    s->entries = calloc(n ? n : 1, sizeof *s->entries);
    if (!s->columns || !s->maps || !s->entries)
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
        st = warn_repeated_headers(s, err);
    if (st == TCS_OK)
        st = refuse_counts_table(s, err);
    if (st != TCS_OK)
        return st;

    st = apply_keyfile(s, err);
    if (st != TCS_OK)
        return st;
    return apply_codebook(s, err);
}

/* Bytes tcs_trim may remove at an end of a cell: ASCII white space and
 * either byte of U+00A0. */
static const bool may_trim[256] = {[' '] = true, ['\t'] = true, ['\r'] = true,
                                   ['\n'] = true, [0xC2] = true, [0xA0] = true};

/* The time column's cell of a response: its date. */
static void take_date(tcs_survey *s, const tcs_cell *cell)
{
    size_t len;
    const char *t = tcs_trim(cell->text, cell->len, &len);
    if (len)
        tcs_dates_add(&s->dates, t, len);
}

static tcs_status take_data_row(tcs_survey *s, long row, const tcs_cell *cells, size_t ncells,
                                tcs_error *err)
{
    size_t n = s->ncolumns;
    long col = 0;
    switch (tcs_record_stream_next(&s->stream, cells, ncells, &col)) {
    case TCS_RECORD_SKIP:
    case TCS_RECORD_HEADER:
        return TCS_OK;
    case TCS_RECORD_BEYOND:
        return tcs_error_set(err, TCS_EFORMAT, s->path, row, col,
                             "row has %zu cells but the header has %zu columns; this "
                             "cell is beyond the last header",
                             ncells, n);
    case TCS_RECORD_SHORT:
        return tcs_error_set(err, TCS_EFORMAT, s->path, row, col,
                             "row has %zu cells but the header has %zu columns", ncells, n);
    case TCS_RECORD_DATA:
        break;
    }
    if (!tcs_survey_row_selected(s, cells, ncells))
        return TCS_OK;
    s->responses++;
    if (s->layout.time_column < ncells)
        take_date(s, &cells[s->layout.time_column]);
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
    tcs_record_stream_init(&s->stream, s->layout.header_rows, s->ncolumns,
                           s->source.kind == TCS_SOURCE_CSV);
    for (size_t i = 0; st == TCS_OK && i < s->nprobe; i++) /* the header rows, then data */
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

/* A column's answers as inference and tallies read them. */
static bool column_evidence(const tcs_survey *s, size_t i, tcs_infer_column *ic)
{
    const value_map *m = &s->maps[i];
    tcs_column *c = &s->columns[i];
    long counted;
    memset(ic, 0, sizeof *ic);
    ic->c = c;
    ic->entry = s->entries ? s->entries[i] : NULL;
    if (!(ic->answers = vm_answers(m, &ic->nanswers, &counted)))
        return false;
    ic->overflow = m->overflow;
    ic->overflow_numeric_only = m->overflow_numeric_only;
    ic->not_kept = m->overflow ? c->nonempty - counted : 0;
    ic->semicolon_cells = m->semicolon_cells;
    ic->total_len = m->total_len;
    c->distinct = m->n;
    c->distinct_overflow = m->overflow;
    return true;
}

/* A group of a survey already classified: the same roles, scales and
 * readings of answers, the group's own counts. */
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
        tcs_infer_column ic;
        if (!column_evidence(s, i, &ic))
            return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
        c->role = l->role;
        c->scale = l->scale;
        c->scale_basis = l->scale_basis;
        c->scale_differs = l->scale_differs;
        c->ambiguous = l->ambiguous;
        bool ok = (!groupable(c) || keep_answers(c, &s->maps[i])) &&
                  (!tcs_column_is_question(c) ||
                   tcs_column_tally(c, ic.answers, ic.nanswers, ic.not_kept));
        free(ic.answers);
        if (!ok)
            return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
    }
    return TCS_OK;
}

static void survey_warn(void *ctx, const char *msg) { warn(ctx, "%s", msg); }

static tcs_status classify(tcs_survey *s, tcs_error *err)
{
    size_t n = s->ncolumns;
    tcs_infer_column *ic = calloc(n ? n : 1, sizeof *ic);
    if (!ic)
        return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
    tcs_status st = TCS_OK;
    for (size_t i = 0; i < n && st == TCS_OK; i++)
        if (!column_evidence(s, i, &ic[i]))
            st = tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
    const tcs_codebook *cb = s->opts ? s->opts->codebook : NULL;
    tcs_infer_context ctx = {.path = s->path,
                             .platform = s->layout.platform,
                             .matcher = s->matcher,
                             .allow_other = s->opts && s->opts->allow_other,
                             .codebook_path = tcs_codebook_path(cb),
                             .warn = survey_warn,
                             .warn_ctx = s};
    tcs_infer_result res;
    if (st == TCS_OK)
        st = tcs_infer_columns(&ctx, ic, n, &res, err);
    if (st == TCS_OK) {
        s->has_common_range = res.has_common_range;
        s->common_range = res.common_range;
        s->common_range_votes = res.common_range_votes;
    }
    for (size_t i = 0; i < n && st == TCS_OK; i++)
        if (groupable(&s->columns[i]) && !keep_answers(&s->columns[i], &s->maps[i]))
            st = tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
    for (size_t i = 0; i < n; i++)
        free(ic[i].answers);
    free(ic);
    return st;
}

tcs_status tcs_survey_rescale(tcs_survey *s, size_t i, const tcs_scale *scale, const char *basis,
                              tcs_error *err)
{
    if (i >= s->ncolumns || !tcs_column_is_question(&s->columns[i]))
        return tcs_error_set(err, TCS_EINVAL, s->path, 0, (long)i + 1,
                             "column %zu is not a question", i + 1);
    tcs_column *c = &s->columns[i];
    tcs_answer_count *a = calloc(c->nanswers ? c->nanswers : 1, sizeof *a);
    if (!a)
        return tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
    for (size_t k = 0; k < c->nanswers; k++)
        a[k] = (tcs_answer_count){c->answers[k].label, strlen(c->answers[k].label),
                                  c->answers[k].count};
    c->scale = *scale;
    c->scale_basis = basis;
    c->role = scale->kind == TCS_SCALE_NUMERIC ? TCS_ROLE_RATING : TCS_ROLE_LIKERT;
    bool ok = tcs_column_tally(c, a, c->nanswers, 0);
    free(a);
    return ok ? TCS_OK : tcs_error_set(err, TCS_ENOMEM, s->path, 0, 0, "out of memory");
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
    s->layout.time_column = SIZE_MAX;
    tcs_dates_init(&s->dates);
    s->opts = opts;
    s->pipe_min_bytes =
        opts && opts->pipe_min_bytes ? opts->pipe_min_bytes : TCS_PIPE_MIN_BYTES;
    if (!(opts && opts->like)) { /* a group takes its scales from the whole survey */
        const tcs_scale_set *set = opts ? opts->scales : NULL;
        size_t nu = tcs_scale_set_count(set);
        const tcs_scale_def **u = calloc(nu ? nu : 1, sizeof *u);
        for (size_t k = 0; u && k < nu; k++)
            u[k] = tcs_scale_set_at(set, k);
        s->matcher = u ? tcs_scale_matcher_new(u, nu) : NULL;
        free(u);
        if (!s->matcher) {
            tcs_survey_free(s);
            return NULL;
        }
    }
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
    tcs_scale_matcher_free(s->matcher); /* only inference needs it */
    s->matcher = NULL;
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
        tcs_column_free_reading(c);
        for (size_t k = 0; k < c->nanswers; k++)
            free(c->answers[k].label);
        free(c->answers);
    }
    free(s->columns);
    free(s->entries);
    tcs_scale_matcher_free(s->matcher);
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
void tcs_survey_response_dates(const tcs_survey *s, tcs_response_dates *out)
{
    size_t col = s->layout.time_column;
    tcs_dates_result(&s->dates, col == SIZE_MAX ? 0 : col + 1, out);
}

tcs_status tcs_survey_first_year(const tcs_survey *s, int *year, tcs_error *err)
{
    (void)err;
    tcs_response_dates d;
    tcs_survey_response_dates(s, &d);
    *year = d.first_year;
    return TCS_OK;
}

size_t tcs_survey_nwarnings(const tcs_survey *s) { return s->nwarnings; }
const char *tcs_survey_warning(const tcs_survey *s, size_t i)
{
    return i < s->nwarnings ? s->warnings[i] : NULL;
}
