/* plot_frame.c - what every chart has: its title (wrapped, never wider
 * than the page), a legend of swatches, question labels on the y axis
 * (grid rows told apart by their row, shared openings elided), labels at
 * the right, notes under the axis; and the pieces of a script and its
 * data file every renderer uses. */
#define _POSIX_C_SOURCE 200809L
#include "render/plot_internal.h"
#include "tcsurvey/gnuplot.h"

#include <stdlib.h>
#include <string.h>

const char tcs_plot_font[] = "DejaVu Sans";

/* ---- data blocks and the plot command ---- */

bool tcs_plot_blocks_open(blocks *b, size_t n)
{
    memset(b, 0, sizeof *b);
    b->buf = calloc(n ? n : 1, sizeof *b->buf);
    b->len = calloc(n ? n : 1, sizeof *b->len);
    b->fp = calloc(n ? n : 1, sizeof *b->fp);
    b->index = calloc(n ? n : 1, sizeof *b->index);
    if (!b->buf || !b->len || !b->fp || !b->index)
        return false;
    b->n = n;
    for (size_t i = 0; i < n; i++)
        if (!(b->fp[i] = open_memstream(&b->buf[i], &b->len[i])))
            return false;
    return true;
}

bool tcs_plot_blocks_write(blocks *b, FILE *dat)
{
    bool ok = true;
    int next = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (b->fp[i] && fclose(b->fp[i]) != 0)
            ok = false;
        b->fp[i] = NULL;
        b->index[i] = -1;
        if (b->len[i] > 0) {
            fwrite(b->buf[i], 1, b->len[i], dat);
            fputs("\n\n", dat);
            b->index[i] = next++;
        }
    }
    return ok;
}

void tcs_plot_blocks_free(blocks *b)
{
    for (size_t i = 0; i < b->n; i++) {
        if (b->fp[i])
            fclose(b->fp[i]);
        free(b->buf[i]);
    }
    free(b->buf);
    free(b->len);
    free(b->fp);
    free(b->index);
    memset(b, 0, sizeof *b);
}

FILE *tcs_plot_clause(plot_cmd *pc)
{
    fputs(pc->clauses++ ? ", \\\n     " : "plot ", pc->fp);
    return pc->fp;
}

FILE *tcs_plot_data_clause(plot_cmd *pc, const blocks *b, size_t k, const char *name)
{
    if (k >= b->n || b->index[k] < 0)
        return NULL;
    FILE *fp = tcs_plot_clause(pc);
    fprintf(fp, "'%s.dat' index %d ", name, b->index[k]);
    return fp;
}

/* ---- text ---- */

size_t tcs_plot_utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* The byte where the last line (of text[pos..len)) is cut to leave room
 * for "...": at a word when one fits, else at a character. */
static size_t cut_point(const char *text, size_t pos, size_t len, size_t best, size_t width)
{
    size_t limit = width > 3 ? width - 3 : 1, cut;
    if (best == pos) {
        size_t k = pos, chars = 0;
        while (k < len && chars < limit) {
            k++;
            while (k < len && ((unsigned char)text[k] & 0xC0) == 0x80)
                k++;
            chars++;
        }
        cut = k;
    } else {
        /* drop the last word if "..." does not fit after it */
        cut = best;
        while (cut > pos && tcs_plot_utf8_chars(text + pos, cut - pos) > limit) {
            while (cut > pos && text[cut - 1] != ' ')
                cut--;
            while (cut > pos && text[cut - 1] == ' ')
                cut--;
        }
        if (cut == pos)
            cut = best;
    }
    /* no "roles,..." */
    while (cut > pos && strchr(",;:-/(", text[cut - 1]))
        cut--;
    return cut;
}

size_t tcs_plot_wrap(const char *text, size_t width, size_t max_lines, char lines[][256])
{
    size_t nlines = 0, len = strlen(text), pos = 0;
    for (size_t i = 0; i < max_lines; i++)
        lines[i][0] = '\0';
    while (pos < len && text[pos] == ' ')
        pos++;
    while (pos < len && nlines < max_lines) {
        /* take whole words while they fit */
        size_t end = pos, best = pos;
        while (end < len) {
            size_t wend = end;
            while (wend < len && text[wend] == ' ')
                wend++;
            while (wend < len && text[wend] != ' ')
                wend++;
            if (tcs_plot_utf8_chars(text + pos, wend - pos) > width)
                break;
            best = end = wend;
        }
        bool last = nlines + 1 == max_lines && best < len;
        if (best == pos || last) {
            /* a word longer than a line, or the last line with more to
             * come: cut to leave room for "..." at a character boundary */
            size_t cut = cut_point(text, pos, len, best, width);
            snprintf(lines[nlines], 256, "%.*s...", (int)(cut - pos > 240 ? 240 : cut - pos),
                     text + pos);
            nlines++;
            break;
        }
        snprintf(lines[nlines], 256, "%.*s", (int)(best - pos > 250 ? 250 : best - pos), text + pos);
        nlines++;
        pos = best;
        while (pos < len && text[pos] == ' ')
            pos++;
    }
    return nlines;
}

void tcs_plot_title_lines(chart *c)
{
    char lines[2][256];
    c->title_lines = tcs_plot_wrap(c->pub.title, TITLE_LINE_CHARS, 2, lines);
    if (c->title_lines == 0)
        c->title_lines = 1;
    for (size_t i = 0; i < 2; i++)
        snprintf(c->title_text[i], sizeof c->title_text[i], "%s", lines[i]);
}

/* How many whole words a and b start with in common; *end gets the byte
 * offset in a of the start of word number keep_from (0-based). */
static size_t common_words(const char *a, const char *b, size_t keep_from, size_t *end)
{
    size_t words = 0, i = 0;
    *end = 0;
    for (;;) {
        while (a[i] == ' ')
            i++;
        size_t start = i;
        while (a[i] && a[i] != ' ')
            i++;
        if (i == start || strncmp(a + start, b + start, i - start) != 0 ||
            (b[i] != ' ' && b[i] != '\0'))
            break;
        if (words == keep_from)
            *end = start;
        words++;
    }
    return words;
}

#define ELIDE_MIN_WORDS 6 /* a shared opening this long is elided... */
#define ELIDE_KEEP_WORDS 3 /* ...down to its last few words */

/* Bytes of st's opening shared with a neighbour's, to elide (0: none). */
static size_t shared_opening(const char *st, const tcs_matched *prev, const tcs_matched *next)
{
    size_t skip = 0;
    const tcs_matched *nb[2] = {prev, next};
    for (size_t k = 0; k < 2; k++) {
        size_t end;
        if (!nb[k] || !nb[k]->statement)
            continue;
        size_t words = common_words(st, nb[k]->statement, 0, &end);
        if (words < ELIDE_MIN_WORDS)
            continue;
        common_words(st, nb[k]->statement, words - ELIDE_KEEP_WORDS, &end);
        if (end > skip)
            skip = end;
    }
    return skip;
}

/* The row of a grid question m ("Accounting & Finance" of "In which
 * disciplines ...? [Accounting & Finance]"), or NULL. */
static const char *grid_item(const tcs_matched *m)
{
    for (size_t k = 0; k < TCS_WAVES_MAX; k++)
        if (m->cols[k])
            return m->cols[k]->item && m->cols[k]->item[0] ? m->cols[k]->item : NULL;
    return NULL;
}

/* A grid row's label: its row first, then the question without it
 * ("Accounting & Finance - In which disciplines do you work..."), so
 * that rows of one grid are told apart by what differs. False when the
 * statement does not hold the row (a codebook's own wording). */
static bool grid_text(const tcs_matched *m, const char *r, char *text, size_t n)
{
    const char *item = grid_item(m), *st = m->statement;
    const char *at = item && st ? strstr(st, item) : NULL;
    if (!at)
        return false;
    size_t ilen = strlen(item), before = (size_t)(at - st);
    const char *after = at + ilen;
    if (before > 0 && st[before - 1] == '[' && *after == ']')
        before--, after++;
    while (before > 0 && (st[before - 1] == ' ' || st[before - 1] == '-'))
        before--;
    while (*after == ' ')
        after++;
    snprintf(text, n, "%s%s: %s%s%.*s%s%s", m->id, r, item, before || *after ? " - " : "",
             (int)before, st, before && *after ? " " : "", after);
    return true;
}

/* "id: statement" for question m in at most two lines. Grid rows lead
 * with their row. When a label would not fit in two lines and the
 * statement opens with the same long run of words as a neighbour's
 * (1.1-1.4: "I feel that the role of Technician ... is seen as important
 * by students / by academics ..."), the shared opening is elided so that
 * what tells them apart shows: "1.2: ...seen as important by academics".
 * The report's tables give the full text. */
static size_t question_label(const tcs_matched *m, const tcs_matched *prev,
                             const tcs_matched *next, char lines[2][256])
{
    char text[1024];
    const char *st = m->statement && *m->statement ? m->statement : NULL;
    const char *r = m->reverse ? " (R)" : "";
    if (st && m->id && strcmp(st, m->id) != 0) {
        if (!grid_text(m, r, text, sizeof text)) {
            size_t skip = 0;
            if (tcs_plot_utf8_chars(st, strlen(st)) + strlen(m->id) + 2 > 2 * LABEL_LINE_CHARS - 4)
                skip = shared_opening(st, prev, next);
            snprintf(text, sizeof text, "%s%s: %s%s", m->id, r, skip ? "..." : "", st + skip);
        }
    } else
        snprintf(text, sizeof text, "%s%s", m->id ? m->id : (st ? st : "?"), r);
    /* control characters become spaces, as in every script string */
    for (char *c = text; *c; c++)
        if ((unsigned char)*c < 0x20)
            *c = ' ';
    return tcs_plot_wrap(text, LABEL_LINE_CHARS, 2, lines);
}

double tcs_plot_row_y(const chart *c, size_t r)
{
    return (double)(c->nrows - 1 - r);
}

void tcs_plot_put_tic(FILE *fp, const char *s)
{
    tcs_gp_put_tic_label(fp, &s, 1);
}

void tcs_plot_put_font(FILE *gp, bool bold, double size)
{
    fprintf(gp, "font '%s%s,%g'", tcs_plot_font, bold ? ":Bold" : "", size);
}

bool tcs_plot_dark_colour(const char *hex)
{
    unsigned r = 0, g = 0, b = 0;
    if (sscanf(hex, "#%2x%2x%2x", &r, &g, &b) != 3)
        return false;
    return 0.299 * r + 0.587 * g + 0.114 * b < 140.0;
}

/* ---- legend swatches ---- */

/* gnuplot's own key only uses the plot's width, and long scale labels
 * then stack over the chart: these are laid out by tcsurvey. */
static double swatch_width_cm(const char *text)
{
    /* 8 pt DejaVu Sans: about 0.145 cm a character; box, gap and spacing */
    return 0.45 + 0.15 + 0.145 * (double)tcs_plot_utf8_chars(text, strlen(text)) + 0.45;
}

/* Rows the swatches need; row[i] gets each swatch's row (may be NULL). */
static size_t swatch_layout(const char *const *texts, size_t n, size_t *row)
{
    double avail = CHART_WIDTH_CM - 1.0, used = 0;
    size_t rows = n ? 1 : 0;
    for (size_t i = 0; i < n; i++) {
        double w = swatch_width_cm(texts[i]);
        if (used > 0 && used + w > avail) {
            rows++;
            used = 0;
        }
        used += w;
        if (row)
            row[i] = rows - 1;
    }
    return rows;
}

size_t tcs_plot_swatch_rows(const char *const *texts, size_t n)
{
    return swatch_layout(texts, n, NULL);
}

void tcs_plot_put_swatches(FILE *gp, const chart *c, const char *const *colours,
                           const char *const *texts, size_t n, double top_cm)
{
    size_t *row = malloc((n ? n : 1) * sizeof *row);
    if (!row)
        return;
    size_t rows = swatch_layout(texts, n, row);
    double w = c->pub.width_cm, h = c->pub.height_cm;
    top_cm += TITLE_LINE_CM * (double)(c->title_lines - 1);
    for (size_t r = 0, i = 0; r < rows; r++) {
        double total = 0;
        for (size_t k = i; k < n && row[k] == r; k++)
            total += swatch_width_cm(texts[k]) - 0.45;
        double x = (w - total) / 2, y = h - top_cm - SWATCH_ROW_CM * (double)r;
        for (; i < n && row[i] == r; i++) {
            fprintf(gp, "set object %zu rect from screen %.4f, screen %.4f to screen %.4f, screen "
                        "%.4f fc rgb '%s' fillstyle solid 1.0 noborder\n",
                    100 + i, x / w, (y - 0.13) / h, (x + 0.45) / w, (y + 0.13) / h, colours[i]);
            fprintf(gp, "set label %zu ", 100 + i);
            tcs_gp_put_string(gp, texts[i]);
            fprintf(gp, " at screen %.4f, screen %.4f left ", (x + 0.6) / w, y / h);
            tcs_plot_put_font(gp, false, 8);
            fputc('\n', gp);
            x += swatch_width_cm(texts[i]);
        }
    }
    free(row);
}

/* ---- title, frame, notes ---- */

void tcs_plot_put_title(FILE *gp, const chart *c)
{
    double h = c->pub.height_cm;
    for (size_t i = 0; i < c->title_lines; i++) {
        fprintf(gp, "set label %d ", i ? 5 : 1);
        tcs_gp_put_string(gp, c->title_text[i]);
        fprintf(gp, " at screen 0.5, screen %.4f center ",
                1.0 - (0.45 + TITLE_LINE_CM * (double)i) / h);
        tcs_plot_put_font(gp, true, 10);
        fputc('\n', gp);
    }
}

void tcs_plot_put_frame(FILE *gp, const chart *c, double left, double right, double top_cm,
                        double bottom_cm)
{
    double h = c->pub.height_cm, extra = TITLE_LINE_CM * (double)(c->title_lines - 1);
    tcs_plot_put_title(gp, c);
    fprintf(gp, "set lmargin at screen %.4f\nset rmargin at screen %.4f\n", left, right);
    fprintf(gp, "set tmargin at screen %.4f\nset bmargin at screen %.4f\n",
            1.0 - (top_cm + extra) / h, bottom_cm / h);
    /* the legend sits between the title and the plot */
    fprintf(gp, "set key at screen 0.5, screen %.4f center top horizontal Left reverse "
                "samplen 1.5 spacing 1.1 width 1 ",
            1.0 - (0.85 + extra) / h);
    tcs_plot_put_font(gp, false, 8);
    fputc('\n', gp);
}

void tcs_plot_put_notes(FILE *gp, const chart *c, const char *const *lines, size_t n)
{
    double h = c->pub.height_cm;
    for (size_t i = 0; i < n; i++) {
        fprintf(gp, "set label %zu ", 90 + i);
        tcs_gp_put_string(gp, lines[i]);
        fprintf(gp, " at screen 0.5, screen %.4f center tc rgb '#333333' ",
                (c->notes_cm - NOTE_LINE_CM * (double)i - 0.25) / h);
        tcs_plot_put_font(gp, false, 7.5);
        fputc('\n', gp);
    }
}

/* ---- the rows of a question chart ---- */

void tcs_plot_put_rows(FILE *gp, const tcs_plot *p, const chart *c, right_label_fn right)
{
    fprintf(gp, "set yrange [-0.6:%.1f]\nset y2range [-0.6:%.1f]\n", (double)c->nrows - 0.4,
            (double)c->nrows - 0.4);
    fputs("set ytics scale 0 nomirror tc rgb '#222222' ", gp);
    tcs_plot_put_font(gp, false, 7.5);
    fputs(" (", gp);
    bool first = true;
    for (size_t r = 0; r < c->nrows; r++) {
        if (c->rows[r].q == SIZE_MAX)
            continue;
        char lines[2][256];
        const char *ptrs[2] = {lines[0], lines[1]};
        const tcs_matched *prev = NULL, *next = NULL;
        if (r > 0 && c->rows[r - 1].q != SIZE_MAX)
            prev = tcs_waves_question(p->w, c->rows[r - 1].q);
        if (r + 1 < c->nrows && c->rows[r + 1].q != SIZE_MAX)
            next = tcs_waves_question(p->w, c->rows[r + 1].q);
        size_t nlines = question_label(tcs_waves_question(p->w, c->rows[r].q), prev, next, lines);
        fputs(first ? "" : ", \\\n  ", gp);
        tcs_gp_put_tic_label(gp, ptrs, nlines);
        fprintf(gp, " %g", tcs_plot_row_y(c, r));
        first = false;
    }
    fputs(")\n", gp);
    fputs("set y2tics scale 0 nomirror tc rgb '#444444' ", gp);
    tcs_plot_put_font(gp, false, 7);
    fputs(" (", gp);
    first = true;
    for (size_t r = 0; r < c->nrows; r++) {
        if (c->rows[r].q == SIZE_MAX)
            continue;
        char text[96];
        right(p, c, tcs_waves_question(p->w, c->rows[r].q), text, sizeof text);
        fputs(first ? "" : ", ", gp);
        tcs_plot_put_tic(gp, text);
        fprintf(gp, " %g", tcs_plot_row_y(c, r));
        first = false;
    }
    fputs(")\n", gp);
    int label = 10;
    for (size_t r = 0; r < c->nrows; r++) {
        if (c->rows[r].q != SIZE_MAX)
            continue;
        char lines[1][256];
        tcs_plot_wrap(c->rows[r].heading, 2 * LABEL_LINE_CHARS, 1, lines);
        fprintf(gp, "set label %d ", label++);
        tcs_gp_put_string(gp, lines[0]);
        fprintf(gp, " at screen 0.01, first %g left ", tcs_plot_row_y(c, r));
        tcs_plot_put_font(gp, true, 9);
        fputc('\n', gp);
    }
}

void tcs_plot_right_n(const tcs_plot *p, const chart *c, const tcs_matched *m, char *out,
                      size_t outsz)
{
    (void)p;
    long n = 0;
    for (size_t k = 0; k < m->scale.npoints; k++)
        n += m->counts[c->pub.wave][k];
    snprintf(out, outsz, "n = %ld", n);
}

void tcs_plot_right_n_pair(const tcs_plot *p, const chart *c, const tcs_matched *m, char *out,
                           size_t outsz)
{
    (void)p;
    long a = 0, b = 0;
    for (size_t k = 0; k < m->scale.npoints; k++) {
        a += m->counts[c->pub.wave][k];
        b += m->counts[c->pub.wave_to][k];
    }
    snprintf(out, outsz, "n %ld, %ld", a, b);
}
