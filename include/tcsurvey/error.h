/* error.h - status codes and located error reports.
 *
 * Every function of the library that can fail returns a tcs_status and, when
 * given a tcs_error, fills it with a message a Technician Commitment lead can
 * act on and the place it concerns (file, row, column; 1-based, 0 = none).
 * The library never prints and never exits: the CLI formats the error. */
#ifndef TCSURVEY_ERROR_H
#define TCSURVEY_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    TCS_OK = 0,
    TCS_ENOMEM,       /* out of memory */
    TCS_ENOENT,       /* input file missing */
    TCS_EIO,          /* input file unreadable, or an output could not be written */
    TCS_EEMPTY,       /* input has no header or no responses */
    TCS_EENCODING,    /* invalid UTF-8 / UTF-16, NUL byte */
    TCS_EFORMAT,      /* malformed CSV or workbook: quotes, ragged rows, duplicate headers */
    TCS_ELIMIT,       /* a size limit was exceeded (cell, columns, zip entry) */
    TCS_EUNSUPPORTED, /* a file type tcsurvey does not read (xls, xlsb, ods, encrypted) */
    TCS_ECODEBOOK,    /* codebook malformed or inconsistent with the data */
    TCS_EINVAL,       /* invalid argument to a library function */
    TCS_EOUTPUT,      /* an output file or folder could not be written */
    TCS_EPROGRAM,     /* an external program (gnuplot) is missing or failed */
    TCS_ECONFIG,      /* a targets, scales or labels file is malformed or disagrees with the data */
    TCS_STATUS_COUNT
} tcs_status;

/* A short English description of a status; never NULL. */
const char *tcs_strerror(tcs_status status);

#define TCS_ERROR_PATH_MAX 1024
#define TCS_ERROR_MSG_MAX 1024

typedef struct {
    tcs_status status;
    char path[TCS_ERROR_PATH_MAX]; /* file concerned, "" if none */
    long row;                      /* 1-based record (spreadsheet row), 0 = none */
    long column;                   /* 1-based column, 0 = none */
    char message[TCS_ERROR_MSG_MAX];
} tcs_error;

/* Fill err (if not NULL) and return status. fmt is printf-style. */
tcs_status tcs_error_set(tcs_error *err, tcs_status status, const char *path, long row,
                         long column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Reset err to "no error". */
void tcs_error_clear(tcs_error *err);

/* Format as "path:row:column: message" (parts that are 0/empty left out)
 * into buf of size n. Returns buf. */
char *tcs_error_format(const tcs_error *err, char *buf, size_t n);

#ifdef __cplusplus
}
#endif
#endif
