/* words.c - what the words of a header or an answer say a column is:
 * a demographic question, a quantity, a count in bins, an opt-out, or
 * answers that repeat the question's words around the part that differs.
 * (Internal to the library; inference in infer.c reads them.) */
#include "scale/infer.h"
#include "tcsurvey/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- demographic questions ---- */

/* Words of a question about the respondent rather than a statement to
 * rate, in normal form, whole words. */
static const char *const demographic_words[] = {
    "gender", "sex", "age", "age group", "age band", "age range", "faculty", "department",
    "dept", "school", "college", "division", "directorate", "campus", "role", "job role",
    "job title", "job family", "grade", "pay grade", "pay band", "staff group",
    "staff category", "staff type", "contract", "contract type", "employment type",
    "ethnicity", "ethnic", "ethnic group", "ethnic background", "race", "disability",
    "disabled", "qualification", "qualifications", "education", "highest degree",
    "degree level", "years of service", "length of service", "nationality", "country",
    "religion", "belief", "sexual orientation", "sexuality", "marital status",
    "caring responsibilities", "carer", "working pattern", "work pattern", "region",
    "discipline", "level of study", "year of study", "pronouns", "transgender", "income",
    "salary", NULL};

/* Words that make a header a question to rate even when it names one of
 * the above ("How satisfied are you with your grade?"). */
static const char *const rating_words[] = {
    "satisfied", "satisfaction", "agree", "rate", "rating", "how much", "how likely",
    "important", "importance", "happy", "scale", "extent", "how often", "how well",
    "confident", "valued", "feel", "useful", "helpful", "recommend", "support", "i am", "i feel",
    "i have", "my line manager", "quality", NULL};

bool tcs_has_word(const char *norm, const char *w)
{
    size_t wl = strlen(w);
    for (const char *p = strstr(norm, w); p; p = strstr(p + 1, w))
        if ((p == norm || p[-1] == ' ') && (p[wl] == '\0' || p[wl] == ' '))
            return true;
    return false;
}

bool tcs_header_is_demographic(const char *statement)
{
    char norm[256];
    if (!statement)
        return false;
    tcs_label_normalise(statement, strlen(statement), norm, sizeof norm);
    size_t words = 1;
    for (const char *p = norm; *p; p++)
        words += *p == ' ';
    if (!norm[0] || words > 14)
        return false;
    for (size_t i = 0; rating_words[i]; i++)
        if (tcs_has_word(norm, rating_words[i]))
            return false;
    bool word = false;
    for (size_t i = 0; demographic_words[i] && !word; i++)
        word = tcs_has_word(norm, demographic_words[i]);
    if (!word)
        return false;
    /* a short header ("Gender", "Age group") or a question about the
     * respondent ("What is your gender?", "Which faculty do you work in?") */
    static const char *const asks[] = {"what", "which", "your", "please", "select", "indicate",
                                       "state", "are you", "do you", "how old", "how long",
                                       NULL};
    if (words <= 4)
        return true;
    for (size_t i = 0; asks[i]; i++)
        if (tcs_has_word(norm, asks[i]))
            return true;
    return false;
}

/* ---- step 1: evidence ---- */

/* "5+", "10 or more", "More than 10", "Over 65", "> 1,000": a count in a
 * bin, which makes the column's numbers counts rather than ratings. */
bool tcs_answer_count_bin(const char *s, size_t n)
{
    char norm[64];
    size_t len;
    const char *t = tcs_trim(s, n, &len);
    if (len >= 2 && len < 12 && t[len - 1] == '+' && isdigit((unsigned char)t[0]))
        return true;
    if (len && (t[0] == '>' || t[0] == '<'))
        return true;
    if (len >= sizeof norm)
        return false;
    tcs_label_normalise(t, len, norm, sizeof norm);
    static const char *const forms[] = {"more than *", "over *", "less than *", "under *",
                                        "fewer than *", "up to *", NULL};
    for (size_t i = 0; forms[i]; i++)
        if (tcs_answer_in_list(forms[i], norm, strlen(norm)))
            return isdigit((unsigned char)norm[strlen(forms[i]) - 1]) ||
                   strpbrk(norm, "0123456789") != NULL;
    size_t k = strlen(norm);
    return k > 8 && strcmp(norm + k - 8, " or more") == 0 && isdigit((unsigned char)norm[0]);
}

/* Headers that ask for a quantity ("How many years...", "How long have
 * you..."): plain numbers under them are counts, not ratings. */
bool tcs_header_asks_quantity(const char *statement)
{
    char norm[256];
    if (!statement)
        return false;
    tcs_label_normalise(statement, strlen(statement), norm, sizeof norm);
    static const char *const words[] = {
        "how many", "how long", "number of", "how old", "how much time", "years of",
        "hours per", "hours a", "per week", "per month", "per year", "percentage",
        "percent", "what proportion", "how often in", "times a", NULL};
    static const char *const rating[] = {"satisfied", "agree", "rate", "rating", "important",
                                         "scale", "extent", "confident", "likely", "useful",
                                         "helpful", "well", NULL};
    for (size_t i = 0; rating[i]; i++)
        if (tcs_has_word(norm, rating[i]))
            return false;
    for (size_t i = 0; words[i]; i++)
        if (tcs_has_word(norm, words[i]))
            return true;
    return false;
}

/* The longest run of whole words (in normal form) that at least 60% of
 * the distinct answers, two at least, start (or, suffix, end) with, and
 * that leaves words of their own: into out; false when none. */
bool tcs_common_affix(char (*norms)[160], size_t n, bool suffix, char *out, size_t outsz)
{
    size_t need = (size_t)(0.6 * (double)n + 0.999);
    need = need < 2 ? 2 : need;
    for (size_t a = 0; a < n; a++) {
        const char *w = norms[a];
        size_t len = strlen(w);
        /* candidate cuts at every space, the longest affix first: a prefix
         * ends at the last space, a suffix starts after the first */
        for (size_t i = 0; i < len; i++) {
            size_t k = suffix ? i : len - 1 - i;
            if (w[k] != ' ')
                continue;
            const char *aff = suffix ? w + k + 1 : w;
            size_t al = suffix ? len - k - 1 : k;
            size_t have = 0;
            for (size_t b = 0; b < n; b++) {
                size_t bl = strlen(norms[b]);
                if (bl <= al + 1)
                    continue;
                have += suffix ? (strcmp(norms[b] + bl - al, aff) == 0 && norms[b][bl - al - 1] == ' ')
                               : (strncmp(norms[b], aff, al) == 0 && norms[b][al] == ' ');
            }
            if (have >= need && al < outsz) {
                memcpy(out, aff, al);
                out[al] = '\0';
                return true;
            }
        }
    }
    return false;
}

/* An answer that opts out of the question rather than answering it ("I
 * am not collaborating.", "I have never used it")? */
bool tcs_answer_opts_out(const char *s, size_t n)
{
    char norm[160];
    if (n >= sizeof norm)
        return false;
    tcs_label_normalise(s, n, norm, sizeof norm);
    static const char list[] = "i am not *|im not *|i do not *|i dont *|i have not *|"
                               "i havent *|i have never *|ive never *|i no longer *|"
                               "not applicable *|no longer *|i did not *|i didnt *";
    return tcs_answer_in_list(list, norm, strlen(norm));
}

