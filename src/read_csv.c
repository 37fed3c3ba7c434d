/* read_csv.c - stream a CSV export through libcsv, one record at a time.
 *
 * Decoding (BOM, UTF-16 via iconv) and delimiter detection happen here;
 * libcsv does the quoting. libcsv knows nothing of rows and columns, so the
 * callbacks count them to place every error. */
#define _POSIX_C_SOURCE 200809L
#include "tcsurvey/reader.h"
#include "tcsurvey/text.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CHUNK (64u * 1024u)
/* libcsv's parser states (libcsv.c); the struct is public, the names are not. */
#define LIBCSV_FIELD_BEGUN 2

typedef struct {
    const char *path;
    tcs_record_fn fn;
    void *ctx;
    tcs_error *err;
    tcs_status status; /* first failure; stops the parse */
    /* current record: cell texts live in one arena, offsets fixed at the end */
    size_t *offsets, *lengths;
    tcs_cell *cells;
    size_t ncells, cap;
    char *arena;
    size_t arena_len, arena_cap;
    long row;      /* records completed so far */
    int last_term; /* terminator of the previous record, to pair CR LF */
    bool saw_crlf, saw_lf, saw_cr;
} csv_state;

static tcs_status state_fail(csv_state *st, tcs_status status)
{
    if (st->status == TCS_OK)
        st->status = status;
    return status;
}

static void on_field(void *data, size_t len, void *vst)
{
    csv_state *st = vst;
    if (st->status != TCS_OK)
        return;
    long row = st->row + 1, col = (long)st->ncells + 1;
    const char *s = data ? data : "";
    if (len > TCS_CELL_MAX) {
        tcs_error_set(st->err, TCS_ELIMIT, st->path, row, col,
                      "cell of %zu bytes is larger than the limit of %u bytes", len,
                      TCS_CELL_MAX);
        state_fail(st, TCS_ELIMIT);
        return;
    }
    if (len && memchr(s, '\0', len)) {
        tcs_error_set(st->err, TCS_EENCODING, st->path, row, col,
                      "NUL byte in cell: this is not a text export");
        state_fail(st, TCS_EENCODING);
        return;
    }
    size_t bad;
    if (!tcs_utf8_valid(s, len, &bad)) {
        tcs_error_set(st->err, TCS_EENCODING, st->path, row, col,
                      "invalid UTF-8 (byte 0x%02X at offset %zu of the cell); save the file "
                      "as \"CSV UTF-8\"",
                      (unsigned char)s[bad], bad);
        state_fail(st, TCS_EENCODING);
        return;
    }
    if (st->ncells >= TCS_COLUMNS_MAX) {
        tcs_error_set(st->err, TCS_ELIMIT, st->path, row, col, "more than %u columns",
                      TCS_COLUMNS_MAX);
        state_fail(st, TCS_ELIMIT);
        return;
    }
    if (st->ncells == st->cap) {
        size_t ncap = st->cap ? st->cap * 2 : 64;
        size_t *o = realloc(st->offsets, ncap * sizeof *o);
        if (o)
            st->offsets = o;
        size_t *l = realloc(st->lengths, ncap * sizeof *l);
        if (l)
            st->lengths = l;
        tcs_cell *c = realloc(st->cells, ncap * sizeof *c);
        if (c)
            st->cells = c;
        if (!o || !l || !c) {
            tcs_error_set(st->err, TCS_ENOMEM, st->path, row, col, "out of memory");
            state_fail(st, TCS_ENOMEM);
            return;
        }
        st->cap = ncap;
    }
    if (st->arena_len + len + 1 > st->arena_cap) {
        size_t ncap = st->arena_cap ? st->arena_cap : 4096;
        while (ncap < st->arena_len + len + 1)
            ncap *= 2;
        char *a = realloc(st->arena, ncap);
        if (!a) {
            tcs_error_set(st->err, TCS_ENOMEM, st->path, row, col, "out of memory");
            state_fail(st, TCS_ENOMEM);
            return;
        }
        st->arena = a;
        st->arena_cap = ncap;
    }
    memcpy(st->arena + st->arena_len, s, len);
    st->arena[st->arena_len + len] = '\0';
    st->offsets[st->ncells] = st->arena_len;
    st->lengths[st->ncells] = len;
    st->arena_len += len + 1;
    st->ncells++;
}

static void on_record(int term, void *vst)
{
    csv_state *st = vst;
    if (st->status != TCS_OK)
        return;
    /* CSV_REPALL_NL reports the LF of CR LF as an empty record of its own */
    if (st->ncells == 0 && term == '\n' && st->last_term == '\r') {
        st->saw_crlf = true;
        st->last_term = term;
        return;
    }
    if (st->last_term == '\r' && term != '\n')
        st->saw_cr = true;
    if (term == '\n' && st->last_term != '\r')
        st->saw_lf = true;
    st->last_term = term;
    st->row++;
    for (size_t i = 0; i < st->ncells; i++) {
        st->cells[i].text = st->arena + st->offsets[i];
        st->cells[i].len = st->lengths[i];
    }
    tcs_status s = st->fn(st->ctx, st->row, st->cells, st->ncells, st->err);
    if (s != TCS_OK)
        state_fail(st, s);
    st->ncells = 0;
    st->arena_len = 0;
}

/* libcsv grows its field buffer without bound; refusing early keeps a
 * corrupt multi-gigabyte "cell" from exhausting memory. */
static void *bounded_realloc(void *p, size_t n)
{
    if (n > 4u * TCS_CELL_MAX + 4096u)
        return NULL;
    return realloc(p, n);
}

static int no_space(unsigned char c)
{
    (void)c; /* keep cells exactly as written; trimming happens when matching */
    return 0;
}

/* Pick the delimiter that splits the first records most consistently:
 * the most frequent of , ; TAB outside quotes in record 1, confirmed by the
 * following records having the same count. */
static char detect_delimiter(const char *buf, size_t n)
{
    static const char cand[3] = {',', ';', '\t'};
    size_t counts[3][8] = {{0}};
    size_t nrec = 0;
    bool quoted = false;
    for (size_t i = 0; i < n && nrec < 8; i++) {
        char c = buf[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r')) {
            if (c == '\r' && i + 1 < n && buf[i + 1] == '\n')
                i++;
            nrec++;
        } else if (!quoted) {
            for (int k = 0; k < 3; k++)
                if (c == cand[k])
                    counts[k][nrec]++;
        }
    }
    size_t complete = nrec < 8 ? nrec + 1 : 8; /* last may be partial */
    int best = -1;
    double best_score = 0;
    for (int k = 0; k < 3; k++) {
        size_t first = counts[k][0];
        if (!first)
            continue;
        size_t agree = 1;
        for (size_t r = 1; r + 1 < complete; r++)
            if (counts[k][r] == first)
                agree++;
        double score = (double)agree * 1000.0 + (double)first;
        if (score > best_score) {
            best_score = score;
            best = k;
        }
    }
    return best < 0 ? ',' : cand[best];
}

typedef struct {
    FILE *fp;
    iconv_t cd; /* (iconv_t)-1 when the file is UTF-8 */
    char in[CHUNK];
    size_t in_len;
    bool eof;
} decoder;

/* Fill out with up to outsz decoded UTF-8 bytes; 0 at end of input. */
static tcs_status decode_next(decoder *d, char *out, size_t outsz, size_t *got, const char *path,
                              tcs_error *err)
{
    *got = 0;
    for (;;) {
        if (!d->eof && d->in_len < sizeof d->in) {
            size_t r = fread(d->in + d->in_len, 1, sizeof d->in - d->in_len, d->fp);
            if (r == 0) {
                if (ferror(d->fp))
                    return tcs_error_set(err, TCS_EIO, path, 0, 0, "read error: %s",
                                         strerror(errno));
                d->eof = true;
            }
            d->in_len += r;
        }
        if (d->cd == (iconv_t)-1) {
            size_t take = d->in_len < outsz ? d->in_len : outsz;
            memcpy(out, d->in, take);
            memmove(d->in, d->in + take, d->in_len - take);
            d->in_len -= take;
            *got = take;
            return TCS_OK;
        }
        char *ip = d->in, *op = out;
        size_t il = d->in_len, ol = outsz;
        size_t r = iconv(d->cd, &ip, &il, &op, &ol);
        if (r == (size_t)-1 && errno == EILSEQ)
            return tcs_error_set(err, TCS_EENCODING, path, 0, 0,
                                 "invalid UTF-16 near byte %zu of the undecoded input",
                                 (size_t)(ip - d->in));
        memmove(d->in, ip, il);
        d->in_len = il;
        *got = (size_t)(op - out);
        if (*got > 0)
            return TCS_OK;
        if (d->eof) {
            if (d->in_len)
                return tcs_error_set(err, TCS_EENCODING, path, 0, 0,
                                     "the file ends in the middle of a UTF-16 character");
            return TCS_OK;
        }
    }
}

tcs_status tcs_read_csv(const char *path, const tcs_read_options *opts, tcs_record_fn fn,
                        void *ctx, tcs_source_info *info, tcs_error *err)
{
    tcs_source_info scratch;
    if (!info)
        info = &scratch;
    memset(info, 0, sizeof *info);
    snprintf(info->format, sizeof info->format, "csv");
    if (!path || !fn)
        return tcs_error_set(err, TCS_EINVAL, path, 0, 0, "no file or callback given");

    struct stat sb;
    if (stat(path, &sb) != 0)
        return tcs_error_set(err, errno == ENOENT ? TCS_ENOENT : TCS_EIO, path, 0, 0, "%s",
                             errno == ENOENT ? "no such file" : strerror(errno));
    if (S_ISDIR(sb.st_mode))
        return tcs_error_set(err, TCS_EIO, path, 0, 0, "is a folder, not a file");
    decoder dec = {.cd = (iconv_t)-1};
    dec.fp = fopen(path, "rb");
    if (!dec.fp)
        return tcs_error_set(err, errno == ENOENT ? TCS_ENOENT : TCS_EIO, path, 0, 0,
                             "cannot open: %s", strerror(errno));

    tcs_status status = TCS_OK;
    char *buf = malloc(2 * CHUNK);
    csv_state st = {.path = path, .fn = fn, .ctx = ctx, .err = err};
    struct csv_parser parser;
    bool parser_live = false;
    if (!buf) {
        status = tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
        goto done;
    }

    /* Encoding from the byte-order mark. */
    dec.in_len = fread(dec.in, 1, sizeof dec.in, dec.fp);
    if (dec.in_len < sizeof dec.in) {
        if (ferror(dec.fp)) {
            status = tcs_error_set(err, TCS_EIO, path, 0, 0, "read error: %s", strerror(errno));
            goto done;
        }
        dec.eof = true;
    }
    if (dec.in_len == 0) {
        status = tcs_error_set(err, TCS_EEMPTY, path, 0, 0, "the file is empty");
        goto done;
    }
    const unsigned char *b = (const unsigned char *)dec.in;
    size_t skip = 0;
    const char *from = NULL;
    if (dec.in_len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
        skip = 3;
        snprintf(info->encoding, sizeof info->encoding, "UTF-8 BOM");
    } else if (dec.in_len >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
        skip = 2;
        from = "UTF-16LE";
        snprintf(info->encoding, sizeof info->encoding, "UTF-16LE BOM");
    } else if (dec.in_len >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
        skip = 2;
        from = "UTF-16BE";
        snprintf(info->encoding, sizeof info->encoding, "UTF-16BE BOM");
    } else {
        snprintf(info->encoding, sizeof info->encoding, "UTF-8");
    }
    memmove(dec.in, dec.in + skip, dec.in_len - skip);
    dec.in_len -= skip;
    if (from) {
        dec.cd = iconv_open("UTF-8", from);
        if (dec.cd == (iconv_t)-1) {
            status = tcs_error_set(err, TCS_EUNSUPPORTED, path, 0, 0,
                                   "cannot convert from %s on this system", from);
            goto done;
        }
    }

    /* Decode a block at a time; delimiter detection looks at the first. The
     * parser is fed slices of opts->chunk_size to test buffer boundaries. */
    size_t got;
    size_t chunk = opts && opts->chunk_size && opts->chunk_size < CHUNK ? opts->chunk_size : CHUNK;
    status = decode_next(&dec, buf, CHUNK, &got, path, err);
    if (status != TCS_OK)
        goto done;
    if (got == 0) {
        status = tcs_error_set(err, TCS_EEMPTY, path, 0, 0, "the file is empty");
        goto done;
    }
    info->delimiter = opts && opts->delimiter ? opts->delimiter : detect_delimiter(buf, got);

    if (csv_init(&parser, CSV_REPALL_NL | CSV_APPEND_NULL) != 0) {
        status = tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
        goto done;
    }
    parser_live = true;
    csv_set_delim(&parser, (unsigned char)info->delimiter);
    csv_set_space_func(&parser, no_space);
    csv_set_realloc_func(&parser, bounded_realloc);

    while (got > 0) {
        size_t used = 0;
        for (size_t off = 0; off < got && st.status == TCS_OK;) {
            size_t take = got - off < chunk ? got - off : chunk;
            size_t u = csv_parse(&parser, buf + off, take, on_field, on_record, &st);
            used += u;
            off += take;
            if (u != take)
                break;
        }
        if (st.status != TCS_OK) {
            status = st.status;
            goto done;
        }
        if (used != got) {
            if (csv_error(&parser) == CSV_ENOMEM)
                status = tcs_error_set(err, TCS_ELIMIT, path, st.row + 1, (long)st.ncells + 1,
                                       "cell larger than the limit of %u bytes (a quote "
                                       "that never closes?)",
                                       TCS_CELL_MAX);
            else
                status = tcs_error_set(err, TCS_EFORMAT, path, st.row + 1, (long)st.ncells + 1,
                                       "CSV parse error: %s",
                                       csv_strerror(csv_error(&parser)));
            goto done;
        }
        status = decode_next(&dec, buf, CHUNK, &got, path, err);
        if (status != TCS_OK)
            goto done;
    }
    if (parser.pstate == LIBCSV_FIELD_BEGUN && parser.quoted) {
        status = tcs_error_set(err, TCS_EFORMAT, path, st.row + 1, (long)st.ncells + 1,
                               "unterminated quote: the quoted cell that starts here never "
                               "closes, or text follows its closing quote");
        goto done;
    }
    csv_fini(&parser, on_field, on_record, &st);
    status = st.status;
    if (status == TCS_OK && st.row == 0)
        status = tcs_error_set(err, TCS_EEMPTY, path, 0, 0, "the file has no rows");

done:
    info->records = st.row;
    snprintf(info->line_ending, sizeof info->line_ending, "%s",
             st.saw_crlf ? "CRLF" : st.saw_lf ? "LF" : st.saw_cr ? "CR" : "");
    if (parser_live)
        csv_free(&parser);
    if (dec.cd != (iconv_t)-1)
        iconv_close(dec.cd);
    fclose(dec.fp);
    free(buf);
    free(st.offsets);
    free(st.lengths);
    free(st.cells);
    free(st.arena);
    return status;
}
