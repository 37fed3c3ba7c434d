/* targets.c - read an action plan's targets file. Rows are checked one by
 * one: a bad row keeps its message and the rest are still read. */
#include "tcsurvey/targets.h"
#include "tcsurvey/reader.h"
#include "tcsurvey/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tcs_targets {
    char *path;
    tcs_target *rows;
    size_t n, cap;
    char **ignored;
    size_t nignored;
    size_t ncomments; /* rows starting with '#' */
};

enum {
    F_ACTION, F_PILLAR, F_QUESTIONS, F_METRIC, F_COMPARATOR, F_TARGET, F_BASELINE_WAVE,
    F_DUE_WAVE, F_COMBINE, F_DESCRIPTION, F_OBSERVED, F_BASELINE, F_STATUS, F_COMMENT, F_COUNT
};
/* Header names (normal form: lower case, punctuation as spaces); the
 * published wording's column also counts as the description. */
static const struct {
    int field;
    const char *name;
} header_names[] = {
    {F_ACTION, "action"},         {F_PILLAR, "pillar"},
    {F_QUESTIONS, "questions"},   {F_QUESTIONS, "question"},
    {F_METRIC, "metric"},         {F_COMPARATOR, "comparator"},
    {F_TARGET, "target"},         {F_BASELINE_WAVE, "baseline wave"},
    {F_DUE_WAVE, "due wave"},     {F_COMBINE, "combine"},
    {F_DESCRIPTION, "description"}, {F_DESCRIPTION, "success measure"},
    {F_DESCRIPTION, "success measure as published"},
    {F_OBSERVED, "observed"},     {F_BASELINE, "baseline"},
    {F_STATUS, "status"},         {F_COMMENT, "comment"},
    {F_COMMENT, "comments"},
};

const char *tcs_rag_name(tcs_rag rag)
{
    static const char *const names[] = {"green", "amber", "red", "grey"};
    return rag <= TCS_RAG_GREY ? names[rag] : "grey";
}

typedef struct {
    tcs_targets *t;
    long col[F_COUNT];
    bool have_header;
} load_state;

/* A number, optionally with a trailing '%' ("53.5%"). */
static bool parse_number(const char *s, double *out)
{
    size_t len = strlen(s);
    while (len && (s[len - 1] == '%' || isspace((unsigned char)s[len - 1])))
        len--;
    return len > 0 && tcs_parse_double(s, len, out);
}

static bool parse_int_text(const char *s, int *out)
{
    long v;
    if (!tcs_parse_int(s, strlen(s), &v) || v < -1000000 || v > 1000000)
        return false;
    *out = (int)v;
    return true;
}

/* ASCII case-insensitive comparison of n bytes (0 = equal). */
static int ascii_ncasecmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int x = tolower((unsigned char)a[i]), y = tolower((unsigned char)b[i]);
        if (x != y || !x)
            return x - y;
    }
    return 0;
}

/* A row's error: "" when it has none; the text otherwise (on the heap,
 * or row_oom when even that could not be had). */
static const char no_error[] = "";
static const char row_oom[] = "out of memory reading this row";

static bool row_error(tcs_target *r, long col, const char *fmt, const char *arg)
{
    if (!r->error[0]) {
        char buf[320];
        snprintf(buf, sizeof buf, fmt, arg ? arg : "");
        char *e = tcs_strndup(buf, strlen(buf));
        r->error = e ? e : row_oom;
        r->error_col = col;
    }
    return false;
}

/* "6,5": a decimal comma, as typed where the comma is the decimal mark;
 * fixed gets the number with a point. */
static bool decimal_comma(const char *s, char *fixed, size_t n)
{
    size_t len;
    const char *t = tcs_trim(s, strlen(s), &len);
    const char *comma = memchr(t, ',', len);
    if (!comma || len >= n || memchr(comma + 1, ',', len - (size_t)(comma + 1 - t)))
        return false;
    memcpy(fixed, t, len);
    fixed[len] = '\0';
    fixed[comma - t] = '.';
    double v;
    return parse_number(fixed, &v);
}

/* "WHAT, not 'TEXT'", with a hint when TEXT has a decimal comma. */
static bool number_error(tcs_target *r, long col, const char *what, const char *text)
{
    char buf[320], fixed[64];
    if (decimal_comma(text, fixed, sizeof fixed))
        snprintf(buf, sizeof buf, "%s, not '%s': write decimals with a point (%s)", what, text,
                 fixed);
    else
        snprintf(buf, sizeof buf, "%s, not '%s'", what, text);
    return row_error(r, col, "%s", buf);
}

#define SHARE_LABEL_MAX 96 /* bytes of one label of share(A;B) */

/* share(SPEC): SPEC as written between the parentheses. */
static bool parse_share(tcs_target *r, long col, const char *spec, size_t len)
{
    char buf[1024];
    const char *t = tcs_trim(spec, len, &len);
    if (!len || len >= sizeof buf)
        return row_error(r, col, "share() needs what to count, e.g. share(>=6), share(top2) or "
                                 "share(Agree;Strongly agree)%s", "");
    memcpy(buf, t, len);
    buf[len] = '\0';
    tcs_metric *m = &r->metric;
    static const struct {
        const char *op;
        tcs_share_kind kind;
    } ops[] = {{"<=", TCS_SHARE_LE}, {">=", TCS_SHARE_GE}, {"<", TCS_SHARE_LT}, {">", TCS_SHARE_GT}};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        size_t ol = strlen(ops[i].op);
        if (strncmp(buf, ops[i].op, ol) == 0) {
            if (!parse_int_text(buf + ol, &m->share_value))
                return row_error(r, col, "share(%s): the bound must be a whole number", buf);
            m->share = ops[i].kind;
            return true;
        }
    }
    if (parse_int_text(buf, &m->share_value)) {
        m->share = TCS_SHARE_VALUE;
        return true;
    }
    char low[1024];
    for (size_t i = 0; i <= len; i++)
        low[i] = (char)tolower((unsigned char)buf[i]);
    const char *digits = NULL;
    if (strncmp(low, "top", 3) == 0) {
        m->share = TCS_SHARE_TOP;
        digits = low + 3;
    } else if (strncmp(low, "bottom", 6) == 0) {
        m->share = TCS_SHARE_BOTTOM;
        digits = low + 6;
    }
    if (digits && *digits && isdigit((unsigned char)*digits)) {
        if (!parse_int_text(digits, &m->share_value) || m->share_value < 1)
            return row_error(r, col, "share(%s): top and bottom take a count, e.g. top2", buf);
        return true;
    }
    /* labels separated by ';' */
    m->share = TCS_SHARE_LABELS;
    m->nlabels = 0;
    for (char *p = buf; *p;) {
        char *end = strchr(p, ';');
        size_t l = end ? (size_t)(end - p) : strlen(p);
        size_t tl;
        const char *lt = tcs_trim(p, l, &tl);
        if (tl) {
            if (m->nlabels == TCS_SHARE_LABELS_MAX || tl >= SHARE_LABEL_MAX)
                return row_error(r, col, "share(%s): too many or too long labels", buf);
            if (!m->labels && !(m->labels = calloc(TCS_SHARE_LABELS_MAX, sizeof *m->labels)))
                return row_error(r, col, "%s", row_oom);
            if (!(m->labels[m->nlabels] = tcs_strndup(lt, tl)))
                return row_error(r, col, "%s", row_oom);
            m->nlabels++;
        }
        p += l + (end ? 1 : 0);
    }
    if (!m->nlabels)
        return row_error(r, col, "share(%s): no labels", buf);
    return true;
}

/* The metrics a targets file names: each a row (its word, its kind,
 * whether change(...) may wrap it, and whether it takes a SPEC in
 * parentheses); parsing, the usage error and tcs_metric_list read it. */
typedef struct {
    const char *name;
    tcs_metric_kind kind;
    bool changes; /* change(NAME) is allowed */
    bool spec;    /* NAME(SPEC) */
} metric_row;

static const metric_row metrics[] = {
    {"mean", TCS_METRIC_MEAN, true, false},
    {"median", TCS_METRIC_MEDIAN, true, false},
    {"n", TCS_METRIC_N, false, false},
    {"share", TCS_METRIC_SHARE, true, true},
    {"external", TCS_METRIC_EXTERNAL, false, false},
};
#define NMETRICS (sizeof metrics / sizeof metrics[0])

const char *tcs_metric_list(char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < NMETRICS && used < n; i++) {
            const metric_row *m = &metrics[i];
            if (pass == 1 && !m->changes)
                continue;
            used += (size_t)snprintf(buf + used, n - used, "%s%s%s%s%s", used ? ", " : "",
                                     pass ? "change(" : "", m->name, m->spec ? "(SPEC)" : "",
                                     pass ? ")" : "");
        }
    return buf;
}

/* NAME, NAME(SPEC), change(NAME) or change(NAME(SPEC)), by metrics[]. */
static bool parse_metric(tcs_target *r, long col, const char *text)
{
    size_t len;
    const char *t = tcs_trim(text, strlen(text), &len);
    tcs_metric *m = &r->metric;
    if (len > 8 && ascii_ncasecmp(t, "change(", 7) == 0 && t[len - 1] == ')') {
        m->change = true;
        t += 7;
        len -= 8;
        t = tcs_trim(t, len, &len);
    }
    for (size_t i = 0; i < NMETRICS; i++) {
        const metric_row *row = &metrics[i];
        size_t nl = strlen(row->name);
        if (m->change && !row->changes)
            continue;
        if (!row->spec && len == nl && ascii_ncasecmp(t, row->name, nl) == 0) {
            m->kind = row->kind;
            return true;
        }
        if (row->spec && len > nl + 1 && ascii_ncasecmp(t, row->name, nl) == 0 && t[nl] == '(' &&
            t[len - 1] == ')') {
            m->kind = row->kind;
            return parse_share(r, col, t + nl + 1, len - nl - 2);
        }
    }
    m->kind = TCS_METRIC_NONE;
    char list[128], what[300];
    snprintf(what, sizeof what, "%.150s' (%s)", text, tcs_metric_list(list, sizeof list));
    return row_error(r, col, "unknown metric '%s", what);
}

static bool parse_comparator(tcs_target *r, long col, const char *s)
{
    static const struct {
        const char *text;
        tcs_comparator cmp;
    } cmps[] = {{">=", TCS_CMP_GE}, {"<=", TCS_CMP_LE}, {">", TCS_CMP_GT}, {"<", TCS_CMP_LT},
                {"\xe2\x89\xa5", TCS_CMP_GE}, {"\xe2\x89\xa4", TCS_CMP_LE}};
    for (size_t i = 0; i < sizeof cmps / sizeof cmps[0]; i++)
        if (strcmp(s, cmps[i].text) == 0) {
            r->comparator = cmps[i].cmp;
            return true;
        }
    return row_error(r, col, "comparator must be >=, <=, > or <, not '%s'", s);
}

static bool parse_combine(tcs_target *r, long col, const char *s)
{
    char norm[32];
    tcs_label_normalise(s, strlen(s), norm, sizeof norm);
    if (strcmp(norm, "each") == 0)
        r->combine = TCS_COMBINE_EACH;
    else if (strcmp(norm, "all") == 0)
        r->combine = TCS_COMBINE_ALL;
    else if (strcmp(norm, "composite") == 0)
        r->combine = TCS_COMBINE_COMPOSITE;
    else
        return row_error(r, col, "combine must be each, all or composite, not '%s'", s);
    return true;
}

/* green / amber / red (grey), or completed / in progress / not started. */
static bool parse_hand_status(tcs_target *r, long col, const char *s)
{
    static const struct {
        const char *text;
        tcs_rag rag;
    } st[] = {{"green", TCS_RAG_GREEN},       {"amber", TCS_RAG_AMBER},
              {"red", TCS_RAG_RED},           {"grey", TCS_RAG_GREY},
              {"gray", TCS_RAG_GREY},         {"completed", TCS_RAG_GREEN},
              {"complete", TCS_RAG_GREEN},    {"done", TCS_RAG_GREEN},
              {"in progress", TCS_RAG_AMBER}, {"ongoing", TCS_RAG_AMBER},
              {"not started", TCS_RAG_RED},   {"not due", TCS_RAG_GREY}};
    char norm[64];
    tcs_label_normalise(s, strlen(s), norm, sizeof norm);
    for (size_t i = 0; i < sizeof st / sizeof st[0]; i++)
        if (strcmp(norm, st[i].text) == 0) {
            r->has_hand = true;
            r->hand_rag = st[i].rag;
            free(r->hand_status);
            r->hand_status = tcs_strndup(norm, strlen(norm));
            return r->hand_status != NULL;
        }
    return row_error(r, col,
                     "status must be green, amber, red or grey, or completed, in progress or "
                     "not started, not '%s'",
                     s);
}

static void target_free(tcs_target *r)
{
    for (size_t i = 0; r->metric.labels && i < r->metric.nlabels; i++)
        free(r->metric.labels[i]);
    free(r->metric.labels);
    free(r->baselines);
    if (r->error && r->error != no_error && r->error != row_oom)
        free((char *)r->error);
    free(r->action);
    free(r->pillar);
    free(r->questions);
    free(r->metric_text);
    free(r->description);
    free(r->comment);
    free(r->baseline_wave);
    free(r->due_wave);
    free(r->hand_status);
}

static bool add_baseline(tcs_target *r, double v)
{
    /* capacity: powers of two from 1, so a row takes what its figures need */
    size_t n = r->nbaselines;
    if ((n & (n - 1)) == 0) {
        double *b = realloc(r->baselines, (n ? 2 * n : 1) * sizeof *b);
        if (!b)
            return false;
        r->baselines = b;
    }
    r->baselines[r->nbaselines++] = v;
    return true;
}

/* Everything a row says, checked as far as the file alone allows. */
static void read_row(load_state *st, tcs_target *r, const tcs_cell *cells, size_t n, bool *oom)
{
    const long *c = st->col;
    r->action = tcs_record_field(cells, n, c[F_ACTION], oom);
    r->pillar = tcs_record_field(cells, n, c[F_PILLAR], oom);
    r->questions = tcs_record_field(cells, n, c[F_QUESTIONS], oom);
    r->metric_text = tcs_record_field(cells, n, c[F_METRIC], oom);
    r->description = tcs_record_field(cells, n, c[F_DESCRIPTION], oom);
    r->comment = tcs_record_field(cells, n, c[F_COMMENT], oom);
    r->baseline_wave = tcs_record_field(cells, n, c[F_BASELINE_WAVE], oom);
    r->due_wave = tcs_record_field(cells, n, c[F_DUE_WAVE], oom);
    char *cmp = tcs_record_field(cells, n, c[F_COMPARATOR], oom);
    char *target = tcs_record_field(cells, n, c[F_TARGET], oom);
    char *combine = tcs_record_field(cells, n, c[F_COMBINE], oom);
    char *observed = tcs_record_field(cells, n, c[F_OBSERVED], oom);
    char *baseline = tcs_record_field(cells, n, c[F_BASELINE], oom);
    char *status = tcs_record_field(cells, n, c[F_STATUS], oom);
    if (*oom)
        goto done;
    if (!r->action)
        row_error(r, c[F_ACTION] + 1, "the action is empty%s", "");
    if (status)
        parse_hand_status(r, c[F_STATUS] + 1, status);
    if (r->metric_text)
        parse_metric(r, c[F_METRIC] + 1, r->metric_text);
    else if (!status)
        row_error(r, c[F_METRIC] + 1,
                  "no metric and no status: give a metric (mean, share(...), external...) or "
                  "a status judged by hand (green, amber, red)%s",
                  "");
    if (combine)
        parse_combine(r, c[F_COMBINE] + 1, combine);
    tcs_metric_kind k = r->metric.kind;
    if (k != TCS_METRIC_NONE) {
        if (!cmp)
            row_error(r, c[F_COMPARATOR] + 1, "a measured row needs a comparator (>=, <=, >, <)%s",
                      "");
        else
            parse_comparator(r, c[F_COMPARATOR] + 1, cmp);
        if (!target)
            row_error(r, c[F_TARGET] + 1, "a measured row needs a target%s", "");
        else if (!parse_number(target, &r->target))
            number_error(r, c[F_TARGET] + 1, "the target must be a number", target);
        else
            r->has_target = true;
    }
    if (k != TCS_METRIC_NONE && k != TCS_METRIC_EXTERNAL && !r->questions)
        row_error(r, c[F_QUESTIONS] + 1,
                  "a survey metric needs questions (1.4, 1.1;1.2, 1.1-1.4 or pillar:NAME)%s", "");
    if (r->combine == TCS_COMBINE_COMPOSITE && k != TCS_METRIC_MEAN && k != TCS_METRIC_NONE)
        row_error(r, c[F_COMBINE] + 1,
                  "combine=composite takes the metric mean or change(mean), not '%s'",
                  r->metric_text);
    if (observed) {
        if (k != TCS_METRIC_EXTERNAL)
            row_error(r, c[F_OBSERVED] + 1,
                      "'observed' is for external figures (metric external); the survey gives "
                      "this row's figure, not '%s'",
                      observed);
        else if (!parse_number(observed, &r->observed))
            number_error(r, c[F_OBSERVED] + 1, "observed must be a number", observed);
        else
            r->has_observed = true;
    }
    if (baseline) {
        /* one figure, or one per question: "6.54;5.64;6.07;3.96" */
        char *save = baseline;
        for (char *p = baseline; p && *p && !r->error[0];) {
            char *end = strchr(p, ';');
            if (end)
                *end = '\0';
            double v;
            if (r->nbaselines == TCS_TARGET_BASELINES_MAX)
                row_error(r, c[F_BASELINE] + 1, "too many baseline figures%s", "");
            else if (!parse_number(p, &v))
                number_error(r, c[F_BASELINE] + 1,
                             "baseline must be a number, or numbers separated by ';'", p);
            else if (!add_baseline(r, v))
                row_error(r, c[F_BASELINE] + 1, "%s", row_oom);
            p = end ? end + 1 : NULL;
        }
        baseline = save;
    }
done:
    free(cmp);
    free(target);
    free(combine);
    free(observed);
    free(baseline);
    free(status);
}

/* A row whose first cell starts with '#' is a comment: an example or a
 * note the file keeps for people, never a target. */
static bool is_comment(const tcs_cell *cells, size_t n)
{
    size_t len;
    const char *t = n ? tcs_trim(cells[0].text, cells[0].len, &len) : NULL;
    return t && len && t[0] == '#';
}

static tcs_status on_row(void *ctx, long row, const tcs_cell *cells, size_t n, tcs_error *err)
{
    load_state *st = ctx;
    tcs_targets *t = st->t;
    if (tcs_record_blank(cells, n))
        return TCS_OK;
    if (is_comment(cells, n)) {
        t->ncomments++;
        return TCS_OK;
    }
    if (!st->have_header) {
        for (int f = 0; f < F_COUNT; f++)
            st->col[f] = -1;
        for (size_t i = 0; i < n; i++) {
            char norm[128];
            tcs_label_normalise(cells[i].text, cells[i].len, norm, sizeof norm);
            bool known = false;
            for (size_t h = 0; h < sizeof header_names / sizeof header_names[0]; h++)
                if (strcmp(norm, header_names[h].name) == 0) {
                    known = true;
                    if (st->col[header_names[h].field] < 0)
                        st->col[header_names[h].field] = (long)i;
                    else
                        return tcs_error_set(err, TCS_ECODEBOOK, t->path, row, (long)i + 1,
                                             "the column '%s' appears twice", norm);
                }
            if (!known && norm[0]) {
                char **ni = realloc(t->ignored, (t->nignored + 1) * sizeof *ni);
                if (!ni)
                    return tcs_error_set(err, TCS_ENOMEM, t->path, row, 0, "out of memory");
                t->ignored = ni;
                if (!(ni[t->nignored] = tcs_strndup(cells[i].text, cells[i].len)))
                    return tcs_error_set(err, TCS_ENOMEM, t->path, row, 0, "out of memory");
                t->nignored++;
            }
        }
        if (st->col[F_ACTION] < 0)
            return tcs_error_set(err, TCS_ECODEBOOK, t->path, row, 0,
                                 "the targets file has no 'action' column (columns: action, "
                                 "pillar, questions, metric, comparator, target, baseline_wave, "
                                 "due_wave, combine, description, observed, baseline, status, "
                                 "comment)");
        if (st->col[F_METRIC] < 0 && st->col[F_STATUS] < 0)
            return tcs_error_set(err, TCS_ECODEBOOK, t->path, row, 0,
                                 "the targets file has neither a 'metric' nor a 'status' column");
        st->have_header = true;
        return TCS_OK;
    }
    if (t->n == t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 32;
        tcs_target *nr = realloc(t->rows, ncap * sizeof *nr);
        if (!nr)
            return tcs_error_set(err, TCS_ENOMEM, t->path, row, 0, "out of memory");
        t->rows = nr;
        t->cap = ncap;
    }
    tcs_target *r = &t->rows[t->n++];
    memset(r, 0, sizeof *r);
    r->error = no_error;
    r->row = row;
    r->combine = TCS_COMBINE_EACH;
    bool oom = false;
    read_row(st, r, cells, n, &oom);
    if (oom)
        return tcs_error_set(err, TCS_ENOMEM, t->path, row, 0, "out of memory");
    return TCS_OK;
}

tcs_status tcs_targets_load(const char *path, tcs_targets **out, tcs_error *err)
{
    *out = NULL;
    tcs_targets *t = calloc(1, sizeof *t);
    if (!t || !(t->path = tcs_strndup(path, strlen(path)))) {
        free(t);
        return tcs_error_set(err, TCS_ENOMEM, path, 0, 0, "out of memory");
    }
    load_state st = {.t = t};
    tcs_read_options ro = {0};
    tcs_source_info info;
    tcs_status s = tcs_read_table(path, &ro, on_row, &st, &info, err);
    if (s == TCS_OK && !st.have_header)
        s = tcs_error_set(err, TCS_EEMPTY, path, 0, 0, "the targets file is empty");
    else if (s == TCS_OK && t->n == 0 && t->ncomments == 0)
        s = tcs_error_set(err, TCS_EEMPTY, path, 0, 0, "the targets file has a header but no rows");
    if (s != TCS_OK) {
        tcs_targets_free(t);
        return s;
    }
    *out = t;
    return TCS_OK;
}

void tcs_targets_free(tcs_targets *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        target_free(&t->rows[i]);
    free(t->rows);
    for (size_t i = 0; i < t->nignored; i++)
        free(t->ignored[i]);
    free(t->ignored);
    free(t->path);
    free(t);
}

const char *tcs_targets_path(const tcs_targets *t) { return t->path; }
size_t tcs_targets_count(const tcs_targets *t) { return t->n; }
const tcs_target *tcs_targets_at(const tcs_targets *t, size_t i)
{
    return i < t->n ? &t->rows[i] : NULL;
}
size_t tcs_targets_nignored(const tcs_targets *t) { return t->nignored; }
const char *tcs_targets_ignored(const tcs_targets *t, size_t i)
{
    return i < t->nignored ? t->ignored[i] : NULL;
}

const char *tcs_comparator_text(tcs_comparator c)
{
    static const char *const t[] = {">=", "<=", ">", "<"};
    return (unsigned)c < 4 ? t[c] : "?";
}
