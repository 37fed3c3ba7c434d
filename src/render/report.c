/* report.c - the self-assessment report as one document (render/doc.h):
 * survey details (files, dates, responses and response rates), the RAG
 * table of the action plan's targets, pillar scores, a section per pillar
 * with its charts and question table, the groups of --by, the questions
 * not analysed and why, and a method note; written by the HTML and
 * Markdown back-ends (and from the Markdown by pandoc) so every format
 * holds the same content. */
#define _POSIX_C_SOURCE 200809L
#include "render/report_internal.h"
#include "render/view.h"
#include "tcsurvey/groups.h"
#include "tcsurvey/layout.h"
#include "tcsurvey/output.h"
#include "tcsurvey/tcsurvey.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared by the parts ---- */

const char *tcs_report_rag_class(tcs_rag rag)
{
    static const char *const cls[] = {"rag green", "rag amber", "rag red", "rag grey"};
    return (unsigned)rag < 4 ? cls[rag] : "rag grey";
}

double tcs_report_nz(double x, int dp)
{
    return fabs(x) < 0.5 * pow(10.0, -dp) ? 0.0 : x;
}

const char *tcs_report_mark_symbol(tcs_mark m)
{
    return m == TCS_MARK_ADJUSTED       ? "\xe2\x80\xa0"
           : m == TCS_MARK_TESTS_DIFFER ? "\xe2\x80\xa1"
                                        : "";
}

const tcs_matched *tcs_report_question(const tcs_waves *w, const char *id, size_t hint)
{
    if (!id)
        return NULL;
    if (hint < tcs_waves_nquestions(w)) {
        const tcs_matched *m = tcs_waves_question(w, hint);
        if (m->id && strcmp(m->id, id) == 0)
            return m;
    }
    for (size_t i = 0; i < tcs_waves_nquestions(w); i++) {
        const tcs_matched *m = tcs_waves_question(w, i);
        if (m->id && strcmp(m->id, id) == 0)
            return m;
    }
    return NULL;
}

size_t tcs_report_short_len(const char *text, size_t max)
{
    size_t len = strlen(text), chars = 0, word = 0;
    for (size_t i = 0; i < len; i++) {
        if (((unsigned char)text[i] & 0xC0) == 0x80)
            continue;
        if (chars == max) {
            size_t cut = word > len / 4 ? word : i;
            while (cut > 0 && strchr(" ,;:-/(", text[cut - 1]))
                cut--;
            return cut;
        }
        if (text[i] == ' ')
            word = i;
        chars++;
    }
    return len;
}

const char *tcs_report_short(tcs_doc *d, const char *text, size_t max)
{
    if (!text)
        return NULL;
    size_t cut = tcs_report_short_len(text, max);
    return text[cut] ? tcs_doc_printf(d, "%.*s...", (int)cut, text) : text;
}

/* An id as prefix, number, suffix: "G03Q14[" 10 "]", "1." 4 "". */
typedef struct {
    size_t prefix, digits; /* bytes of the prefix; of the number after it */
    long number;
} id_parts;

static bool split_id(const char *id, id_parts *p)
{
    size_t len = strlen(id), end = len;
    while (end > 0 && !(id[end - 1] >= '0' && id[end - 1] <= '9'))
        end--;
    size_t start = end;
    while (start > 0 && id[start - 1] >= '0' && id[start - 1] <= '9')
        start--;
    if (end == start || end - start > 9)
        return false;
    p->prefix = start;
    p->digits = end - start;
    p->number = strtol(id + start, NULL, 10);
    return true;
}

/* b follows a: the same text around a number one higher. */
static bool follows(const char *a, const id_parts *pa, const char *b, const id_parts *pb)
{
    return pa->prefix == pb->prefix && strncmp(a, b, pa->prefix) == 0 &&
           strcmp(a + pa->prefix + pa->digits, b + pb->prefix + pb->digits) == 0 &&
           pb->number == pa->number + 1;
}

const char *tcs_report_id_list(tcs_doc *d, const char *const *ids, size_t n)
{
    char *out = tcs_doc_alloc(d, 1);
    for (size_t i = 0; out && i < n;) {
        id_parts pi = {0, 0, 0}, pj = {0, 0, 0};
        size_t j = i;
        if (split_id(ids[i], &pi)) {
            pj = pi;
            while (j + 1 < n) {
                id_parts next;
                if (!split_id(ids[j + 1], &next) || !follows(ids[j], &pj, ids[j + 1], &next))
                    break;
                pj = next;
                j++;
            }
        }
        const char *sep = out[0] ? ", " : "";
        if (j >= i + 2) {
            /* "G03Q14[1]-[10]": after an opening bracket, the rest of the last; else all of it */
            const char *last = ids[j];
            char open = pi.prefix ? ids[i][pi.prefix - 1] : 0;
            const char *tail = open == '[' || open == '(' ? last + pj.prefix - 1 : last;
            out = tcs_doc_printf(d, "%s%s%s-%s", out, sep, ids[i], tail);
            i = j + 1;
        } else {
            out = tcs_doc_printf(d, "%s%s%s", out, sep, ids[i]);
            i++;
        }
    }
    return out;
}

static const char *charts_href(const tcs_report *r)
{
    return r->charts_link ? r->charts_link : "charts";
}

void tcs_report_charts(tcs_doc *d, const tcs_report *r, tcs_chart_kind kind, const char *pillar,
                       size_t wave, bool any_wave)
{
    const tcs_plot *p = r->plot;
    for (size_t i = 0; p && i < tcs_plot_count(p); i++) {
        const tcs_chart *c = tcs_plot_chart(p, i);
        if (c->kind != kind || (pillar && strcmp(c->pillar, pillar) != 0))
            continue;
        if (!any_wave && c->wave_to != wave)
            continue;
        char *svg = tcs_doc_printf(d, "%s/%s.svg", r->charts_dir ? r->charts_dir : "", c->name);
        char *png = tcs_doc_printf(d, "%s/%s.png", charts_href(r), c->name);
        if (svg && png)
            tcs_doc_image(d, c->title, svg, png);
    }
}

/* ---- survey details ---- */

typedef struct {
    const char *label, *file, *platform, *dates, *population, *rate;
    long responses;
    size_t questions;
} detail_row;

#define DR detail_row
static const tcs_col detail_col[] = {
    {.key = "wave", .header = "Wave", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .at = TCS_AT(DR, label), .width = 7},
    {.key = "file", .header = "File", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .at = TCS_AT(DR, file), .width = 20},
    {.key = "platform", .header = "Platform", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .at = TCS_AT(DR, platform), .width = 14},
    {.key = "dates", .header = "Responses given", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .at = TCS_AT(DR, dates), .width = 17},
    {.key = "responses", .header = "Responses", .type = TCS_V_LONG, .formats = TCS_F_PAGE,
     .at = TCS_AT(DR, responses), .width = 11},
    {.key = "questions", .header = "Questions analysed", .type = TCS_V_SIZE,
     .formats = TCS_F_PAGE, .at = TCS_AT(DR, questions), .width = 11},
    /* with populations only (the columns before these are the short set) */
    {.key = "population", .header = "Sent to", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .at = TCS_AT(DR, population), .width = 8},
    {.key = "rate", .header = "Response rate", .type = TCS_V_TEXT, .formats = TCS_F_PAGE,
     .at = TCS_AT(DR, rate), .width = 10},
};
#undef DR
static const tcs_cols detail_cols = TCS_COLS(detail_col);
static const tcs_cols detail_cols_short = {detail_col, sizeof detail_col / sizeof detail_col[0] - 2};

static const char *const month_names[12] = {"January", "February", "March",     "April",
                                            "May",     "June",     "July",      "August",
                                            "September", "October", "November", "December"};

/* "3 June 2024", "3-14 June 2024", "28 May to 14 June 2024", or why not. */
static const char *date_range(tcs_doc *d, const tcs_survey *s)
{
    tcs_response_dates r;
    tcs_survey_response_dates(s, &r);
    if (r.status == TCS_DATES_NONE)
        return "not in the export";
    if (r.status != TCS_DATES_OK)
        return tcs_dates_status_text(r.status);
    const char *fm = month_names[r.first_m - 1], *lm = month_names[r.last_m - 1];
    if (r.first_y == r.last_y && r.first_m == r.last_m && r.first_d == r.last_d)
        return tcs_doc_printf(d, "%d %s %d", r.first_d, fm, r.first_y);
    if (r.first_y == r.last_y && r.first_m == r.last_m)
        return tcs_doc_printf(d, "%d-%d %s %d", r.first_d, r.last_d, fm, r.first_y);
    if (r.first_y == r.last_y)
        return tcs_doc_printf(d, "%d %s to %d %s %d", r.first_d, fm, r.last_d, lm, r.last_y);
    return tcs_doc_printf(d, "%d %s %d to %d %s %d", r.first_d, fm, r.first_y, r.last_d, lm,
                          r.last_y);
}

static void details(tcs_doc *d, const tcs_waves *w)
{
    size_t nw = tcs_waves_count(w);
    bool pop = tcs_waves_have_population(w);
    detail_row *rows = tcs_doc_alloc(d, nw * sizeof *rows + 1);
    for (size_t i = 0; rows && i < nw; i++) {
        const tcs_wave_info *wi = tcs_waves_wave(w, i);
        const char *path = tcs_survey_path(wi->survey), *base = strrchr(path, '/');
        double rate;
        rows[i].label = wi->label;
        rows[i].file = base ? base + 1 : path;
        rows[i].platform = tcs_doc_printf(d, "%s (%s)",
                                          tcs_platform_name(tcs_survey_platform(wi->survey)),
                                          tcs_survey_source(wi->survey)->format);
        rows[i].dates = date_range(d, wi->survey);
        rows[i].responses = tcs_survey_responses(wi->survey);
        if (tcs_waves_response_rate(w, i, &rate)) {
            rows[i].population = tcs_doc_printf(d, "%ld", tcs_waves_population(w, i));
            rows[i].rate = tcs_doc_printf(d, "%.0f%%", rate);
        } else
            rows[i].population = rows[i].rate = "not given";
        for (size_t k = 0; k < tcs_waves_nquestions(w); k++)
            rows[i].questions += tcs_waves_question(w, k)->cols[i] != NULL;
    }
    tcs_doc_heading(d, TCS_F_PAGE, 2, "Survey");
    tcs_block *b = tcs_doc_table(d, TCS_F_PAGE, NULL, pop ? &detail_cols : &detail_cols_short,
                                 tcs_rows_array(rows, rows ? nw : 0, sizeof *rows), NULL);
    b->t.cls = "details";
    if (pop)
        tcs_doc_para(d, TCS_F_PAGE,
                     "Response rate: responses as a share of the staff each wave was sent to. "
                     "%s",
                     tcs_population_assumption);
    else
        tcs_doc_para(d, TCS_F_PAGE,
                     "Response rates need the number of staff each wave was sent to: give it "
                     "with --population (2024=40) or in population.csv beside the exports.");
}

/* ---- method ---- */

static void method(tcs_doc *d, const tcs_report *r)
{
    const tcs_waves *w = r->waves;
    tcs_doc_heading(d, TCS_F_PAGE, 2, "Method");
    tcs_doc_para(d, TCS_F_PAGE,
                 "Counts and percentages are of valid answers: blank, \"N/A\", \"Don't know\" "
                 "and similar answers are left out and counted separately. Means are given with "
                 "a 95%% confidence interval (Student t); %% high is the share above the scale's "
                 "midpoint, %% low below it. Reverse-coded questions, marked (R), are reported "
                 "as answered.");
    if (tcs_waves_count(w) >= 2)
        tcs_doc_para(d, TCS_F_PAGE,
                     "Changes between waves: the change in mean with a Welch 95%% confidence "
                     "interval; whether a question changed is judged by the Mann-Whitney test, "
                     "its p-values adjusted for the number of questions compared "
                     "(Benjamini-Hochberg q); a change is \"rose\" or \"fell\" when q is below "
                     "%g, otherwise \"no clear change\". %s Marks: \xe2\x80\xa0 %s; "
                     "\xe2\x80\xa1 %s. \"Detectable\" is the smallest change in mean the test "
                     "would find with 80%% power at these numbers of answers: a smaller true "
                     "change could not be told from noise. %s",
                     tcs_waves_alpha(w), tcs_clear_change_rule, tcs_mark_text(TCS_MARK_ADJUSTED),
                     tcs_mark_text(TCS_MARK_TESTS_DIFFER), tcs_comparison_assumption);
    if (r->check)
        tcs_doc_para(d, TCS_F_PAGE,
                     "Targets: Met (green) when the result in the due wave reaches the target; "
                     "On track (amber) when it has moved towards it; Not met (red) otherwise; "
                     "Not due or No data (grey) when the wave it is due is not among the inputs "
                     "or there is no answer. %s Targets judged by hand keep the status given in "
                     "the targets file.",
                     tcs_rag_rule_text(tcs_check_options_used(r->check)->rag_rule));
    if (!r->groups)
        tcs_doc_para(d, TCS_F_PAGE,
                     "Figures are for all respondents (report --by COLUMN adds them per group, "
                     "where this rule applies: %s) Free-text answers are not shown.",
                     tcs_group_rule);
    else
        tcs_doc_para(d, TCS_F_PAGE, "Groups: %s Free-text answers are not shown.",
                     tcs_group_rule);
    tcs_doc_para(d, TCS_F_PAGE,
                 "Made with tcsurvey %s from the raw exports; charts drawn with gnuplot.",
                 TCSURVEY_VERSION);
}

/* A4 portrait, 1.5 cm margins: every table as wide as the page, long
 * cells (id lists, statements) wrapping; a chart or table row never cut
 * across a page where avoidable. */
static const char css[] =
    "body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;font-size:10pt;color:#1a1a1a;"
    "max-width:17cm;margin:1.5cm auto;line-height:1.35}"
    "h1{font-size:16pt}h2{font-size:13pt;margin-top:1.4em;border-bottom:1px solid #999;"
    "break-after:avoid;page-break-after:avoid}h3{font-size:11pt;break-after:avoid;"
    "page-break-after:avoid}p{orphans:3;widows:3}"
    "table{border-collapse:collapse;width:100%;table-layout:fixed;margin:0.6em 0 1.2em;"
    "font-size:8pt}"
    "th,td{border:1px solid #bbb;padding:2px 4px;text-align:left;vertical-align:top;"
    "overflow-wrap:break-word;word-wrap:break-word;hyphens:auto}"
    "th{background:#eee;font-size:7.5pt}thead{display:table-header-group}"
    "tr{break-inside:avoid;page-break-inside:avoid}"
    "td.rag{font-weight:bold;font-size:7.5pt}td.green{background:#2e7d32;color:#fff}"
    "td.amber{background:#f2a900;color:#000}td.red{background:#c62828;color:#fff}"
    "td.grey{background:#9e9e9e;color:#000}"
    "td.heat{text-align:center}td.up2{background:#2166ac;color:#fff}td.up1{background:#92c5de}"
    "td.down1{background:#f4a582}td.down2{background:#b2182b;color:#fff}"
    "td.sup{color:#666;font-style:italic}"
    "figure{margin:0.6em 0;break-inside:avoid;page-break-inside:avoid;text-align:center}"
    "figure svg{width:100%;height:auto;max-height:23cm}"
    "figcaption{font-size:8pt;color:#444;text-align:left}"
    "@page{size:A4 portrait;margin:1.5cm}"
    "@media print{body{margin:0;max-width:none}figure svg{width:82%}}";

tcs_status tcs_report_write(FILE *fp, const tcs_report *r, tcs_report_format fmt, tcs_error *err)
{
    tcs_doc *d = tcs_doc_new(fmt == TCS_REPORT_PANDOC ? TCS_DOC_PANDOC : TCS_DOC_REPORT);
    if (!d)
        return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
    char title[512];
    snprintf(title, sizeof title, "Technician survey evidence%s%.400s", r->title ? ": " : "",
             r->title ? r->title : "");
    tcs_doc_set_title(d, title, css);
    details(d, r->waves);
    if (r->check)
        tcs_report_targets(d, r);
    tcs_report_pillar_scores(d, r);
    tcs_report_pillar_sections(d, r);
    if (r->groups)
        tcs_report_groups(d, r);
    tcs_report_not_analysed(d, r);
    method(d, r);
    tcs_status st = tcs_doc_write(fp, d, fmt == TCS_REPORT_HTML ? TCS_FORMAT_HTML : TCS_FORMAT_MD,
                                  err);
    tcs_doc_free(d);
    if (st == TCS_EIO)
        tcs_error_set(err, TCS_EIO, "", 0, 0, "error writing the report");
    return st;
}
