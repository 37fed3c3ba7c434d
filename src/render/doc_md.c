/* doc_md.c - the Markdown back-end: headings, paragraphs, "- " lists,
 * records as "- label: value" lines, pipe tables (numbers right-aligned),
 * images as links to their PNG. Text goes through escape.h: in the
 * compact style (the commands) every text through tcs_put_md_cell; in the
 * report style through tcs_put_md_plain (escaping only what would be
 * markup), no column aligned, spaced as report.md always was; in the
 * pandoc style (report.docx's source) through tcs_put_pandoc_text, with
 * column widths, coloured cells as custom-style spans and images at the
 * page's width (see tcs_doc_style). */
#include "render/doc.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    FILE *fp;
    tcs_doc_style style;
    bool any, failed;
} md;

/* Running text: headings, paragraphs, list items, captions. */
static void text(const md *m, const char *s)
{
    if (m->style == TCS_DOC_REPORT)
        tcs_put_md_plain(m->fp, s);
    else if (m->style == TCS_DOC_PANDOC)
        tcs_put_pandoc_text(m->fp, s);
    else
        tcs_put_md_cell(m->fp, s);
}

/* A table cell's text. */
static void cell_text(md *m, const char *s)
{
    if (m->style == TCS_DOC_REPORT)
        tcs_put_md_plain_cell(m->fp, s);
    else if (m->style == TCS_DOC_PANDOC)
        tcs_put_pandoc_text(m->fp, s);
    else
        tcs_put_md_cell(m->fp, s);
}

/* The separator under a table's header: in the pandoc style each
 * column's dashes are its share of the width (pandoc reads them so). */
static void separator(md *m, const tcs_flat *flat, size_t n, const tcs_table *t)
{
    fputc('|', m->fp);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < tcs_doc_span(flat[i].col, t); k++) {
            const tcs_col *c = flat[i].col;
            if (m->style == TCS_DOC_PANDOC) {
                int w = c->width ? c->width : 10;
                for (int d = 0; d < (w < 3 ? 3 : w); d++)
                    fputc('-', m->fp);
                fputc('|', m->fp);
            } else
                fputs(c->align == TCS_ALIGN_RIGHT && m->style == TCS_DOC_COMPACT ? "---:|"
                                                                                : "---|",
                      m->fp);
        }
    fputc('\n', m->fp);
}

/* One cell: indented sub-rows, a coloured cell in the pandoc style as a
 * span of that style ("rag green" becomes the Word style "RAG green"). */
static void cell(md *m, const tcs_col *c, const tcs_value *v)
{
    char buf[512];
    fputc(' ', m->fp);
    for (int d = 0; d < v->indent; d++)
        fputs(m->style == TCS_DOC_COMPACT ? "&nbsp;&nbsp;" : "\xc2\xa0\xc2\xa0", m->fp);
    bool span = m->style == TCS_DOC_PANDOC && v->cls;
    if (span)
        fputc('[', m->fp);
    cell_text(m, tcs_doc_people_text(c, v, buf, sizeof buf));
    if (v->suffix && v->present)
        cell_text(m, v->suffix);
    if (span)
        fprintf(m->fp, "]{custom-style=\"%s\"}", v->cls);
    fputs(" |", m->fp);
}

static void table(md *m, const tcs_block *b)
{
    const tcs_table *t = &b->t;
    size_t n;
    tcs_flat *flat = tcs_cols_flat(t->cols, TCS_F_MD, &n);
    if (!flat) {
        m->failed = true;
        return;
    }
    char buf[512];
    fputc('|', m->fp);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < tcs_doc_span(flat[i].col, t); k++) {
            fputc(' ', m->fp);
            cell_text(m, tcs_doc_header(flat[i].col, k, t, false, buf, sizeof buf));
            fputs(" |", m->fp);
        }
    fputc('\n', m->fp);
    separator(m, flat, n, t);
    alignas(max_align_t) unsigned char scratch[TCS_ROW_SCRATCH];
    for (size_t r = 0; r < t->rows.n; r++) {
        const void *row = tcs_rows_at(&t->rows, r, scratch);
        fputc('|', m->fp);
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < tcs_doc_span(flat[i].col, t); k++) {
                tcs_value v;
                tcs_doc_value(&flat[i], row, k, t, &v);
                cell(m, flat[i].col, &v);
            }
        fputc('\n', m->fp);
    }
    free(flat);
}

static void record(md *m, const tcs_block *b)
{
    const tcs_table *t = &b->t;
    size_t n;
    tcs_flat *flat = tcs_cols_flat(t->cols, TCS_F_MD, &n);
    if (!flat) {
        m->failed = true;
        return;
    }
    const void *row = tcs_rows_at(&t->rows, 0, NULL);
    for (size_t i = 0; i < n; i++) {
        tcs_value v;
        char buf[512], hbuf[160];
        tcs_doc_value(&flat[i], row, 0, t, &v);
        if (!v.present && (flat[i].col->flags & TCS_COL_OMIT))
            continue;
        fputs("- ", m->fp);
        text(m, tcs_doc_header(flat[i].col, 0, t, false, hbuf, sizeof hbuf));
        fputs(": ", m->fp);
        text(m, tcs_doc_people_text(flat[i].col, &v, buf, sizeof buf));
        if (v.suffix && v.present)
            text(m, v.suffix);
        fputc('\n', m->fp);
    }
    free(flat);
}

static bool shows(const tcs_block *b)
{
    if (!(b->formats & TCS_F_MD))
        return false;
    return b->kind != TCS_BLOCK_LIST || b->nitems > 0;
}

/* What the report style writes before and after each kind of block. */
static const struct {
    const char *before, *after;
} report_spacing[] = {
    [TCS_BLOCK_HEADING] = {"\n", "\n"}, [TCS_BLOCK_PARA] = {"", "\n"},
    [TCS_BLOCK_LIST] = {"", "\n"},      [TCS_BLOCK_RECORD] = {"", "\n"},
    [TCS_BLOCK_TABLE] = {"\n", "\n"},   [TCS_BLOCK_IMAGE] = {"", "\n"},
    [TCS_BLOCK_SECTIONS] = {"", ""},    [TCS_BLOCK_SECTION] = {"", ""},
};

static void blocks(md *m, const tcs_block *b)
{
    for (; b; b = b->next) {
        if (!shows(b))
            continue;
        if (b->kind == TCS_BLOCK_SECTIONS || b->kind == TCS_BLOCK_SECTION) {
            blocks(m, b->first);
            continue;
        }
        if (m->style != TCS_DOC_COMPACT)
            fputs(report_spacing[b->kind].before, m->fp);
        else if (m->any)
            fputc('\n', m->fp);
        m->any = true;
        switch (b->kind) {
        case TCS_BLOCK_HEADING:
            fprintf(m->fp, "%.*s ", b->level, "######");
            text(m, b->text);
            fputc('\n', m->fp);
            break;
        case TCS_BLOCK_PARA:
            text(m, b->text);
            fputc('\n', m->fp);
            break;
        case TCS_BLOCK_LIST:
            for (size_t i = 0; i < b->nitems; i++) {
                fputs("- ", m->fp);
                text(m, b->items[i]);
                fputc('\n', m->fp);
            }
            break;
        case TCS_BLOCK_RECORD: record(m, b); break;
        case TCS_BLOCK_TABLE: table(m, b); break;
        case TCS_BLOCK_IMAGE:
            fputs("![", m->fp);
            text(m, b->text);
            fprintf(m->fp, "](%s)%s\n", b->href,
                    m->style == TCS_DOC_PANDOC ? "{width=100%}" : "");
            break;
        default: break;
        }
        if (m->style != TCS_DOC_COMPACT)
            fputs(report_spacing[b->kind].after, m->fp);
    }
}

tcs_status tcs_doc_write_md(FILE *fp, const tcs_doc *d, tcs_error *err)
{
    md m = {fp, tcs_doc_get_style(d), false, false};
    if (tcs_doc_title(d)) {
        fputs("# ", fp);
        text(&m, tcs_doc_title(d));
        fputc('\n', fp);
        m.any = true;
    }
    blocks(&m, tcs_doc_first(d));
    if (m.failed)
        return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
    return TCS_OK;
}
