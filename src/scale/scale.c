/* scale.c - the registry of answer scales.
 *
 * Label sets are rows of a table; each point lists its aliases separated
 * by '|', the first being the label shown. Matching uses the label normal
 * form of text.h, so case, punctuation, curly quotes and U+00A0 do not
 * matter. Sets that share aliases (agree5 / agree7, importance5 /
 * importance5b) are told apart by collisions: two different answers on one
 * point suggest the set is wrong, so among sets that match equally many
 * answers the one with fewer collisions wins. */
#include "tcsurvey/scale.h"
#include "tcsurvey/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name;
    const char *family;
    int first; /* value of the first point */
    const char *points[TCS_SCALE_POINTS_MAX];
} label_set;

/* Preference order matters: the first set that fits wins. */
static const label_set label_sets[] = {
    {"agree5", "agreement", 1,
     {"Strongly disagree|Disagree strongly|Completely disagree",
      "Disagree|Tend to disagree|Somewhat disagree|Mostly disagree",
      "Neither agree nor disagree|Neither agree or disagree|Neither|Neutral|Undecided",
      "Agree|Tend to agree|Somewhat agree|Mostly agree",
      "Strongly agree|Agree strongly|Completely agree"}},
    {"agree7", "agreement", 1,
     {"Strongly disagree", "Disagree", "Somewhat disagree|Slightly disagree",
      "Neither agree nor disagree|Neither agree or disagree|Neither|Neutral",
      "Somewhat agree|Slightly agree", "Agree", "Strongly agree"}},
    {"agree4", "agreement", 1,
     {"Strongly disagree", "Disagree|Tend to disagree", "Agree|Tend to agree",
      "Strongly agree"}},
    {"frequency5", "frequency", 1,
     {"Never", "Rarely|Seldom", "Sometimes|Occasionally",
      "Often|Frequently|Usually|Very often|Most of the time", "Always"}},
    {"satisfaction5", "satisfaction", 1,
     {"Very dissatisfied|Extremely dissatisfied|Very unsatisfied",
      "Dissatisfied|Somewhat dissatisfied|Fairly dissatisfied|Unsatisfied",
      "Neither satisfied nor dissatisfied|Neither satisfied or dissatisfied|Neutral|Neither",
      "Satisfied|Somewhat satisfied|Fairly satisfied",
      "Very satisfied|Extremely satisfied|Completely satisfied"}},
    {"importance5", "importance", 1,
     {"Not at all important|Not important|Unimportant",
      "Slightly important|Of little importance|Low importance|Slightly",
      "Moderately important|Somewhat important|Neutral|Moderately",
      "Very important|Important|Very", "Extremely important|Essential|Critical|Extremely"}},
    {"importance5b", "importance", 1,
     {"Not important|Unimportant|Not at all important", "Of little importance|Slightly important",
      "Moderately important|Neutral", "Important", "Very important"}},
    {"likelihood5", "likelihood", 1,
     {"Very unlikely|Extremely unlikely", "Unlikely|Somewhat unlikely",
      "Neither likely nor unlikely|Neither likely or unlikely|Neutral|Neither",
      "Likely|Somewhat likely", "Very likely|Extremely likely"}},
    {"quality5", "quality", 1,
     {"Very poor|Very bad", "Poor|Bad", "Fair|Average|Acceptable|Neither good nor poor|OK", "Good",
      "Very good|Excellent"}},
    {"quality5b", "quality", 1, {"Poor", "Fair", "Good", "Very good", "Excellent"}},
    {"extent5", "extent", 1,
     {"Not at all|To no extent",
      "To a small extent|To a little extent|To a slight extent|Slightly|A little",
      "To some extent|To a moderate extent|Somewhat|Moderately",
      "To a great extent|To a large extent|Very much|A lot",
      "To a very great extent|To a very large extent|Completely|Entirely"}},
    {"yesno", "yes/no", 0, {"No|N", "Yes|Y"}},
};
#define N_LABEL_SETS (sizeof label_sets / sizeof label_sets[0])

static const char *const label_set_names[] = {
    "agree5", "agree7", "agree4", "frequency5", "satisfaction5", "importance5", "importance5b",
    "likelihood5", "quality5", "quality5b", "extent5", "yesno", NULL};

/* Normal forms (see tcs_label_normalise) of answers that are not a point
 * of any scale and so stay out of means and percentages. */
static const char *const nonsubstantive[] = {
    "n a", "na", "n a not applicable", "not applicable", "not relevant", "does not apply",
    "dont know", "do not know", "i dont know", "i do not know", "i dont know n a",
    "i dont know na", "dont know n a", "dk", "cannot answer", "cant answer", "can not answer",
    "unable to answer", "cannot say", "cant say", "prefer not to say", "prefer not to answer",
    "rather not say", "id rather not say", "not sure", "unsure", "no opinion",
    "no answer", NULL};

static const int standard_ranges[][2] = {{1, 4}, {1, 5}, {1, 6}, {1, 7}, {1, 10}, {0, 10}};

size_t tcs_scale_standard_ranges(const int (**ranges)[2])
{
    *ranges = standard_ranges;
    return sizeof standard_ranges / sizeof standard_ranges[0];
}

const char *const *tcs_scale_label_set_names(void) { return label_set_names; }

static void first_alias(const char *aliases, char *out, size_t outsz)
{
    const char *bar = strchr(aliases, '|');
    size_t n = bar ? (size_t)(bar - aliases) : strlen(aliases);
    snprintf(out, outsz, "%.*s", (int)n, aliases);
}

static void fill_label_set(const label_set *ls, tcs_scale *out)
{
    memset(out, 0, sizeof *out);
    out->kind = TCS_SCALE_LABELS;
    snprintf(out->name, sizeof out->name, "%s", ls->name);
    snprintf(out->family, sizeof out->family, "%s", ls->family);
    size_t k = 0;
    while (k < TCS_SCALE_POINTS_MAX && ls->points[k]) {
        first_alias(ls->points[k], out->labels[k], sizeof out->labels[k]);
        k++;
    }
    out->npoints = k;
    out->min = ls->first;
    out->max = ls->first + (int)k - 1;
}

void tcs_scale_numeric(int min, int max, tcs_scale *out)
{
    memset(out, 0, sizeof *out);
    out->kind = TCS_SCALE_NUMERIC;
    snprintf(out->name, sizeof out->name, "%d-%d", min, max);
    snprintf(out->family, sizeof out->family, "rating");
    out->min = min;
    out->max = max;
    out->npoints = (size_t)(max - min + 1);
    for (int v = min; v <= max; v++)
        snprintf(out->labels[v - min], sizeof out->labels[0], "%d", v);
}

bool tcs_scale_by_name(const char *name, tcs_scale *out)
{
    if (!name)
        return false;
    for (size_t i = 0; i < N_LABEL_SETS; i++)
        if (tcs_glob_match(label_sets[i].name, name)) {
            fill_label_set(&label_sets[i], out);
            return true;
        }
    int lo, hi, used = 0;
    if (sscanf(name, "%d-%d%n", &lo, &hi, &used) == 2 && name[used] == '\0' && lo >= 0 &&
        hi > lo && hi <= 10) {
        tcs_scale_numeric(lo, hi, out);
        return true;
    }
    return false;
}

static bool in_list(const char *norm, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(norm, list[i]) == 0)
            return true;
    return false;
}

bool tcs_answer_is_missing(const char *s, size_t n)
{
    size_t len;
    const char *t = tcs_trim(s, n, &len);
    return len == 0 || (len == 2 && t[0] == 'N' && t[1] == 'A');
}

bool tcs_answer_is_nonsubstantive(const char *s, size_t n)
{
    char norm[128];
    if (n > 100 || tcs_answer_is_missing(s, n))
        return false;
    tcs_label_normalise(s, n, norm, sizeof norm);
    /* SurveyMonkey-style options ending in "/ NA": "I don't use Twitter / NA"
     * (normal form "... na"; "x/N/A" gives "... n a") */
    size_t len = strlen(norm);
    if (memchr(s, '/', n) && ((len > 4 && strcmp(norm + len - 3, " na") == 0) ||
                              (len > 5 && strcmp(norm + len - 4, " n a") == 0)))
        return true;
    return in_list(norm, nonsubstantive);
}

/* Point index (0-based) of a normalised answer in a label set, or -1. */
static int label_set_point(const label_set *ls, const char *norm)
{
    char alias[TCS_SCALE_LABEL_MAX], an[TCS_SCALE_LABEL_MAX];
    for (int k = 0; k < TCS_SCALE_POINTS_MAX && ls->points[k]; k++) {
        const char *p = ls->points[k];
        while (*p) {
            const char *bar = strchr(p, '|');
            size_t n = bar ? (size_t)(bar - p) : strlen(p);
            snprintf(alias, sizeof alias, "%.*s", (int)n, p);
            tcs_label_normalise(alias, strlen(alias), an, sizeof an);
            if (strcmp(an, norm) == 0)
                return k;
            p += n + (bar ? 1 : 0);
        }
    }
    return -1;
}

static const label_set *find_label_set(const char *name)
{
    for (size_t i = 0; i < N_LABEL_SETS; i++)
        if (strcmp(label_sets[i].name, name) == 0)
            return &label_sets[i];
    return NULL;
}

/* "4 - Very impressive", "4. Good", "4) Good", "4: Good" -> 4. */
static bool numeric_prefix(const char *s, size_t n, int *value)
{
    size_t len;
    const char *t = tcs_trim(s, n, &len);
    size_t i = 0;
    int v = 0;
    while (i < len && i < 3 && t[i] >= '0' && t[i] <= '9')
        v = v * 10 + (t[i++] - '0');
    if (i == 0 || i >= len)
        return false;
    size_t j = i;
    while (j < len && t[j] == ' ')
        j++;
    if (j >= len || !(t[j] == '-' || t[j] == '.' || t[j] == ')' || t[j] == ':' || t[j] == '='))
        return false;
    j++;
    while (j < len && t[j] == ' ')
        j++;
    if (j >= len)
        return false;
    *value = v;
    return true;
}

static bool whole_number(const char *s, size_t n, int *value)
{
    long v;
    if (!tcs_parse_int(s, n, &v) || v < -1000000 || v > 1000000)
        return false;
    *value = (int)v;
    return true;
}

bool tcs_scale_value(const tcs_scale *scale, const char *s, size_t n, int *value)
{
    int v;
    if (scale->kind == TCS_SCALE_NUMERIC) {
        if (!whole_number(s, n, &v) && !numeric_prefix(s, n, &v))
            return false;
        if (v < scale->min || v > scale->max)
            return false;
        *value = v;
        return true;
    }
    if (scale->kind != TCS_SCALE_LABELS)
        return false;
    const label_set *ls = find_label_set(scale->name);
    char norm[TCS_SCALE_LABEL_MAX];
    if (n >= sizeof norm * 2)
        return false;
    tcs_label_normalise(s, n, norm, sizeof norm);
    int k = ls ? label_set_point(ls, norm) : -1;
    if (k < 0) {
        /* also accept the scale's own display labels (codebook-defined sets) */
        char ln[TCS_SCALE_LABEL_MAX];
        for (size_t p = 0; p < scale->npoints && k < 0; p++) {
            tcs_label_normalise(scale->labels[p], strlen(scale->labels[p]), ln, sizeof ln);
            if (strcmp(ln, norm) == 0)
                k = (int)p;
        }
    }
    if (k < 0)
        return false;
    *value = scale->min + k;
    return true;
}

bool tcs_scale_match_labels(const tcs_answer_count *answers, size_t n, tcs_scale *out)
{
    long total = 0;
    for (size_t i = 0; i < n; i++)
        total += answers[i].count;
    if (total == 0)
        return false;
    const label_set *best = NULL;
    long best_matched = 0;
    size_t best_collisions = 0;
    int *point = malloc((n ? n : 1) * sizeof *point);
    char (*norms)[TCS_SCALE_LABEL_MAX] = malloc((n ? n : 1) * sizeof *norms);
    if (!point || !norms) {
        free(point);
        free(norms);
        return false;
    }
    for (size_t i = 0; i < n; i++)
        tcs_label_normalise(answers[i].text, answers[i].len < 400 ? answers[i].len : 400,
                            norms[i], sizeof norms[i]);
    for (size_t s = 0; s < N_LABEL_SETS; s++) {
        const label_set *ls = &label_sets[s];
        long matched = 0;
        size_t distinct_points = 0, collisions = 0;
        for (size_t i = 0; i < n; i++) {
            point[i] = label_set_point(ls, norms[i]);
            if (point[i] < 0)
                continue;
            bool seen_point = false;
            for (size_t j = 0; j < i; j++)
                if (point[j] == point[i]) {
                    seen_point = true;
                    if (strcmp(norms[j], norms[i]) != 0)
                        collisions++;
                    break;
                }
            distinct_points += !seen_point;
            matched += answers[i].count;
        }
        if (distinct_points < 2 || (double)matched < 0.8 * (double)total)
            continue;
        if (!best || matched > best_matched ||
            (matched == best_matched && collisions < best_collisions)) {
            best = ls;
            best_matched = matched;
            best_collisions = collisions;
        }
    }
    free(point);
    free(norms);
    if (!best)
        return false;
    fill_label_set(best, out);
    return true;
}

bool tcs_scale_numeric_extent(const tcs_answer_count *answers, size_t n, int *min, int *max,
                              bool *prefixed)
{
    bool any = false, pre = false;
    int lo = 0, hi = 0;
    for (size_t i = 0; i < n; i++) {
        int v;
        if (whole_number(answers[i].text, answers[i].len, &v))
            ;
        else if (numeric_prefix(answers[i].text, answers[i].len, &v))
            pre = true;
        else
            return false;
        if (!any || v < lo)
            lo = v;
        if (!any || v > hi)
            hi = v;
        any = true;
    }
    if (!any)
        return false;
    *min = lo;
    *max = hi;
    if (prefixed)
        *prefixed = pre;
    return true;
}

bool tcs_scale_smallest_range(int lo, int hi, int *min, int *max)
{
    size_t n = sizeof standard_ranges / sizeof standard_ranges[0];
    for (size_t i = 0; i < n; i++)
        if (standard_ranges[i][0] <= lo && hi <= standard_ranges[i][1]) {
            *min = standard_ranges[i][0];
            *max = standard_ranges[i][1];
            return true;
        }
    return false;
}

double tcs_scale_midpoint(const tcs_scale *scale) { return (scale->min + scale->max) / 2.0; }
