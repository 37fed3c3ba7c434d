/* plot_means.c - means with their 95% CI per question, with the targets
 * and baselines of the targets file; the change of each question between
 * two waves as a dumbbell, clear changes coloured, rows whose interval
 * and verdict differ marked (compare.h's marks). */
#define _POSIX_C_SOURCE 200809L
#include "render/plot_internal.h"
#include "tcsurvey/gnuplot.h"
#include "tcsurvey/stats.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* x axis of a mean: the scale's points, a dashed line at its midpoint. */
static void put_scale_axis(FILE *gp, const tcs_scale *s)
{
    fprintf(gp, "set xrange [%g:%g]\n", s->min - 0.4, s->max + 0.4);
    fputs("set border 1 lc rgb '#666666'\nset grid xtics lt 1 lc rgb '#e6e6e6' lw 0.5\n", gp);
    fputs("set xtics nomirror out scale 0.5 1 tc rgb '#222222' ", gp);
    tcs_plot_put_font(gp, false, 7.5);
    fputc('\n', gp);
    fprintf(gp, "set arrow 1 from %g, graph 0 to %g, graph 1 nohead dt 2 lc rgb '#999999' back\n",
            tcs_scale_midpoint(s), tcs_scale_midpoint(s));
    char text[2 * TCS_SCALE_LABEL_MAX + 64];
    if (s->kind == TCS_SCALE_NUMERIC)
        snprintf(text, sizeof text, "Mean (scale %d to %d)", s->min, s->max);
    else
        snprintf(text, sizeof text, "Mean (%d = %s, %d = %s)", s->min, s->labels[0], s->max,
                 s->labels[s->npoints - 1]);
    fputs("set xlabel ", gp);
    tcs_gp_put_string(gp, text);
    fputc(' ', gp);
    tcs_plot_put_font(gp, false, 8);
    fputc('\n', gp);
}

/* The baselines and targets of the mean targets due in a wave that
 * concern one question: the markers of its row, each value once (several
 * rows of a plan often name the same question and figure). */
typedef struct {
    double *v;
    size_t n, cap;
} values;

static void add_value(values *a, double x)
{
    for (size_t i = 0; i < a->n; i++)
        if (fabs(a->v[i] - x) < 1e-9)
            return;
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 4;
        double *v = realloc(a->v, cap * sizeof *v);
        if (!v)
            return; /* a marker less, out of memory: the figures are in the tables */
        a->v = v;
        a->cap = cap;
    }
    a->v[a->n++] = x;
}

typedef struct {
    values baseline, target;
} marks;

static void marks_free(marks *mk)
{
    free(mk->baseline.v);
    free(mk->target.v);
    memset(mk, 0, sizeof *mk);
}

static void row_marks(const tcs_plot *p, const tcs_matched *m, size_t wave, marks *out)
{
    memset(out, 0, sizeof *out);
    if (!p->check)
        return;
    const char *label = tcs_waves_wave(p->w, wave)->label;
    for (size_t i = 0; i < tcs_check_count(p->check); i++) {
        const tcs_target_result *r = tcs_check_at(p->check, i);
        const tcs_target *t = r->target;
        if (t->metric.kind != TCS_METRIC_MEAN || !r->due_wave || strcmp(r->due_wave, label) != 0)
            continue;
        size_t n = r->nitems ? r->nitems : 1;
        for (size_t k = 0; k < n; k++) {
            const tcs_target_figures *f = r->nitems ? &r->items[k] : &r->total;
            if (!f->question || strcmp(f->question, m->id) != 0)
                continue;
            if (f->has_baseline)
                add_value(&out->baseline, f->baseline);
            if (t->has_target && !t->metric.change)
                add_value(&out->target, t->target);
        }
    }
}

/* Every question row's markers, as data rows "y value" (base or tgt may
 * be NULL). */
static void target_marks(const tcs_plot *p, const chart *c, size_t wave, FILE *base, FILE *tgt)
{
    for (size_t r = 0; r < c->nrows; r++) {
        if (c->rows[r].q == SIZE_MAX)
            continue;
        marks mk;
        row_marks(p, tcs_waves_question(p->w, c->rows[r].q), wave, &mk);
        for (size_t k = 0; base && k < mk.baseline.n; k++)
            fprintf(base, "%g\t%.10g\n", tcs_plot_row_y(c, r), mk.baseline.v[k]);
        for (size_t k = 0; tgt && k < mk.target.n; k++)
            fprintf(tgt, "%g\t%.10g\n", tcs_plot_row_y(c, r), mk.target.v[k]);
        marks_free(&mk);
    }
}

static const char colour_mean[] = "#0571b0", colour_baseline[] = "#555555",
                  colour_target[] = "#e66101";

/* The means (block 1) and their value labels (block 3). */
static void means_data(const chart_out *o)
{
    const tcs_plot *p = o->p;
    const chart *c = o->c;
    const tcs_scale *s = &c->pub.scale_def;
    size_t wave = c->pub.wave;
    for (size_t r = 0; r < c->nrows; r++) {
        if (c->rows[r].q == SIZE_MAX)
            continue;
        const tcs_matched *m = tcs_waves_question(p->w, c->rows[r].q);
        tcs_point_stats st;
        tcs_stats_from_counts(&m->scale, m->counts[wave], &st);
        if (!st.has_mean)
            continue;
        double lo = st.has_sd ? st.ci_lo : st.mean, hi = st.has_sd ? st.ci_hi : st.mean;
        double y = tcs_plot_row_y(c, r);
        fprintf(o->b->fp[1], "%g\t%.10g\t%.10g\t%.10g\n", y, st.mean, lo, hi);
        /* the value goes right of the CI and of any marker in the row */
        double right = hi;
        marks mk;
        row_marks(p, m, wave, &mk);
        for (size_t k = 0; k < mk.baseline.n; k++)
            right = fmax(right, mk.baseline.v[k]);
        for (size_t k = 0; k < mk.target.n; k++)
            right = fmax(right, mk.target.v[k]);
        marks_free(&mk);
        fprintf(o->b->fp[3], "%.10g\t%g\t%.2f\n", fmin(right, (double)s->max + 0.1), y, st.mean);
    }
}

bool tcs_plot_write_means(const chart_out *o)
{
    FILE *gp = o->gp;
    const chart *c = o->c;
    blocks *b = o->b;
    plot_cmd *pc = o->pc;
    means_data(o);
    target_marks(o->p, c, c->pub.wave, b->fp[0], b->fp[2]);
    put_scale_axis(gp, &c->pub.scale_def);
    tcs_plot_put_rows(gp, o->p, c, tcs_plot_right_n);
    if (!tcs_plot_blocks_write(b, o->dat))
        return false;
    fputs("set key maxrows 1\n", gp);
    FILE *fp = tcs_plot_data_clause(pc, b, 0, c->pub.name);
    if (fp)
        fprintf(fp, "using 2:1 with points pt 6 ps 1.2 lw 1.5 lc rgb '%s' notitle", colour_baseline);
    if ((fp = tcs_plot_data_clause(pc, b, 1, c->pub.name)))
        fprintf(fp, "using 2:1:3:4 with xerrorbars pt 7 ps 0.8 lw 1.5 lc rgb '%s' notitle",
                colour_mean);
    if ((fp = tcs_plot_data_clause(pc, b, 2, c->pub.name)))
        fprintf(fp, "using 2:($1-0.32):(0):(0.64) with vectors nohead lw 3 lc rgb '%s' notitle",
                colour_target);
    if ((fp = tcs_plot_data_clause(pc, b, 3, c->pub.name))) {
        fputs("using 1:2:3 with labels left offset char 0.7,0 ", fp);
        tcs_plot_put_font(fp, false, 7);
        fputs(" notitle", fp);
    }
    fprintf(tcs_plot_clause(pc), "keyentry with xerrorbars pt 7 ps 0.8 lw 1.5 lc rgb '%s' "
                                 "title 'Mean with 95%% CI'",
            colour_mean);
    if (b->index[0] >= 0)
        fprintf(tcs_plot_clause(pc),
                "keyentry with points pt 6 ps 1.2 lw 1.5 lc rgb '%s' title 'Baseline'",
                colour_baseline);
    if (b->index[2] >= 0)
        fprintf(tcs_plot_clause(pc), "keyentry with vectors nohead lw 3 lc rgb '%s' title 'Target'",
                colour_target);
    return true;
}

/* ---- change between two waves: dumbbells ---- */

static const char colour_better[] = "#0571b0", colour_worse[] = "#ca0020",
                  colour_same[] = "#9a9a9a";

/* The marks the rows of change chart c carry, as bits (1 << mark). */
static unsigned chart_marks(const tcs_plot *p, const chart *c)
{
    unsigned bits = 0;
    for (size_t r = 0; r < c->nrows; r++) {
        if (c->rows[r].q == SIZE_MAX)
            continue;
        const tcs_question_change *ch =
            tcs_waves_find_change(p->w, c->rows[r].q, c->pub.wave, c->pub.wave_to);
        if (ch && ch->mark != TCS_MARK_NONE)
            bits |= 1u << ch->mark;
    }
    return bits;
}

size_t tcs_plot_change_notes(const tcs_plot *p, const chart *c, const char **lines, size_t max)
{
    unsigned bits = chart_marks(p, c);
    size_t n = 0;
    if ((bits & (1u << TCS_MARK_ADJUSTED)) && n < max)
        lines[n++] = "\xe2\x80\xa0 The interval excludes 0, but there is no clear change once "
                     "the number of questions is allowed for (q).";
    if ((bits & (1u << TCS_MARK_TESTS_DIFFER)) && n < max)
        lines[n++] = "\xe2\x80\xa1 The interval and the verdict disagree: the verdict rests on "
                     "the rank test of all answers.";
    return n;
}

/* The mark of each marked row at the right end of the plot. */
static void put_row_marks(FILE *gp, const tcs_plot *p, const chart *c)
{
    for (size_t r = 0; r < c->nrows; r++) {
        if (c->rows[r].q == SIZE_MAX)
            continue;
        const tcs_question_change *ch =
            tcs_waves_find_change(p->w, c->rows[r].q, c->pub.wave, c->pub.wave_to);
        if (!ch || ch->mark == TCS_MARK_NONE)
            continue;
        fprintf(gp, "set label %zu '%s' at graph 0.99, first %g right ", 200 + r,
                ch->mark == TCS_MARK_ADJUSTED ? "\xe2\x80\xa0" : "\xe2\x80\xa1",
                tcs_plot_row_y(c, r));
        tcs_plot_put_font(gp, true, 9);
        fputc('\n', gp);
    }
}

/* The dumbbells (blocks 0-2 by verdict), targets (3) and the later means
 * (4 rising, 5 falling). */
static void change_data(const chart_out *o)
{
    const tcs_plot *p = o->p;
    const chart *c = o->c;
    for (size_t r = 0; r < c->nrows; r++) {
        if (c->rows[r].q == SIZE_MAX)
            continue;
        const tcs_matched *m = tcs_waves_question(p->w, c->rows[r].q);
        const tcs_question_change *ch =
            tcs_waves_find_change(p->w, c->rows[r].q, c->pub.wave, c->pub.wave_to);
        tcs_point_stats a, z;
        tcs_stats_from_counts(&m->scale, m->counts[c->pub.wave], &a);
        tcs_stats_from_counts(&m->scale, m->counts[c->pub.wave_to], &z);
        if (!ch || !a.has_mean || !z.has_mean)
            continue;
        /* verdicts are on the answers as given: for a reverse-coded item
         * "fell" is the better way */
        int better = tcs_verdict_better(ch->verdict, m->reverse);
        size_t k = better > 0 ? 0 : better < 0 ? 1 : 2;
        double y = tcs_plot_row_y(c, r);
        fprintf(o->b->fp[k], "%g\t%.10g\t%.10g\n", y, a.mean, z.mean);
        /* the later mean, beyond the arrow head */
        fprintf(o->b->fp[z.mean >= a.mean ? 4 : 5], "%.10g\t%g\t%.2f\n", z.mean, y, z.mean);
    }
    target_marks(p, c, c->pub.wave_to, NULL, o->b->fp[3]);
}

bool tcs_plot_write_change(const chart_out *o)
{
    FILE *gp = o->gp;
    const chart *c = o->c;
    blocks *b = o->b;
    plot_cmd *pc = o->pc;
    change_data(o);
    put_scale_axis(gp, &c->pub.scale_def);
    tcs_plot_put_rows(gp, o->p, c, tcs_plot_right_n_pair);
    const char *notes[4];
    tcs_plot_put_notes(gp, c, notes, tcs_plot_change_notes(o->p, c, notes, 4));
    put_row_marks(gp, o->p, c);
    if (!tcs_plot_blocks_write(b, o->dat))
        return false;
    static const char *const colours[3] = {colour_better, colour_worse, colour_same};
    for (size_t k = 0; k < 3; k++) {
        FILE *fp = tcs_plot_data_clause(pc, b, k, c->pub.name);
        if (!fp)
            continue;
        fprintf(fp, "using 2:1:($3-$2):(0) with vectors head filled size char 0.7,25 lw %s lc "
                    "rgb '%s' notitle",
                k == 2 ? "1.5" : "2.5", colours[k]);
        fp = tcs_plot_data_clause(pc, b, k, c->pub.name);
        fprintf(fp, "using 2:1 with points pt 6 ps 0.8 lw 1.5 lc rgb '%s' notitle", colours[k]);
    }
    FILE *fp = tcs_plot_data_clause(pc, b, 3, c->pub.name);
    if (fp)
        fprintf(fp, "using 2:($1-0.32):(0):(0.64) with vectors nohead lw 3 lc rgb '%s' notitle",
                colour_target);
    for (size_t k = 4; k < 6; k++)
        if ((fp = tcs_plot_data_clause(pc, b, k, c->pub.name))) {
            fprintf(fp, "using 1:2:3 with labels %s offset char %s,0 ", k == 4 ? "left" : "right",
                    k == 4 ? "0.9" : "-0.9");
            tcs_plot_put_font(fp, false, 7);
            fputs(" notitle", fp);
        }
    char alpha[32];
    snprintf(alpha, sizeof alpha, "%g", tcs_waves_alpha(o->p->w));
    static const char *const titles[3] = {"Better, q < ", "Worse, q < ", "No clear change"};
    for (size_t k = 0; k < 3; k++)
        fprintf(tcs_plot_clause(pc),
                "keyentry with vectors head filled lw 2.5 lc rgb '%s' title '%s%s'", colours[k],
                titles[k], k < 2 ? alpha : "");
    if (b->index[3] >= 0)
        fprintf(tcs_plot_clause(pc), "keyentry with vectors nohead lw 3 lc rgb '%s' title 'Target'",
                colour_target);
    return true;
}
