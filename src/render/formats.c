/* formats.c - the output formats, one row each: the name the commands
 * take, whether they offer it, and the back-end that renders a document
 * in it. Parsing --format, the lists in usage errors and --help, and
 * dispatch all read this table. */
#include "render/doc.h"

#include <string.h>

typedef struct {
    tcs_format fmt;
    const char *name;
    const char *alias; /* also accepted, never listed */
    bool offered;      /* by the commands' --format (else: the report's) */
    bool file;         /* written to a file only (binary) */
    tcs_status (*write)(FILE *fp, const tcs_doc *d, tcs_error *err);
} format_row;

/* The first row is the default. */
static const format_row formats[] = {
    {TCS_FORMAT_TABLE, "table", NULL, true, false, tcs_doc_write_term},
    {TCS_FORMAT_CSV, "csv", NULL, true, false, tcs_doc_write_csv},
    {TCS_FORMAT_JSON, "json", NULL, true, false, tcs_doc_write_json},
    {TCS_FORMAT_MD, "md", "markdown", true, false, tcs_doc_write_md},
    {TCS_FORMAT_HTML, "html", NULL, false, false, tcs_doc_write_html},
    {TCS_FORMAT_XLSX, "xlsx", NULL, true, true, tcs_doc_write_xlsx},
};

#define NFORMATS (sizeof formats / sizeof formats[0])

static const format_row *row_of(tcs_format f)
{
    for (size_t i = 0; i < NFORMATS; i++)
        if (formats[i].fmt == f)
            return &formats[i];
    return NULL;
}

bool tcs_format_parse(const char *name, tcs_format *out)
{
    for (size_t i = 0; name && i < NFORMATS; i++)
        if (formats[i].offered && (strcmp(name, formats[i].name) == 0 ||
                                   (formats[i].alias && strcmp(name, formats[i].alias) == 0))) {
            *out = formats[i].fmt;
            return true;
        }
    return false;
}

const char *tcs_format_name(tcs_format f)
{
    const format_row *r = row_of(f);
    return r ? r->name : "?";
}

bool tcs_format_needs_file(tcs_format f)
{
    const format_row *r = row_of(f);
    return r && r->file;
}

char *tcs_format_list(char *buf, size_t n, bool mark_default)
{
    size_t offered = 0, used = 0, k = 0;
    for (size_t i = 0; i < NFORMATS; i++)
        offered += formats[i].offered;
    if (n)
        buf[0] = '\0';
    for (size_t i = 0; i < NFORMATS && used < n; i++) {
        if (!formats[i].offered)
            continue;
        const char *sep = k == 0 ? "" : k + 1 == offered ? " or " : ", ";
        int w = snprintf(buf + used, n - used, "%s%s%s", sep, formats[i].name,
                         k == 0 && mark_default ? " (default)" : "");
        used += w > 0 ? (size_t)w : 0;
        k++;
    }
    return buf;
}

tcs_status tcs_doc_write(FILE *fp, const tcs_doc *d, tcs_format fmt, tcs_error *err)
{
    const format_row *r = row_of(fmt);
    if (!d || tcs_doc_failed(d))
        return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
    if (!r)
        return tcs_error_set(err, TCS_EINVAL, "", 0, 0, "unknown output format %d", (int)fmt);
    tcs_status st = r->write(fp, d, err);
    if (st == TCS_OK && ferror(fp))
        st = tcs_error_set(err, TCS_EIO, "", 0, 0, "error writing the output");
    return st;
}
