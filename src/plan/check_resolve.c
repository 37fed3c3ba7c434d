/* check_resolve.c - which questions a targets row names: ids, ranges
 * (1.1-1.4, G03Q14[1]-G03Q14[10]), globs (G03Q14[*]) and pillar:NAME,
 * resolved against the matched questions. */
#include "plan/check_internal.h"
#include "tcsurvey/stats.h"
#include "tcsurvey/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long tcs_chk_find_question(const tcs_waves *w, const char *id)
{
    for (size_t i = 0; i < tcs_waves_nquestions(w); i++)
        if (strcmp(tcs_waves_question(w, i)->id, id) == 0)
            return (long)i;
    return -1;
}

/* An id as the text before its last number, that number and the text
 * after it: "Q12" -> "Q", 12, ""; "1.4" -> "1.", 4, ""; "G03Q14[10]" ->
 * "G03Q14[", 10, "]"; "Q5_8" -> "Q5_", 8, "". False without a number. */
typedef struct {
    size_t prefix_len;
    long num;
    const char *suffix;
} id_parts;

static bool split_id(const char *id, id_parts *p)
{
    size_t len = strlen(id), end = len;
    while (end > 0 && !(id[end - 1] >= '0' && id[end - 1] <= '9'))
        end--;
    size_t k = end;
    while (k > 0 && id[k - 1] >= '0' && id[k - 1] <= '9')
        k--;
    if (k == end || end - k > 9)
        return false;
    p->prefix_len = k;
    p->num = atol(id + k);
    p->suffix = id + end;
    return true;
}

/* Do a and b differ only in their last number? */
static bool same_series(const char *a, const id_parts *pa, const char *b, const id_parts *pb)
{
    return pa->prefix_len == pb->prefix_len && strncmp(a, b, pa->prefix_len) == 0 &&
           strcmp(pa->suffix, pb->suffix) == 0;
}

static bool add_id(tcs_target_result *r, const char *id)
{
    for (size_t i = 0; i < r->nids; i++)
        if (strcmp(r->ids[i], id) == 0)
            return true;
    char **n = realloc(r->ids, (r->nids + 1) * sizeof *n);
    if (!n)
        return false;
    r->ids = n;
    if (!(n[r->nids] = tcs_strndup(id, strlen(id))))
        return false;
    r->nids++;
    return true;
}

/* Every question whose id the glob matches ("G03Q14[*]", "Q5_?"). */
static bool resolve_glob(const tcs_waves *w, tcs_target_result *r, const char *item)
{
    size_t before = r->nids;
    for (size_t i = 0; i < tcs_waves_nquestions(w); i++) {
        const char *id = tcs_waves_question(w, i)->id;
        if (tcs_glob_match(item, id) && !add_id(r, id))
            return false;
    }
    if (r->nids == before)
        tcs_chk_fail(r, "no question's id matches '%s' (* stands for any text, ? for one "
                        "character)",
                     item);
    return true;
}

/* A range "A-B" whose ends differ only in their last number (1.1-1.4,
 * Q5_1-Q5_8, G03Q14[1]-G03Q14[10]): every question of that series from A
 * to B. The dash may be any of the item's dashes (ids may hold one). */
static bool resolve_range(const tcs_waves *w, tcs_target_result *r, const char *item)
{
    char a[128], b[128];
    id_parts pa, pb;
    bool found = false;
    for (const char *dash = strchr(item, '-'); dash && !found; dash = strchr(dash + 1, '-')) {
        size_t la, lb;
        const char *ta = tcs_trim(item, (size_t)(dash - item), &la);
        const char *tb = tcs_trim(dash + 1, strlen(dash + 1), &lb);
        if (!la || !lb || la >= sizeof a || lb >= sizeof b)
            continue;
        memcpy(a, ta, la);
        a[la] = '\0';
        memcpy(b, tb, lb);
        b[lb] = '\0';
        found = split_id(a, &pa) && split_id(b, &pb) && same_series(a, &pa, b, &pb) &&
                pa.num <= pb.num;
    }
    if (!found) {
        tcs_chk_fail(r, "malformed range '%s': its ends must differ only in a last number, "
                        "the first no greater than the second (1.1-1.4, Q5_1-Q5_8, "
                        "G03Q14[1]-G03Q14[10])",
                     item);
        return true;
    }
    if (tcs_chk_find_question(w, a) < 0 || tcs_chk_find_question(w, b) < 0) {
        tcs_chk_fail(r, "unknown question '%s' in range '%s'",
                     tcs_chk_find_question(w, a) < 0 ? a : b, item);
        return true;
    }
    for (size_t i = 0; i < tcs_waves_nquestions(w); i++) {
        const char *id = tcs_waves_question(w, i)->id;
        id_parts p;
        if (split_id(id, &p) && same_series(a, &pa, id, &p) && p.num >= pa.num &&
            p.num <= pb.num && !add_id(r, id))
            return false;
    }
    return true;
}

/* One item of the questions cell: an id, a range a-b, a glob, or pillar:NAME.
 * False on allocation failure; a bad item fails the row. */
static bool resolve_item(const tcs_waves *w, tcs_target_result *r, const char *item)
{
    size_t nq = tcs_waves_nquestions(w);
    char norm[256], pn[256];
    if (strncmp(item, "pillar:", 7) == 0 || strncmp(item, "Pillar:", 7) == 0) {
        const char *name = item + 7;
        tcs_label_normalise(name, strlen(name), norm, sizeof norm);
        size_t before = r->nids;
        for (size_t i = 0; i < nq; i++) {
            const tcs_matched *m = tcs_waves_question(w, i);
            if (!m->pillar)
                continue;
            tcs_label_normalise(m->pillar, strlen(m->pillar), pn, sizeof pn);
            if (strcmp(pn, norm) == 0 && !add_id(r, m->id))
                return false;
        }
        if (r->nids == before)
            tcs_chk_fail(r, "no question of any wave is in pillar '%s' (pillars come from the "
                        "codebook)",
                     name);
        return true;
    }
    if (tcs_chk_find_question(w, item) >= 0)
        return add_id(r, item);
    if (strpbrk(item, "*?"))
        return resolve_glob(w, r, item);
    if (!strchr(item, '-')) {
        tcs_chk_fail(r, "unknown question '%s': no wave has a question with that id", item);
        return true;
    }
    return resolve_range(w, r, item);
}

bool tcs_chk_resolve_questions(const tcs_waves *w, tcs_target_result *r)
{
    const char *spec = r->target->questions;
    if (!spec)
        return true;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", spec);
    for (char *p = buf; p && *p && r->total.status != TCS_STATUS_ERROR;) {
        char *end = strchr(p, ';');
        if (end)
            *end = '\0';
        size_t len;
        const char *t = tcs_trim(p, strlen(p), &len);
        char item[512];
        snprintf(item, sizeof item, "%.*s", (int)len, t);
        if (len && !resolve_item(w, r, item))
            return false;
        p = end ? end + 1 : NULL;
    }
    return true;
}
