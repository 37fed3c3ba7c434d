/* plot_pillars.c - the charts of pillars: their scores by wave, one line
 * per pillar (any number: colours and point shapes repeat after eight),
 * and the RAG count of the checked targets per pillar. */
#define _POSIX_C_SOURCE 200809L
#include "render/plot_internal.h"
#include "tcsurvey/gnuplot.h"

#include <stdlib.h>
#include <string.h>

/* ---- pillar trend ---- */

/* Okabe-Ito: distinct for colour-blind readers; point shapes differ too. */
static const char *const qualitative[8] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7",
                                           "#e69f00", "#56b4e9", "#000000", "#f0e442"};
static const int point_types[8] = {7, 5, 9, 11, 13, 15, 4, 6};

#define FULL_LINE_CHARS 104 /* a line of 7.5-8 pt text across the 16 cm */

size_t tcs_plot_trend_pillars(const tcs_waves *w, const char *scale)
{
    size_t n = 0;
    for (size_t i = 0; i < tcs_waves_npillars(w); i++) {
        const tcs_scale *ps = tcs_plot_pillar_scale(w, tcs_waves_pillar(w, i)->pillar);
        n += ps && strcmp(ps->name, scale) == 0;
    }
    return n;
}

/* The axes, margins and key of the trend chart: the plot across the
 * width, the key under it, a pillar a line, so long names fit. */
static void trend_frame(FILE *gp, const chart *c, const tcs_waves *w, const tcs_scale *s,
                        size_t np)
{
    size_t nw = tcs_waves_count(w);
    double h = c->pub.height_cm, extra = TITLE_LINE_CM * (double)(c->title_lines - 1);
    double key_cm = TREND_KEY_ROW_CM * (double)np;
    tcs_plot_put_title(gp, c);
    fprintf(gp, "set lmargin at screen 0.10\nset rmargin at screen 0.95\n"
                "set tmargin at screen %.4f\nset bmargin at screen %.4f\n",
            1.0 - (1.0 + extra) / h, (1.3 + key_cm) / h);
    fprintf(gp, "set key at screen 0.10, screen %.4f left top vertical Left reverse samplen 2.5 "
                "maxrows %zu spacing 1.1 ",
            (key_cm + 0.1) / h, np ? np : 1);
    tcs_plot_put_font(gp, false, 8);
    fputc('\n', gp);
    fprintf(gp, "set xrange [-0.35:%g]\nset xtics nomirror scale 0.5 (", (double)nw - 0.65);
    for (size_t k = 0; k < nw; k++) {
        fputs(k ? ", " : "", gp);
        tcs_plot_put_tic(gp, tcs_waves_wave(w, k)->label);
        fprintf(gp, " %zu", k);
    }
    fputs(") ", gp);
    tcs_plot_put_font(gp, false, 8);
    fprintf(gp, "\nset yrange [%d:%d]\nset ytics nomirror scale 0.5 1 ", s ? s->min : 0,
            s ? s->max : 1);
    tcs_plot_put_font(gp, false, 8);
    fputs("\nset border 3 lc rgb '#666666'\nset grid ytics lt 1 lc rgb '#e6e6e6' lw 0.5\n", gp);
    fputs("set ylabel 'Mean pillar score' ", gp);
    tcs_plot_put_font(gp, false, 8);
    fputs("\nset xlabel 'Survey wave' ", gp);
    tcs_plot_put_font(gp, false, 8);
    fputc('\n', gp);
}

/* A pillar's name in the key: one line across the width. */
static void put_key_title(FILE *fp, const char *name)
{
    char lines[1][256];
    tcs_plot_wrap(name, FULL_LINE_CHARS, 1, lines);
    tcs_gp_put_string(fp, lines[0]);
}

bool tcs_plot_write_trend(const chart_out *o)
{
    const tcs_waves *w = o->p->w;
    const chart *c = o->c;
    size_t nw = tcs_waves_count(w), np = 0;
    const char **names = malloc((tcs_waves_npillars(w) + 1) * sizeof *names);
    if (!names)
        return false;
    for (size_t i = 0; i < tcs_waves_npillars(w) && np < o->b->n; i++) {
        const tcs_pillar_trend *t = tcs_waves_pillar(w, i);
        const tcs_scale *ps = tcs_plot_pillar_scale(w, t->pillar);
        if (!ps || strcmp(ps->name, c->pub.scale) != 0)
            continue;
        for (size_t k = 0; k < nw; k++)
            if (t->present[k] && t->has_mean[k])
                fprintf(o->b->fp[np], "%zu\t%.10g\n", k, t->mean[k]);
        names[np++] = t->pillar;
    }
    trend_frame(o->gp, c, w, &c->pub.scale_def, np);
    bool ok = tcs_plot_blocks_write(o->b, o->dat);
    for (size_t i = 0; ok && i < np; i++) {
        FILE *fp = tcs_plot_data_clause(o->pc, o->b, i, c->pub.name);
        if (!fp)
            fp = tcs_plot_clause(o->pc), fputs("keyentry ", fp);
        else
            fputs("using 1:2 ", fp);
        fprintf(fp, "with linespoints pt %d ps 1.1 lw 2 lc rgb '%s' title ", point_types[i % 8],
                qualitative[i % 8]);
        put_key_title(fp, names[i]);
    }
    if (ok && o->pc->clauses == 0)
        fputs("plot NaN notitle", o->pc->fp), o->pc->clauses++;
    free(names);
    return ok;
}

/* ---- RAG summary ---- */

static const char *const rag_colours[4] = {"#2e7d32", "#f2a900", "#c62828", "#9e9e9e"};
static const char *const rag_titles[4] = {"Green: met", "Amber: on track or met within noise",
                                          "Red: not met", "Grey: not due or no data"};

/* The bars (blocks 0-3) and their counts (4 on dark, 5 on light);
 * totals per colour and the longest bar. */
static long rag_data(const chart_out *o, long total[4])
{
    const tcs_check *ck = o->p->check;
    size_t np = tcs_check_npillars(ck);
    long most = 1;
    for (size_t i = 0; i < np; i++) {
        const tcs_pillar_rag *r = tcs_check_pillar(ck, i);
        long v[4] = {r->green, r->amber, r->red, r->grey};
        double y = (double)(np - 1 - i), x = 0;
        for (size_t k = 0; k < 4; k++) {
            total[k] += v[k];
            if (v[k] <= 0)
                continue;
            fprintf(o->b->fp[k], "%g\t%ld\t%ld\n", y, (long)x, (long)x + v[k]);
            fprintf(o->b->fp[4 + (tcs_plot_dark_colour(rag_colours[k]) ? 0 : 1)], "%g\t%g\t%ld\n",
                    x + (double)v[k] / 2, y - 0.2, v[k]);
            x += (double)v[k];
        }
        if ((long)x > most)
            most = (long)x;
    }
    return most;
}

/* Each pillar's name above its bar, across the width. */
static void rag_axes(FILE *gp, const tcs_check *ck, long most)
{
    size_t np = tcs_check_npillars(ck);
    fputs("set style fill solid 1.0 border lc rgb '#ffffff'\n", gp);
    fputs("set border 1 lc rgb '#666666'\nset grid xtics lt 1 lc rgb '#e6e6e6' lw 0.5\n", gp);
    fprintf(gp, "set xrange [0:%ld]\nset xtics nomirror out scale 0.5 tc rgb '#222222' %s ", most,
            most <= 15 ? "1" : "");
    tcs_plot_put_font(gp, false, 7.5);
    fprintf(gp, "\nset yrange [-0.5:%g]\nunset ytics\n", (double)np - 0.3);
    for (size_t i = 0; i < np; i++) {
        char lines[1][256];
        tcs_plot_wrap(tcs_check_pillar(ck, i)->pillar, FULL_LINE_CHARS, 1, lines);
        fprintf(gp, "set label %zu ", 20 + i);
        tcs_gp_put_string(gp, lines[0]);
        fprintf(gp, " at graph 0, first %g left front ", (double)(np - 1 - i) + 0.27);
        tcs_plot_put_font(gp, false, 8);
        fputc('\n', gp);
    }
    fputs("set xlabel 'Number of targets' ", gp);
    tcs_plot_put_font(gp, false, 8);
    fputc('\n', gp);
}

bool tcs_plot_write_rag(const chart_out *o)
{
    FILE *gp = o->gp;
    const chart *c = o->c;
    long total[4] = {0, 0, 0, 0};
    long most = rag_data(o, total);
    double h = c->pub.height_cm, extra = TITLE_LINE_CM * (double)(c->title_lines - 1);
    tcs_plot_put_title(gp, c);
    fprintf(gp, "set label 2 '%ld targets: %ld green, %ld amber, %ld red, %ld grey' at screen "
                "0.5, screen %.4f center ",
            total[0] + total[1] + total[2] + total[3], total[0], total[1], total[2], total[3],
            1.0 - (0.95 + extra) / h);
    tcs_plot_put_font(gp, false, 8.5);
    fprintf(gp, "\nset lmargin at screen 0.03\nset rmargin at screen 0.97\n"
                "set tmargin at screen %.4f\nset bmargin at screen %.4f\n",
            1.0 - (TOP_CM + 0.4 + extra) / h, BOTTOM_CM / h);
    tcs_plot_put_swatches(gp, c, rag_colours, rag_titles, 4, 1.45);
    rag_axes(gp, o->p->check, most);
    if (!tcs_plot_blocks_write(o->b, o->dat))
        return false;
    for (size_t k = 0; k < 4; k++) {
        FILE *fp = tcs_plot_data_clause(o->pc, o->b, k, c->pub.name);
        if (fp)
            fprintf(fp, "using (($2+$3)/2):($1-0.2):2:3:($1-0.45):($1+0.05) with boxxyerror "
                        "fc rgb '%s' notitle",
                    rag_colours[k]);
    }
    for (size_t k = 0; k < 2; k++) {
        FILE *fp = tcs_plot_data_clause(o->pc, o->b, 4 + k, c->pub.name);
        if (fp) {
            fprintf(fp, "using 1:2:3 with labels center tc rgb '%s' ", k == 0 ? "#ffffff" : "#000000");
            tcs_plot_put_font(fp, false, 8);
            fputs(" notitle", fp);
        }
    }
    return true;
}
