/* check_resolve.c - which questions a targets row names: ids, ranges
 * (1.1-1.4) and pillar:NAME, resolved against the matched questions. */
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

/* "Q12" -> prefix "Q", number 12; "1.4" -> "1.", 4. False without a
 * trailing number. */
static bool split_id(const char *id, size_t *prefix_len, long *num)
{
    size_t len = strlen(id), k = len;
    while (k > 0 && id[k - 1] >= '0' && id[k - 1] <= '9')
        k--;
    if (k == len || len - k > 9)
        return false;
    *prefix_len = k;
    *num = atol(id + k);
    return true;
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

/* One item of the questions cell: an id, a range a-b, or pillar:NAME.
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
    const char *dash = strchr(item, '-');
    if (!dash) {
        tcs_chk_fail(r, "unknown question '%s': no wave has a question with that id", item);
        return true;
    }
    char a[128], b[128];
    size_t la, lb;
    const char *ta = tcs_trim(item, (size_t)(dash - item), &la);
    const char *tb = tcs_trim(dash + 1, strlen(dash + 1), &lb);
    size_t pa, pb;
    long na, nb;
    if (!la || !lb || la >= sizeof a || lb >= sizeof b) {
        tcs_chk_fail(r, "malformed range '%s' (write it as 1.1-1.4)", item);
        return true;
    }
    memcpy(a, ta, la);
    a[la] = '\0';
    memcpy(b, tb, lb);
    b[lb] = '\0';
    if (!split_id(a, &pa, &na) || !split_id(b, &pb, &nb) || pa != pb ||
        strncmp(a, b, pa) != 0 || na > nb) {
        tcs_chk_fail(r, "malformed range '%s': its ends must share all but a last number, the "
                    "first no greater than the second (1.1-1.4)",
                 item);
        return true;
    }
    if (tcs_chk_find_question(w, a) < 0 || tcs_chk_find_question(w, b) < 0) {
        tcs_chk_fail(r, "unknown question '%s' in range '%s'", tcs_chk_find_question(w, a) < 0 ? a : b,
                 item);
        return true;
    }
    for (size_t i = 0; i < nq; i++) {
        const char *id = tcs_waves_question(w, i)->id;
        size_t p;
        long v;
        if (split_id(id, &p, &v) && p == pa && strncmp(id, a, pa) == 0 && v >= na && v <= nb &&
            !add_id(r, id))
            return false;
    }
    return true;
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
