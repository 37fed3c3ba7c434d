/* doc_md.c - the Markdown back-end: headings, paragraphs, "- " lists,
 * records as "- label: value" lines, pipe tables (numbers right-aligned),
 * images as links to their PNG. Text goes through escape.h: in the
 * compact style (the commands) every text through tcs_put_md_cell; in the
 * report style running text through tcs_put_md_text and table cells
 * through tcs_put_md_cell with '<' as &lt;, no column aligned, spaced as
 * report.md always was (see tcs_doc_style). */
#include "render/doc.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    FILE *fp;
    bool report, any, failed;
} md;

/* Running text: headings, paragraphs, list items, captions. */
static void text(const md *m, const char *s)
{
    if (m->report)
        tcs_put_md_text(m->fp, s);
    else
        tcs_put_md_cell(m->fp, s);
}

/* A table cell: in the report '<' is written as &lt; (split there: '<'
 * is never part of a longer UTF-8 sequence). */
static void cell_text(md *m, const char *s)
{
    char *copy = m->report && s && strchr(s, '<') ? malloc(strlen(s) + 1) : NULL;
    if (!copy) {
        m->failed = m->failed || (m->report && s && strchr(s, '<'));
        tcs_put_md_cell(m->fp, s);
        return;
    }
    strcpy(copy, s);
    char *p = copy;
    for (char *lt; (lt = strchr(p, '<')); p = lt + 1) {
        *lt = '\0';
        tcs_put_md_cell(m->fp, p);
        fputs("&lt;", m->fp);
    }
    tcs_put_md_cell(m->fp, p);
    free(copy);
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
            tcs_put_md_cell(m->fp, tcs_doc_header(flat[i].col, k, t, false, buf, sizeof buf));
            fputs(" |", m->fp);
        }
    fputs("\n|", m->fp);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < tcs_doc_span(flat[i].col, t); k++)
            fputs(flat[i].col->align == TCS_ALIGN_RIGHT && !m->report ? "---:|" : "---|", m->fp);
    fputc('\n', m->fp);
    alignas(max_align_t) unsigned char scratch[TCS_ROW_SCRATCH];
    for (size_t r = 0; r < t->rows.n; r++) {
        const void *row = tcs_rows_at(&t->rows, r, scratch);
        fputc('|', m->fp);
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < tcs_doc_span(flat[i].col, t); k++) {
                tcs_value v;
                tcs_doc_value(&flat[i], row, k, t, &v);
                fputc(' ', m->fp);
                for (int d = 0; d < v.indent; d++)
                    fputs("&nbsp;&nbsp;", m->fp);
                cell_text(m, tcs_doc_people_text(flat[i].col, &v, buf, sizeof buf));
                if (v.suffix && v.present)
                    cell_text(m, v.suffix);
                fputs(" |", m->fp);
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
        if (m->report)
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
            fprintf(m->fp, "](%s)\n", b->href);
            break;
        default: break;
        }
        if (m->report)
            fputs(report_spacing[b->kind].after, m->fp);
    }
}

tcs_status tcs_doc_write_md(FILE *fp, const tcs_doc *d, tcs_error *err)
{
    md m = {fp, tcs_doc_get_style(d) == TCS_DOC_REPORT, false, false};
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
