/* reader.h - turn an export file (CSV or .xlsx) into a stream of records.
 *
 * Readers push one record at a time to a callback, so memory does not grow
 * with the number of responses. Cell text handed to the callback is always
 * valid UTF-8 without NUL bytes, and is only valid during the call. */
#ifndef TCSURVEY_READER_H
#define TCSURVEY_READER_H

#include <stddef.h>
#include <stdbool.h>
#include "tcsurvey/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest cell a reader accepts; a larger one is TCS_ELIMIT (a 10 MB cell
 * in a survey export is corruption, not an answer). */
#define TCS_CELL_MAX (1024u * 1024u)
/* Most columns a record may have. */
#define TCS_COLUMNS_MAX 16384u

typedef struct {
    const char *text; /* UTF-8, NUL-terminated, valid during the callback only */
    size_t len;       /* bytes, excluding the terminator */
} tcs_cell;

/* The readers leave at least this many readable bytes (of any value) after
 * the end of each cell's text, so a short cell may be loaded a word at a
 * time and what lies beyond it masked off (survey.c counts answers so). */
#define TCS_CELL_SLACK 32

/* Called once per record. row is the 1-based record number as a spreadsheet
 * shows it (the first header row is row 1; a CSV record spanning several
 * lines is one row). Return TCS_OK to continue; any other status stops the
 * reader, which returns that status (fill err before returning). */
typedef tcs_status (*tcs_record_fn)(void *ctx, long row, const tcs_cell *cells, size_t ncells,
                                    tcs_error *err);

#define TCS_SHEETS_MAX 32
#define TCS_SHEET_NAME_MAX 128

/* The kind of file a reader read. */
typedef enum { TCS_SOURCE_CSV = 0, TCS_SOURCE_XLSX } tcs_source_kind;

/* What a reader found out about the file; filled as far as it got. */
typedef struct {
    tcs_source_kind kind;
    char format[8];    /* the kind's name: "csv" or "xlsx" */
    char encoding[16]; /* "UTF-8", "UTF-8 BOM", "UTF-16LE BOM", "UTF-16BE BOM"; xlsx: "UTF-8" */
    char delimiter;    /* ',', ';' or '\t' for CSV; 0 for xlsx */
    char line_ending[8]; /* "CRLF", "LF", "CR" or "" (one line only) */
    /* xlsx: the sheet read, and every sheet of the workbook in order */
    char sheet[TCS_SHEET_NAME_MAX];
    size_t nsheets;
    char sheets[TCS_SHEETS_MAX][TCS_SHEET_NAME_MAX];
    char sheet_state[TCS_SHEETS_MAX][12]; /* "visible", "hidden", "veryHidden" */
    bool sheet_hidden[TCS_SHEETS_MAX];    /* its state is not "visible" */
    long records;      /* records delivered, header rows included */
} tcs_source_info;

typedef struct {
    /* xlsx: sheet name or 1-based number as text; NULL = first visible sheet */
    const char *sheet;
    /* CSV: force the delimiter (0 = detect) */
    char delimiter;
    /* CSV: bytes read and parsed at a time; 0 = 64 KiB. Tests use small
     * sizes to catch bugs at buffer boundaries. */
    size_t chunk_size;
    /* CSV: parse without the fast paths (every cell's encoding checked,
     * every byte through tcsurvey's white-space rule). The results are the
     * same; tests and the fuzz harness compare the two. */
    bool no_fast_path;
} tcs_read_options;

/* Read a CSV export. Detects BOM / UTF-16 and the delimiter (comma, semicolon
 * or tab) from the start of the file. Errors: TCS_ENOENT, TCS_EIO, TCS_EEMPTY
 * (zero bytes), TCS_EENCODING, TCS_EFORMAT (unterminated quote), TCS_ELIMIT. */
tcs_status tcs_read_csv(const char *path, const tcs_read_options *opts, tcs_record_fn fn,
                        void *ctx, tcs_source_info *info, tcs_error *err);

/* Read one worksheet of an .xlsx workbook (libzip + expat, streaming; memory
 * grows with the shared strings, not with rows x columns).
 * Sheet: opts->sheet by exact name, then case-insensitive name, then 1-based
 * number over all sheets (hidden ones included); NULL or "" = the first
 * visible worksheet. An unknown sheet is TCS_EINVAL listing the sheets; a
 * chart sheet TCS_EUNSUPPORTED. info->nsheets is capped at TCS_SHEETS_MAX.
 * Records: rows 1..N without gaps, N the last row holding a non-empty cell;
 * an empty row inside is one empty cell; ncells is the column of the last
 * non-empty cell (callers pad short rows). Dates styled as dates come as
 * "YYYY-MM-DD[ HH:MM:SS]", numbers as Excel's General format shows them.
 * Errors as tcs_read_csv (a sheet with no data is TCS_EEMPTY), plus
 * TCS_EUNSUPPORTED for encrypted workbooks, legacy .xls, .xlsb and .ods;
 * TCS_EFORMAT for a zip that is not a workbook or XML with a DTD; and
 * TCS_ELIMIT for zip bombs, too many entries or nesting too deep.
 * fn may be NULL (records are only counted). */
tcs_status tcs_read_xlsx(const char *path, const tcs_read_options *opts, tcs_record_fn fn,
                         void *ctx, tcs_source_info *info, tcs_error *err);

/* Helpers for record callbacks. A cell is blank when it holds only white
 * space; a record is blank when every cell is (or it has none). */
bool tcs_cell_blank(const tcs_cell *cell);
bool tcs_record_blank(const tcs_cell *cells, size_t ncells);
/* Heap copy of cell col, trimmed; NULL when col is < 0 or past the record,
 * or the cell is blank, and NULL with *oom set when allocation fails. */
char *tcs_record_field(const tcs_cell *cells, size_t ncells, long col, bool *oom);

/* TCS_EIO when path exists and is neither a regular file nor a folder (a
 * FIFO, <(command), a device, a socket): every input is read more than
 * once, so it must be a regular file. Checked before opening it (opening a
 * FIFO would wait for a writer); TCS_OK for anything else, which the
 * readers word themselves. */
tcs_status tcs_input_regular(const char *path, tcs_error *err);

/* Read either, chosen by the file's first bytes (a zip is a workbook).
 * Refuses what tcs_input_regular refuses, before opening it. */
tcs_status tcs_read_table(const char *path, const tcs_read_options *opts, tcs_record_fn fn,
                          void *ctx, tcs_source_info *info, tcs_error *err);

#ifdef __cplusplus
}
#endif
#endif
