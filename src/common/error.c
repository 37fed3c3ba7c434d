/* error.c - status strings and located error reports. */
#include "tcsurvey/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const status_text[TCS_STATUS_COUNT] = {
    [TCS_OK] = "success",
    [TCS_ENOMEM] = "out of memory",
    [TCS_ENOENT] = "file not found",
    [TCS_EIO] = "input/output error",
    [TCS_EEMPTY] = "no data",
    [TCS_EENCODING] = "invalid text encoding",
    [TCS_EFORMAT] = "malformed input",
    [TCS_ELIMIT] = "size limit exceeded",
    [TCS_EUNSUPPORTED] = "unsupported file type",
    [TCS_ECODEBOOK] = "codebook error",
    [TCS_EINVAL] = "invalid argument",
    [TCS_EOUTPUT] = "cannot write output",
    [TCS_EPROGRAM] = "external program failed",
    [TCS_ECONFIG] = "configuration file error",
};

const char *tcs_strerror(tcs_status status)
{
    if ((int)status < 0 || status >= TCS_STATUS_COUNT || !status_text[status])
        return "unknown error";
    return status_text[status];
}

tcs_status tcs_error_set(tcs_error *err, tcs_status status, const char *path, long row,
                         long column, const char *fmt, ...)
{
    if (!err)
        return status;
    err->status = status;
    snprintf(err->path, sizeof err->path, "%s", path ? path : "");
    err->row = row;
    err->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return status;
}

void tcs_error_clear(tcs_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

char *tcs_error_format(const tcs_error *err, char *buf, size_t n)
{
    if (!n)
        return buf;
    buf[0] = '\0';
    if (!err)
        return buf;
    const char *msg = err->message[0] ? err->message : tcs_strerror(err->status);
    if (err->path[0] && err->row > 0 && err->column > 0)
        snprintf(buf, n, "%s:%ld:%ld: %s", err->path, err->row, err->column, msg);
    else if (err->path[0] && err->row > 0)
        snprintf(buf, n, "%s:%ld: %s", err->path, err->row, msg);
    else if (err->path[0])
        snprintf(buf, n, "%s: %s", err->path, msg);
    else
        snprintf(buf, n, "%s", msg);
    return buf;
}
