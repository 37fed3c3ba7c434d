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
#include <stdint.h>
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
    /* current record: cell texts live in one arena (cells point into it;
     * rebased when it moves) */
    tcs_cell *cells;
    size_t ncells, cap;
    char *arena;
    size_t arena_len, arena_cap;
    long row;      /* records completed so far */
    int last_term; /* terminator of the previous record, to pair CR LF */
    bool saw_crlf, saw_lf, saw_cr;
    /* Some byte of the field being read may be a NUL or non-ASCII (it came
     * from a slice scan_slice did not find clean), so on_field must check
     * its encoding; and whether the slice being parsed is clean. */
    bool field_unchecked, slice_clean;
    const struct csv_parser *parser; /* to know how far its field buffer reaches */
} csv_state;

/* Arena bytes a field of len bytes needs: the cell, its NUL, room for a
 * 32-byte copy of a short one, and the slack reader.h promises. */
static inline size_t arena_need(const csv_state *st, size_t len)
{
    return st->arena_len + len + 1 + 32 + TCS_CELL_SLACK;
}

static tcs_status state_fail(csv_state *st, tcs_status status)
{
    if (st->status == TCS_OK)
        st->status = status;
    return status;
}

/* Everything on_field does rarely: refusals and growing the buffers.
 * False when the field is refused (st->status says why). Kept out of
 * on_field so that the common path stays small. */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static bool field_slow(csv_state *st, const char *s, size_t len, bool check)
{
    if (st->status != TCS_OK)
        return false;
    long row = st->row + 1, col = (long)st->ncells + 1;
    if (len > TCS_CELL_MAX) {
        tcs_error_set(st->err, TCS_ELIMIT, st->path, row, col,
                      "cell of %zu bytes is larger than the limit of %u bytes", len,
                      TCS_CELL_MAX);
        state_fail(st, TCS_ELIMIT);
        return false;
    }
    if (check && len && memchr(s, '\0', len)) {
        tcs_error_set(st->err, TCS_EENCODING, st->path, row, col,
                      "NUL byte in cell: this is not a text export");
        state_fail(st, TCS_EENCODING);
        return false;
    }
    size_t bad;
    if (check && !tcs_utf8_valid(s, len, &bad)) {
        tcs_error_set(st->err, TCS_EENCODING, st->path, row, col,
                      "invalid UTF-8 (byte 0x%02X at offset %zu of the cell); save the file "
                      "as \"CSV UTF-8\"",
                      (unsigned char)s[bad], bad);
        state_fail(st, TCS_EENCODING);
        return false;
    }
    if (st->ncells >= TCS_COLUMNS_MAX) {
        tcs_error_set(st->err, TCS_ELIMIT, st->path, row, col, "more than %u columns",
                      TCS_COLUMNS_MAX);
        state_fail(st, TCS_ELIMIT);
        return false;
    }
    if (st->ncells == st->cap) {
        size_t ncap = st->cap ? st->cap * 2 : 64;
        tcs_cell *c = realloc(st->cells, ncap * sizeof *c);
        if (!c) {
            tcs_error_set(st->err, TCS_ENOMEM, st->path, row, col, "out of memory");
            state_fail(st, TCS_ENOMEM);
            return false;
        }
        st->cells = c;
        st->cap = ncap;
    }
    size_t need = arena_need(st, len);
    if (need > st->arena_cap) {
        size_t ncap = st->arena_cap ? st->arena_cap : 4096;
        while (ncap < need)
            ncap *= 2;
        /* not realloc: the cells' pointers are moved over from the old block */
        char *a = malloc(ncap);
        if (!a) {
            tcs_error_set(st->err, TCS_ENOMEM, st->path, row, col, "out of memory");
            state_fail(st, TCS_ENOMEM);
            return false;
        }
        if (st->arena_cap)
            memcpy(a, st->arena, st->arena_cap);
        memset(a + st->arena_cap, 0, ncap - st->arena_cap);
        for (size_t i = 0; i < st->ncells; i++)
            st->cells[i].text = a + (st->cells[i].text - st->arena);
        free(st->arena);
        st->arena = a;
        st->arena_cap = ncap;
    }
    return true;
}

static void on_field(void *data, size_t len, void *vst)
{
    csv_state *st = vst;
    const char *s = data ? data : "";
    /* A field whose bytes all came from clean slices is ASCII without NUL. */
    bool check = st->field_unchecked;
    st->field_unchecked = !st->slice_clean; /* the next field starts in this slice */
    if ((st->status != TCS_OK || len > TCS_CELL_MAX || check || st->ncells == st->cap ||
         arena_need(st, len) > st->arena_cap) &&
        !field_slow(st, s, len, check))
        return;
    /* Most cells are short and of random length: a fixed 32-byte copy
     * (libcsv's field buffer is at least that long; what follows the cell
     * is overwritten or slack) spares memcpy's branches on the length. */
    if (len <= 32 && data && st->parser->entry_size >= 32)
        memcpy(st->arena + st->arena_len, s, 32);
    else
        memcpy(st->arena + st->arena_len, s, len);
    st->arena[st->arena_len + len] = '\0';
    st->cells[st->ncells].text = st->arena + st->arena_len;
    st->cells[st->ncells].len = len;
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

/* ---- two fast paths that change no result ----
 *
 * 1. A slice of pure ASCII without NUL bytes needs no per-cell NUL and UTF-8
 *    checks (the bytes of a cell are a subset of the bytes fed to libcsv).
 * 2. no_space keeps white space as written, but costs libcsv an indirect
 *    call per byte. libcsv's built-in test (space or tab) only treats a
 *    white-space byte differently when the byte before it is a delimiter,
 *    line end or quote (a field's start, or after a closing quote), or the
 *    byte after it is one (trailing space of an unquoted field, counted
 *    while reading it); anywhere else the byte is kept as text, and a
 *    following non-space byte resets the count. So only such "edge" white
 *    space (and white space at either end of the decoded buffer, whose
 *    neighbour is not at hand) is parsed with no_space, one byte at a time,
 *    and the runs between with the built-in test. With a tab delimiter a
 *    tab is never white space to libcsv: only spaces count. */

/* 1 = white space, 2 = a byte white space must not touch. */
static void byte_classes(unsigned char delim, unsigned char cls[256])
{
    memset(cls, 0, 256);
    cls[' '] = 1;
    if (delim != '\t')
        cls['\t'] = 1;
    cls[delim] = 2;
    cls['\r'] = cls['\n'] = cls['"'] = 2;
}

static bool edge_space_at(const unsigned char *b, size_t n, size_t i, const unsigned char cls[256])
{
    return cls[b[i]] == 1 && (i == 0 || i + 1 == n || cls[b[i - 1]] == 2 || cls[b[i + 1]] == 2);
}

/* Most bytes a slice holds; edge positions are kept as 16-bit offsets. */
#define SLICE_MAX 4096u

/* Scan b[from..to), b[0..n) being the whole decoded buffer: append the
 * offsets (from base) of its edge white-space bytes, in order, to edges
 * (*nedges of them so far) and say whether it is ASCII without NUL. */
static bool scan_bytes(const unsigned char *b, size_t n, size_t base, size_t from, size_t to,
                       const unsigned char cls[256], uint16_t *edges, size_t *nedges)
{
    bool clean = true;
    for (size_t i = from; i < to; i++) {
        if (b[i] == 0 || b[i] >= 0x80)
            clean = false;
        if (edge_space_at(b, n, i, cls))
            edges[(*nedges)++] = (uint16_t)(i - base);
    }
    return clean;
}

#if defined(__SSE2__)
#include <emmintrin.h>

/* Scan b[from..to) (at most SLICE_MAX bytes), b[0..n) being the whole
 * decoded buffer: the offsets from `from` of its edge white-space bytes, in
 * order, into edges (*nedges of them), and whether it is ASCII without NUL.
 * 16 bytes at a time: most blocks hold no white space, and most white space
 * is between words. */
static bool scan_slice(const unsigned char *b, size_t n, size_t from, size_t to,
                       unsigned char delim, const unsigned char cls[256], uint16_t *edges,
                       size_t *nedges)
{
    const __m128i zero = _mm_setzero_si128(), sp = _mm_set1_epi8(' '),
                  tab = _mm_set1_epi8(delim == '\t' ? ' ' : '\t'),
                  dl = _mm_set1_epi8((char)delim), cr = _mm_set1_epi8('\r'),
                  lf = _mm_set1_epi8('\n'), qu = _mm_set1_epi8('"');
    __m128i dirty = zero;
    *nedges = 0;
    size_t i = from;
    for (; i + 16 <= to; i += 16) {
        __m128i v = _mm_loadu_si128((const void *)(b + i));
        dirty = _mm_or_si128(dirty, _mm_or_si128(v, _mm_cmpeq_epi8(v, zero)));
        unsigned ws = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, sp), _mm_cmpeq_epi8(v, tab)));
        if (!ws)
            continue;
        unsigned special = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dl), _mm_cmpeq_epi8(v, qu)),
                         _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf))));
        /* neighbours outside the block: the buffer's ends count as special */
        unsigned before = i == 0 || cls[b[i - 1]] == 2;
        unsigned after = i + 16 >= n || cls[b[i + 16]] == 2;
        unsigned edge = ws & ((special << 1) | before | (special >> 1) | (after << 15));
        for (unsigned k = 0; edge; k++, edge >>= 1)
            if (edge & 1)
                edges[(*nedges)++] = (uint16_t)(i + k - from);
    }
    bool clean = _mm_movemask_epi8(dirty) == 0;
    return scan_bytes(b, n, from, i, to, cls, edges, nedges) && clean;
}
#else
static bool scan_slice(const unsigned char *b, size_t n, size_t from, size_t to,
                       unsigned char delim, const unsigned char cls[256], uint16_t *edges,
                       size_t *nedges)
{
    (void)delim;
    *nedges = 0;
    return scan_bytes(b, n, from, from, to, cls, edges, nedges);
}
#endif

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

/* Text in UTF-32 (with or without a byte-order mark), or UTF-16 without
 * one, told by where the first bytes hold NULs: its name, or NULL. */
static const char *wide_encoding(const unsigned char *b, size_t n)
{
    if (n >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)
        return "UTF-32 text (little-endian, with a byte-order mark)";
    if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF)
        return "UTF-32 text (big-endian, with a byte-order mark)";
    if ((n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) ||
        (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF))
        return NULL;
    size_t m = (n < 512 ? n : 512) & ~(size_t)3, q = m / 4, z[4] = {0, 0, 0, 0};
    if (q < 2)
        return NULL;
    for (size_t i = 0; i < m; i++)
        z[i % 4] += b[i] == 0;
    /* UTF-32: the top byte of every character is 0, the next nearly always */
    if (z[3] == q && z[2] >= q * 9 / 10 && z[0] < q / 2)
        return "UTF-32 text (little-endian, without a byte-order mark)";
    if (z[0] == q && z[1] >= q * 9 / 10 && z[3] < q / 2)
        return "UTF-32 text (big-endian, without a byte-order mark)";
    /* UTF-16 of mostly Latin text: nearly every other byte is NUL */
    if (z[1] + z[3] >= 2 * q * 9 / 10 && z[0] + z[2] <= 2 * q / 10)
        return "UTF-16 text (little-endian, without a byte-order mark)";
    if (z[0] + z[2] >= 2 * q * 9 / 10 && z[1] + z[3] <= 2 * q / 10)
        return "UTF-16 text (big-endian, without a byte-order mark)";
    return NULL;
}

/* A first line "sep=X" (Excel writes it to name the delimiter X): X, and
 * the line taken off buf (*len bytes); 0 when there is none. */
static char excel_sep_line(char *buf, size_t *len)
{
    size_t n = *len;
    if (n < 5 || memcmp(buf, "sep=", 4) != 0 || !strchr(",;\t|", buf[4]) || buf[4] == '\0')
        return 0;
    size_t end = 5;
    if (end < n && buf[end] == '\r')
        end++;
    if (end < n && buf[end] == '\n')
        end++;
    if (end == 5 && end < n)
        return 0; /* more on the line: not Excel's */
    char sep = buf[4];
    memmove(buf, buf + end, n - end);
    *len = n - end;
    return sep;
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
        if (d->cd == (iconv_t)-1 && d->in_len == 0 && !d->eof) {
            /* UTF-8 needs no decoding: read straight into out */
            size_t r = fread(out, 1, outsz, d->fp);
            if (r == 0 && ferror(d->fp))
                return tcs_error_set(err, TCS_EIO, path, 0, 0, "read error: %s",
                                     strerror(errno));
            if (r == 0)
                d->eof = true;
            *got = r;
            return TCS_OK;
        }
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

/* The encoding from the first bytes (a byte-order mark, or NULs where a
 * wide encoding has them): reads the first block into dec, drops the
 * mark and opens the converter. */
static tcs_status open_encoding(decoder *dec, tcs_source_info *info, const char *path,
                                tcs_error *err)
{
    dec->in_len = fread(dec->in, 1, sizeof dec->in, dec->fp);
    if (dec->in_len < sizeof dec->in) {
        if (ferror(dec->fp))
            return tcs_error_set(err, TCS_EIO, path, 0, 0, "read error: %s", strerror(errno));
        dec->eof = true;
    }
    if (dec->in_len == 0)
        return tcs_error_set(err, TCS_EEMPTY, path, 0, 0, "the file is empty");
    const unsigned char *b = (const unsigned char *)dec->in;
    const char *wide = wide_encoding(b, dec->in_len);
    if (wide)
        return tcs_error_set(err, TCS_EENCODING, path, 0, 0,
                             "the file is %s: save it as \"CSV UTF-8\"", wide);
    size_t skip = 0;
    const char *from = NULL;
    if (dec->in_len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
        skip = 3;
        snprintf(info->encoding, sizeof info->encoding, "UTF-8 BOM");
    } else if (dec->in_len >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
        skip = 2;
        from = "UTF-16LE";
        snprintf(info->encoding, sizeof info->encoding, "UTF-16LE BOM");
    } else if (dec->in_len >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
        skip = 2;
        from = "UTF-16BE";
        snprintf(info->encoding, sizeof info->encoding, "UTF-16BE BOM");
    } else {
        snprintf(info->encoding, sizeof info->encoding, "UTF-8");
    }
    memmove(dec->in, dec->in + skip, dec->in_len - skip);
    dec->in_len -= skip;
    if (from && (dec->cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
        return tcs_error_set(err, TCS_EUNSUPPORTED, path, 0, 0,
                             "cannot convert from %s on this system", from);
    return TCS_OK;
}

/* The first decoded block, without Excel's "sep=;" line, which names the
 * delimiter (*sep; Excel hides the line, so rows are numbered from the
 * one after it). */
static tcs_status first_block(decoder *dec, char *buf, size_t *got, char *sep, const char *path,
                              tcs_error *err)
{
    tcs_status status = decode_next(dec, buf, CHUNK, got, path, err);
    if (status != TCS_OK)
        return status;
    if (*got == 0)
        return tcs_error_set(err, TCS_EEMPTY, path, 0, 0, "the file is empty");
    *sep = excel_sep_line(buf, got);
    if (*sep && *got == 0) {
        status = decode_next(dec, buf, CHUNK, got, path, err);
        if (status == TCS_OK && *got == 0)
            status = tcs_error_set(err, TCS_EEMPTY, path, 0, 0,
                                   "the file holds only Excel's sep= line, no rows");
    }
    return status;
}

typedef struct {
    struct csv_parser *parser;
    csv_state *st;
    size_t chunk; /* bytes fed to libcsv at a time (tests use small ones) */
    bool fast;
    unsigned char delim;
    unsigned char cls[256];
    uint16_t edges[SLICE_MAX];
} feed;

/* Parse one decoded block buf[0..got); *used gets what libcsv took (less
 * than got when it stopped on an error). */
static void parse_block(feed *fd, const char *buf, size_t got, size_t *used)
{
    csv_state *st = fd->st;
    const unsigned char *ub = (const unsigned char *)buf;
    bool short_parse = false;
    *used = 0;
    for (size_t off = 0; off < got && st->status == TCS_OK && !short_parse;) {
        /* a slice is scanned just before libcsv reads it, while it is in
         * the cache (any split of the input parses the same) */
        size_t slice = fd->chunk < SLICE_MAX ? fd->chunk : SLICE_MAX;
        size_t end = off + (got - off < slice ? got - off : slice);
        size_t nedges = 0;
        st->slice_clean =
            fd->fast && scan_slice(ub, got, off, end, fd->delim, fd->cls, fd->edges, &nedges);
        if (!st->slice_clean)
            st->field_unchecked = true;
        /* runs with libcsv's own white-space test, edge white space one
         * byte at a time with no_space */
        size_t base = off;
        for (size_t k = 0; off < end && st->status == TCS_OK && !short_parse; k++) {
            size_t edge = !fd->fast ? end : k < nedges ? base + fd->edges[k] : end;
            for (int part = 0; part < 2 && off < end; part++) {
                size_t to = part == 0 ? edge : off + 1;
                if (to == off)
                    continue;
                csv_set_space_func(fd->parser, part == 0 && fd->fast ? NULL : no_space);
                size_t u = csv_parse(fd->parser, buf + off, to - off, on_field, on_record, st);
                *used += u;
                if (u != to - off) {
                    short_parse = true;
                    break;
                }
                off = to;
            }
        }
    }
}

/* A regular file, opened; missing, unreadable, a folder or a special file
 * are errors worded for the user. */
static tcs_status open_input(const char *path, FILE **fp, tcs_error *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return tcs_error_set(err, errno == ENOENT ? TCS_ENOENT : TCS_EIO, path, 0, 0, "%s",
                             errno == ENOENT ? "no such file" : strerror(errno));
    if (S_ISDIR(sb.st_mode))
        return tcs_error_set(err, TCS_EIO, path, 0, 0, "is a folder, not a file");
    if (!S_ISREG(sb.st_mode))
        return tcs_input_regular(path, err);
    if (!(*fp = fopen(path, "rb")))
        return tcs_error_set(err, errno == ENOENT ? TCS_ENOENT : TCS_EIO, path, 0, 0,
                             "cannot open: %s", strerror(errno));
    return TCS_OK;
}

/* libcsv set up for the delimiter and the options, and the feed that hands
 * it slices (fd, st): not the file's decoding. */
static tcs_status start_parser(struct csv_parser *parser, feed *fd, csv_state *st,
                               const tcs_read_options *opts, unsigned char delim,
                               const char *path, tcs_error *err)
{
    if (csv_init(parser, CSV_REPALL_NL | CSV_APPEND_NULL) != 0)
        return tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
    st->parser = parser;
    csv_set_delim(parser, delim);
    csv_set_realloc_func(parser, bounded_realloc);
    /* libcsv grows its field buffer by blk_size (128 bytes by default): a
     * long cell took thousands of reallocs, each a copy where realloc
     * cannot grow in place (quadratic: minutes under AddressSanitizer) */
    csv_set_blk_size(parser, 64u * 1024u);
    fd->parser = parser;
    fd->st = st;
    fd->chunk = opts && opts->chunk_size && opts->chunk_size < CHUNK ? opts->chunk_size : CHUNK;
    fd->fast = !(opts && opts->no_fast_path);
    fd->delim = delim;
    byte_classes(fd->delim, fd->cls);
    st->field_unchecked = !fd->fast;
    return TCS_OK;
}

/* libcsv stopped short of the end of a block: why, where. */
static tcs_status parse_error(const feed *fd, const char *path, tcs_error *err)
{
    const csv_state *st = fd->st;
    if (csv_error(fd->parser) == CSV_ENOMEM)
        return tcs_error_set(err, TCS_ELIMIT, path, st->row + 1, (long)st->ncells + 1,
                             "cell larger than the limit of %u bytes (a quote "
                             "that never closes?)",
                             TCS_CELL_MAX);
    return tcs_error_set(err, TCS_EFORMAT, path, st->row + 1, (long)st->ncells + 1,
                         "CSV parse error: %s", csv_strerror(csv_error(fd->parser)));
}

/* Parse every decoded block, the first (buf[0..got)) already read, then
 * the end of the input: a quote left open, or no rows at all. */
static tcs_status parse_all(feed *fd, decoder *dec, char *buf, size_t got, const char *path,
                            tcs_error *err)
{
    csv_state *st = fd->st;
    struct csv_parser *parser = fd->parser;
    while (got > 0) {
        size_t used;
        parse_block(fd, buf, got, &used);
        if (st->status != TCS_OK)
            return st->status;
        if (used != got)
            return parse_error(fd, path, err);
        tcs_status status = decode_next(dec, buf, CHUNK, &got, path, err);
        if (status != TCS_OK)
            return status;
    }
    if (parser->pstate == LIBCSV_FIELD_BEGUN && parser->quoted)
        return tcs_error_set(err, TCS_EFORMAT, path, st->row + 1, (long)st->ncells + 1,
                             "unterminated quote: the quoted cell that starts here never "
                             "closes, or text follows its closing quote");
    csv_fini(parser, on_field, on_record, st);
    if (st->status == TCS_OK && st->row == 0)
        return tcs_error_set(err, TCS_EEMPTY, path, 0, 0, "the file has no rows");
    return st->status;
}

tcs_status tcs_read_csv(const char *path, const tcs_read_options *opts, tcs_record_fn fn,
                        void *ctx, tcs_source_info *info, tcs_error *err)
{
    tcs_source_info scratch;
    if (!info)
        info = &scratch;
    memset(info, 0, sizeof *info);
    snprintf(info->format, sizeof info->format, "csv");
    info->kind = TCS_SOURCE_CSV;
    if (!path || !fn)
        return tcs_error_set(err, TCS_EINVAL, path, 0, 0, "no file or callback given");

    decoder dec = {.cd = (iconv_t)-1};
    tcs_status status = open_input(path, &dec.fp, err);
    if (status != TCS_OK)
        return status;

    char *buf = malloc(2 * CHUNK);
    feed *fd = malloc(sizeof *fd);
    csv_state st = {.path = path, .fn = fn, .ctx = ctx, .err = err};
    struct csv_parser parser;
    bool parser_live = false;
    size_t got;
    char sep = 0;
    if (!buf || !fd)
        status = tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
    if (status == TCS_OK)
        status = open_encoding(&dec, info, path, err);
    /* decode a block at a time; delimiter detection looks at the first */
    if (status == TCS_OK)
        status = first_block(&dec, buf, &got, &sep, path, err);
    if (status == TCS_OK) {
        info->delimiter = opts && opts->delimiter ? opts->delimiter
                          : sep                   ? sep
                                                  : detect_delimiter(buf, got);
        status = start_parser(&parser, fd, &st, opts, (unsigned char)info->delimiter, path, err);
        parser_live = status == TCS_OK;
    }
    if (status == TCS_OK)
        status = parse_all(fd, &dec, buf, got, path, err);

    info->records = st.row;
    snprintf(info->line_ending, sizeof info->line_ending, "%s",
             st.saw_crlf ? "CRLF" : st.saw_lf ? "LF" : st.saw_cr ? "CR" : "");
    if (parser_live)
        csv_free(&parser);
    if (dec.cd != (iconv_t)-1)
        iconv_close(dec.cd);
    fclose(dec.fp);
    free(buf);
    free(fd);
    free(st.cells);
    free(st.arena);
    return status;
}
