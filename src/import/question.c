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

/* A heading that is a code, a separator and the question's text: what
 * LimeSurvey writes for "question code and question text" headings
 * ("socio1. In which country do you work?", "G03Q13[SQ001]. How ...
 * [Pay]"; the separator is ". " unless the survey's administrator chose
 * another, such as ": ", " - " or "_"), and what other tools make of
 * codes and texts ("Q5_1: ..."). The code is letters then a digit, then
 * letters and digits, then one "[SUB]" or "_PART" segments. Returns the
 * length of the code (0 when s is no such heading) and in *text where the
 * text starts. */
static size_t code_and_text(const char *s, const char **text, size_t *stem_len,
                            const char **sub, size_t *sub_len)
{
    size_t i = 0;
    while (isalpha((unsigned char)s[i]))
        i++;
    if (i == 0 || i > 20 || !isdigit((unsigned char)s[i]))
        return 0;
    while (isalnum((unsigned char)s[i]))
        i++;
    *stem_len = i;
    *sub = NULL;
    *sub_len = 0;
    bool bracket = false;
    if (s[i] == '[') {
        size_t j = i + 1;
        while (isalnum((unsigned char)s[j]) || s[j] == '_' || s[j] == '#')
            j++;
        if (s[j] != ']' || j == i + 1)
            return 0;
        *sub = s + i + 1;
        *sub_len = j - i - 1;
        i = j + 1;
        bracket = true;
    } else if (s[i] == '_' && isalnum((unsigned char)s[i + 1])) {
        *sub = s + i + 1;
        while (s[i] == '_' && isalnum((unsigned char)s[i + 1])) {
            i++;
            while (isalnum((unsigned char)s[i]))
                i++;
        }
        *sub_len = (size_t)(s + i - *sub);
    }
    size_t code_len = i;
    static const char *const seps[] = {". ", ": ", " - ", ") "};
    size_t sep = 0;
    for (size_t k = 0; k < sizeof seps / sizeof seps[0] && !sep; k++)
        if (strncmp(s + i, seps[k], strlen(seps[k])) == 0)
            sep = strlen(seps[k]);
    if (!sep && bracket && s[i] == '_')
        sep = 1;
    if (!sep || code_len >= TCS_ID_MAX || code_len > 40)
        return 0;
    const char *t = s + i + sep;
    while (*t == ' ' || *t == '\t')
        t++;
    bool letter = false;
    for (const char *p = t; *p && !letter; p++)
        letter = isalpha((unsigned char)*p) || ((unsigned char)*p & 0x80);
    if (!letter)
        return 0;
    *text = t;
    return code_len;
}

/* The text of a code-and-text heading, without the empty "[]" LimeSurvey
 * writes for a subquestion that has no text of its own. */
static size_t text_len(const char *t)
{
    size_t n = strlen(t);
    while (n && (t[n - 1] == ' ' || t[n - 1] == '\t'))
        n--;
    if (n >= 2 && t[n - 2] == '[' && t[n - 1] == ']') {
        n -= 2;
        while (n && (t[n - 1] == ' ' || t[n - 1] == '\t'))
            n--;
    }
    return n;
}

static char *trimmed_dup(const char *s, size_t n)
{
    size_t len;
    const char *t = tcs_trim(s, n, &len);
    return tcs_strndup(t, len);
}

/* The last '[' of t[0..n), or NULL. */
static const char *memrchr_bracket(const char *t, size_t n)
{
    while (n--)
        if (t[n] == '[')
            return t + n;
    return NULL;
}

/* "CODE. text": the code is the id, the text the statement; a grid's row
 * is the text's "[Row]" when it has one, else the subquestion's code.
 * Takes buf. */
static bool code_heading(char *buf, size_t code_len, const char *text, size_t stem_len,
                         const char *sub, size_t sub_len, tcs_question_name *out)
{
    snprintf(out->id, sizeof out->id, "%.*s", (int)code_len, buf);
    size_t tl = text_len(text);
    out->statement = tcs_strndup(text, tl);
    if (sub) {
        const char *open = tl && text[tl - 1] == ']' ? memrchr_bracket(text, tl) : NULL;
        out->stem = tcs_strndup(buf, stem_len);
        out->item = open && open + 1 < text + tl - 1
                        ? trimmed_dup(open + 1, (size_t)(text + tl - 1 - (open + 1)))
                        : tcs_strndup(sub, sub_len);
    }
    free(buf);
    if (!out->statement || (sub && (!out->stem || !out->item))) {
        tcs_question_name_free(out);
        return false;
    }
    return true;
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
    const char *text = NULL, *sub;
    size_t sub_len, code_len = skip ? 0 : code_and_text(buf, &text, &stem_len, &sub, &sub_len);
    if (code_len)
        return code_heading(buf, code_len, text, stem_len, sub, sub_len, out);
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

bool tcs_question_id_positional(const char *id)
{
    if (strncmp(id, "col", 3) != 0 || !id[3])
        return false;
    for (const char *p = id + 3; *p; p++)
        if (!isdigit((unsigned char)*p))
            return false;
    return true;
}
