/* doc_html.c - the HTML back-end: one self-contained page (the
 * document's stylesheet inline, images inline as SVG), every text
 * through tcs_put_html. */
#define _POSIX_C_SOURCE 200809L
#include "render/doc.h"

#include <errno.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    FILE *fp;
    tcs_error *err;
    tcs_status status;
    bool failed;
} html;

static void cell(html *h, const char *tag, const tcs_col *c, const tcs_value *v)
{
    char buf[512];
    if (v && v->cls)
        fprintf(h->fp, "<%s class=\"%s\">", tag, v->cls);
    else
        fprintf(h->fp, "<%s>", tag);
    for (int d = 0; v && d < v->indent; d++)
        fputs("&nbsp;&nbsp;", h->fp);
    if (v) {
        tcs_put_html(h->fp, tcs_doc_people_text(c, v, buf, sizeof buf));
        if (v->suffix && v->present)
            tcs_put_html(h->fp, v->suffix);
    }
    fprintf(h->fp, "</%s>", tag);
}

/* The columns' shares of the width, when the table's columns give them
 * (a fixed layout then wraps long cells instead of widening the table). */
static void colgroup(html *h, const tcs_flat *flat, size_t n, const tcs_table *t)
{
    double total = 0;
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        any |= flat[i].col->width > 0;
        total += (double)(flat[i].col->width ? flat[i].col->width : 10) *
                 (double)tcs_doc_span(flat[i].col, t);
    }
    if (!any || total <= 0)
        return;
    fputs("<colgroup>", h->fp);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < tcs_doc_span(flat[i].col, t); k++)
            fprintf(h->fp, "<col style=\"width:%.1f%%\">",
                    100.0 * (flat[i].col->width ? flat[i].col->width : 10) / total);
    fputs("</colgroup>", h->fp);
}

static void table(html *h, const tcs_block *b)
{
    const tcs_table *t = &b->t;
    size_t n;
    tcs_flat *flat = tcs_cols_flat(t->cols, TCS_F_HTML, &n);
    if (!flat) {
        h->failed = true;
        return;
    }
    fprintf(h->fp, "<table class=\"%s\">", t->cls ? t->cls : "");
    colgroup(h, flat, n, t);
    if (!(b->flags & TCS_BLOCK_NO_HEADER)) {
        fputs("<thead><tr>", h->fp);
        char buf[512];
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < tcs_doc_span(flat[i].col, t); k++) {
                fputs("<th>", h->fp);
                tcs_put_html(h->fp, tcs_doc_header(flat[i].col, k, t, false, buf, sizeof buf));
                fputs("</th>", h->fp);
            }
        fputs("</tr></thead>\n", h->fp);
    }
    fputs("<tbody>\n", h->fp);
    alignas(max_align_t) unsigned char scratch[TCS_ROW_SCRATCH];
    for (size_t r = 0; r < t->rows.n; r++) {
        const void *row = tcs_rows_at(&t->rows, r, scratch);
        fputs("<tr>", h->fp);
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < tcs_doc_span(flat[i].col, t); k++) {
                tcs_value v;
                tcs_doc_value(&flat[i], row, k, t, &v);
                cell(h, "td", flat[i].col, &v);
            }
        fputs("</tr>\n", h->fp);
    }
    fputs("</tbody></table>\n", h->fp);
    free(flat);
}

static void record(html *h, const tcs_block *b)
{
    const tcs_table *t = &b->t;
    size_t n;
    tcs_flat *flat = tcs_cols_flat(t->cols, TCS_F_HTML, &n);
    if (!flat) {
        h->failed = true;
        return;
    }
    const void *row = tcs_rows_at(&t->rows, 0, NULL);
    fputs("<table class=\"record\"><tbody>\n", h->fp);
    for (size_t i = 0; i < n; i++) {
        tcs_value v;
        char hbuf[160];
        tcs_doc_value(&flat[i], row, 0, t, &v);
        if (!v.present && (flat[i].col->flags & TCS_COL_OMIT))
            continue;
        fputs("<tr><th>", h->fp);
        tcs_put_html(h->fp, tcs_doc_header(flat[i].col, 0, t, false, hbuf, sizeof hbuf));
        fputs("</th>", h->fp);
        cell(h, "td", flat[i].col, &v);
        fputs("</tr>\n", h->fp);
    }
    fputs("</tbody></table>\n", h->fp);
    free(flat);
}

/* An image: its SVG inline (the XML prolog dropped), its caption. After
 * one cannot be read, the others are left out (the error is returned). */
static void image(html *h, const tcs_block *b)
{
    if (h->status != TCS_OK)
        return;
    FILE *in = fopen(b->path, "rb");
    if (!in) {
        h->status = tcs_error_set(h->err, TCS_EOUTPUT, b->path, 0, 0,
                                  "cannot read the chart: %s", strerror(errno));
        return;
    }
    fputs("<figure>\n", h->fp);
    char line[8192];
    bool in_svg = false;
    while (fgets(line, sizeof line, in)) {
        if (!in_svg) {
            char *start = strstr(line, "<svg");
            if (!start)
                continue; /* <?xml ...?>, <!DOCTYPE ...> */
            in_svg = true;
            fputs(start, h->fp);
        } else
            fputs(line, h->fp);
    }
    fclose(in);
    fputs("<figcaption>", h->fp);
    tcs_put_html(h->fp, b->text);
    fputs("</figcaption>\n</figure>\n", h->fp);
}

static void text_element(html *h, const char *tag, const char *s)
{
    fprintf(h->fp, "<%s>", tag);
    tcs_put_html(h->fp, s);
    fprintf(h->fp, "</%s>\n", tag);
}

static void blocks(html *h, const tcs_block *b)
{
    for (; b; b = b->next) {
        if (!(b->formats & TCS_F_HTML))
            continue;
        char tag[4];
        switch (b->kind) {
        case TCS_BLOCK_HEADING:
            tag[0] = 'h';
            tag[1] = (char)('0' + (b->level < 1 ? 1 : b->level > 6 ? 6 : b->level));
            tag[2] = '\0';
            text_element(h, tag, b->text);
            break;
        case TCS_BLOCK_PARA: text_element(h, "p", b->text); break;
        case TCS_BLOCK_LIST:
            if (b->nitems == 0)
                break;
            fputs("<ul>\n", h->fp);
            for (size_t i = 0; i < b->nitems; i++)
                text_element(h, "li", b->items[i]);
            fputs("</ul>\n", h->fp);
            break;
        case TCS_BLOCK_RECORD: record(h, b); break;
        case TCS_BLOCK_TABLE: table(h, b); break;
        case TCS_BLOCK_IMAGE: image(h, b); break;
        case TCS_BLOCK_SECTIONS:
        case TCS_BLOCK_SECTION: blocks(h, b->first); break;
        }
    }
}

tcs_status tcs_doc_write_html(FILE *fp, const tcs_doc *d, tcs_error *err)
{
    html h = {fp, err, TCS_OK, false};
    const char *title = tcs_doc_title(d) ? tcs_doc_title(d) : "tcsurvey";
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          fp);
    tcs_put_html(fp, title);
    fprintf(fp, "</title>\n<style>%s</style>\n</head>\n<body>\n", tcs_doc_css(d) ? tcs_doc_css(d) : "");
    if (tcs_doc_title(d))
        text_element(&h, "h1", title);
    blocks(&h, tcs_doc_first(d));
    fputs("</body>\n</html>\n", fp);
    if (h.failed)
        return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
    return h.status;
}
