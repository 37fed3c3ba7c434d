/* question.c - question identity from a column header. */
#include "tcsurvey/question.h"
#include "tcsurvey/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Leading numbering: "1.4.", "1.4", "Q3", "Q3.", "3)", "3.", "3:".
 * A bare number needs punctuation or a dotted part ("2 hours" is text).
 * Returns the length of the numbering (including its punctuation and the
 * spaces after it), or 0, and the id in id. */
static size_t leading_number(const char *s, char *id, size_t idsz)
{
    size_t i = 0, start;
    bool q = false, dotted = false, punct = false;
    if ((s[0] == 'Q' || s[0] == 'q') && isdigit((unsigned char)s[1])) {
        q = true;
        i = 1;
    }
    start = i;
    if (!isdigit((unsigned char)s[i]))
        return 0;
    while (isdigit((unsigned char)s[i]))
        i++;
    while ((s[i] == '.' || s[i] == '_') && isdigit((unsigned char)s[i + 1])) {
        dotted = true;
        i++;
        while (isdigit((unsigned char)s[i]))
            i++;
    }
    size_t end = i;
    if (s[i] == '.' || s[i] == ')' || s[i] == ':') {
        punct = true;
        i++;
    }
    if (!(q || dotted || punct))
        return 0;
    if (s[i] != '\0' && s[i] != ' ' && s[i] != '\t')
        return 0; /* "1.5kg", "Q3b" */
    while (s[i] == ' ' || s[i] == '\t')
        i++;
    size_t idlen = end - start + (q ? 1 : 0);
    if (idlen >= idsz)
        return 0;
    memcpy(id, s, idlen);
    id[idlen] = '\0';
    if (q)
        id[0] = 'Q';
    return i;
}

/* A header that is a code: letters then digits, then optional _PART
 * segments or one [x] ("Q5_1", "SASR12", "G03Q13[1]", "uwes3",
 * "Q11_1_a_1"). Sets stem/item for grids: the part before the first '_'
 * or '[' is the stem ("Q5", "G03Q13", "Q11"), the rest the item. */
static bool is_code(const char *s, size_t *stem_len, const char **item, size_t *item_len)
{
    size_t i = 0;
    while (isalpha((unsigned char)s[i]))
        i++;
    if (i == 0 || i > 12 || !isdigit((unsigned char)s[i]))
        return false;
    while (isalnum((unsigned char)s[i]))
        i++;
    *stem_len = 0;
    *item = NULL;
    if (s[i] == '_' && isalnum((unsigned char)s[i + 1])) {
        *stem_len = i;
        *item = s + i + 1;
        while (s[i] == '_' && isalnum((unsigned char)s[i + 1])) {
            i++;
            while (isalnum((unsigned char)s[i]))
                i++;
        }
        *item_len = (size_t)(s + i - *item);
    } else if (s[i] == '[') {
        const char *close = strchr(s + i, ']');
        if (!close || close[1] != '\0' || close == s + i + 1)
            return false;
        *stem_len = i;
        *item = s + i + 1;
        *item_len = (size_t)(close - *item);
        i = (size_t)(close - s) + 1;
    }
    return s[i] == '\0' && i <= 40;
}

static char *trimmed_dup(const char *s, size_t n)
{
    size_t len;
    const char *t = tcs_trim(s, n, &len);
    return tcs_strndup(t, len);
}

bool tcs_question_name_parse(const char *header, tcs_question_name *out)
{
    memset(out, 0, sizeof *out);
    size_t hlen;
    const char *h = tcs_trim(header, strlen(header), &hlen);
    char *buf = tcs_strndup(h, hlen);
    if (!buf)
        return false;

    size_t stem_len, item_len;
    const char *item;
    if (is_code(buf, &stem_len, &item, &item_len)) {
        snprintf(out->id, sizeof out->id, "%s", buf);
        out->statement = buf;
        if (item) {
            out->stem = tcs_strndup(buf, stem_len);
            out->item = tcs_strndup(item, item_len);
            if (!out->stem || !out->item)
                goto oom;
        }
        return true;
    }

    size_t skip = leading_number(buf, out->id, sizeof out->id);
    const char *rest = buf + skip;
    size_t rlen = strlen(rest);
    /* Grid: "Question [Row]" (Google Forms) or "Question - Row". */
    const char *open = rlen && rest[rlen - 1] == ']' ? strrchr(rest, '[') : NULL;
    const char *dash = NULL;
    for (const char *p = strstr(rest, " - "); p; p = strstr(p + 1, " - "))
        dash = p;
    if (open && open > rest) {
        out->stem = trimmed_dup(rest, (size_t)(open - rest));
        out->item = trimmed_dup(open + 1, (size_t)(rest + rlen - 1 - (open + 1)));
    } else if (dash && dash > rest && dash[3] != '\0') {
        out->stem = trimmed_dup(rest, (size_t)(dash - rest));
        out->item = trimmed_dup(dash + 3, strlen(dash + 3));
    }
    if ((out->stem && !out->item) || (!out->stem && out->item))
        goto oom;
    if (out->stem && (!out->stem[0] || !out->item[0])) {
        free(out->stem);
        free(out->item);
        out->stem = out->item = NULL;
    }
    out->statement = trimmed_dup(rest, rlen);
    free(buf);
    if (!out->statement)
        goto oom2;
    return true;
oom:
    free(buf);
    out->statement = NULL;
oom2:
    tcs_question_name_free(out);
    return false;
}

void tcs_question_name_free(tcs_question_name *q)
{
    if (!q)
        return;
    free(q->statement);
    free(q->stem);
    free(q->item);
    q->statement = q->stem = q->item = NULL;
}
