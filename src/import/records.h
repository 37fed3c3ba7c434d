/* records.h - the records of an export as every pass takes them
 * (internal to the library).
 *
 * Blank lines before the header are skipped; then header_rows header
 * records, as wide as the widest of them; then every non-blank record is a
 * response, which may not have a non-blank cell beyond the header and, in
 * a CSV, may not be shorter than the header (a workbook leaves out
 * trailing empty cells, so its short rows are padded). The import (its
 * first pass) and the passes that read the file again (pillar scores,
 * composite targets) read records through one stream, so they agree on
 * which records are responses. */
#ifndef TCS_IMPORT_RECORDS_H
#define TCS_IMPORT_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include "tcsurvey/reader.h"

typedef enum {
    TCS_RECORD_SKIP,   /* a blank line */
    TCS_RECORD_HEADER, /* one of the header rows */
    TCS_RECORD_DATA,   /* a response */
    TCS_RECORD_BEYOND, /* a response with a non-blank cell beyond the header (at *col) */
    TCS_RECORD_SHORT   /* a CSV response with fewer cells than the header (from *col) */
} tcs_record_kind;

typedef struct {
    size_t header_rows; /* as the layout says */
    size_t ncolumns;    /* the header's width, once known (0 = not yet) */
    bool csv;           /* short rows are a fault (not in a workbook) */
    bool started;       /* the first non-blank record has been seen */
    size_t headers_seen;
    size_t header_width; /* the widest header row so far */
} tcs_record_stream;

/* A stream of a file with header_rows header rows and ncolumns columns
 * (0 = the widest header row decides). */
void tcs_record_stream_init(tcs_record_stream *rs, size_t header_rows, size_t ncolumns, bool csv);

tcs_record_kind tcs_record_stream_header(tcs_record_stream *rs, const tcs_cell *cells,
                                         size_t ncells);

/* What the next record is; for BEYOND and SHORT, *col is the 1-based
 * column concerned. Inline: it is on the import's path for every record. */
static inline tcs_record_kind tcs_record_stream_next(tcs_record_stream *rs,
                                                     const tcs_cell *cells, size_t ncells,
                                                     long *col)
{
    if (rs->headers_seen < rs->header_rows || !rs->started)
        return tcs_record_stream_header(rs, cells, ncells);
    if (tcs_record_blank(cells, ncells))
        return TCS_RECORD_SKIP;
    for (size_t i = rs->ncolumns; i < ncells; i++)
        if (!tcs_cell_blank(&cells[i])) {
            *col = (long)i + 1;
            return TCS_RECORD_BEYOND;
        }
    if (ncells < rs->ncolumns && rs->csv) {
        *col = (long)ncells + 1;
        return TCS_RECORD_SHORT;
    }
    return TCS_RECORD_DATA;
}

#endif
