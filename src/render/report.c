/* report.c - the self-assessment report, written once through a small
 * document layer (headings, paragraphs, tables, charts) that speaks HTML or
 * Markdown, so both formats hold the same content. */
#define _POSIX_C_SOURCE 200809L
#include "tcsurvey/report.h"
#include "tcsurvey/groups.h"
#include "tcsurvey/output.h"
#include "tcsurvey/stats.h"
#include "tcsurvey/tcsurvey.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* ---- the document layer ---- */

typedef struct {
    FILE *fp;
    tcs_report_format fmt;
    const tcs_report *r;
    size_t ncols, col;
    tcs_error *err;
    tcs_status status;
} doc;

static void text(doc *d, const char *s)
{
    if (d->fmt == TCS_REPORT_HTML)
        tcs_put_html(d->fp, s);
    else
        tcs_put_md_text(d->fp, s);
}

static void textf(doc *d, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    text(d, buf);
}

static void heading(doc *d, int level, const char *s)
{
    if (d->fmt == TCS_REPORT_HTML) {
        fprintf(d->fp, "<h%d>", level);
        text(d, s);
        fprintf(d->fp, "</h%d>\n", level);
    } else {
        fprintf(d->fp, "\n%.*s ", level, "######");
        text(d, s);
        fputs("\n\n", d->fp);
    }
}

static void para_begin(doc *d)
{
    fputs(d->fmt == TCS_REPORT_HTML ? "<p>" : "", d->fp);
}

static void para_end(doc *d)
{
    fputs(d->fmt == TCS_REPORT_HTML ? "</p>\n" : "\n\n", d->fp);
}

static void para(doc *d, const char *s)
{
    para_begin(d);
    text(d, s);
    para_end(d);
}

static void table_begin(doc *d, const char *const *headers, size_t n, const char *cls)
{
    d->ncols = n;
    d->col = 0;
    if (d->fmt == TCS_REPORT_HTML) {
        fprintf(d->fp, "<table class=\"%s\"><thead><tr>", cls ? cls : "");
        for (size_t i = 0; i < n; i++) {
            fputs("<th>", d->fp);
            text(d, headers[i]);
            fputs("</th>", d->fp);
        }
        fputs("</tr></thead>\n<tbody>\n", d->fp);
    } else {
        fputs("\n|", d->fp);
        for (size_t i = 0; i < n; i++) {
            fputc(' ', d->fp);
            tcs_put_md_cell(d->fp, headers[i]);
            fputs(" |", d->fp);
        }
        fputs("\n|", d->fp);
        for (size_t i = 0; i < n; i++)
            fputs("---|", d->fp);
        fputc('\n', d->fp);
    }
}

/* One cell; cls (HTML only) styles it, e.g. a RAG colour. */
static void cell_cls(doc *d, const char *s, const char *cls)
{
    if (d->fmt == TCS_REPORT_HTML) {
        if (d->col == 0)
            fputs("<tr>", d->fp);
        if (cls)
            fprintf(d->fp, "<td class=\"%s\">", cls);
        else
            fputs("<td>", d->fp);
        tcs_put_html(d->fp, s ? s : "");
        fputs("</td>", d->fp);
        if (++d->col == d->ncols) {
            fputs("</tr>\n", d->fp);
            d->col = 0;
        }
    } else {
        if (d->col == 0)
            fputc('|', d->fp);
        fputc(' ', d->fp);
        /* Markdown cells: '|' escaped, and no raw HTML ('<' as &lt;).
         * Escaped a run between two '<' at a time: one byte at a time
         * turned every byte of a character beyond ASCII into U+FFFD. */
        char *copy = strdup(s ? s : "");
        if (!copy && d->status == TCS_OK)
            d->status = tcs_error_set(d->err, TCS_ENOMEM, "", 0, 0, "out of memory");
        char *run = copy;
        for (char *lt; run && (lt = strchr(run, '<')); run = lt + 1) {
            *lt = '\0';
            tcs_put_md_cell(d->fp, run);
            fputs("&lt;", d->fp);
        }
        tcs_put_md_cell(d->fp, run);
        free(copy);
        fputs(" |", d->fp);
        if (++d->col == d->ncols) {
            fputc('\n', d->fp);
            d->col = 0;
        }
    }
}

static void cell(doc *d, const char *s)
{
    cell_cls(d, s, NULL);
}

static void cellf(doc *d, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    cell(d, buf);
}

static void table_end(doc *d)
{
    fputs(d->fmt == TCS_REPORT_HTML ? "</tbody></table>\n" : "\n", d->fp);
}

/* A chart: its SVG inline in HTML (the XML prolog dropped), a link to its
 * PNG in Markdown; the caption is its title. */
static void chart(doc *d, const tcs_chart *c)
{
    if (d->status != TCS_OK)
        return;
    if (d->fmt == TCS_REPORT_MD) {
        fputs("![", d->fp);
        tcs_put_md_text(d->fp, c->title);
        fprintf(d->fp, "](%s/%s.png)\n\n", d->r->charts_link ? d->r->charts_link : "charts",
                c->name);
        return;
    }
    char path[4096];
    snprintf(path, sizeof path, "%.3800s/%.200s.svg", d->r->charts_dir, c->name);
    FILE *in = fopen(path, "rb");
    if (!in) {
        d->status = tcs_error_set(d->err, TCS_EOUTPUT, path, 0, 0, "cannot read the chart: %s",
                                  strerror(errno));
        return;
    }
    fputs("<figure>\n", d->fp);
    char line[8192];
    bool in_svg = false;
    while (fgets(line, sizeof line, in)) {
        if (!in_svg) {
            char *start = strstr(line, "<svg");
            if (!start)
                continue; /* <?xml ...?>, <!DOCTYPE ...> */
            in_svg = true;
            fputs(start, d->fp);
        } else
            fputs(line, d->fp);
    }
    fclose(in);
    fputs("<figcaption>", d->fp);
    tcs_put_html(d->fp, c->title);
    fputs("</figcaption>\n</figure>\n", d->fp);
}

/* ---- the content ---- */

static const char *rag_class(tcs_rag rag)
{
    static const char *const cls[] = {"rag green", "rag amber", "rag red", "rag grey"};
    return (unsigned)rag < 4 ? cls[rag] : "rag grey";
}

static void fmt_num(char *buf, size_t n, bool has, double v)
{
    if (!has)
        snprintf(buf, n, "-");
    else
        snprintf(buf, n, "%.2f", v);
}

static void write_details(doc *d)
{
    const tcs_waves *w = d->r->waves;
    heading(d, 2, "Survey");
    static const char *const h[] = {"Wave", "File", "Platform", "Responses", "Questions"};
    table_begin(d, h, 5, "details");
    for (size_t i = 0; i < tcs_waves_count(w); i++) {
        const tcs_wave_info *wi = tcs_waves_wave(w, i);
        const char *path = tcs_survey_path(wi->survey), *base = strrchr(path, '/');
        size_t nq = 0;
        for (size_t k = 0; k < tcs_waves_nquestions(w); k++)
            nq += tcs_waves_question(w, k)->cols[i] != NULL;
        cell(d, wi->label);
        cell(d, base ? base + 1 : path);
        cellf(d, "%s (%s)", tcs_platform_name(tcs_survey_platform(wi->survey)),
              tcs_survey_source(wi->survey)->format);
        cellf(d, "%ld", tcs_survey_responses(wi->survey));
        cellf(d, "%zu", nq);
    }
    table_end(d);
}

static void target_text(const tcs_target *t, char *buf, size_t n)
{
    if (t->has_target)
        snprintf(buf, n, "%s%s %g", t->metric.change ? "change " : "",
                 tcs_comparator_text(t->comparator), t->target);
    else
        snprintf(buf, n, "-");
}

static void figures_cells(doc *d, const tcs_target_result *r, const tcs_target_figures *f)
{
    char base[64], obs[128];
    fmt_num(base, sizeof base, f->has_baseline, f->baseline);
    if (f->has_baseline && f->baseline_published)
        strcat(base, " (published)");
    if (!f->has_observed)
        snprintf(obs, sizeof obs, "-");
    else if (f->has_ci)
        snprintf(obs, sizeof obs, "%s%.2f [%.2f, %.2f]%s", r->target->metric.change ? "change " : "",
                 f->observed, f->ci_lo, f->ci_hi,
                 f->distinguishable == 0 ? " (within noise)" : "");
    else
        snprintf(obs, sizeof obs, "%s%.2f", r->target->metric.change ? "change " : "",
                 f->observed);
    cell(d, base);
    cell(d, obs);
    char tgt[64];
    target_text(r->target, tgt, sizeof tgt);
    cell(d, tgt);
    const char *status = f->status == TCS_STATUS_HAND && r->target->hand_status
                             ? r->target->hand_status
                             : tcs_target_status_name(f->status);
    char st[160];
    snprintf(st, sizeof st, "%s: %s", tcs_rag_name(f->rag), status);
    cell_cls(d, st, rag_class(f->rag));
}

static void write_targets(doc *d)
{
    const tcs_check *c = d->r->check;
    if (!c)
        return;
    heading(d, 2, "Success targets: RAG analysis");
    para(d, "Each success measure of the action plan as published, the baseline, the result "
            "in the wave it is due with its 95% confidence interval, the target and the "
            "status. A result marked \"within noise\" is not distinguishable from the baseline "
            "at the chosen significance level.");
    static const char *const h[] = {"Action", "Pillar",  "Success measure (as published)",
                                    "Question", "Baseline", "Result (95% CI)",
                                    "Target",  "Status"};
    table_begin(d, h, 8, "rag-table");
    for (size_t i = 0; i < tcs_check_count(c); i++) {
        const tcs_target_result *r = tcs_check_at(c, i);
        const tcs_target *t = r->target;
        cell(d, t->action);
        cell(d, r->pillar ? r->pillar : t->pillar);
        cell(d, t->description);
        cell(d, r->nitems == 1 ? r->items[0].question : t->questions);
        figures_cells(d, r, r->nitems == 1 ? &r->items[0] : &r->total);
        for (size_t k = 0; r->nitems > 1 && k < r->nitems; k++) {
            cell(d, "");
            cell(d, "");
            cell(d, "");
            cell(d, r->items[k].question);
            figures_cells(d, r, &r->items[k]);
        }
    }
    table_end(d);
    static const char *const ph[] = {"Pillar", "Green", "Amber", "Red", "Grey"};
    heading(d, 3, "RAG summary by pillar");
    table_begin(d, ph, 5, "rag-summary");
    for (size_t i = 0; i < tcs_check_npillars(c); i++) {
        const tcs_pillar_rag *p = tcs_check_pillar(c, i);
        cell(d, p->pillar);
        cellf(d, "%ld", p->green);
        cellf(d, "%ld", p->amber);
        cellf(d, "%ld", p->red);
        cellf(d, "%ld", p->grey);
    }
    table_end(d);
}

static void charts_of(doc *d, tcs_chart_kind kind, const char *pillar, size_t wave, bool any_wave)
{
    const tcs_plot *p = d->r->plot;
    for (size_t i = 0; p && i < tcs_plot_count(p); i++) {
        const tcs_chart *c = tcs_plot_chart(p, i);
        if (c->kind != kind || (pillar && strcmp(c->pillar, pillar) != 0))
            continue;
        if (!any_wave && c->wave_to != wave)
            continue;
        chart(d, c);
    }
}

static void write_pillar_scores(doc *d)
{
    const tcs_waves *w = d->r->waves;
    size_t nw = tcs_waves_count(w);
    if (nw < 2 || tcs_waves_npillars(w) == 0)
        return;
    heading(d, 2, "Pillar scores");
    para(d, "A respondent's pillar score is the mean of their answers to the pillar's "
            "questions (reverse-coded ones mirrored), counted when they answered at least "
            "half of them.");
    charts_of(d, TCS_CHART_TREND, NULL, 0, true);
    const char *h[TCS_WAVES_MAX + 2];
    char labels[TCS_WAVES_MAX][48];
    h[0] = "Pillar";
    for (size_t i = 0; i < nw; i++) {
        snprintf(labels[i], sizeof labels[i], "%s: mean (n)", tcs_waves_wave(w, i)->label);
        h[i + 1] = labels[i];
    }
    h[nw + 1] = "Change, first to last wave (q)";
    table_begin(d, h, nw + 2, "pillars");
    for (size_t k = 0; k < tcs_waves_npillars(w); k++) {
        const tcs_pillar_trend *t = tcs_waves_pillar(w, k);
        cell(d, t->pillar);
        for (size_t i = 0; i < nw; i++) {
            if (t->present[i] && t->has_mean[i])
                cellf(d, "%.2f (%zu)", t->mean[i], t->n[i]);
            else
                cell(d, "-");
        }
        const tcs_pillar_change *pc = NULL;
        for (size_t j = 0; j < tcs_waves_npillar_changes(w); j++) {
            const tcs_pillar_change *x = tcs_waves_pillar_change(w, j);
            if (x->from == 0 && x->to == nw - 1 && strcmp(x->pillar, t->pillar) == 0)
                pc = x;
        }
        if (pc && pc->change.has_delta)
            cellf(d, "%+.2f (q %.3f): %s", pc->change.delta, pc->has_q ? pc->q : NAN,
                  pc->verdict);
        else
            cell(d, "-");
    }
    table_end(d);
}

static const tcs_question_change *change_of(const tcs_waves *w, size_t q, size_t from, size_t to)
{
    for (size_t i = 0; i < tcs_waves_nchanges(w); i++) {
        const tcs_question_change *c = tcs_waves_change(w, i);
        if (c->question == q && c->from == from && c->to == to)
            return c;
    }
    return NULL;
}

static bool in_section(const tcs_matched *m, const char *pillar, bool any_pillar)
{
    if (!any_pillar)
        return true;
    return pillar ? m->pillar && strcmp(m->pillar, pillar) == 0 : m->pillar == NULL;
}

static void write_question_table(doc *d, const char *pillar, bool any_pillar)
{
    const tcs_waves *w = d->r->waves;
    size_t nw = tcs_waves_count(w), last = nw - 1;
    const char *h[TCS_WAVES_MAX + 5];
    char labels[TCS_WAVES_MAX][64], dist[96];
    size_t nh = 0;
    h[nh++] = "Question";
    h[nh++] = "Statement";
    for (size_t i = 0; i < nw; i++) {
        snprintf(labels[i], sizeof labels[i], "%s: n, mean [95%% CI]",
                 tcs_waves_wave(w, i)->label);
        h[nh++] = labels[i];
    }
    snprintf(dist, sizeof dist, "%s: %% low / neutral / high", tcs_waves_wave(w, last)->label);
    h[nh++] = dist;
    if (nw >= 2)
        h[nh++] = "Change in mean [95% CI], q, verdict";
    table_begin(d, h, nh, "questions");
    for (size_t q = 0; q < tcs_waves_nquestions(w); q++) {
        const tcs_matched *m = tcs_waves_question(w, q);
        if (!in_section(m, pillar, any_pillar))
            continue;
        cellf(d, "%s%s", m->id, m->reverse ? " (R)" : "");
        cell(d, m->statement);
        tcs_point_stats st = {0};
        for (size_t i = 0; i < nw; i++) {
            if (!m->cols[i] || m->conflict) {
                cell(d, m->conflict && m->cols[i] ? "scales differ" : "not asked");
                continue;
            }
            tcs_stats_from_counts(&m->scale, m->counts[i], &st);
            if (st.has_sd)
                cellf(d, "%ld, %.2f [%.2f, %.2f]", st.n, st.mean, st.ci_lo, st.ci_hi);
            else if (st.has_mean)
                cellf(d, "%ld, %.2f", st.n, st.mean);
            else
                cellf(d, "%ld, -", st.n);
        }
        if (m->cols[last] && !m->conflict && st.has_percent)
            cellf(d, "%.0f / %.0f / %.0f", st.low_percent, st.neutral_percent, st.high_percent);
        else
            cell(d, "-");
        if (nw >= 2) {
            const tcs_question_change *c = change_of(w, q, last - 1, last);
            if (c && c->change.has_welch)
                cellf(d, "%+.2f [%+.2f, %+.2f], q %.3f, %s", c->change.delta,
                      c->change.delta_ci_lo, c->change.delta_ci_hi, c->has_q ? c->q : NAN,
                      c->verdict);
            else if (c && c->change.has_delta)
                cellf(d, "%+.2f, %s", c->change.delta, c->verdict);
            else
                cell(d, "-");
        }
    }
    table_end(d);
}

static void write_pillar_sections(doc *d)
{
    const tcs_waves *w = d->r->waves;
    const char *pillars[64];
    size_t np = 0;
    bool other = false;
    for (size_t q = 0; q < tcs_waves_nquestions(w); q++) {
        const char *pl = tcs_waves_question(w, q)->pillar;
        if (!pl) {
            other = true;
            continue;
        }
        size_t k = 0;
        while (k < np && strcmp(pillars[k], pl) != 0)
            k++;
        if (k == np && np < 64)
            pillars[np++] = pl;
    }
    bool any_pillar = np > 0;
    size_t nsections = np + (other || !any_pillar ? 1 : 0);
    size_t nw = tcs_waves_count(w);
    for (size_t s = 0; s < nsections && d->status == TCS_OK; s++) {
        const char *pillar = s < np ? pillars[s] : NULL;
        /* per-pillar charts carry the pillar's heading ("Other questions"
         * for questions without one; "" when there are no pillars) */
        const char *chart_pillar = pillar ? pillar : any_pillar ? "Other questions" : "";
        heading(d, 2, pillar ? pillar : any_pillar ? "Other questions" : "Questions");
        for (size_t i = 0; i < nw; i++)
            charts_of(d, TCS_CHART_LIKERT_DIVERGING, chart_pillar, i, false);
        charts_of(d, TCS_CHART_MEANS, chart_pillar, nw - 1, false);
        if (nw >= 2)
            charts_of(d, TCS_CHART_CHANGE, chart_pillar, nw - 1, false);
        write_question_table(d, pillar, any_pillar);
    }
}

static void write_method(doc *d)
{
    const tcs_waves *w = d->r->waves;
    heading(d, 2, "Method");
    para(d, "Counts and percentages are of valid answers: blank, \"N/A\", \"Don't know\" and "
            "similar answers are left out and counted separately. Means are given with a "
            "95% confidence interval (Student t); % high is the share above the scale's "
            "midpoint, % low below it.");
    if (tcs_waves_count(w) >= 2) {
        para_begin(d);
        textf(d, "Changes between waves: the change in mean with a Welch 95%% confidence "
                 "interval; whether a question changed is judged by the Mann-Whitney test, "
                 "its p-values adjusted for the number of questions compared "
                 "(Benjamini-Hochberg q); a change is \"rose\" or \"fell\" when q is below "
                 "%g, otherwise \"no clear change\". ",
              tcs_waves_alpha(w));
        text(d, tcs_comparison_assumption);
        para_end(d);
    }
    if (d->r->check)
        para(d, "Targets: met (green) when the result in the due wave reaches the target; on "
                "track (amber) when it has moved towards it; not met (red) otherwise; grey "
                "when the wave it is due is not among the inputs or there is no data. "
                "Targets judged by hand keep the status given in the targets file.");
    para_begin(d);
    text(d, "Figures are for all respondents; the report shows no breakdown by group (use "
            "tcsurvey summary or compare with --by, where this rule applies: ");
    text(d, tcs_group_rule);
    text(d, ") Free-text answers are not shown.");
    para_end(d);
    para_begin(d);
    textf(d, "Made with tcsurvey %s from the raw exports; charts drawn with gnuplot.",
          TCSURVEY_VERSION);
    para_end(d);
}

static const char css[] =
    "body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;font-size:10pt;color:#1a1a1a;"
    "max-width:17cm;margin:1.5cm auto;line-height:1.35}"
    "h1{font-size:16pt}h2{font-size:13pt;margin-top:1.6em;border-bottom:1px solid #999;"
    "page-break-after:avoid}h3{font-size:11pt}"
    "table{border-collapse:collapse;width:100%;margin:0.6em 0 1.2em;font-size:8.5pt;"
    "page-break-inside:auto}"
    "th,td{border:1px solid #bbb;padding:2px 4px;text-align:left;vertical-align:top}"
    "th{background:#eee}tr{page-break-inside:avoid}"
    ".rag-table td:nth-child(3){min-width:13em}.rag-table td:nth-child(6){min-width:8.5em}.questions td:nth-child(n+3){min-width:6em}"
    "td.rag{font-weight:bold;white-space:nowrap}td.green{background:#2e7d32;color:#fff}"
    "td.amber{background:#f2a900;color:#000}td.red{background:#c62828;color:#fff}"
    "td.grey{background:#9e9e9e;color:#000}"
    "figure{margin:0.8em 0;page-break-inside:avoid}figure svg{width:100%;height:auto}"
    "figcaption{font-size:8.5pt;color:#444}"
    "@page{size:A4;margin:1.5cm}@media print{body{margin:0;max-width:none}}";

tcs_status tcs_report_write(FILE *fp, const tcs_report *r, tcs_report_format fmt, tcs_error *err)
{
    doc d = {fp, fmt, r, 0, 0, err, TCS_OK};
    char title[512];
    snprintf(title, sizeof title, "Technician survey evidence%s%.400s", r->title ? ": " : "",
             r->title ? r->title : "");
    if (fmt == TCS_REPORT_HTML) {
        fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
              fp);
        tcs_put_html(fp, title);
        fprintf(fp, "</title>\n<style>%s</style>\n</head>\n<body>\n", css);
        heading(&d, 1, title);
    } else {
        fputs("# ", fp);
        tcs_put_md_text(fp, title);
        fputs("\n", fp);
    }
    write_details(&d);
    write_targets(&d);
    if (r->check && r->plot)
        for (size_t i = 0; i < tcs_plot_count(r->plot); i++)
            if (tcs_plot_chart(r->plot, i)->kind == TCS_CHART_RAG)
                chart(&d, tcs_plot_chart(r->plot, i));
    write_pillar_scores(&d);
    write_pillar_sections(&d);
    write_method(&d);
    if (fmt == TCS_REPORT_HTML)
        fputs("</body>\n</html>\n", fp);
    if (d.status != TCS_OK)
        return d.status;
    return ferror(fp) ? tcs_error_set(err, TCS_EIO, "", 0, 0, "error writing the report")
                      : TCS_OK;
}

/* ---- CSV tables for Excel ---- */

typedef tcs_status (*table_writer)(FILE *fp, const tcs_report *r, size_t wave);

static tcs_status summary_table(FILE *fp, const tcs_report *r, size_t wave)
{
    return tcs_write_summary(fp, tcs_waves_wave(r->waves, wave)->survey, TCS_FORMAT_CSV);
}

static tcs_status comparison_table(FILE *fp, const tcs_report *r, size_t wave)
{
    (void)wave;
    return tcs_write_comparison(fp, r->waves, TCS_FORMAT_CSV);
}

static tcs_status targets_table(FILE *fp, const tcs_report *r, size_t wave)
{
    (void)wave;
    return tcs_write_check(fp, r->check, r->targets, r->waves, TCS_FORMAT_CSV);
}

static tcs_status write_table(const char *dir, const char *name, table_writer write,
                              const tcs_report *r, size_t wave, tcs_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%.3800s/%.200s", dir, name);
    FILE *fp = fopen(path, "w");
    if (!fp)
        return tcs_error_set(err, TCS_EOUTPUT, path, 0, 0, "cannot write: %s", strerror(errno));
    fputs("\xEF\xBB\xBF", fp); /* Excel reads UTF-8 only with a BOM */
    tcs_status st = write(fp, r, wave);
    if (ferror(fp))
        st = TCS_EIO;
    if (fclose(fp) != 0)
        st = TCS_EIO;
    if (st != TCS_OK)
        return tcs_error_set(err, TCS_EOUTPUT, path, 0, 0, "cannot write");
    return TCS_OK;
}

tcs_status tcs_report_write_tables(const tcs_report *r, const char *dir, tcs_error *err)
{
    tcs_status st = TCS_OK;
    for (size_t i = 0; i < tcs_waves_count(r->waves) && st == TCS_OK; i++) {
        char name[96], slug[48];
        const char *label = tcs_waves_wave(r->waves, i)->label;
        size_t n = 0;
        for (const char *p = label; *p && n + 1 < sizeof slug; p++)
            slug[n++] = (strchr("/\\:*?\"<>| ", *p) || (unsigned char)*p < 0x20) ? '-' : *p;
        slug[n] = '\0';
        snprintf(name, sizeof name, "summary-%s.csv", slug);
        st = write_table(dir, name, summary_table, r, i, err);
    }
    if (st == TCS_OK && tcs_waves_count(r->waves) >= 2)
        st = write_table(dir, "comparison.csv", comparison_table, r, 0, err);
    if (st == TCS_OK && r->check)
        st = write_table(dir, "targets.csv", targets_table, r, 0, err);
    return st;
}
