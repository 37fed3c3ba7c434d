/* read_table.c - send a file to the reader its first bytes call for. */
#define _POSIX_C_SOURCE 200809L
#include "tcsurvey/reader.h"
#include "tcsurvey/text.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

tcs_status tcs_input_regular(const char *path, tcs_error *err)
{
    struct stat sb;
    if (!path || stat(path, &sb) != 0 || S_ISREG(sb.st_mode) || S_ISDIR(sb.st_mode))
        return TCS_OK; /* missing, unreadable, folder: worded by the reader */
    const char *what = S_ISFIFO(sb.st_mode)   ? "a pipe (FIFO, or a <(command) substitution)"
                       : S_ISCHR(sb.st_mode)  ? "a character device"
                       : S_ISBLK(sb.st_mode)  ? "a disk device"
                       : S_ISSOCK(sb.st_mode) ? "a socket"
                                              : "not a regular file";
    return tcs_error_set(err, TCS_EIO, path, 0, 0,
                         "is %s: tcsurvey reads each input more than once, so it needs a "
                         "regular file; save it to a file first",
                         what);
}

tcs_status tcs_read_table(const char *path, const tcs_read_options *opts, tcs_record_fn fn,
                          void *ctx, tcs_source_info *info, tcs_error *err)
{
    unsigned char magic[8] = {0};
    /* before opening it: opening a FIFO waits for a writer */
    tcs_status reg = tcs_input_regular(path, err);
    if (reg != TCS_OK) {
        if (info)
            memset(info, 0, sizeof *info);
        return reg;
    }
    FILE *fp = path ? fopen(path, "rb") : NULL;
    if (!fp) {
        /* let the CSV reader word the error (missing, unreadable, folder) */
        return tcs_read_csv(path, opts, fn, ctx, info, err);
    }
    size_t n = fread(magic, 1, sizeof magic, fp);
    fclose(fp);
    static const unsigned char zip[4] = {'P', 'K', 3, 4}, empty_zip[4] = {'P', 'K', 5, 6};
    if (n >= 4 && memcmp(magic, empty_zip, 4) == 0)
        return tcs_error_set(err, TCS_EFORMAT, path, 0, 0,
                             "this is an empty zip archive, not a workbook or a survey "
                             "export: export the survey again");
    static const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if ((n >= 4 && memcmp(magic, zip, 4) == 0) || (n >= 8 && memcmp(magic, ole, 8) == 0))
        return tcs_read_xlsx(path, opts, fn, ctx, info, err);
    /* Common files people pick by mistake: say what they are. */
    static const struct {
        const char *magic;
        size_t len;
        const char *what;
    } other[] = {{"\x89PNG", 4, "a PNG image"},  {"%PDF", 4, "a PDF document"},
                 {"GIF8", 4, "a GIF image"},     {"\xff\xd8\xff", 3, "a JPEG image"},
                 {"\x1f\x8b", 2, "a gzip archive"}};
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        if (n >= other[i].len && memcmp(magic, other[i].magic, other[i].len) == 0)
            return tcs_error_set(err, TCS_EUNSUPPORTED, path, 0, 0,
                                 "this is %s, not a survey export (CSV or .xlsx)", other[i].what);
    return tcs_read_csv(path, opts, fn, ctx, info, err);
}

bool tcs_cell_blank(const tcs_cell *cell)
{
    size_t len;
    tcs_trim(cell->text, cell->len, &len);
    return len == 0;
}

bool tcs_record_blank(const tcs_cell *cells, size_t ncells)
{
    for (size_t i = 0; i < ncells; i++)
        if (!tcs_cell_blank(&cells[i]))
            return false;
    return true;
}

char *tcs_record_field(const tcs_cell *cells, size_t ncells, long col, bool *oom)
{
    if (col < 0 || (size_t)col >= ncells)
        return NULL;
    size_t len;
    const char *t = tcs_trim(cells[col].text, cells[col].len, &len);
    if (!len)
        return NULL;
    char *s = tcs_strndup(t, len);
    if (!s)
        *oom = true;
    return s;
}
