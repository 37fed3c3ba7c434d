/* xlsx_workbook.c - the .xlsx package: part names and relationships, the
 * content types, workbook.xml (its sheets, the 1904 date system), each
 * sheet's part, and which sheet is read. */
#include <stdio.h>

#include "common/strindex.h"
#include "import/xlsx_internal.h"

/* ------------------------------------------------------------------ */
/* part names                                                           */

/* Resolve a relationship target against the folder of its source part
 * (OPC: relative to the source, or absolute from the package root). */
static int resolve_target(const char *base_dir, const char *target, char *out, size_t outsz)
{
    char tmp[NAME_MAX_LEN];
    size_t n = 0;
    const char *t = target;
    if (*t == '/')
        t++;
    else {
        size_t bl = strlen(base_dir);
        if (bl >= sizeof tmp)
            return -1;
        memcpy(tmp, base_dir, bl);
        n = bl;
    }
    /* percent-decode while copying; '#' starts a fragment */
    for (; *t && *t != '#'; t++) {
        char c = *t;
        if (c == '%' && hexval(t[1]) >= 0 && hexval(t[2]) >= 0) {
            c = (char)(hexval(t[1]) * 16 + hexval(t[2]));
            t += 2;
        } else if (c == '\\') {
            c = '/';
        }
        if (c == '\0' || n + 1 >= sizeof tmp)
            return -1;
        tmp[n++] = c;
    }
    tmp[n] = '\0';

    /* normalise "." and ".." segments */
    size_t o = 0;
    char *seg = tmp;
    while (seg) {
        char *slash = strchr(seg, '/');
        if (slash)
            *slash = '\0';
        if (strcmp(seg, "..") == 0) {
            while (o > 0 && out[o - 1] == '/')
                o--;
            while (o > 0 && out[o - 1] != '/')
                o--;
        } else if (*seg && strcmp(seg, ".") != 0) {
            size_t sl = strlen(seg);
            if (o + sl + 2 > outsz)
                return -1;
            memcpy(out + o, seg, sl);
            o += sl;
            if (slash)
                out[o++] = '/';
        }
        seg = slash ? slash + 1 : NULL;
    }
    while (o > 0 && out[o - 1] == '/')
        o--;
    out[o] = '\0';
    return o > 0 ? 0 : -1;
}

/* "xl/workbook.xml" -> dir "xl/" and rels "xl/_rels/workbook.xml.rels" */
int tcs_xl_part_rels_name(const char *part, char *dir, size_t dirsz, char *rels, size_t relsz)
{
    const char *slash = strrchr(part, '/');
    size_t dl = slash ? (size_t)(slash - part) + 1 : 0;
    if (dl + 1 > dirsz)
        return -1;
    memcpy(dir, part, dl);
    dir[dl] = '\0';
    int k = snprintf(rels, relsz, "%s_rels/%s.rels", dir, part + dl);
    return (k < 0 || (size_t)k >= relsz) ? -1 : 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int ends_with_nocase(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    if (a < b)
        return 0;
    for (size_t i = 0; i < b; i++)
        if (lower((unsigned char)s[a - b + i]) != lower((unsigned char)suffix[i]))
            return 0;
    return 1;
}

/* ------------------------------------------------------------------ */
/* relationships parts                                                  */

void tcs_xl_rels_clear(rd *r)
{
    for (size_t i = 0; i < r->nrels; i++) {
        free(r->rels[i].id);
        free(r->rels[i].type);
        free(r->rels[i].target);
    }
    r->nrels = 0;
}

static void rels_start(xp *x, int ns, const char *local, const char **atts)
{
    rd *r = x->r;
    (void)ns;
    if (strcmp(local, "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
    const char *mode = attr(atts, "TargetMode");
    if (!type || !target)
        return;
    if (GROW(r->rels, r->cap_rels, r->nrels + 1) != 0) {
        tcs_xl_nomem(r);
        XML_StopParser(x->p, XML_FALSE);
        return;
    }
    rel_ent *e = &r->rels[r->nrels];
    e->id = xstrdup(id ? id : "");
    e->type = xstrdup(type);
    e->target = xstrdup(target);
    e->external = mode && strcmp(mode, "External") == 0;
    r->nrels++;
    if (!e->id || !e->type || !e->target) {
        tcs_xl_nomem(r);
        XML_StopParser(x->p, XML_FALSE);
    }
}

/* Returns TCS_OK with *found = 0 when the part does not exist. */
static tcs_status load_rels(rd *r, const char *name, int *found)
{
    tcs_xl_rels_clear(r);
    *found = 0;
    zip_int64_t idx = tcs_xl_locate(r, name);
    if (idx < 0)
        return TCS_OK;
    *found = 1;
    xp x = {0};
    x.start = rels_start;
    return tcs_xl_parse_part(r, idx, name, LIMIT_PART, &x);
}

/* First internal relationship whose type ends with "/<kind>". */
static const rel_ent *rel_by_type(const rd *r, const char *kind)
{
    for (size_t i = 0; i < r->nrels; i++) {
        const char *t = r->rels[i].type;
        const char *slash = strrchr(t, '/');
        if (!r->rels[i].external && slash && strcmp(slash + 1, kind) == 0)
            return &r->rels[i];
    }
    return NULL;
}

/* [Content_Types].xml: a fallback way to the workbook part when the package
 * relationships are missing. */
typedef struct {
    char part[NAME_MAX_LEN];
} ctypes_ud;

static void ctypes_start(xp *x, int ns, const char *local, const char **atts)
{
    ctypes_ud *u = x->ud;
    (void)ns;
    if (strcmp(local, "Override") != 0 || u->part[0])
        return;
    const char *pn = attr(atts, "PartName"), *ct = attr(atts, "ContentType");
    if (!pn || !ct)
        return;
    if (strstr(ct, "spreadsheetml.sheet.main") || strstr(ct, "spreadsheetml.template.main") ||
        strstr(ct, "ms-excel.sheet.macroEnabled.main") ||
        strstr(ct, "ms-excel.template.macroEnabled.main") ||
        strstr(ct, "ms-excel.sheet.binary.macroEnabled.main") ||
        strstr(ct, "ms-excel.addin.macroEnabled.main")) {
        if (resolve_target("", pn, u->part, sizeof u->part) != 0)
            u->part[0] = '\0';
    }
}

/* ------------------------------------------------------------------ */
/* workbook.xml                                                         */

typedef struct {
    int in_sheets;
    int root_seen, root_ok;
} wb_ud;

static int truthy(const char *v)
{
    return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

static void wb_start(xp *x, int ns, const char *local, const char **atts)
{
    rd *r = x->r;
    wb_ud *u = x->ud;
    if (!u->root_seen) {
        u->root_seen = 1;
        u->root_ok = is_sml(ns) && strcmp(local, "workbook") == 0;
        if (!u->root_ok) {
            tcs_xl_xfail(x, TCS_EFORMAT, 0, 0, "%s is not an Excel workbook (root element <%s>)",
                         x->part, local);
            return;
        }
    }
    if (!is_sml(ns))
        return;
    if (strcmp(local, "workbookPr") == 0) {
        r->date1904 = truthy(attr(atts, "date1904"));
    } else if (strcmp(local, "sheets") == 0) {
        u->in_sheets = 1;
    } else if (u->in_sheets && strcmp(local, "sheet") == 0) {
        const char *name = attr(atts, "name"), *state = attr(atts, "state");
        const char *rid = tcs_xl_attr_rel(atts, "id");
        if (r->nsheets >= 65536) {
            tcs_xl_xfail(x, TCS_ELIMIT, 0, 0, "%s lists more than 65536 sheets", x->part);
            return;
        }
        if (GROW(r->sheets, r->cap_sheets, r->nsheets + 1) != 0) {
            tcs_xl_nomem(r);
            XML_StopParser(x->p, XML_FALSE);
            return;
        }
        sheet_ent *s = &r->sheets[r->nsheets++];
        memset(s, 0, sizeof *s);
        s->kind = SK_UNKNOWN;
        s->name = xstrdup(name ? name : "");
        s->rid = xstrdup(rid ? rid : "");
        if (state && (strcmp(state, "hidden") == 0 || strcmp(state, "veryHidden") == 0))
            snprintf(s->state, sizeof s->state, "%s", state);
        else
            snprintf(s->state, sizeof s->state, "visible");
        if (!s->name || !s->rid) {
            tcs_xl_nomem(r);
            XML_StopParser(x->p, XML_FALSE);
        }
    }
}

static void wb_end(xp *x, int ns, const char *local)
{
    wb_ud *u = x->ud;
    if (is_sml(ns) && strcmp(local, "sheets") == 0)
        u->in_sheets = 0;
}

/* ------------------------------------------------------------------ */
/* the workbook part and each sheet's part                              */

tcs_status tcs_xl_find_workbook(rd *r)
{
    char part[NAME_MAX_LEN] = "";
    int found;
    if (load_rels(r, "_rels/.rels", &found) != TCS_OK)
        return r->status;
    const rel_ent *e = rel_by_type(r, "officeDocument");
    if (e && resolve_target("", e->target, part, sizeof part) != 0)
        part[0] = '\0';
    if (!part[0]) {
        zip_int64_t idx = tcs_xl_locate(r, "[Content_Types].xml");
        if (idx >= 0) {
            ctypes_ud u = {{0}};
            xp x = {0};
            x.start = ctypes_start;
            x.ud = &u;
            if (tcs_xl_parse_part(r, idx, "[Content_Types].xml", LIMIT_PART, &x) != TCS_OK)
                return r->status;
            snprintf(part, sizeof part, "%s", u.part);
        }
    }
    if (!part[0] && tcs_xl_locate(r, "xl/workbook.xml") >= 0)
        snprintf(part, sizeof part, "xl/workbook.xml");
    if (!part[0])
        return tcs_xl_fail(
            r, TCS_EFORMAT, 0, 0,
            "not an Excel workbook: the zip archive has no officeDocument relationship "
            "and no xl/workbook.xml");
    if (ends_with_nocase(part, ".bin"))
        return tcs_xl_fail(r, TCS_EUNSUPPORTED, 0, 0,
                           "binary workbook (.xlsb): save as .xlsx or CSV");
    if (tcs_xl_locate(r, part) < 0)
        return tcs_xl_fail(
            r, TCS_EFORMAT, 0, 0,
            "not an Excel workbook: the workbook part %s is missing from the zip archive", part);
    r->wb_part = xstrdup(part);
    return r->wb_part ? TCS_OK : tcs_xl_nomem(r);
}

/* workbook.xml (its sheets and date system), then its relationships. */
tcs_status tcs_xl_load_workbook(rd *r, const char *relsname)
{
    zip_int64_t wbidx = tcs_xl_locate(r, r->wb_part);
    wb_ud wu = {0};
    xp x = {0};
    x.start = wb_start;
    x.end = wb_end;
    x.ud = &wu;
    if (tcs_xl_parse_part(r, wbidx, r->wb_part, LIMIT_PART, &x) != TCS_OK)
        return r->status;

    int found;
    if (load_rels(r, relsname, &found) != TCS_OK)
        return r->status;
    if (!found)
        return tcs_xl_fail(r, TCS_EFORMAT, 0, 0, "damaged workbook: %s is missing", relsname);
    return TCS_OK;
}

/* Each sheet's part and kind: the first internal relationship with its id,
 * found through an index (65,536 sheets by 100,000s of relationships,
 * compared pair by pair, took minutes). dir is the workbook's folder. */
tcs_status tcs_xl_sheet_parts(rd *r, const char *dir)
{
    tcs_strindex rel_ids; /* room for the sheets' ids too: a miss inserts one */
    if (!tcs_strindex_init(&rel_ids, r->nrels + r->nsheets))
        return tcs_xl_nomem(r);
    for (size_t k = 0; k < r->nrels; k++) {
        bool dup;
        if (!r->rels[k].external)
            tcs_strindex_get(&rel_ids, r->rels[k].id, NULL, k, &dup);
    }
    for (size_t i = 0; i < r->nsheets; i++) {
        sheet_ent *s = &r->sheets[i];
        bool found_rel;
        /* a miss inserts the sheet's id with value SIZE_MAX: still a miss */
        size_t k = *tcs_strindex_get(&rel_ids, s->rid, NULL, SIZE_MAX, &found_rel);
        if (k == SIZE_MAX)
            continue;
        const rel_ent *e = &r->rels[k];
        char part[NAME_MAX_LEN];
        if (resolve_target(dir, e->target, part, sizeof part) == 0) {
            s->part = xstrdup(part);
            if (!s->part) {
                tcs_strindex_free(&rel_ids);
                return tcs_xl_nomem(r);
            }
        }
        s->kind = ends_with(e->type, "/worksheet")    ? SK_WORKSHEET
                  : ends_with(e->type, "/chartsheet") ? SK_CHART
                                                      : SK_OTHER;
    }
    tcs_strindex_free(&rel_ids);
    return TCS_OK;
}

/* ------------------------------------------------------------------ */
/* which sheet is read                                                  */

static void copy_name(char *dst, size_t n, const char *src)
{
    size_t l = strlen(src);
    if (l >= n) { /* cut at a UTF-8 character boundary */
        l = n - 1;
        while (l > 0 && ((unsigned char)src[l] & 0xC0) == 0x80)
            l--;
    }
    memcpy(dst, src, l);
    dst[l] = '\0';
}

static int ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (lower((unsigned char)*a) != lower((unsigned char)*b))
            return 0;
    return *a == *b;
}

static tcs_status unknown_sheet(rd *r, const char *want)
{
    char list[TCS_ERROR_MSG_MAX / 2];
    size_t o = 0;
    list[0] = '\0';
    for (size_t i = 0; i < r->nsheets && o < sizeof list; i++) {
        int k = snprintf(list + o, sizeof list - o, "%s%zu \"%s\"%s%s%s", i ? ", " : "", i + 1,
                         r->sheets[i].name, strcmp(r->sheets[i].state, "visible") ? " (" : "",
                         strcmp(r->sheets[i].state, "visible") ? r->sheets[i].state : "",
                         strcmp(r->sheets[i].state, "visible") ? ")" : "");
        if (k < 0)
            break;
        o += (size_t)k;
    }
    return tcs_xl_fail(r, TCS_EINVAL, 0, 0,
                       "no sheet \"%.200s\" in the workbook; its sheets are: %s", want, list);
}

static tcs_status choose_sheet(rd *r, const char *want, size_t *out)
{
    if (want && *want) {
        for (size_t i = 0; i < r->nsheets; i++)
            if (strcmp(r->sheets[i].name, want) == 0)
                return *out = i, TCS_OK;
        for (size_t i = 0; i < r->nsheets; i++)
            if (ieq(r->sheets[i].name, want))
                return *out = i, TCS_OK;
        unsigned long long num;
        if (tcs_xl_parse_uint(want, r->nsheets, &num) == 0 && num >= 1)
            return *out = (size_t)num - 1, TCS_OK;
        return unknown_sheet(r, want);
    }
    for (size_t i = 0; i < r->nsheets; i++)
        if (r->sheets[i].kind == SK_WORKSHEET && strcmp(r->sheets[i].state, "visible") == 0)
            return *out = i, TCS_OK;
    for (size_t i = 0; i < r->nsheets; i++) /* nothing visible: the first worksheet */
        if (r->sheets[i].kind == SK_WORKSHEET)
            return *out = i, TCS_OK;
    return tcs_xl_fail(r, TCS_EFORMAT, 0, 0, "the workbook has no worksheet");
}

/* The workbook's sheets (as many as the source info holds) and their states. */
void tcs_xl_report_sheets(rd *r)
{
    if (!r->info)
        return;
    size_t n = r->nsheets < TCS_SHEETS_MAX ? r->nsheets : TCS_SHEETS_MAX;
    r->info->nsheets = n;
    for (size_t i = 0; i < n; i++) {
        copy_name(r->info->sheets[i], TCS_SHEET_NAME_MAX, r->sheets[i].name);
        copy_name(r->info->sheet_state[i], sizeof r->info->sheet_state[i], r->sheets[i].state);
        r->info->sheet_hidden[i] = strcmp(r->sheets[i].state, "visible") != 0;
    }
}

/* The sheet to read (want, or the first visible worksheet), which must be
 * a worksheet with a part. */
tcs_status tcs_xl_pick_sheet(rd *r, const char *want, const sheet_ent **out)
{
    size_t si = 0;
    if (choose_sheet(r, want, &si) != TCS_OK)
        return r->status;
    const sheet_ent *s = &r->sheets[si];
    if (r->info)
        copy_name(r->info->sheet, TCS_SHEET_NAME_MAX, s->name);
    if (s->kind == SK_CHART)
        return tcs_xl_fail(r, TCS_EUNSUPPORTED, 0, 0, "sheet \"%s\" is a chart, not a worksheet",
                           s->name);
    if (s->kind != SK_WORKSHEET || !s->part)
        return tcs_xl_fail(r, TCS_EFORMAT, 0, 0,
                           "sheet \"%s\" has no worksheet part in the workbook relationships",
                           s->name);
    *out = s;
    return TCS_OK;
}

/* Styles and shared strings, if the workbook has them; dir is its folder. */
tcs_status tcs_xl_load_shared_parts(rd *r, const char *dir)
{
    char part[NAME_MAX_LEN];
    const rel_ent *e = rel_by_type(r, "styles");
    if (e && resolve_target(dir, e->target, part, sizeof part) == 0 &&
        tcs_xl_load_styles(r, part) != TCS_OK)
        return r->status;
    e = rel_by_type(r, "sharedStrings");
    if (e && resolve_target(dir, e->target, part, sizeof part) == 0 &&
        tcs_xl_load_shared_strings(r, part) != TCS_OK)
        return r->status;
    return TCS_OK;
}
