/* xlsx_xml.c - the .xlsx reader's XML layer: one expat set-up for every
 * part, streaming a zip entry in chunks, with namespaces split off names,
 * DTDs and entity declarations refused (no part of an OOXML package may
 * have them, and refusing them is the defence against entity-expansion
 * bombs) and nesting depth limited. */
#include <stdio.h>

#include "import/xlsx_internal.h"

static const char NS_SML[] = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
static const char NS_SML_STRICT[] = "http://purl.oclc.org/ooxml/spreadsheetml/main";

tcs_status tcs_xl_xfail(xp *x, tcs_status st, long row, long col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tcs_xl_fail_v(x->r, st, row, col, fmt, ap);
    va_end(ap);
    XML_StopParser(x->p, XML_FALSE);
    return st;
}

/* Split an expat "uri|local" name; *ns says which namespace it was in. */
static const char *split_name(const char *name, int *ns)
{
    const char *sep = strrchr(name, NS_SEP);
    if (!sep) {
        *ns = NSK_NONE;
        return name;
    }
    size_t n = (size_t)(sep - name);
    if ((n == sizeof NS_SML - 1 && memcmp(name, NS_SML, n) == 0) ||
        (n == sizeof NS_SML_STRICT - 1 && memcmp(name, NS_SML_STRICT, n) == 0))
        *ns = NSK_SML;
    else
        *ns = NSK_OTHER;
    return sep + 1;
}

/* r:id style attribute: in any ".../relationships" namespace. */
const char *tcs_xl_attr_rel(const char **atts, const char *local)
{
    static const char suffix[] = "relationships";
    for (size_t i = 0; atts[i]; i += 2) {
        const char *sep = strrchr(atts[i], NS_SEP);
        if (!sep || strcmp(sep + 1, local) != 0)
            continue;
        size_t n = (size_t)(sep - atts[i]);
        if (n >= sizeof suffix - 1 &&
            memcmp(sep - (sizeof suffix - 1), suffix, sizeof suffix - 1) == 0)
            return atts[i + 1];
    }
    return NULL;
}

static void XMLCALL on_start(void *u, const XML_Char *name, const XML_Char **atts)
{
    xp *x = u;
    if (x->r->status != TCS_OK)
        return;
    if (++x->depth > DEPTH_MAX) {
        tcs_xl_xfail(x, TCS_ELIMIT, 0, 0,
                     "%s: XML nested more than %d levels deep; refusing the workbook", x->part,
                     DEPTH_MAX);
        return;
    }
    int ns;
    const char *local = split_name(name, &ns);
    if (x->start)
        x->start(x, ns, local, atts);
}

static void XMLCALL on_end(void *u, const XML_Char *name)
{
    xp *x = u;
    x->depth--;
    if (x->r->status != TCS_OK)
        return;
    int ns;
    const char *local = split_name(name, &ns);
    if (x->end)
        x->end(x, ns, local);
}

static void XMLCALL on_text(void *u, const XML_Char *s, int len)
{
    xp *x = u;
    if (x->r->status == TCS_OK && x->text)
        x->text(x, s, len);
}

/* No part of an OOXML package may carry a DTD (ECMA-376 part 2); refusing
 * them outright is also the defence against entity-expansion bombs. */
static void XMLCALL on_doctype(void *u, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal)
{
    xp *x = u;
    (void)name, (void)sysid, (void)pubid, (void)has_internal;
    if (x->r->status == TCS_OK)
        tcs_xl_xfail(x, TCS_EFORMAT, 0, 0, "%s: contains a DTD (<!DOCTYPE>); refusing the workbook",
                     x->part);
}

static void XMLCALL on_entity(void *u, const XML_Char *name, int is_param, const XML_Char *value,
                              int value_len, const XML_Char *base, const XML_Char *sysid,
                              const XML_Char *pubid, const XML_Char *notation)
{
    xp *x = u;
    (void)is_param, (void)value, (void)value_len, (void)base, (void)sysid, (void)pubid;
    (void)notation;
    if (x->r->status == TCS_OK)
        tcs_xl_xfail(x, TCS_EFORMAT, 0, 0,
                     "%s: contains an entity declaration (%s); refusing the workbook", x->part,
                     name);
}

/* An expat parser for x, with namespaces, that refuses DTDs and entities. */
static XML_Parser new_parser(rd *r, const char *name, xp *x)
{
    XML_Parser p = XML_ParserCreateNS(NULL, NS_SEP);
    if (!p)
        return NULL;
    x->r = r;
    x->part = name;
    x->p = p;
    x->depth = 0;
    XML_SetUserData(p, x);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    XML_SetEntityDeclHandler(p, on_entity);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
    return p;
}

/* Parse one zip entry as XML, streaming it through expat in chunks. */
tcs_status tcs_xl_parse_part(rd *r, zip_int64_t idx, const char *name, zip_uint64_t limit, xp *x)
{
    xl_entry e;
    if (tcs_xl_entry_open(r, idx, name, limit, &e) != TCS_OK)
        return r->status;
    XML_Parser p = new_parser(r, name, x);
    if (!p) {
        tcs_xl_entry_close(&e);
        return tcs_xl_nomem(r);
    }
    for (;;) {
        void *chunk = XML_GetBuffer(p, CHUNK);
        if (!chunk) {
            tcs_xl_nomem(r);
            break;
        }
        zip_int64_t n = tcs_xl_entry_read(r, &e, chunk, CHUNK);
        if (n < 0)
            break;
        if (XML_ParseBuffer(p, (int)n, n == 0) != XML_STATUS_OK) {
            if (r->status == TCS_OK) {
                enum XML_Error err = XML_GetErrorCode(p);
                tcs_xl_fail(r, err == XML_ERROR_NO_MEMORY ? TCS_ENOMEM : TCS_EFORMAT, 0, 0,
                            "%s: malformed XML at line %lu: %s", name,
                            (unsigned long)XML_GetCurrentLineNumber(p), XML_ErrorString(err));
            }
            break;
        }
        if (r->status != TCS_OK || n == 0)
            break;
    }
    XML_ParserFree(p);
    tcs_xl_entry_close(&e);
    return r->status;
}
