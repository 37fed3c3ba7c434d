/* xlsx_zip.c - the .xlsx reader's zip layer: what is refused before libzip
 * opens the file (a legacy .xls or an encrypted workbook, both OLE2
 * compound files) and after (too many entries, .ods, .xlsb), and every
 * entry read within size and compression-ratio limits, checked on both the
 * declared and the actually inflated size (zip bombs). */
#include <errno.h>
#include <stdio.h>

#include "import/xlsx_internal.h"

static const unsigned char OLE_MAGIC[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

/* ------------------------------------------------------------------ */
/* file type checks before libzip                                       */

/* Look for a needle anywhere in the file, streaming with overlap. */
static int file_contains(FILE *f, const unsigned char *needle, size_t nl)
{
    unsigned char b[CHUNK + 64];
    size_t keep = 0;
    if (fseek(f, 0, SEEK_SET) != 0)
        return 0;
    for (;;) {
        size_t n = fread(b + keep, 1, CHUNK, f);
        if (n == 0)
            return 0;
        size_t have = keep + n;
        for (size_t i = 0; i + nl <= have; i++)
            if (b[i] == needle[0] && memcmp(b + i, needle, nl) == 0)
                return 1;
        keep = have < nl - 1 ? have : nl - 1;
        memmove(b, b + have - keep, keep);
    }
}

/* An OLE2 compound file is either a password-protected OOXML workbook (the
 * EncryptedPackage stream, its name in UTF-16LE) or a legacy .xls. */
static tcs_status refuse_ole(rd *r, FILE *f)
{
    static const char name[] = "EncryptedPackage";
    unsigned char wide[2 * (sizeof name - 1)];
    for (size_t i = 0; i < sizeof name - 1; i++) {
        wide[2 * i] = (unsigned char)name[i];
        wide[2 * i + 1] = 0;
    }
    if (file_contains(f, wide, sizeof wide) ||
        file_contains(f, (const unsigned char *)name, sizeof name - 1))
        return tcs_xl_fail(r, TCS_EUNSUPPORTED, 0, 0,
                           "encrypted workbook: remove the password in Excel and save again");
    return tcs_xl_fail(r, TCS_EUNSUPPORTED, 0, 0, "legacy .xls: save as .xlsx or CSV");
}

/* ------------------------------------------------------------------ */
/* zip access                                                           */

zip_int64_t tcs_xl_locate(rd *r, const char *name)
{
    zip_int64_t i = zip_name_locate(r->za, name, 0);
    if (i < 0) /* OPC part names are case-insensitive */
        i = zip_name_locate(r->za, name, ZIP_FL_NOCASE);
    return i;
}

/* Check an entry's declared sizes; fill *comp (0 = unknown) and *size. */
static tcs_status check_entry(rd *r, zip_int64_t idx, const char *name, zip_uint64_t limit,
                              zip_uint64_t *comp, zip_uint64_t *size)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(r->za, (zip_uint64_t)idx, 0, &st) != 0)
        return tcs_xl_fail(r, TCS_EFORMAT, 0, 0, "cannot read zip entry %s: %s", name,
                           zip_strerror(r->za));
    *comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    *size = (st.valid & ZIP_STAT_SIZE) ? st.size : limit;
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return tcs_xl_fail(r, TCS_EUNSUPPORTED, 0, 0,
                           "zip entry %s is encrypted: remove the password in Excel and save again",
                           name);
    if (st.valid & ZIP_STAT_SIZE) {
        if (st.size > limit)
            return tcs_xl_fail(
                r, TCS_ELIMIT, 0, 0,
                "zip entry %s declares %llu bytes uncompressed, over the %llu MiB limit; "
                "refusing the workbook",
                name, (unsigned long long)st.size, (unsigned long long)(limit / MIB));
        if (st.size > RATIO_MIN_SIZE && (st.size / RATIO_MAX >= *comp))
            return tcs_xl_fail(
                r, TCS_ELIMIT, 0, 0,
                "zip entry %s declares a compression ratio over %u:1 (%llu bytes from "
                "%llu); refusing a possible zip bomb",
                name, RATIO_MAX, (unsigned long long)st.size, (unsigned long long)*comp);
    }
    return TCS_OK;
}

/* Count inflated bytes as they arrive: headers can lie, and libzip keeps
 * inflating past the declared size. */
static tcs_status check_inflated(rd *r, const char *name, zip_uint64_t total, zip_uint64_t limit,
                                 zip_uint64_t comp, zip_uint64_t declared)
{
    if (total > declared)
        return tcs_xl_fail(r, TCS_ELIMIT, 0, 0,
                           "zip entry %s inflates past its declared size of %llu bytes; refusing a "
                           "damaged or hostile workbook",
                           name, (unsigned long long)declared);
    if (total > limit)
        return tcs_xl_fail(r, TCS_ELIMIT, 0, 0,
                           "zip entry %s inflates to more than %llu MiB; refusing the workbook",
                           name, (unsigned long long)(limit / MIB));
    if (total > RATIO_MIN_SIZE && comp > 0 && total / RATIO_MAX > comp)
        return tcs_xl_fail(
            r, TCS_ELIMIT, 0, 0,
            "zip entry %s inflates more than %u times its compressed size; refusing a "
            "possible zip bomb",
            name, RATIO_MAX);
    return TCS_OK;
}

static tcs_status zip_read_error(rd *r, zip_file_t *zf, const char *name)
{
    zip_error_t *ze = zip_file_get_error(zf);
    int code = ze ? zip_error_code_zip(ze) : 0;
    tcs_status st = code == ZIP_ER_MEMORY ? TCS_ENOMEM
                    : code == ZIP_ER_READ ? TCS_EIO
                                          : TCS_EFORMAT;
    return tcs_xl_fail(r, st, 0, 0, "cannot read zip entry %s (damaged workbook?): %s", name,
                       zip_file_strerror(zf));
}

static zip_file_t *open_entry(rd *r, zip_int64_t idx, const char *name)
{
    zip_file_t *zf = zip_fopen_index(r->za, (zip_uint64_t)idx, 0);
    if (!zf) {
        zip_error_t *ze = zip_get_error(r->za);
        int code = zip_error_code_zip(ze);
        tcs_status st = code == ZIP_ER_MEMORY        ? TCS_ENOMEM
                        : code == ZIP_ER_COMPNOTSUPP ? TCS_EUNSUPPORTED
                        : code == ZIP_ER_ENCRNOTSUPP ? TCS_EUNSUPPORTED
                        : code == ZIP_ER_NOPASSWD    ? TCS_EUNSUPPORTED
                        : code == ZIP_ER_READ        ? TCS_EIO
                                                     : TCS_EFORMAT;
        tcs_xl_fail(r, st, 0, 0, "cannot open zip entry %s: %s", name, zip_strerror(r->za));
    }
    return zf;
}

/* Every entry the reader opens: its declared sizes checked first. */
tcs_status tcs_xl_entry_open(rd *r, zip_int64_t idx, const char *name, zip_uint64_t limit,
                             xl_entry *e)
{
    memset(e, 0, sizeof *e);
    e->name = name;
    e->limit = limit;
    if (check_entry(r, idx, name, limit, &e->comp, &e->declared) != TCS_OK)
        return r->status;
    e->zf = open_entry(r, idx, name);
    return e->zf ? TCS_OK : r->status;
}

/* Every read of an entry's bytes: counted against its limits. */
zip_int64_t tcs_xl_entry_read(rd *r, xl_entry *e, void *dst, zip_uint64_t n)
{
    zip_int64_t got = zip_fread(e->zf, dst, n);
    if (got < 0) {
        zip_read_error(r, e->zf, e->name);
        return -1;
    }
    e->total += (zip_uint64_t)got;
    if (check_inflated(r, e->name, e->total, e->limit, e->comp, e->declared) != TCS_OK)
        return -1;
    return got;
}

void tcs_xl_entry_close(xl_entry *e)
{
    if (e->zf)
        zip_fclose(e->zf);
    e->zf = NULL;
}

/* ------------------------------------------------------------------ */
/* opening the archive                                                  */

tcs_status tcs_xl_open_zip(rd *r)
{
    FILE *f = fopen(r->path, "rb");
    if (!f) {
        int e = errno;
        if (e == ENOENT || e == ENOTDIR)
            return tcs_xl_fail(r, TCS_ENOENT, 0, 0, "no such file");
        if (e == ENOMEM)
            return tcs_xl_nomem(r);
        return tcs_xl_fail(r, TCS_EIO, 0, 0, "cannot open: %s", strerror(e));
    }
    unsigned char head[8];
    size_t n = fread(head, 1, sizeof head, f);
    if (n == 0) {
        int bad = ferror(f);
        int e = errno;
        fclose(f);
        if (bad)
            return tcs_xl_fail(r, TCS_EIO, 0, 0, "cannot read: %s", strerror(e));
        return tcs_xl_fail(r, TCS_EEMPTY, 0, 0, "the file is empty (0 bytes)");
    }
    if (n == sizeof head && memcmp(head, OLE_MAGIC, sizeof head) == 0) {
        refuse_ole(r, f);
        fclose(f);
        return r->status;
    }
    fclose(f);

    int zerr = 0;
    r->za = zip_open(r->path, ZIP_RDONLY, &zerr);
    if (!r->za) {
        switch (zerr) {
        case ZIP_ER_NOENT:
            return tcs_xl_fail(r, TCS_ENOENT, 0, 0, "no such file");
        case ZIP_ER_MEMORY:
            return tcs_xl_nomem(r);
        case ZIP_ER_OPEN:
        case ZIP_ER_READ:
        case ZIP_ER_SEEK:
            return tcs_xl_fail(r, TCS_EIO, 0, 0, "cannot read the file");
        case ZIP_ER_NOZIP:
            return tcs_xl_fail(r, TCS_EFORMAT, 0, 0,
                               "not an .xlsx workbook (not a zip archive, or a damaged one)");
        default: {
            zip_error_t ze;
            zip_error_init_with_code(&ze, zerr);
            tcs_xl_fail(r, TCS_EFORMAT, 0, 0, "damaged .xlsx workbook (zip archive: %s)",
                        zip_error_strerror(&ze));
            zip_error_fini(&ze);
            return r->status;
        }
        }
    }
    zip_int64_t ne = zip_get_num_entries(r->za, 0);
    if (ne > ENTRIES_MAX)
        return tcs_xl_fail(
            r, TCS_ELIMIT, 0, 0,
            "the zip archive has %lld entries, over the limit of %d; refusing the workbook",
            (long long)ne, ENTRIES_MAX);
    return TCS_OK;
}

/* .ods announces itself in a "mimetype" entry; .xlsb has a binary workbook. */
tcs_status tcs_xl_refuse_other_zips(rd *r)
{
    zip_int64_t idx = zip_name_locate(r->za, "mimetype", 0);
    if (idx >= 0) {
        zip_uint64_t comp, size;
        if (check_entry(r, idx, "mimetype", LIMIT_SMALL, &comp, &size) != TCS_OK)
            return r->status;
        zip_file_t *zf = open_entry(r, idx, "mimetype");
        if (!zf)
            return r->status;
        char mt[128] = {0};
        zip_int64_t n = zip_fread(zf, mt, sizeof mt - 1);
        zip_fclose(zf);
        if (n > 0) {
            mt[n] = '\0';
            if (strncmp(mt, "application/vnd.oasis.opendocument.spreadsheet", 46) == 0)
                return tcs_xl_fail(r, TCS_EUNSUPPORTED, 0, 0,
                                   "OpenDocument spreadsheet (.ods): save as .xlsx or CSV");
            if (strncmp(mt, "application/vnd.oasis.opendocument.", 35) == 0)
                return tcs_xl_fail(r, TCS_EFORMAT, 0, 0,
                                   "an OpenDocument file, not a spreadsheet (mimetype %.60s)", mt);
        }
    }
    if (tcs_xl_locate(r, "xl/workbook.bin") >= 0)
        return tcs_xl_fail(r, TCS_EUNSUPPORTED, 0, 0,
                           "binary workbook (.xlsb): save as .xlsx or CSV");
    return TCS_OK;
}
