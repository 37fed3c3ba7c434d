/* plot_bars.c - answers by question: one bar per question stacked by
 * scale point (or band of points on long scales), centred on the scale's
 * midpoint (diverging) or as 100% stacked bars. */
#define _POSIX_C_SOURCE 200809L
#include "render/plot_internal.h"
#include "tcsurvey/gnuplot.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* ---- Likert distributions ---- */

/* A bar segment: one scale point, or a band of points on long scales. */
typedef struct {
    int lo, hi; /* offsets from the scale's first point, inclusive */
    char label[TCS_SCALE_LABEL_MAX + 8];
} band;

/* One band per point up to 7 points; beyond, two bands each side of the
 * midpoint (outer one the wider) and the midpoint itself when it is a
 * point, so bands never straddle the midpoint. */
static size_t scale_bands(const tcs_scale *s, band *out)
{
    size_t n = s->npoints;
    if (n <= 7) {
        for (size_t k = 0; k < n; k++) {
            out[k].lo = out[k].hi = (int)k;
            snprintf(out[k].label, sizeof out[k].label, "%s", s->labels[k]);
        }
        return n;
    }
    size_t side = n / 2, outer = (side + 1) / 2, nb = 0;
    int edges[5][2];
    edges[nb][0] = 0, edges[nb][1] = (int)outer - 1, nb++;
    edges[nb][0] = (int)outer, edges[nb][1] = (int)side - 1, nb++;
    if (n % 2)
        edges[nb][0] = edges[nb][1] = (int)side, nb++;
    int hstart = (int)(n - side);
    edges[nb][0] = hstart, edges[nb][1] = hstart + (int)(side - outer) - 1, nb++;
    edges[nb][0] = hstart + (int)(side - outer), edges[nb][1] = (int)n - 1, nb++;
    for (size_t b = 0; b < nb; b++) {
        out[b].lo = edges[b][0];
        out[b].hi = edges[b][1];
        if (out[b].lo == out[b].hi)
            snprintf(out[b].label, sizeof out[b].label, "%d", s->min + out[b].lo);
        else
            snprintf(out[b].label, sizeof out[b].label, "%d\xe2\x80\x93%d", s->min + out[b].lo,
                     s->min + out[b].hi);
    }
    return nb;
}

double tcs_plot_band_legend_extra(const tcs_scale *s)
{
    band bands[TCS_SCALE_POINTS_MAX];
    const char *texts[TCS_SCALE_POINTS_MAX];
    size_t nb = scale_bands(s, bands);
    for (size_t i = 0; i < nb; i++)
        texts[i] = bands[i].label;
    return SWATCH_ROW_CM * (double)(tcs_plot_swatch_rows(texts, nb) - 1);
}

/* Colour-blind-safe diverging palettes (ColorBrewer RdBu, neutral a light
 * grey so it shows on white); the dark ends differ in lightness from the
 * pale inner points, and position tells the sides apart in greyscale. */
static const char *band_colour(size_t nb, size_t b)
{
    static const char *const pal[8][7] = {
        {"#0571b0"},
        {"#0571b0"},
        {"#ca0020", "#0571b0"},
        {"#ef8a62", "#cccccc", "#67a9cf"},
        {"#ca0020", "#f4a582", "#92c5de", "#0571b0"},
        {"#ca0020", "#f4a582", "#cccccc", "#92c5de", "#0571b0"},
        {"#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"},
        {"#b2182b", "#ef8a62", "#fddbc7", "#cccccc", "#d1e5f0", "#67a9cf", "#2166ac"},
    };
    return nb < 8 && b < nb ? pal[nb][b] : "#888888";
}

/* % of question m's valid answers in wave in each band, and the % in bands
 * wholly below the midpoint (left) and in the band holding it (neutral).
 * False when nobody answered. */
static bool band_percents(const tcs_matched *m, size_t wave, const band *bands, size_t nb,
                          double mid, double *pct, double *left, double *neutral)
{
    long n = 0;
    for (size_t k = 0; k < m->scale.npoints; k++)
        n += m->counts[wave][k];
    *left = *neutral = 0;
    if (n == 0)
        return false;
    for (size_t i = 0; i < nb; i++) {
        long cnt = 0;
        for (int k = bands[i].lo; k <= bands[i].hi; k++)
            cnt += m->counts[wave][k];
        pct[i] = 100.0 * (double)cnt / (double)n;
        if ((double)bands[i].hi < mid)
            *left += pct[i];
        else if ((double)bands[i].lo <= mid && (double)bands[i].hi >= mid)
            *neutral += pct[i];
    }
    return true;
}

static bool write_likert(const chart_out *o, bool diverging)
{
    FILE *gp = o->gp, *dat = o->dat;
    const tcs_plot *p = o->p;
    const chart *c = o->c;
    blocks *b = o->b;
    plot_cmd *pc = o->pc;
    const tcs_scale *s = &c->pub.scale_def;
    band bands[TCS_SCALE_POINTS_MAX];
    size_t nb = scale_bands(s, bands);
    double mid = (double)(s->npoints - 1) / 2.0; /* in point offsets */
    /* blocks: one per band, then labels on dark and on light colours */
    size_t wave = c->pub.wave;
    double extent = 0;
    /* first pass: how far the bars reach each side (diverging) */
    for (size_t r = 0; r < c->nrows; r++) {
        double pct[TCS_SCALE_POINTS_MAX], left, neutral;
        if (c->rows[r].q != SIZE_MAX &&
            band_percents(tcs_waves_question(p->w, c->rows[r].q), wave, bands, nb, mid, pct,
                          &left, &neutral))
            extent = fmax(extent, fmax(left + neutral / 2, 100.0 - left - neutral / 2));
    }
    double range = diverging ? fmin(100.0, fmax(50.0, ceil(extent / 25.0 - 1e-9) * 25.0)) : 100.0;
    double plot_cm = (RIGHT_FRACTION - LEFT_FRACTION) * CHART_WIDTH_CM;
    double min_label = 0.8 / plot_cm * (diverging ? 2 * range : 100.0);
    for (size_t r = 0; r < c->nrows; r++) {
        double pct[TCS_SCALE_POINTS_MAX], left, neutral;
        if (c->rows[r].q == SIZE_MAX ||
            !band_percents(tcs_waves_question(p->w, c->rows[r].q), wave, bands, nb, mid, pct,
                           &left, &neutral))
            continue;
        /* x where the first band starts */
        double x = diverging ? -(left + neutral / 2) : 0.0;
        double y = tcs_plot_row_y(c, r);
        for (size_t i = 0; i < nb; i++) {
            if (pct[i] <= 0)
                continue;
            fprintf(b->fp[i], "%g\t%.6g\t%.6g\n", y, x, x + pct[i]);
            if (pct[i] >= min_label)
                fprintf(b->fp[nb + (tcs_plot_dark_colour(band_colour(nb, i)) ? 0 : 1)], "%.6g\t%g\t%.0f%%\n",
                        x + pct[i] / 2, y, pct[i]);
            x += pct[i];
        }
    }
    fputs("set style fill solid 1.0 border lc rgb '#ffffff'\n", gp);
    fputs("set border 1 lc rgb '#666666'\nset grid xtics lt 1 lc rgb '#e6e6e6' lw 0.5\n", gp);
    fputs("set xtics nomirror out scale 0.5 tc rgb '#222222' ", gp);
    tcs_plot_put_font(gp, false, 7.5);
    if (diverging) {
        fprintf(gp, "\nset xrange [%g:%g]\nset xtics (", -range, range);
        for (double t = -range; t <= range + 1e-9; t += 25)
            fprintf(gp, "%s'%g%%%%' %g", t > -range ? ", " : "", fabs(t), t);
        fputs(")\n", gp);
        fputs("set arrow 1 from 0, graph 0 to 0, graph 1 nohead lc rgb '#333333' lw 1 front\n",
              gp);
        fputs("set xlabel 'Share of answers: below the midpoint to the left, above it to the "
              "right' ",
              gp);
    } else {
        fputs("\nset xrange [0:100]\nset xtics ('0%%' 0, '20%%' 20, '40%%' 40, '60%%' 60, "
              "'80%%' 80, '100%%' 100)\n",
              gp);
        fputs("set xlabel 'Share of answers' ", gp);
    }
    tcs_plot_put_font(gp, false, 8);
    fputc('\n', gp);
    tcs_plot_put_rows(gp, p, c, tcs_plot_right_n);
    const char *colours[TCS_SCALE_POINTS_MAX] = {0}, *texts[TCS_SCALE_POINTS_MAX] = {0};
    for (size_t i = 0; i < nb; i++)
        colours[i] = band_colour(nb, i), texts[i] = bands[i].label;
    tcs_plot_put_swatches(gp, c, colours, texts, nb, 0.95);
    if (!tcs_plot_blocks_write(b, dat))
        return false;
    for (size_t i = 0; i < nb; i++) {
        FILE *fp = tcs_plot_data_clause(pc, b, i, c->pub.name);
        if (fp)
            fprintf(fp, "using (($2+$3)/2):1:2:3:($1-0.34):($1+0.34) with boxxyerror fc rgb '%s' "
                        "notitle",
                    band_colour(nb, i));
    }
    for (size_t k = 0; k < 2; k++) {
        FILE *fp = tcs_plot_data_clause(pc, b, nb + k, c->pub.name);
        if (fp) {
            fprintf(fp, "using 1:2:3 with labels center tc rgb '%s' ", k == 0 ? "#ffffff" : "#000000");
            tcs_plot_put_font(fp, false, 7);
            fputs(" notitle", fp);
        }
    }
    return true;
}

bool tcs_plot_write_diverging(const chart_out *o) { return write_likert(o, true); }

bool tcs_plot_write_stacked(const chart_out *o) { return write_likert(o, false); }
