/* output.c - the commands' reports: each one's document (view_*.c)
 * rendered in the format asked for (formats.c). */
#include "tcsurvey/output.h"
#include "render/view.h"

#include <stdlib.h>
#include <string.h>

void tcs_format_double(double v, char *buf, size_t n)
{
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, n, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    if (strcmp(buf, "-0") == 0)
        snprintf(buf, n, "0");
}

/* Write the document a view built (d NULL: out of memory), and free it. */
static tcs_status finish(FILE *fp, tcs_doc *d, tcs_format fmt)
{
    tcs_status st = d ? tcs_doc_write(fp, d, fmt, NULL) : TCS_ENOMEM;
    tcs_doc_free(d);
    return st;
}

tcs_status tcs_write_summary(FILE *fp, const tcs_survey *s, tcs_format fmt)
{
    return tcs_write_summary_groups(fp, s, NULL, fmt);
}

tcs_status tcs_write_summary_groups(FILE *fp, const tcs_survey *s, const tcs_grouping *g,
                                    tcs_format fmt)
{
    tcs_doc *d = tcs_doc_new(TCS_DOC_COMPACT);
    if (d)
        tcs_view_summary(d, s, g);
    return finish(fp, d, fmt);
}

tcs_status tcs_write_inspect(FILE *fp, const tcs_survey *s, tcs_format fmt)
{
    tcs_doc *d = tcs_doc_new(TCS_DOC_COMPACT);
    if (d)
        tcs_view_inspect(d, s);
    return finish(fp, d, fmt);
}

tcs_status tcs_write_comparison(FILE *fp, const tcs_waves *w, tcs_format fmt)
{
    return tcs_write_comparison_groups(fp, w, NULL, fmt);
}

tcs_status tcs_write_comparison_groups(FILE *fp, const tcs_waves *w, const tcs_grouping *g,
                                       tcs_format fmt)
{
    tcs_doc *d = tcs_doc_new(TCS_DOC_COMPACT);
    if (d)
        tcs_view_comparison(d, w, g);
    return finish(fp, d, fmt);
}

tcs_status tcs_write_check(FILE *fp, const tcs_check *c, const tcs_targets *t, const tcs_waves *w,
                           tcs_format fmt)
{
    tcs_doc *d = tcs_doc_new(TCS_DOC_COMPACT);
    if (d)
        tcs_view_check(d, c, t, w);
    return finish(fp, d, fmt);
}
