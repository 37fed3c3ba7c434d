/* output.c - inspect and summary writers. */
#include "tcsurvey/output.h"
#include "tcsurvey/groups.h"
#include "tcsurvey/stats.h"
#include "tcsurvey/waves.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool tcs_format_parse(const char *name, tcs_format *out)
{
    static const struct {
        const char *name;
        tcs_format fmt;
    } table[] = {{"table", TCS_FORMAT_TABLE}, {"csv", TCS_FORMAT_CSV},
                 {"json", TCS_FORMAT_JSON},   {"md", TCS_FORMAT_MD},
                 {"markdown", TCS_FORMAT_MD}};
    for (size_t i = 0; name && i < sizeof table / sizeof table[0]; i++)
        if (strcmp(name, table[i].name) == 0) {
            *out = table[i].fmt;
            return true;
        }
    return false;
}

void tcs_format_double(double v, char *buf, size_t n)
{
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, n, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    if (strcmp(buf, "-0") == 0)
        snprintf(buf, n, "0");
}

/* ---- small printing helpers ---- */

static void json_num(FILE *fp, double v, bool defined)
{
    char buf[40];
    if (!defined || !isfinite(v)) {
        fputs("null", fp);
        return;
    }
    tcs_format_double(v, buf, sizeof buf);
    fputs(buf, fp);
}

/* [lo, hi], or null when undefined */
static void json_pair(FILE *fp, double lo, double hi, bool defined)
{
    if (!defined) {
        fputs("null", fp);
        return;
    }
    fputs("[", fp);
    json_num(fp, lo, true);
    fputs(", ", fp);
    json_num(fp, hi, true);
    fputs("]", fp);
}

/* a JSON string, or null for NULL */
static void json_str_or_null(FILE *fp, const char *s)
{
    if (s)
        tcs_put_json_string(fp, s);
    else
        fputs("null", fp);
}

static void csv_num(FILE *fp, double v, bool defined)
{
    char buf[40];
    if (defined && isfinite(v)) {
        tcs_format_double(v, buf, sizeof buf);
        fputs(buf, fp);
    }
}

/* Fixed decimals for people, "-" when undefined. */
static const char *fixed(char *buf, size_t n, double v, bool defined, int dp)
{
    if (!defined || !isfinite(v))
        snprintf(buf, n, "-");
    else
        snprintf(buf, n, "%.*f", dp, v);
    return buf;
}

/* Characters (not bytes) of UTF-8 s: terminal columns for our text. */
static size_t display_len(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* s in at most max characters: cut to max - 3 and "..." when longer; line
 * breaks and tabs become spaces so a row stays one line. */
static const char *shorten(const char *s, size_t max, char *buf, size_t n)
{
    s = s ? s : "";
    size_t keep = display_len(s) <= max ? (size_t)-1 : (max > 3 ? max - 3 : 0);
    size_t chars = 0, i = 0;
    while (s[i] && chars < keep) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    if (!s[i])
        snprintf(buf, n, "%s", s);
    else
        snprintf(buf, n, "%.*s...", (int)i, s);
    for (char *p = buf; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    return buf;
}

/* s, shortened to width characters and padded to it, then one space. */
static void put_column(FILE *fp, const char *s, size_t width)
{
    char buf[256];
    shorten(s, width, buf, sizeof buf);
    fputs(buf, fp);
    for (size_t k = display_len(buf); k <= width; k++)
        fputc(' ', fp);
}

static const char *delimiter_name(char d)
{
    switch (d) {
    case ',': return "comma";
    case ';': return "semicolon";
    case '\t': return "tab";
    default: return "";
    }
}

static size_t count_questions(const tcs_survey *s)
{
    size_t k = 0;
    for (size_t i = 0; i < tcs_survey_ncolumns(s); i++)
        k += tcs_column_is_question(tcs_survey_column(s, i));
    return k;
}

static void json_source(FILE *fp, const tcs_survey *s)
{
    const tcs_source_info *src = tcs_survey_source(s);
    fputs("{\"path\": ", fp);
    tcs_put_json_string(fp, tcs_survey_path(s));
    fputs(", \"format\": ", fp);
    tcs_put_json_string(fp, src->format);
    fputs(", \"encoding\": ", fp);
    tcs_put_json_string(fp, src->encoding);
    fputs(", \"delimiter\": ", fp);
    if (src->delimiter) {
        char d[2] = {src->delimiter, 0};
        tcs_put_json_string(fp, d);
    } else
        fputs("null", fp);
    fputs(", \"line_ending\": ", fp);
    tcs_put_json_string(fp, src->line_ending);
    if (src->sheet[0]) {
        fputs(", \"sheet\": ", fp);
        tcs_put_json_string(fp, src->sheet);
        fputs(", \"sheets\": [", fp);
        for (size_t i = 0; i < src->nsheets; i++) {
            fputs(i ? ", " : "", fp);
            tcs_put_json_string(fp, src->sheets[i]);
        }
        fputs("]", fp);
    }
    fputs(", \"platform\": ", fp);
    tcs_put_json_string(fp, tcs_platform_name(tcs_survey_platform(s)));
    fprintf(fp, ", \"header_rows\": %zu, \"responses\": %ld, \"columns\": %zu, \"questions\": %zu",
            tcs_survey_header_rows(s), tcs_survey_responses(s), tcs_survey_ncolumns(s),
            count_questions(s));
    const tcs_scale *common = tcs_survey_common_range(s);
    fputs(", \"common_rating_range\": ", fp);
    json_str_or_null(fp, common ? common->name : NULL);
    fputs("}", fp);
}

static void json_warnings(FILE *fp, const tcs_survey *s)
{
    fputs("\"warnings\": [", fp);
    for (size_t i = 0; i < tcs_survey_nwarnings(s); i++) {
        fputs(i ? ", " : "", fp);
        tcs_put_json_string(fp, tcs_survey_warning(s, i));
    }
    fputs("]", fp);
}

static void json_unknown(FILE *fp, const tcs_column *c)
{
    fputs("[", fp);
    for (size_t k = 0; k < c->nunknown; k++) {
        fputs(k ? ", " : "", fp);
        fputs("{\"label\": ", fp);
        tcs_put_json_string(fp, c->unknown[k].label);
        fprintf(fp, ", \"count\": %ld}", c->unknown[k].count);
    }
    fputs("]", fp);
}

/* ---- summary ---- */

/* The "questions" array of a survey; ind is the indentation of its items. */
static void json_questions(FILE *fp, const tcs_survey *s, const char *ind)
{
    fputs("[", fp);
    bool first = true;
    for (size_t i = 0; i < tcs_survey_ncolumns(s); i++) {
        const tcs_column *c = tcs_survey_column(s, i);
        if (!tcs_column_is_question(c))
            continue;
        tcs_point_stats st;
        tcs_stats_from_counts(&c->scale, c->counts, &st);
        fprintf(fp, "%s\n%s{", first ? "" : ",", ind);
        first = false;
        fputs("\"id\": ", fp);
        tcs_put_json_string(fp, c->id);
        fputs(", \"statement\": ", fp);
        tcs_put_json_string(fp, c->statement);
        fputs(", \"column\": ", fp);
        tcs_put_json_string(fp, c->header);
        fprintf(fp, ", \"column_index\": %zu, \"pillar\": ", c->index);
        json_str_or_null(fp, c->pillar);
        fputs(", \"scale\": ", fp);
        tcs_put_json_string(fp, c->scale.name);
        fputs(", \"scale_basis\": ", fp);
        tcs_put_json_string(fp, c->scale_basis);
        fprintf(fp, ", \"reverse\": %s", c->reverse ? "true" : "false");
        fprintf(fp, ",\n%s \"points\": [", ind);
        for (size_t k = 0; k < c->scale.npoints; k++) {
            fprintf(fp, "%s{\"value\": %d, \"label\": ", k ? ", " : "", c->scale.min + (int)k);
            tcs_put_json_string(fp, c->scale.labels[k]);
            fprintf(fp, ", \"count\": %ld, \"percent\": ", c->counts[k]);
            json_num(fp, st.n ? 100.0 * (double)c->counts[k] / (double)st.n : 0, st.n > 0);
            fputs("}", fp);
        }
        fprintf(fp, "],\n%s \"n\": %ld, \"nonsubstantive\": %ld, \"missing\": %ld, \"other\": %ld",
                ind, st.n, c->nonsubstantive, c->missing, c->other);
        fputs(", \"mean\": ", fp);
        json_num(fp, st.mean, st.has_mean);
        fputs(", \"sd\": ", fp);
        json_num(fp, st.sd, st.has_sd);
        fputs(", \"ci95\": ", fp);
        json_pair(fp, st.ci_lo, st.ci_hi, st.has_sd);
        fputs(", \"median\": ", fp);
        json_num(fp, st.median, st.has_mean);
        fputs(", \"low_percent\": ", fp);
        json_num(fp, st.low_percent, st.has_percent);
        fputs(", \"neutral_percent\": ", fp);
        json_num(fp, st.neutral_percent, st.has_percent);
        fputs(", \"high_percent\": ", fp);
        json_num(fp, st.high_percent, st.has_percent);
        fputs(", \"high_ci95\": ", fp);
        json_pair(fp, st.high_ci_lo, st.high_ci_hi, st.has_percent);
        fputs(", \"note\": ", fp);
        json_str_or_null(fp, st.note != TCS_STATS_OK ? tcs_stats_note_text(st.note) : NULL);
        fputs(", \"unknown_labels\": ", fp);
        json_unknown(fp, c);
        fputs("}", fp);
    }
    if (first)
        fputs("]", fp);
    else
        fprintf(fp, "\n%.*s]", (int)(strlen(ind) >= 2 ? strlen(ind) - 2 : 0), ind);
}

/* "by" and the start of "groups": what every grouped output says first. */
static void json_by(FILE *fp, const tcs_grouping *g)
{
    fputs(",\n  \"by\": {\"column\": ", fp);
    tcs_put_json_string(fp, g->by);
    fprintf(fp, ", \"column_index\": %zu, \"min_group\": %ld, \"rule\": ", g->column[0] + 1,
            g->min_group);
    tcs_put_json_string(fp, tcs_group_rule);
    fputs("}", fp);
}

static void json_group_head(FILE *fp, const tcs_group *gr, size_t i)
{
    fputs(i ? ",\n    {\"group\": " : "\n    {\"group\": ", fp);
    tcs_put_json_string(fp, gr->label);
    fprintf(fp, ", \"suppressed\": %s", gr->suppressed ? "true" : "false");
}

static void summary_json(FILE *fp, const tcs_survey *s, const tcs_grouping *g)
{
    fputs("{\n  \"source\": ", fp);
    json_source(fp, s);
    fputs(",\n  \"questions\": ", fp);
    json_questions(fp, s, "    ");
    fputs(",\n  ", fp);
    json_warnings(fp, s);
    if (g) {
        json_by(fp, g);
        fputs(",\n  \"groups\": [", fp);
        for (size_t i = 0; i < g->n; i++) {
            const tcs_group *gr = &g->groups[i];
            json_group_head(fp, gr, i);
            if (!gr->suppressed) {
                fprintf(fp, ", \"responses\": %ld, \"questions\": ",
                        tcs_survey_responses(gr->survey));
                json_questions(fp, gr->survey, "        ");
            }
            fputs("}", fp);
        }
        fputs(g->n ? "\n  ]" : "]", fp);
    }
    fputs("\n}\n", fp);
}

static void points_text(const tcs_column *c, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < c->scale.npoints && used + 1 < n; k++) {
        int w = snprintf(buf + used, n - used, "%s%s=%ld", k ? "; " : "", c->scale.labels[k],
                         c->counts[k]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

/* A suppressed group in a grouped CSV: its label, "true", and the
 * ncols cells of a question row left empty. */
static void csv_suppressed_row(FILE *fp, const char *label, int ncols)
{
    tcs_put_csv_text(fp, label);
    fputs(",true", fp);
    for (int k = 0; k < ncols; k++)
        fputc(',', fp);
    fputs("\r\n", fp);
}

/* The rows of one survey; with a grouping, each starts with the group's
 * label and "false" (not suppressed). */
static void summary_csv_rows(FILE *fp, const tcs_survey *s, const char *group)
{
    for (size_t i = 0; i < tcs_survey_ncolumns(s); i++) {
        const tcs_column *c = tcs_survey_column(s, i);
        if (!tcs_column_is_question(c))
            continue;
        tcs_point_stats st;
        tcs_stats_from_counts(&c->scale, c->counts, &st);
        if (group) {
            tcs_put_csv_text(fp, group);
            fputs(",false,", fp);
        }
        tcs_put_csv_text(fp, c->id);
        fputc(',', fp);
        tcs_put_csv_text(fp, c->statement);
        fputc(',', fp);
        tcs_put_csv_text(fp, c->header);
        fprintf(fp, ",%zu,", c->index);
        tcs_put_csv_text(fp, c->pillar);
        fputc(',', fp);
        tcs_put_csv_text(fp, c->scale.name);
        fprintf(fp, ",%ld,%ld,%ld,%ld,", st.n, c->nonsubstantive, c->missing, c->other);
        csv_num(fp, st.mean, st.has_mean);
        fputc(',', fp);
        csv_num(fp, st.sd, st.has_sd);
        fputc(',', fp);
        csv_num(fp, st.ci_lo, st.has_sd);
        fputc(',', fp);
        csv_num(fp, st.ci_hi, st.has_sd);
        fputc(',', fp);
        csv_num(fp, st.median, st.has_mean);
        fputc(',', fp);
        csv_num(fp, st.low_percent, st.has_percent);
        fputc(',', fp);
        csv_num(fp, st.neutral_percent, st.has_percent);
        fputc(',', fp);
        csv_num(fp, st.high_percent, st.has_percent);
        fputc(',', fp);
        csv_num(fp, st.high_ci_lo, st.has_percent);
        fputc(',', fp);
        csv_num(fp, st.high_ci_hi, st.has_percent);
        fputc(',', fp);
        tcs_put_csv_text(fp, tcs_stats_note_text(st.note));
        fputc(',', fp);
        char pts[1200];
        points_text(c, pts, sizeof pts);
        tcs_put_csv_text(fp, pts);
        fputs("\r\n", fp);
    }
}

static void summary_csv(FILE *fp, const tcs_survey *s, const tcs_grouping *g)
{
    if (g)
        fputs("group,suppressed,", fp);
    fputs("id,statement,column,column_index,pillar,scale,n,nonsubstantive,missing,other,mean,"
          "sd,ci95_lo,ci95_hi,median,low_percent,neutral_percent,high_percent,high_ci95_lo,"
          "high_ci95_hi,note,points\r\n",
          fp);
    summary_csv_rows(fp, s, g ? "All respondents" : NULL);
    for (size_t i = 0; g && i < g->n; i++) {
        const tcs_group *gr = &g->groups[i];
        if (gr->suppressed) {
            csv_suppressed_row(fp, gr->label, 22);
        } else {
            summary_csv_rows(fp, gr->survey, gr->label);
        }
    }
}

/* The summary table; under a grouping's heading when group is set. */
static void summary_text(FILE *fp, const tcs_survey *s, bool md, const tcs_grouping *grouping,
                         const tcs_group *group)
{
    const tcs_source_info *src = tcs_survey_source(s);
    char a[32], b[32], c1[32], d[32], e[32], f[32], g[32], h[32], stmt[200];
    size_t id_w = 2, pillar_w = 0, scale_w = 5;
    if (group) {
        if (md) {
            fputs("\n### ", fp);
            tcs_put_md_cell(fp, grouping->by);
            fputs(": ", fp);
            tcs_put_md_cell(fp, group->label);
            fprintf(fp, "\n\n%ld responses.\n\n", tcs_survey_responses(s));
        } else {
            fprintf(fp, "\n%s = %s: %ld responses\n", grouping->by, group->label,
                    tcs_survey_responses(s));
        }
    } else if (md) {
        fputs("## Summary of ", fp);
        tcs_put_md_cell(fp, tcs_survey_path(s));
        fprintf(fp, "\n\n%ld responses; %s export (%s).\n\n", tcs_survey_responses(s),
                tcs_platform_name(tcs_survey_platform(s)), src->format);
    } else {
        fprintf(fp, "%s: %ld responses, %zu questions (%s, %s)\n\n", tcs_survey_path(s),
                tcs_survey_responses(s), count_questions(s),
                tcs_platform_name(tcs_survey_platform(s)), src->format);
    }
    if (md) {
        fputs("| id | pillar | statement | n | N/A | missing | mean | SD | 95% CI | median | "
              "% low | % neutral | % high | distribution |\n",
              fp);
        fputs("|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|\n", fp);
    } else {
        for (size_t i = 0; i < tcs_survey_ncolumns(s); i++) {
            const tcs_column *c = tcs_survey_column(s, i);
            if (!tcs_column_is_question(c))
                continue;
            size_t w = display_len(c->id);
            id_w = w > id_w ? (w < 16 ? w : 16) : id_w;
            w = c->pillar ? display_len(c->pillar) : 0;
            pillar_w = w > pillar_w ? (w < 24 ? w : 24) : pillar_w;
            w = display_len(c->scale.name);
            scale_w = w > scale_w ? w : scale_w;
        }
        put_column(fp, "id", id_w);
        if (pillar_w)
            put_column(fp, "pillar", pillar_w < 6 ? (pillar_w = 6) : pillar_w);
        put_column(fp, "scale", scale_w);
        fprintf(fp, "%5s %4s %5s %6s %5s %-15s %6s %6s %6s %6s  %s\n", "n", "N/A", "miss", "mean",
                "SD", "95% CI", "median", "%low", "%neut", "%high", "statement");
    }
    for (size_t i = 0; i < tcs_survey_ncolumns(s); i++) {
        const tcs_column *c = tcs_survey_column(s, i);
        if (!tcs_column_is_question(c))
            continue;
        tcs_point_stats st;
        tcs_stats_from_counts(&c->scale, c->counts, &st);
        char ci[48];
        if (st.has_sd)
            snprintf(ci, sizeof ci, "%.2f-%.2f", st.ci_lo, st.ci_hi);
        else
            snprintf(ci, sizeof ci, "-");
        if (md) {
            fputs("| ", fp);
            tcs_put_md_cell(fp, c->id);
            fputs(" | ", fp);
            tcs_put_md_cell(fp, c->pillar ? c->pillar : "");
            fputs(" | ", fp);
            tcs_put_md_cell(fp, c->statement);
            fprintf(fp, " | %ld | %ld | %ld | %s | %s | %s | %s | %s | %s | %s |", st.n,
                    c->nonsubstantive, c->missing, fixed(a, sizeof a, st.mean, st.has_mean, 2),
                    fixed(b, sizeof b, st.sd, st.has_sd, 2), ci,
                    fixed(c1, sizeof c1, st.median, st.has_mean, 1),
                    fixed(d, sizeof d, st.low_percent, st.has_percent, 1),
                    fixed(e, sizeof e, st.neutral_percent, st.has_percent, 1),
                    fixed(f, sizeof f, st.high_percent, st.has_percent, 1));
            char pts[1200];
            points_text(c, pts, sizeof pts);
            fputc(' ', fp);
            tcs_put_md_cell(fp, pts);
            fputs(st.note != TCS_STATS_OK ? " (" : "", fp);
            fputs(tcs_stats_note_text(st.note), fp);
            fputs(st.note != TCS_STATS_OK ? ")" : "", fp);
            fputs(" |\n", fp);
        } else {
            put_column(fp, c->id, id_w);
            if (pillar_w)
                put_column(fp, c->pillar ? c->pillar : "-", pillar_w);
            put_column(fp, c->scale.name, scale_w);
            fprintf(fp, "%5ld %4ld %5ld %6s %5s %-15s %6s %6s %6s %6s  %s%s%s%s\n", st.n,
                    c->nonsubstantive, c->missing,
                    fixed(a, sizeof a, st.mean, st.has_mean, 2),
                    fixed(b, sizeof b, st.sd, st.has_sd, 2), ci,
                    fixed(g, sizeof g, st.median, st.has_mean, 1),
                    fixed(d, sizeof d, st.low_percent, st.has_percent, 1),
                    fixed(e, sizeof e, st.neutral_percent, st.has_percent, 1),
                    fixed(h, sizeof h, st.high_percent, st.has_percent, 1),
                    shorten(c->statement, 60, stmt, sizeof stmt),
                    st.note != TCS_STATS_OK ? " [" : "", tcs_stats_note_text(st.note),
                    st.note != TCS_STATS_OK ? "]" : "");
        }
    }
}

/* The "By COLUMN" part of grouped text: the rule, then each group through
 * shown(), or its suppression under a heading of md_level ("##", "###")
 * or, as text, text_fmt (by, label). */
typedef void (*group_text_fn)(FILE *fp, bool md, const tcs_grouping *g, const tcs_group *gr);

static void groups_text(FILE *fp, bool md, const tcs_grouping *g, group_text_fn shown,
                        const char *md_level, const char *text_fmt)
{
    if (md) {
        fputs("\n## By ", fp);
        tcs_put_md_cell(fp, g->by);
        fprintf(fp, "\n\nMinimum group size %ld. %s\n", g->min_group, tcs_group_rule);
    } else {
        fprintf(fp, "\nBy %s (minimum group size %ld). %s\n", g->by, g->min_group,
                tcs_group_rule);
    }
    for (size_t i = 0; i < g->n; i++) {
        const tcs_group *gr = &g->groups[i];
        if (!gr->suppressed) {
            shown(fp, md, g, gr);
        } else if (md) {
            fprintf(fp, "\n%s ", md_level);
            tcs_put_md_cell(fp, g->by);
            fputs(": ", fp);
            tcs_put_md_cell(fp, gr->label);
            fputs("\n\nSuppressed.\n", fp);
        } else {
            fprintf(fp, text_fmt, g->by, gr->label);
        }
    }
}

static void summary_group_text(FILE *fp, bool md, const tcs_grouping *g, const tcs_group *gr)
{
    summary_text(fp, gr->survey, md, g, gr);
}

/* Grouped text: the whole survey, then each group or its suppression. */
static void summary_text_groups(FILE *fp, const tcs_survey *s, bool md, const tcs_grouping *g)
{
    summary_text(fp, s, md, NULL, NULL);
    if (g)
        groups_text(fp, md, g, summary_group_text, "###", "\n%s = %s: suppressed\n");
}

tcs_status tcs_write_summary(FILE *fp, const tcs_survey *s, tcs_format fmt)
{
    return tcs_write_summary_groups(fp, s, NULL, fmt);
}

tcs_status tcs_write_summary_groups(FILE *fp, const tcs_survey *s, const tcs_grouping *g,
                                    tcs_format fmt)
{
    switch (fmt) {
    case TCS_FORMAT_JSON: summary_json(fp, s, g); break;
    case TCS_FORMAT_CSV: summary_csv(fp, s, g); break;
    case TCS_FORMAT_MD: summary_text_groups(fp, s, true, g); break;
    default: summary_text_groups(fp, s, false, g); break;
    }
    return ferror(fp) ? TCS_EIO : TCS_OK;
}

/* ---- inspect ---- */

static void inspect_json(FILE *fp, const tcs_survey *s)
{
    fputs("{\n  \"source\": ", fp);
    json_source(fp, s);
    const tcs_source_info *src = tcs_survey_source(s);
    if (src->nsheets) {
        fputs(",\n  \"sheets\": [", fp);
        for (size_t i = 0; i < src->nsheets; i++) {
            fputs(i ? ", " : "", fp);
            fputs("{\"name\": ", fp);
            tcs_put_json_string(fp, src->sheets[i]);
            fputs(", \"state\": ", fp);
            tcs_put_json_string(fp, src->sheet_state[i]);
            fprintf(fp, ", \"read\": %s}", strcmp(src->sheets[i], src->sheet) == 0 ? "true" : "false");
        }
        fputs("]", fp);
    }
    fputs(",\n  \"columns\": [", fp);
    for (size_t i = 0; i < tcs_survey_ncolumns(s); i++) {
        const tcs_column *c = tcs_survey_column(s, i);
        fputs(i ? ",\n    {" : "\n    {", fp);
        fprintf(fp, "\"column_index\": %zu, \"column\": ", c->index);
        tcs_put_json_string(fp, c->header);
        fputs(", \"id\": ", fp);
        tcs_put_json_string(fp, c->id);
        fputs(", \"role\": ", fp);
        tcs_put_json_string(fp, tcs_role_name(c->role));
        bool q = tcs_column_is_question(c);
        fputs(", \"scale\": ", fp);
        json_str_or_null(fp, q ? c->scale.name : NULL);
        fputs(", \"scale_basis\": ", fp);
        json_str_or_null(fp, q ? c->scale_basis : NULL);
        fprintf(fp, ", \"scale_differs\": %s", c->scale_differs ? "true" : "false");
        fputs(", \"pillar\": ", fp);
        json_str_or_null(fp, c->pillar);
        if (c->stem) {
            fputs(", \"grid\": ", fp);
            tcs_put_json_string(fp, c->stem);
            fputs(", \"grid_row\": ", fp);
            tcs_put_json_string(fp, c->item);
        }
        fprintf(fp,
                ", \"valid\": %ld, \"nonsubstantive\": %ld, \"missing\": %ld, \"other\": %ld, "
                "\"answered\": %ld, \"distinct\": %zu%s",
                c->valid, c->nonsubstantive, c->missing, c->other, c->nonempty, c->distinct,
                c->distinct_overflow ? ", \"distinct_capped\": true" : "");
        if (q) {
            fputs(", \"unknown_labels\": ", fp);
            json_unknown(fp, c);
        }
        fputs("}", fp);
    }
    fputs("\n  ],\n  ", fp);
    json_warnings(fp, s);
    fputs("\n}\n", fp);
}

static void inspect_md(FILE *fp, const tcs_survey *s)
{
    const tcs_source_info *src = tcs_survey_source(s);
    fputs("## Inspection of ", fp);
    tcs_put_md_cell(fp, tcs_survey_path(s));
    fprintf(fp, "\n\n- platform: %s\n- format: %s, %s", tcs_platform_name(tcs_survey_platform(s)),
            src->format, src->encoding);
    if (src->delimiter)
        fprintf(fp, ", %s delimiter", delimiter_name(src->delimiter));
    if (src->sheet[0]) {
        fputs(", sheet ", fp);
        tcs_put_md_cell(fp, src->sheet);
    }
    fprintf(fp, "\n- header rows: %zu\n- responses: %ld\n- columns: %zu\n\n",
            tcs_survey_header_rows(s), tcs_survey_responses(s), tcs_survey_ncolumns(s));
    fputs("| col | role | id | scale | how the scale was chosen | answered | valid | N/A | missing "
          "| other | header |\n|---:|---|---|---|---|---:|---:|---:|---:|---:|---|\n",
          fp);
    for (size_t i = 0; i < tcs_survey_ncolumns(s); i++) {
        const tcs_column *c = tcs_survey_column(s, i);
        bool q = tcs_column_is_question(c);
        fprintf(fp, "| %zu | %s | ", c->index, tcs_role_name(c->role));
        tcs_put_md_cell(fp, c->id);
        char valid[24];
        snprintf(valid, sizeof valid, q ? "%ld" : "-", c->valid);
        fprintf(fp, " | %s%s | %s | %ld | %s | %ld | %ld | %ld | ", q ? c->scale.name : "-",
                c->scale_differs ? " (!)" : "", q && c->scale_basis ? c->scale_basis : "",
                c->nonempty, valid, c->nonsubstantive, c->missing, c->other);
        tcs_put_md_cell(fp, c->header);
        fputs(" |\n", fp);
    }
    if (tcs_survey_nwarnings(s)) {
        fputs("\nWarnings:\n\n", fp);
        for (size_t i = 0; i < tcs_survey_nwarnings(s); i++) {
            fputs("- ", fp);
            tcs_put_md_cell(fp, tcs_survey_warning(s, i));
            fputs("\n", fp);
        }
    }
}

static void inspect_text(FILE *fp, const tcs_survey *s, bool csv)
{
    const tcs_source_info *src = tcs_survey_source(s);
    if (csv) {
        fputs("column_index,column,id,role,scale,scale_basis,scale_differs,pillar,valid,"
              "nonsubstantive,missing,other,answered\r\n",
              fp);
        for (size_t i = 0; i < tcs_survey_ncolumns(s); i++) {
            const tcs_column *c = tcs_survey_column(s, i);
            bool q = tcs_column_is_question(c);
            fprintf(fp, "%zu,", c->index);
            tcs_put_csv_text(fp, c->header);
            fputc(',', fp);
            tcs_put_csv_text(fp, c->id);
            fprintf(fp, ",%s,", tcs_role_name(c->role));
            tcs_put_csv_text(fp, q ? c->scale.name : "");
            fputc(',', fp);
            tcs_put_csv_text(fp, q && c->scale_basis ? c->scale_basis : "");
            fprintf(fp, ",%s,", c->scale_differs ? "yes" : "no");
            tcs_put_csv_text(fp, c->pillar);
            fprintf(fp, ",%ld,%ld,%ld,%ld,%ld\r\n", c->valid, c->nonsubstantive, c->missing,
                    c->other, c->nonempty);
        }
        return;
    }
    fprintf(fp, "file:        %s\n", tcs_survey_path(s));
    fprintf(fp, "platform:    %s\n", tcs_platform_name(tcs_survey_platform(s)));
    if (src->delimiter)
        fprintf(fp, "format:      %s, %s, %s delimiter%s%s%s\n", src->format, src->encoding,
                delimiter_name(src->delimiter), src->line_ending[0] ? ", " : "",
                src->line_ending, src->line_ending[0] ? " line endings" : "");
    else
        fprintf(fp, "format:      %s\n", src->format);
    if (src->sheet[0]) {
        fprintf(fp, "sheet:       %s (of", src->sheet);
        for (size_t i = 0; i < src->nsheets; i++)
            fprintf(fp, "%s %s%s%s%s", i ? "," : "", src->sheets[i],
                    strcmp(src->sheet_state[i], "visible") ? " [" : "",
                    strcmp(src->sheet_state[i], "visible") ? src->sheet_state[i] : "",
                    strcmp(src->sheet_state[i], "visible") ? "]" : "");
        fputs(")\n", fp);
    }
    fprintf(fp, "header rows: %zu\n", tcs_survey_header_rows(s));
    fprintf(fp, "responses:   %ld\n", tcs_survey_responses(s));
    size_t roles[TCS_ROLE_COUNT] = {0};
    for (size_t i = 0; i < tcs_survey_ncolumns(s); i++)
        roles[tcs_survey_column(s, i)->role]++;
    fprintf(fp, "columns:     %zu (", tcs_survey_ncolumns(s));
    bool first = true;
    for (int r = 0; r < TCS_ROLE_COUNT; r++)
        if (roles[r]) {
            fprintf(fp, "%s%zu %s", first ? "" : ", ", roles[r], tcs_role_name((tcs_role)r));
            first = false;
        }
    fputs(")\n", fp);
    const tcs_scale *common = tcs_survey_common_range(s);
    if (common)
        fprintf(fp, "rating range most columns need: %s\n", common->name);
    fprintf(fp, "\n%4s  %-12s %-9s %-13s %8s %5s %4s %5s %5s  %s\n", "col", "role", "id", "scale",
            "answered", "valid", "N/A", "miss", "other", "header");
    char id[24], hdr[200];
    for (size_t i = 0; i < tcs_survey_ncolumns(s); i++) {
        const tcs_column *c = tcs_survey_column(s, i);
        bool q = tcs_column_is_question(c);
        char scale[40];
        snprintf(scale, sizeof scale, "%s%s", q ? c->scale.name : "-",
                 c->scale_differs ? " (!)" : "");
        char valid[24];
        snprintf(valid, sizeof valid, q ? "%ld" : "-", c->valid);
        fprintf(fp, "%4zu  %-12s %-9s %-13s %8ld %5s %4ld %5ld %5ld  %s\n", c->index,
                tcs_role_name(c->role), shorten(c->id, 9, id, sizeof id), scale, c->nonempty,
                valid, c->nonsubstantive, c->missing, c->other,
                shorten(c->header, 60, hdr, sizeof hdr));
    }
    fputs("\nScales: how each was chosen\n", fp);
    for (size_t i = 0; i < tcs_survey_ncolumns(s); i++) {
        const tcs_column *c = tcs_survey_column(s, i);
        if (tcs_column_is_question(c))
            fprintf(fp, "  %-9s %-13s %s%s\n", shorten(c->id, 9, id, sizeof id), c->scale.name,
                    c->scale_basis ? c->scale_basis : "",
                    c->scale_differs ? " (differs from most rating columns)" : "");
    }
    if (tcs_survey_nwarnings(s)) {
        fputs("\nwarnings:\n", fp);
        for (size_t i = 0; i < tcs_survey_nwarnings(s); i++)
            fprintf(fp, "  %s\n", tcs_survey_warning(s, i));
    }
}

tcs_status tcs_write_inspect(FILE *fp, const tcs_survey *s, tcs_format fmt)
{
    switch (fmt) {
    case TCS_FORMAT_JSON: inspect_json(fp, s); break;
    case TCS_FORMAT_CSV: inspect_text(fp, s, true); break;
    case TCS_FORMAT_MD: inspect_md(fp, s); break;
    default: inspect_text(fp, s, false); break;
    }
    return ferror(fp) ? TCS_EIO : TCS_OK;
}

/* ---- comparison of waves ---- */

const char tcs_comparison_assumption[] =
    "Waves are treated as independent samples; where the same people answered more than "
    "once, p-values and intervals are approximate.";

static void json_wave_labels(FILE *fp, const tcs_waves *w, const tcs_matched *m)
{
    fputs("[", fp);
    bool first = true;
    for (size_t i = 0; i < tcs_waves_count(w); i++)
        if (m->cols[i]) {
            fputs(first ? "" : ", ", fp);
            tcs_put_json_string(fp, tcs_waves_wave(w, i)->label);
            first = false;
        }
    fputs("]", fp);
}

/* The figures every change carries, from mean_from's value to hedges_g. */
static void json_change_figures(FILE *fp, const tcs_change *c)
{
    json_num(fp, c->mean_from, c->n_from > 0);
    fputs(", \"mean_to\": ", fp);
    json_num(fp, c->mean_to, c->n_to > 0);
    fputs(", \"delta\": ", fp);
    json_num(fp, c->delta, c->has_delta);
    fputs(", \"delta_ci95\": ", fp);
    json_pair(fp, c->delta_ci_lo, c->delta_ci_hi, c->has_welch);
    fputs(", \"welch_p\": ", fp);
    json_num(fp, c->welch_p, c->has_welch);
    fputs(", \"mwu_p\": ", fp);
    json_num(fp, c->mwu_p, c->has_mwu);
    fputs(", \"cliffs_delta\": ", fp);
    json_num(fp, c->cliffs_delta, c->has_delta);
    fputs(", \"hedges_g\": ", fp);
    json_num(fp, c->hedges_g, c->has_hedges);
}

/* "]" after items written one per line at ind, or right after "[". */
static void json_close_array(FILE *fp, bool any, const char *ind)
{
    if (any)
        fprintf(fp, "\n%.*s]", (int)(strlen(ind) >= 2 ? strlen(ind) - 2 : 0), ind);
    else
        fputs("]", fp);
}

/* The "comparisons" array of waves; ind is the indentation of its items. */
static void json_question_changes(FILE *fp, const tcs_waves *w, const char *ind)
{
    fputs("[", fp);
    for (size_t i = 0; i < tcs_waves_nchanges(w); i++) {
        const tcs_question_change *qc = tcs_waves_change(w, i);
        const tcs_matched *m = tcs_waves_question(w, qc->question);
        const tcs_change *c = &qc->change;
        fprintf(fp, "%s\n%s{", i ? "," : "", ind);
        fputs("\"id\": ", fp);
        tcs_put_json_string(fp, m->id);
        fputs(", \"statement\": ", fp);
        tcs_put_json_string(fp, m->statement);
        fputs(", \"pillar\": ", fp);
        json_str_or_null(fp, m->pillar);
        fputs(", \"scale\": ", fp);
        tcs_put_json_string(fp, m->scale.name);
        fprintf(fp, ", \"reverse\": %s, \"from\": ", m->reverse ? "true" : "false");
        tcs_put_json_string(fp, tcs_waves_wave(w, qc->from)->label);
        fputs(", \"to\": ", fp);
        tcs_put_json_string(fp, tcs_waves_wave(w, qc->to)->label);
        fprintf(fp, ",\n%s \"n_from\": %ld, \"n_to\": %ld, \"mean_from\": ", ind, c->n_from, c->n_to);
        json_change_figures(fp, c);
        fprintf(fp, ",\n%s \"high_from\": ", ind);
        json_num(fp, c->high_from, c->n_from > 0);
        fputs(", \"high_to\": ", fp);
        json_num(fp, c->high_to, c->n_to > 0);
        fputs(", \"high_delta\": ", fp);
        json_num(fp, c->high_delta, c->has_delta);
        fputs(", \"high_delta_ci95\": ", fp);
        json_pair(fp, c->high_delta_ci_lo, c->high_delta_ci_hi, c->has_delta);
        fputs(", \"q\": ", fp);
        json_num(fp, qc->q, qc->has_q);
        fputs(", \"verdict\": ", fp);
        tcs_put_json_string(fp, tcs_verdict_name(qc->verdict));
        fputs("}", fp);
    }
    json_close_array(fp, tcs_waves_nchanges(w) > 0, ind);
}

/* The "pillars" array: pillar score changes. */
static void json_pillar_changes(FILE *fp, const tcs_waves *w, const char *ind)
{
    fputs("[", fp);
    for (size_t i = 0; i < tcs_waves_npillar_changes(w); i++) {
        const tcs_pillar_change *pc = tcs_waves_pillar_change(w, i);
        const tcs_change *c = &pc->change;
        fprintf(fp, "%s\n%s{\"pillar\": ", i ? "," : "", ind);
        tcs_put_json_string(fp, pc->pillar);
        fputs(", \"from\": ", fp);
        tcs_put_json_string(fp, tcs_waves_wave(w, pc->from)->label);
        fputs(", \"to\": ", fp);
        tcs_put_json_string(fp, tcs_waves_wave(w, pc->to)->label);
        fprintf(fp, ", \"items\": %zu, \"n_from\": %ld, \"n_to\": %ld, \"excluded_from\": %ld, "
                    "\"excluded_to\": %ld, \"alpha_from\": ",
                pc->items, c->n_from, c->n_to, pc->excluded_from, pc->excluded_to);
        json_num(fp, pc->alpha_from, pc->has_alpha_from);
        fputs(", \"alpha_to\": ", fp);
        json_num(fp, pc->alpha_to, pc->has_alpha_to);
        fprintf(fp, ",\n%s \"mean_from\": ", ind);
        json_change_figures(fp, c);
        fputs(", \"q\": ", fp);
        json_num(fp, pc->q, pc->has_q);
        fputs(", \"verdict\": ", fp);
        tcs_put_json_string(fp, tcs_verdict_name(pc->verdict));
        fputs("}", fp);
    }
    json_close_array(fp, tcs_waves_npillar_changes(w) > 0, ind);
}

static void comparison_json(FILE *fp, const tcs_waves *w, const tcs_grouping *g)
{
    fputs("{\n  \"assumption\": ", fp);
    tcs_put_json_string(fp, tcs_comparison_assumption);
    fputs(",\n  \"alpha\": ", fp);
    json_num(fp, tcs_waves_alpha(w), true);
    fputs(",\n  \"waves\": [", fp);
    for (size_t i = 0; i < tcs_waves_count(w); i++) {
        const tcs_wave_info *wi = tcs_waves_wave(w, i);
        fputs(i ? ",\n    {\"label\": " : "\n    {\"label\": ", fp);
        tcs_put_json_string(fp, wi->label);
        fputs(", \"path\": ", fp);
        tcs_put_json_string(fp, tcs_survey_path(wi->survey));
        fputs(", \"platform\": ", fp);
        tcs_put_json_string(fp, tcs_platform_name(tcs_survey_platform(wi->survey)));
        fputs(", \"format\": ", fp);
        tcs_put_json_string(fp, tcs_survey_source(wi->survey)->format);
        fprintf(fp, ", \"responses\": %ld, \"questions\": %zu}", tcs_survey_responses(wi->survey),
                count_questions(wi->survey));
    }
    fputs("\n  ],\n  \"comparisons\": ", fp);
    json_question_changes(fp, w, "    ");
    fputs(",\n  \"pillars\": ", fp);
    json_pillar_changes(fp, w, "    ");
    fputs(",\n  \"pillar_trend\": [", fp);
    for (size_t i = 0; i < tcs_waves_npillars(w); i++) {
        const tcs_pillar_trend *t = tcs_waves_pillar(w, i);
        fputs(i ? ",\n    {\"pillar\": " : "\n    {\"pillar\": ", fp);
        tcs_put_json_string(fp, t->pillar);
        const char *keys[] = {"items", "n", "mean", "alpha"};
        for (size_t k = 0; k < 4; k++) {
            fprintf(fp, ", \"%s\": {", keys[k]);
            for (size_t j = 0; j < tcs_waves_count(w); j++) {
                fputs(j ? ", " : "", fp);
                tcs_put_json_string(fp, tcs_waves_wave(w, j)->label);
                fputs(": ", fp);
                if (!t->present[j])
                    fputs("null", fp);
                else if (k == 0)
                    fprintf(fp, "%zu", t->items[j]);
                else if (k == 1)
                    fprintf(fp, "%zu", t->n[j]);
                else if (k == 2)
                    json_num(fp, t->mean[j], t->has_mean[j]);
                else
                    json_num(fp, t->alpha[j], t->has_alpha[j]);
            }
            fputs("}", fp);
        }
        fputs("}", fp);
    }
    fputs(tcs_waves_npillars(w) ? "\n  ],\n  \"trend\": [" : "],\n  \"trend\": [", fp);
    bool first = true;
    for (size_t q = 0; q < tcs_waves_nquestions(w); q++) {
        const tcs_matched *m = tcs_waves_question(w, q);
        fputs(first ? "\n    {\"id\": " : ",\n    {\"id\": ", fp);
        first = false;
        tcs_put_json_string(fp, m->id);
        fputs(", \"statement\": ", fp);
        tcs_put_json_string(fp, m->statement);
        fputs(", \"pillar\": ", fp);
        json_str_or_null(fp, m->pillar);
        fputs(", \"scale\": ", fp);
        json_str_or_null(fp, m->conflict ? NULL : m->scale.name);
        fputs(", \"matched_by\": ", fp);
        tcs_put_json_string(fp, m->matched_by);
        fputs(", \"waves\": ", fp);
        json_wave_labels(fp, w, m);
        fputs(", \"conflict\": ", fp);
        json_str_or_null(fp, m->conflict ? m->conflict_reason : NULL);
        fputs(", \"n\": {", fp);
        for (size_t i = 0; i < tcs_waves_count(w); i++) {
            fputs(i ? ", " : "", fp);
            tcs_put_json_string(fp, tcs_waves_wave(w, i)->label);
            if (m->cols[i])
                fprintf(fp, ": %ld", m->cols[i]->valid);
            else
                fputs(": null", fp);
        }
        fputs("}, \"mean\": {", fp);
        for (size_t i = 0; i < tcs_waves_count(w); i++) {
            fputs(i ? ", " : "", fp);
            tcs_put_json_string(fp, tcs_waves_wave(w, i)->label);
            fputs(": ", fp);
            tcs_point_stats st = {0};
            if (m->cols[i] && !m->conflict)
                tcs_stats_from_counts(&m->scale, m->counts[i], &st);
            json_num(fp, st.mean, st.has_mean);
        }
        fputs("}}", fp);
    }
    fputs("\n  ],\n  \"unmatched\": [", fp);
    first = true;
    for (size_t q = 0; q < tcs_waves_nquestions(w); q++) {
        const tcs_matched *m = tcs_waves_question(w, q);
        if (m->present == tcs_waves_count(w))
            continue;
        fputs(first ? "\n    {\"id\": " : ",\n    {\"id\": ", fp);
        first = false;
        tcs_put_json_string(fp, m->id);
        fputs(", \"statement\": ", fp);
        tcs_put_json_string(fp, m->statement);
        fputs(", \"waves\": ", fp);
        json_wave_labels(fp, w, m);
        fputs("}", fp);
    }
    fputs(first ? "]" : "\n  ]", fp);
    if (g) {
        json_by(fp, g);
        fputs(",\n  \"groups\": [", fp);
        for (size_t i = 0; i < g->n; i++) {
            const tcs_group *gr = &g->groups[i];
            json_group_head(fp, gr, i);
            if (!gr->suppressed) {
                fputs(", \"responses\": {", fp);
                for (size_t k = 0; k < tcs_waves_count(gr->waves); k++) {
                    const tcs_wave_info *wi = tcs_waves_wave(gr->waves, k);
                    fputs(k ? ", " : "", fp);
                    tcs_put_json_string(fp, wi->label);
                    fprintf(fp, ": %ld", tcs_survey_responses(wi->survey));
                }
                fputs("},\n      \"comparisons\": ", fp);
                json_question_changes(fp, gr->waves, "        ");
                fputs(",\n      \"pillars\": ", fp);
                json_pillar_changes(fp, gr->waves, "        ");
            }
            fputs("}", fp);
        }
        fputs(g->n ? "\n  ]" : "]", fp);
    }
    fputs("\n}\n", fp);
}

/* Text of the cells every change row shows, question or pillar alike. */
typedef struct {
    char n[32], change[64], before[32], after[32], p[32], q[32];
} change_cells;

static void change_cells_fill(change_cells *cc, const tcs_change *c, double q, bool has_q)
{
    snprintf(cc->n, sizeof cc->n, "%ld/%ld", c->n_from, c->n_to);
    if (c->has_welch)
        snprintf(cc->change, sizeof cc->change, "%+.2f (%+.2f, %+.2f)", c->delta, c->delta_ci_lo,
                 c->delta_ci_hi);
    else
        fixed(cc->change, sizeof cc->change, c->delta, c->has_delta, 2);
    fixed(cc->before, sizeof cc->before, c->mean_from, c->n_from > 0, 2);
    fixed(cc->after, sizeof cc->after, c->mean_to, c->n_to > 0, 2);
    fixed(cc->p, sizeof cc->p, c->mwu_p, c->has_mwu, 3);
    fixed(cc->q, sizeof cc->q, q, has_q, 3);
}

static void pair_heading(FILE *fp, const tcs_waves *w, size_t from, size_t to, bool md)
{
    const char *a = tcs_waves_wave(w, from)->label, *b = tcs_waves_wave(w, to)->label;
    bool first_last = to - from > 1;
    if (md)
        fprintf(fp, "\n### %s to %s%s\n\n", a, b, first_last ? " (first to last)" : "");
    else
        fprintf(fp, "\n%s -> %s%s\n", a, b, first_last ? " (first to last)" : "");
}

/* Group heading: "Faculty = Science: 12 (2024), 14 (2026) responses". */
static void group_waves_heading(FILE *fp, const tcs_waves *w, const tcs_grouping *grouping,
                                const tcs_group *group, bool md)
{
    if (md) {
        fputs("\n## ", fp);
        tcs_put_md_cell(fp, grouping->by);
        fputs(": ", fp);
        tcs_put_md_cell(fp, group->label);
        fputs("\n\nResponses:", fp);
    } else {
        fprintf(fp, "\n== %s = %s ==\nresponses:", grouping->by, group->label);
    }
    for (size_t i = 0; i < tcs_waves_count(w); i++) {
        const tcs_wave_info *wi = tcs_waves_wave(w, i);
        fprintf(fp, "%s %ld (%s)", i ? "," : "", tcs_survey_responses(wi->survey), wi->label);
    }
    fputs(".\n", fp);
}

/* The comparison tables; a group's (no wave list, assumption or
 * unmatched list: the whole comparison gave them) when group is set. */
static void comparison_text(FILE *fp, const tcs_waves *w, bool md, const tcs_grouping *grouping,
                            const tcs_group *group)
{
    char b1[32], b6[32], b7[32], stmt[200];
    if (group)
        group_waves_heading(fp, w, grouping, group, md);
    if (md && !group)
        fputs("## Comparison of waves\n\n", fp);
    for (size_t i = 0; !group && i < tcs_waves_count(w); i++) {
        const tcs_wave_info *wi = tcs_waves_wave(w, i);
        if (md) {
            fprintf(fp, "- %s: %ld responses, ", wi->label, tcs_survey_responses(wi->survey));
            tcs_put_md_cell(fp, tcs_survey_path(wi->survey));
            fputs("\n", fp);
        } else
            fprintf(fp, "wave %s: %s, %ld responses\n", wi->label, tcs_survey_path(wi->survey),
                    tcs_survey_responses(wi->survey));
    }
    if (!group)
        fprintf(fp, "%s%s Verdicts: q (Benjamini-Hochberg over each pair's questions, "
                    "Mann-Whitney p) below %g.\n",
                md ? "\n" : "", tcs_comparison_assumption, tcs_waves_alpha(w));
    size_t last_from = (size_t)-1, last_to = (size_t)-1;
    size_t id_w = 2;
    for (size_t q = 0; q < tcs_waves_nquestions(w); q++) {
        size_t l = display_len(tcs_waves_question(w, q)->id);
        id_w = l > id_w ? (l < 16 ? l : 16) : id_w;
    }
    for (size_t i = 0; i < tcs_waves_nchanges(w); i++) {
        const tcs_question_change *qc = tcs_waves_change(w, i);
        const tcs_matched *m = tcs_waves_question(w, qc->question);
        const tcs_change *c = &qc->change;
        if (qc->from != last_from || qc->to != last_to) {
            pair_heading(fp, w, qc->from, qc->to, md);
            if (md)
                fputs("| id | n | mean before | mean after | change (95% CI) | p (MWU) | q | "
                      "Cliff's delta | % high change | verdict | statement |\n"
                      "|---|---|---:|---:|---|---:|---:|---:|---:|---|---|\n",
                      fp);
            else {
                put_column(fp, "id", id_w);
                fprintf(fp, "%-9s %6s %6s %-22s %8s %6s %7s %8s  %-15s  %s\n", "n", "before",
                        "after", "change (95% CI)", "p (MWU)", "q", "Cliff d", "%high chg",
                        "verdict", "statement");
            }
            last_from = qc->from;
            last_to = qc->to;
        }
        change_cells cc;
        change_cells_fill(&cc, c, qc->q, qc->has_q);
        fixed(b6, sizeof b6, c->cliffs_delta, c->has_delta, 2);
        fixed(b7, sizeof b7, c->high_delta, c->has_delta, 1);
        if (md) {
            fputs("| ", fp);
            tcs_put_md_cell(fp, m->id);
            fprintf(fp, " | %s | %s | %s | %s | %s | %s | %s | %s | %s | ", cc.n, cc.before,
                    cc.after, cc.change, cc.p, cc.q, b6, b7, tcs_verdict_name(qc->verdict));
            tcs_put_md_cell(fp, m->statement);
            fputs(" |\n", fp);
        } else {
            put_column(fp, m->id, id_w);
            fprintf(fp, "%-9s %6s %6s %-22s %8s %6s %7s %8s  %-15s  %s\n", cc.n, cc.before,
                    cc.after, cc.change, cc.p, cc.q, b6, b7, tcs_verdict_name(qc->verdict),
                    shorten(m->statement, 50, stmt, sizeof stmt));
        }
    }
    /* pillar scores: each pair on the items both waves ask */
    if (tcs_waves_npillar_changes(w)) {
        if (md)
            fputs("\n### Pillar scores\n\nEach respondent's mean over the pillar's items (at "
                  "least half answered), on the items both waves ask.\n\n"
                  "| pillar | waves | items | n | mean before | mean after | change (95% CI) | "
                  "p (MWU) | q | alpha before | alpha after | verdict |\n"
                  "|---|---|---:|---|---:|---:|---|---:|---:|---:|---:|---|\n",
                  fp);
        else
            fprintf(fp, "\nPillar scores (respondent means over the items both waves ask)\n"
                        "%-20s %-11s %5s %-9s %6s %6s %-22s %8s %6s %-11s  %s\n",
                    "pillar", "waves", "items", "n", "before", "after", "change (95% CI)",
                    "p (MWU)", "q", "alpha", "verdict");
    }
    for (size_t i = 0; i < tcs_waves_npillar_changes(w); i++) {
        const tcs_pillar_change *pc = tcs_waves_pillar_change(w, i);
        const tcs_change *c = &pc->change;
        char waves[72], alphas[72];
        snprintf(waves, sizeof waves, "%s-%s", tcs_waves_wave(w, pc->from)->label,
                 tcs_waves_wave(w, pc->to)->label);
        change_cells cc;
        change_cells_fill(&cc, c, pc->q, pc->has_q);
        fixed(b6, sizeof b6, pc->alpha_from, pc->has_alpha_from, 2);
        fixed(b7, sizeof b7, pc->alpha_to, pc->has_alpha_to, 2);
        snprintf(alphas, sizeof alphas, "%s/%s", b6, b7);
        if (md) {
            fputs("| ", fp);
            tcs_put_md_cell(fp, pc->pillar);
            fprintf(fp, " | %s | %zu | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", waves,
                    pc->items, cc.n, cc.before, cc.after, cc.change, cc.p, cc.q, b6, b7,
                    tcs_verdict_name(pc->verdict));
        } else {
            put_column(fp, pc->pillar, 20);
            fprintf(fp, "%-11s %5zu %-9s %6s %6s %-22s %8s %6s %-11s  %s\n", waves, pc->items,
                    cc.n, cc.before, cc.after, cc.change, cc.p, cc.q, alphas,
                    tcs_verdict_name(pc->verdict));
        }
    }
    /* trend: one row per question, one column per wave */
    if (md) {
        fputs("\n### Means by wave\n\n| id | statement |", fp);
        for (size_t i = 0; i < tcs_waves_count(w); i++)
            fprintf(fp, " %s |", tcs_waves_wave(w, i)->label);
        fputs("\n|---|---|", fp);
        for (size_t i = 0; i < tcs_waves_count(w); i++)
            fputs("---:|", fp);
        fputs("\n", fp);
    } else {
        fputs("\nMeans by wave\n", fp);
        put_column(fp, "id", id_w);
        for (size_t i = 0; i < tcs_waves_count(w); i++)
            fprintf(fp, "%8s", tcs_waves_wave(w, i)->label);
        fputs("  statement\n", fp);
    }
    for (size_t q = 0; q < tcs_waves_nquestions(w); q++) {
        const tcs_matched *m = tcs_waves_question(w, q);
        if (md) {
            fputs("| ", fp);
            tcs_put_md_cell(fp, m->id);
            fputs(" | ", fp);
            tcs_put_md_cell(fp, m->statement);
            fputs(" |", fp);
        } else
            put_column(fp, m->id, id_w);
        for (size_t i = 0; i < tcs_waves_count(w); i++) {
            tcs_point_stats st = {0};
            if (m->cols[i] && !m->conflict)
                tcs_stats_from_counts(&m->scale, m->counts[i], &st);
            fixed(b1, sizeof b1, st.mean, st.has_mean, 2);
            fprintf(fp, md ? " %s |" : "%8s", b1);
        }
        if (md)
            fputs("\n", fp);
        else
            fprintf(fp, "  %s%s%s%s\n", shorten(m->statement, 60, stmt, sizeof stmt),
                    m->conflict ? " [not compared: " : "", m->conflict ? m->conflict_reason : "",
                    m->conflict ? "]" : "");
    }
    bool any = false;
    for (size_t q = 0; !group && q < tcs_waves_nquestions(w); q++) {
        const tcs_matched *m = tcs_waves_question(w, q);
        if (m->present == tcs_waves_count(w) && !m->conflict)
            continue;
        if (!any)
            fputs(md ? "\n### Not in every wave, or not comparable\n\n" : "\nNot in every wave, or not comparable:\n", fp);
        any = true;
        fputs(md ? "- " : "  ", fp);
        if (md)
            tcs_put_md_cell(fp, m->id);
        else
            fputs(m->id, fp);
        fputs(": ", fp);
        if (m->conflict)
            fprintf(fp, "%s", m->conflict_reason);
        else {
            fputs("asked in", fp);
            for (size_t i = 0; i < tcs_waves_count(w); i++)
                if (m->cols[i])
                    fprintf(fp, " %s", tcs_waves_wave(w, i)->label);
            fputs(" only", fp);
        }
        fputs("\n", fp);
    }
}

/* The question rows of a comparison; with a group label first when set. */
static void comparison_csv_rows(FILE *fp, const tcs_waves *w, const char *group)
{
    for (size_t i = 0; i < tcs_waves_nchanges(w); i++) {
        const tcs_question_change *qc = tcs_waves_change(w, i);
        const tcs_matched *m = tcs_waves_question(w, qc->question);
        const tcs_change *c = &qc->change;
        if (group) {
            tcs_put_csv_text(fp, group);
            fputs(",false,", fp);
        }
        tcs_put_csv_text(fp, m->id);
        fputc(',', fp);
        tcs_put_csv_text(fp, m->statement);
        fputc(',', fp);
        tcs_put_csv_text(fp, m->pillar);
        fputc(',', fp);
        tcs_put_csv_text(fp, m->scale.name);
        fputc(',', fp);
        tcs_put_csv_text(fp, tcs_waves_wave(w, qc->from)->label);
        fputc(',', fp);
        tcs_put_csv_text(fp, tcs_waves_wave(w, qc->to)->label);
        fprintf(fp, ",%ld,%ld,", c->n_from, c->n_to);
        const struct {
            double v;
            bool def;
        } nums[] = {{c->mean_from, c->n_from > 0}, {c->mean_to, c->n_to > 0},
                    {c->delta, c->has_delta},      {c->delta_ci_lo, c->has_welch},
                    {c->delta_ci_hi, c->has_welch}, {c->welch_p, c->has_welch},
                    {c->mwu_p, c->has_mwu},        {c->cliffs_delta, c->has_delta},
                    {c->hedges_g, c->has_hedges},  {c->high_from, c->n_from > 0},
                    {c->high_to, c->n_to > 0},     {c->high_delta, c->has_delta},
                    {c->high_delta_ci_lo, c->has_delta}, {c->high_delta_ci_hi, c->has_delta},
                    {qc->q, qc->has_q}};
        for (size_t k = 0; k < sizeof nums / sizeof nums[0]; k++) {
            csv_num(fp, nums[k].v, nums[k].def);
            fputc(',', fp);
        }
        tcs_put_csv_text(fp, tcs_verdict_name(qc->verdict));
        fputs("\r\n", fp);
    }
}

static void comparison_csv(FILE *fp, const tcs_waves *w, const tcs_grouping *g)
{
    if (g)
        fputs("group,suppressed,", fp);
    fputs("id,statement,pillar,scale,from,to,n_from,n_to,mean_from,mean_to,delta,delta_ci95_lo,"
          "delta_ci95_hi,welch_p,mwu_p,cliffs_delta,hedges_g,high_from,high_to,high_delta,"
          "high_delta_ci95_lo,high_delta_ci95_hi,q,verdict\r\n",
          fp);
    comparison_csv_rows(fp, w, g ? "All respondents" : NULL);
    for (size_t i = 0; g && i < g->n; i++) {
        const tcs_group *gr = &g->groups[i];
        if (gr->suppressed) {
            csv_suppressed_row(fp, gr->label, 24);
        } else {
            comparison_csv_rows(fp, gr->waves, gr->label);
        }
    }
}

static void comparison_group_text(FILE *fp, bool md, const tcs_grouping *g,
                                  const tcs_group *gr)
{
    comparison_text(fp, gr->waves, md, g, gr);
}

static void comparison_text_groups(FILE *fp, const tcs_waves *w, bool md, const tcs_grouping *g)
{
    comparison_text(fp, w, md, NULL, NULL);
    if (g)
        groups_text(fp, md, g, comparison_group_text, "##", "\n== %s = %s ==\nsuppressed\n");
}

tcs_status tcs_write_comparison(FILE *fp, const tcs_waves *w, tcs_format fmt)
{
    return tcs_write_comparison_groups(fp, w, NULL, fmt);
}

tcs_status tcs_write_comparison_groups(FILE *fp, const tcs_waves *w, const tcs_grouping *g,
                                       tcs_format fmt)
{
    switch (fmt) {
    case TCS_FORMAT_JSON: comparison_json(fp, w, g); break;
    case TCS_FORMAT_CSV: comparison_csv(fp, w, g); break;
    case TCS_FORMAT_MD: comparison_text_groups(fp, w, true, g); break;
    default: comparison_text_groups(fp, w, false, g); break;
    }
    return ferror(fp) ? TCS_EIO : TCS_OK;
}

/* ---- check: targets and RAG status ---- */

static const char *check_status_text(const tcs_target_result *r, const tcs_target_figures *f)
{
    if (f->status == TCS_STATUS_HAND)
        return r->target->hand_status;
    return tcs_target_status_name(f->status);
}

static const char *combine_name(tcs_combine c)
{
    return c == TCS_COMBINE_ALL ? "all" : c == TCS_COMBINE_COMPOSITE ? "composite" : "each";
}

/* Decimals for people: shares 1, counts 0, the rest 2. */
static int metric_dp(const tcs_target *t)
{
    return t->metric.kind == TCS_METRIC_SHARE ? 1 : t->metric.kind == TCS_METRIC_N ? 0 : 2;
}

static void json_figures(FILE *fp, const tcs_target_figures *f)
{
    fputs("\"baseline\": ", fp);
    json_num(fp, f->baseline, f->has_baseline);
    fprintf(fp, ", \"baseline_published\": %s, \"observed\": ",
            f->baseline_published ? "true" : "false");
    json_num(fp, f->observed, f->has_observed);
    fputs(", \"observed_ci95\": ", fp);
    json_pair(fp, f->ci_lo, f->ci_hi, f->has_ci);
    fprintf(fp, ", \"n\": %ld, \"progress\": ", f->n);
    json_num(fp, f->progress, f->has_progress);
    fprintf(fp, ", \"distinguishable\": %s",
            f->distinguishable < 0 ? "null" : f->distinguishable ? "true" : "false");
}

static void check_json(FILE *fp, const tcs_check *c, const tcs_waves *w)
{
    const tcs_check_options *o = tcs_check_options_used(c);
    fputs("{\n  \"assumption\": ", fp);
    tcs_put_json_string(fp, tcs_comparison_assumption);
    fputs(",\n  \"rules\": {\"alpha\": ", fp);
    json_num(fp, o->alpha, true);
    fputs(", \"amber_progress\": ", fp);
    json_num(fp, o->amber_progress, true);
    fputs("},\n  \"waves\": [", fp);
    for (size_t i = 0; w && i < tcs_waves_count(w); i++) {
        fputs(i ? ", " : "", fp);
        tcs_put_json_string(fp, tcs_waves_wave(w, i)->label);
    }
    fputs("],\n  \"targets\": [", fp);
    for (size_t i = 0; i < tcs_check_count(c); i++) {
        const tcs_target_result *r = tcs_check_at(c, i);
        const tcs_target *t = r->target;
        const tcs_target_figures *f = &r->total;
        fprintf(fp, "%s\n    {\"row\": %ld, \"action\": ", i ? "," : "", t->row);
        json_str_or_null(fp, t->action);
        fputs(", \"pillar\": ", fp);
        json_str_or_null(fp, r->pillar);
        fputs(", \"questions\": [", fp);
        for (size_t k = 0; k < r->nids; k++) {
            fputs(k ? ", " : "", fp);
            tcs_put_json_string(fp, r->ids[k]);
        }
        fputs("], \"questions_spec\": ", fp);
        json_str_or_null(fp, t->questions);
        fputs(", \"metric\": ", fp);
        json_str_or_null(fp, t->metric_text);
        fputs(", \"comparator\": ", fp);
        json_str_or_null(fp, t->has_target ? tcs_comparator_text(t->comparator) : NULL);
        fputs(", \"target\": ", fp);
        json_num(fp, t->target, t->has_target);
        fputs(", \"combine\": ", fp);
        tcs_put_json_string(fp, combine_name(t->combine));
        fputs(",\n     \"baseline_wave\": ", fp);
        json_str_or_null(fp, r->baseline_wave);
        fputs(", \"due_wave\": ", fp);
        json_str_or_null(fp, r->due_wave);
        fputs(", ", fp);
        json_figures(fp, f);
        fputs(", \"status\": ", fp);
        json_str_or_null(fp, check_status_text(r, f));
        fputs(", \"rag\": ", fp);
        tcs_put_json_string(fp, tcs_rag_name(f->rag));
        fprintf(fp, ", \"judged\": \"%s\"",
                f->status == TCS_STATUS_HAND ? "hand" : f->status == TCS_STATUS_ERROR ? "error" : "data");
        fputs(",\n     \"hand_status\": ", fp);
        json_str_or_null(fp, t->has_hand ? t->hand_status : NULL);
        fputs(", \"hand_rag\": ", fp);
        json_str_or_null(fp, t->has_hand ? tcs_rag_name(t->hand_rag) : NULL);
        fprintf(fp, ", \"disagreement\": %s, \"description\": ", r->disagreement ? "true" : "false");
        json_str_or_null(fp, t->description);
        fputs(", \"comment\": ", fp);
        json_str_or_null(fp, t->comment);
        fputs(", \"reason\": ", fp);
        json_str_or_null(fp, f->reason[0] ? f->reason : NULL);
        fputs(",\n     \"items\": [", fp);
        for (size_t k = 0; r->nitems > 1 && k < r->nitems; k++) {
            const tcs_target_figures *it = &r->items[k];
            fputs(k ? ",\n       {\"question\": " : "\n       {\"question\": ", fp);
            tcs_put_json_string(fp, it->question);
            fputs(", ", fp);
            json_figures(fp, it);
            fputs(", \"status\": ", fp);
            tcs_put_json_string(fp, tcs_target_status_name(it->status));
            fputs(", \"rag\": ", fp);
            tcs_put_json_string(fp, tcs_rag_name(it->rag));
            fputs(", \"reason\": ", fp);
            json_str_or_null(fp, it->reason[0] ? it->reason : NULL);
            fputs("}", fp);
        }
        fputs(r->nitems > 1 ? "\n     ]}" : "]}", fp);
    }
    fputs(tcs_check_count(c) ? "\n  ],\n  \"pillars\": [" : "],\n  \"pillars\": [", fp);
    for (size_t i = 0; i < tcs_check_npillars(c); i++) {
        const tcs_pillar_rag *p = tcs_check_pillar(c, i);
        fputs(i ? ",\n    {\"pillar\": " : "\n    {\"pillar\": ", fp);
        tcs_put_json_string(fp, p->pillar);
        fprintf(fp, ", \"green\": %ld, \"amber\": %ld, \"red\": %ld, \"grey\": %ld}", p->green,
                p->amber, p->red, p->grey);
    }
    fputs(tcs_check_npillars(c) ? "\n  ]\n}\n" : "]\n}\n", fp);
}

static void check_csv_line(FILE *fp, const tcs_target_result *r, const tcs_target_figures *f)
{
    const tcs_target *t = r->target;
    fprintf(fp, "%ld,", t->row);
    tcs_put_csv_text(fp, t->action);
    fputc(',', fp);
    tcs_put_csv_text(fp, r->pillar);
    fputc(',', fp);
    tcs_put_csv_text(fp, t->questions);
    fputc(',', fp);
    tcs_put_csv_text(fp, f->question);
    fputc(',', fp);
    tcs_put_csv_text(fp, t->metric_text);
    fputc(',', fp);
    tcs_put_csv_text(fp, t->has_target ? tcs_comparator_text(t->comparator) : NULL);
    fputc(',', fp);
    csv_num(fp, t->target, t->has_target);
    fputc(',', fp);
    tcs_put_csv_text(fp, combine_name(t->combine));
    fputc(',', fp);
    tcs_put_csv_text(fp, r->baseline_wave);
    fputc(',', fp);
    tcs_put_csv_text(fp, r->due_wave);
    fputc(',', fp);
    csv_num(fp, f->baseline, f->has_baseline);
    fprintf(fp, ",%s,", f->has_baseline ? (f->baseline_published ? "true" : "false") : "");
    csv_num(fp, f->observed, f->has_observed);
    fputc(',', fp);
    csv_num(fp, f->ci_lo, f->has_ci);
    fputc(',', fp);
    csv_num(fp, f->ci_hi, f->has_ci);
    fprintf(fp, ",%ld,", f->n);
    csv_num(fp, f->progress, f->has_progress);
    fprintf(fp, ",%s,", f->distinguishable < 0 ? "" : f->distinguishable ? "true" : "false");
    tcs_put_csv_text(fp, check_status_text(r, f));
    fprintf(fp, ",%s,%s,", tcs_rag_name(f->rag),
            f->status == TCS_STATUS_HAND ? "hand" : f->status == TCS_STATUS_ERROR ? "error" : "data");
    tcs_put_csv_text(fp, t->has_hand ? t->hand_status : NULL);
    fprintf(fp, ",%s,", r->disagreement ? "true" : "false");
    tcs_put_csv_text(fp, t->description);
    fputc(',', fp);
    tcs_put_csv_text(fp, t->comment);
    fputc(',', fp);
    tcs_put_csv_text(fp, f->reason[0] ? f->reason : NULL);
    fputs("\r\n", fp);
}

static void check_csv(FILE *fp, const tcs_check *c)
{
    fputs("row,action,pillar,questions,question,metric,comparator,target,combine,baseline_wave,"
          "due_wave,baseline,baseline_published,observed,observed_ci95_lo,observed_ci95_hi,n,"
          "progress,distinguishable,status,rag,judged,hand_status,disagreement,description,"
          "comment,reason\r\n",
          fp);
    for (size_t i = 0; i < tcs_check_count(c); i++) {
        const tcs_target_result *r = tcs_check_at(c, i);
        check_csv_line(fp, r, &r->total);
        for (size_t k = 0; r->nitems > 1 && k < r->nitems; k++)
            check_csv_line(fp, r, &r->items[k]);
    }
}

/* Observed value and CI; a change carries its sign ("+0.37"). */
static void observed_text(char *buf, size_t n, const tcs_target_figures *f, int dp, bool change)
{
    char a[32], b[32], c[32];
    const char *sa = change && f->observed >= 0 ? "+" : "";
    const char *sb = change && f->ci_lo >= 0 ? "+" : "";
    const char *sc = change && f->ci_hi >= 0 ? "+" : "";
    if (!f->has_observed)
        snprintf(buf, n, "-");
    else if (f->has_ci)
        snprintf(buf, n, "%s%s (%s%s to %s%s)", sa, fixed(a, sizeof a, f->observed, true, dp), sb,
                 fixed(b, sizeof b, f->ci_lo, true, dp), sc, fixed(c, sizeof c, f->ci_hi, true, dp));
    else
        snprintf(buf, n, "%s%s", sa, fixed(a, sizeof a, f->observed, true, dp));
}

static void check_text(FILE *fp, const tcs_check *c, const tcs_targets *targets,
                       const tcs_waves *w, bool md)
{
    const tcs_check_options *o = tcs_check_options_used(c);
    char waves[256] = "";
    size_t used = 0;
    for (size_t i = 0; w && i < tcs_waves_count(w) && used < sizeof waves - 40; i++)
        used += (size_t)snprintf(waves + used, sizeof waves - used, "%s%s", i ? ", " : "",
                                 tcs_waves_wave(w, i)->label);
    if (md) {
        fputs("## Success targets\n\n", fp);
        fputs("Targets: ", fp);
        tcs_put_md_cell(fp, tcs_targets_path(targets));
        fprintf(fp, "; waves %s. A change is distinguishable when the compare test gives q "
                    "below %g. %s\n\n",
                waves, o->alpha, tcs_comparison_assumption);
        fputs("| Action | Success measure (as published) | Measure | Baseline | Result (95% CI) | "
              "Target | Progress | Distinguishable | Status |\n"
              "|---|---|---|---:|---|---:|---:|---|---|\n",
              fp);
    } else {
        fprintf(fp, "Targets: %s; waves %s\n", tcs_targets_path(targets), waves);
        fprintf(fp, "Distinguishable: the compare test gives q below %g. %s\n\n", o->alpha,
                tcs_comparison_assumption);
        fprintf(fp, "%4s %-7s %-11s %-28s %8s %-24s %9s %8s %-6s %s\n", "row", "action",
                "questions", "measure", "baseline", "observed (95% CI)", "target", "progress",
                "dist.", "status");
    }
    for (size_t i = 0; i < tcs_check_count(c); i++) {
        const tcs_target_result *r = tcs_check_at(c, i);
        const tcs_target *t = r->target;
        int dp = metric_dp(t);
        for (size_t k = 0; k < (r->nitems > 1 ? r->nitems + 1 : 1); k++) {
            const tcs_target_figures *f = k == 0 ? &r->total : &r->items[k - 1];
            char measure[160], base[32], obs[128], target[48], prog[32], status[96];
            char qs[64];
            if (t->metric_text)
                snprintf(measure, sizeof measure, "%s%s", t->metric_text,
                         t->combine == TCS_COMBINE_ALL         ? " (all)"
                         : t->combine == TCS_COMBINE_COMPOSITE ? " (composite)"
                                                               : "");
            else
                snprintf(measure, sizeof measure, "judged by hand");
            fixed(base, sizeof base, f->baseline, f->has_baseline, dp);
            if (f->has_baseline && f->baseline_published)
                snprintf(base + strlen(base), sizeof base - strlen(base), "*");
            observed_text(obs, sizeof obs, f, dp, t->metric.change);
            if (t->has_target)
                snprintf(target, sizeof target, "%s %g", tcs_comparator_text(t->comparator),
                         t->target);
            else
                snprintf(target, sizeof target, "-");
            if (f->has_progress)
                snprintf(prog, sizeof prog, "%.0f%%", f->progress);
            else
                snprintf(prog, sizeof prog, "-");
            const char *dist = f->distinguishable < 0 ? "-" : f->distinguishable ? "yes" : "no";
            snprintf(status, sizeof status, "%s (%s)%s%s",
                     k == 0 ? check_status_text(r, f) : tcs_target_status_name(f->status),
                     tcs_rag_name(f->rag),
                     f->status == TCS_STATUS_MET && f->distinguishable == 0 ? " within noise" : "",
                     k == 0 && r->disagreement ? " [hand status disagrees]" : "");
            if (k == 0)
                snprintf(qs, sizeof qs, "%s", t->questions ? t->questions : "-");
            else
                snprintf(qs, sizeof qs, "  %s", f->question);
            if (md) {
                fputs("| ", fp);
                if (k == 0)
                    tcs_put_md_cell(fp, t->action ? t->action : "");
                else {
                    fputs("&nbsp;&nbsp;", fp);
                    tcs_put_md_cell(fp, f->question);
                }
                fputs(" | ", fp);
                if (k == 0)
                    tcs_put_md_cell(fp, t->description ? t->description : "");
                fputs(" | ", fp);
                tcs_put_md_cell(fp, k == 0 ? measure : "");
                if (k == 0 && t->questions) {
                    fputs(" on ", fp);
                    tcs_put_md_cell(fp, t->questions);
                }
                fprintf(fp, " | %s | %s | %s | %s | %s | ", base, obs, target, prog, dist);
                tcs_put_md_cell(fp, status);
                fputs(" |\n", fp);
            } else {
                char a[16];
                snprintf(a, sizeof a, "%ld", t->row);
                char act[64];
                fprintf(fp, "%4s %-7s %-11s %-28s %8s %-24s %9s %8s %-6s %s\n", k == 0 ? a : "",
                        k == 0 ? shorten(t->action, 7, act, sizeof act) : "", qs,
                        k == 0 ? measure : "", base, obs, target, prog, dist, status);
            }
        }
    }
    /* per-pillar RAG summary */
    if (md)
        fputs("\n### RAG summary by pillar\n\n| Pillar | Green | Amber | Red | Grey |\n"
              "|---|---:|---:|---:|---:|\n",
              fp);
    else
        fputs("\nRAG summary by pillar\n", fp);
    for (size_t i = 0; i < tcs_check_npillars(c); i++) {
        const tcs_pillar_rag *p = tcs_check_pillar(c, i);
        if (md) {
            fputs("| ", fp);
            tcs_put_md_cell(fp, p->pillar);
            fprintf(fp, " | %ld | %ld | %ld | %ld |\n", p->green, p->amber, p->red, p->grey);
        } else {
            fprintf(fp, "  %s: %ld green, %ld amber, %ld red, %ld grey\n", p->pillar, p->green,
                    p->amber, p->red, p->grey);
        }
    }
    /* why: not due, no data, errors, untested, published baselines */
    bool any = false;
    for (size_t i = 0; i < tcs_check_count(c); i++) {
        const tcs_target_result *r = tcs_check_at(c, i);
        for (size_t k = 0; k < (r->nitems > 1 ? r->nitems + 1 : 1); k++) {
            const tcs_target_figures *f = k == 0 ? &r->total : &r->items[k - 1];
            if (!f->reason[0])
                continue;
            if (!any)
                fputs(md ? "\n### Notes\n\n" : "\nNotes\n", fp);
            any = true;
            fprintf(fp, md ? "- Row %ld%s%s: " : "  row %ld%s%s: ", r->target->row,
                    k ? ", question " : "", k ? f->question : "");
            if (md)
                tcs_put_md_cell(fp, f->reason);
            else
                fputs(f->reason, fp);
            fputs("\n", fp);
        }
    }
    fprintf(fp, md ? "\n\\* a published baseline, not computed from responses. Status: met "
                     "(green), on_track (amber: not met, but moved from the baseline towards the "
                     "target), not_met (red), not_due and no_data (grey).\n"
                   : "\n* a published baseline, not computed from responses. Status: met "
                     "(green), on_track (amber: not met, but moved from the baseline towards the "
                     "target), not_met (red), not_due and no_data (grey).\n");
}

tcs_status tcs_write_check(FILE *fp, const tcs_check *c, const tcs_targets *t, const tcs_waves *w,
                           tcs_format fmt)
{
    switch (fmt) {
    case TCS_FORMAT_JSON: check_json(fp, c, w); break;
    case TCS_FORMAT_CSV: check_csv(fp, c); break;
    case TCS_FORMAT_MD: check_text(fp, c, t, w, true); break;
    default: check_text(fp, c, t, w, false); break;
    }
    return ferror(fp) ? TCS_EIO : TCS_OK;
}
