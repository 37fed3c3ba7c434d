/* records.c - which records of an export are responses (records.h). */
#include "import/records.h"

void tcs_record_stream_init(tcs_record_stream *rs, size_t header_rows, size_t ncolumns, bool csv)
{
    *rs = (tcs_record_stream){.header_rows = header_rows, .ncolumns = ncolumns, .csv = csv};
}

/* Before and in the header: blank lines skipped, header rows counted. */
tcs_record_kind tcs_record_stream_header(tcs_record_stream *rs, const tcs_cell *cells,
                                         size_t ncells)
{
    if (!rs->started) {
        if (tcs_record_blank(cells, ncells))
            return TCS_RECORD_SKIP; /* blank lines before the header */
        rs->started = true;
    }
    if (rs->headers_seen < rs->header_rows) {
        if (ncells > rs->header_width)
            rs->header_width = ncells;
        if (++rs->headers_seen == rs->header_rows && rs->ncolumns == 0)
            rs->ncolumns = rs->header_width;
        return TCS_RECORD_HEADER;
    }
    long col;
    return tcs_record_stream_next(rs, cells, ncells, &col);
}
