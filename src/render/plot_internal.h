/* plot_internal.h - what the chart modules share (internal to the library).
 *
 *   plot.c          the plan: which charts, their rows, names, titles, sizes
 *   plot_kinds.c    the chart kinds, one row each: name, how it is planned,
 *                   its title, its renderer
 *   plot_frame.c    what every chart has: title, legend swatches, question
 *                   labels on the y axis, right-hand labels
 *   plot_bars.c     answers by question (diverging and 100% stacked bars)
 *   plot_means.c    means with CI and targets; change between two waves
 *   plot_pillars.c  pillar scores by wave; RAG counts by pillar
 *   plot_render.c   one script and data file per chart, one gnuplot run
 *
 * A new chart kind is a row of plot_kinds.c's table and its renderer.
 * Every piece of survey text goes into a script through the gnuplot
 * writers of escape.h; data files hold numbers only. */
#ifndef TCSURVEY_RENDER_PLOT_INTERNAL_H
#define TCSURVEY_RENDER_PLOT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "tcsurvey/plot.h"

/* ---- page geometry (A4 portrait, 16 cm of text width) ---- */

#define CHART_WIDTH_CM 16.0
#define ROW_CM 0.62         /* a question row: two lines of 8 pt */
#define TOP_CM 1.8          /* title and legend */
#define TITLE_LINE_CM 0.45  /* a title's second line */
#define BOTTOM_CM 1.5       /* x axis */
#define NOTE_LINE_CM 0.4    /* a line of notes under the x axis */
#define ROWS_MAX 30         /* rows per chart, headings included: 24 cm at most */
#define PNG_DPI 200.0
#define SVG_DPI 96.0
#define LABEL_LINE_CHARS 40 /* characters per line of a question label */
#define TITLE_LINE_CHARS 72 /* characters per line of a title (10 pt bold, 16 cm) */
#define LEFT_FRACTION 0.40  /* question labels take the left 40% */
#define RIGHT_FRACTION 0.88 /* n per question in the right 12% */

extern const char tcs_plot_font[]; /* "DejaVu Sans" */

/* ---- the plan ---- */

/* A row of a question chart: a question, or a pillar heading. */
typedef struct {
    size_t q;            /* matched question index; SIZE_MAX for a heading */
    const char *heading; /* pillar name (headings only) */
} plot_row;

typedef struct {
    tcs_chart pub;
    plot_row *rows;
    size_t nrows;
    size_t title_lines;     /* 1 or 2 */
    char title_text[2][256]; /* the title as drawn: wrapped, shortened */
    double legend_extra_cm; /* legend rows beyond the first */
    double notes_cm;        /* lines of notes under the x axis */
} chart;

struct tcs_plot {
    const tcs_waves *w;
    const tcs_check *check;
    tcs_plot_options opt;
    chart *charts;
    size_t ncharts, cap;
};

/* ---- the kinds ---- */

/* How a kind's charts are planned. */
typedef enum {
    PLAN_PER_WAVE, /* one per wave and scale (split or per pillar): its questions */
    PLAN_PER_PAIR, /* one per pair of waves compared and scale: the questions compared */
    PLAN_TREND,    /* one per scale the pillars are on (two or more waves) */
    PLAN_RAG       /* one, with checked targets */
} plan_scope;

/* Blocks of a data file: written in memory, then only the non-empty ones
 * go to the file (gnuplot warns about empty blocks), numbered in order. */
typedef struct {
    char **buf;
    size_t *len;
    FILE **fp;
    int *index; /* gnuplot index in the file, -1 = empty */
    size_t n;
} blocks;

/* The plot command, built clause by clause. */
typedef struct {
    FILE *fp;
    char *buf;
    size_t len;
    size_t clauses;
} plot_cmd;

/* What a renderer writes into: the script (before the plot command),
 * the data file, the data blocks and the plot command. */
typedef struct {
    FILE *gp, *dat;
    const tcs_plot *p;
    const chart *c;
    blocks *b;
    plot_cmd *pc;
} chart_out;

typedef struct {
    tcs_chart_kind kind;
    const char *name;  /* file names and tcs_chart_kind_name */
    plan_scope scope;
    /* The title's opening; the plan adds what the chart is of: PER_WAVE
     * ", WAVE (SCALE)", PER_PAIR ", FROM to TO (SCALE)", TREND " (SCALE)",
     * then the pillar (": Visibility") or part (", part 2 of 3"). */
    const char *title;
    bool band_legend;  /* its legend is the scale's points or bands */
    size_t nblocks;    /* data blocks it needs (0: one per pillar, and one) */
    bool (*write)(const chart_out *o);
} chart_kind_def;

/* The row of kind, or NULL. */
const chart_kind_def *tcs_plot_kind(tcs_chart_kind kind);
/* Rows in table order. */
size_t tcs_plot_nkinds(void);
const chart_kind_def *tcs_plot_kind_at(size_t i);

/* ---- shared by the renderers ---- */

bool tcs_plot_blocks_open(blocks *b, size_t n);
/* Close the blocks and write the non-empty ones to dat. */
bool tcs_plot_blocks_write(blocks *b, FILE *dat);
void tcs_plot_blocks_free(blocks *b);

/* The next clause of the plot command; a data clause for block k of the
 * chart's data file, NULL when the block is empty. */
FILE *tcs_plot_clause(plot_cmd *pc);
FILE *tcs_plot_data_clause(plot_cmd *pc, const blocks *b, size_t k, const char *name);

size_t tcs_plot_utf8_chars(const char *s, size_t n);

/* text in at most max_lines lines of at most width characters, cut at a
 * word with "..." when longer. Returns the lines used. */
size_t tcs_plot_wrap(const char *text, size_t width, size_t max_lines, char lines[][256]);

/* A chart's title as drawn, from c->pub.title: one line, or two. */
void tcs_plot_title_lines(chart *c);

/* "Career Development" -> "career-development". */
void tcs_plot_slug(const char *s, char *out, size_t outsz);

/* How a scale reads in a title: "ratings 1-10", "agreement, 5 points". */
void tcs_plot_scale_phrase(const tcs_scale *s, char *out, size_t outsz);

double tcs_plot_row_y(const chart *c, size_t r);
void tcs_plot_put_font(FILE *gp, bool bold, double size);
void tcs_plot_put_tic(FILE *fp, const char *s);

/* The title (one or two centred lines at the top). */
void tcs_plot_put_title(FILE *gp, const chart *c);
/* Title, margins in fractions of the page, the key between title and plot. */
void tcs_plot_put_frame(FILE *gp, const chart *c, double left, double right, double top_cm,
                        double bottom_cm);

/* The text of the right-hand label of a question row (n per question...). */
typedef void (*right_label_fn)(const tcs_plot *p, const chart *c, const tcs_matched *m,
                               char *out, size_t outsz);
void tcs_plot_right_n(const tcs_plot *p, const chart *c, const tcs_matched *m, char *out,
                      size_t outsz);
void tcs_plot_right_n_pair(const tcs_plot *p, const chart *c, const tcs_matched *m, char *out,
                           size_t outsz);
/* y axis of a question chart: wrapped labels left, pillar headings at the
 * far left, right-hand labels on y2. */
void tcs_plot_put_rows(FILE *gp, const tcs_plot *p, const chart *c, right_label_fn right);

/* A legend of coloured boxes across the whole width in centred rows,
 * the first top_cm below the top of the chart. */
void tcs_plot_put_swatches(FILE *gp, const chart *c, const char *const *colours,
                           const char *const *texts, size_t n, double top_cm);
/* Rows those swatches need. */
size_t tcs_plot_swatch_rows(const char *const *texts, size_t n);
#define SWATCH_ROW_CM 0.45

/* Lines of notes under the x axis (numbered labels from 90). */
void tcs_plot_put_notes(FILE *gp, const chart *c, const char *const *lines, size_t n);

/* White text on dark colours, black on light ones. */
bool tcs_plot_dark_colour(const char *hex);

/* Height the band legend of scale s takes beyond one row (bars). */
double tcs_plot_band_legend_extra(const tcs_scale *s);

/* The scale of a pillar's items: that of its first question. */
const tcs_scale *tcs_plot_pillar_scale(const tcs_waves *w, const char *pillar);

/* The renderers (plot_bars.c, plot_means.c, plot_pillars.c). */
bool tcs_plot_write_diverging(const chart_out *o);
bool tcs_plot_write_stacked(const chart_out *o);
bool tcs_plot_write_means(const chart_out *o);
bool tcs_plot_write_change(const chart_out *o);
bool tcs_plot_write_trend(const chart_out *o);
bool tcs_plot_write_rag(const chart_out *o);

/* Pillars a trend chart of scale draws (its key's rows). */
size_t tcs_plot_trend_pillars(const tcs_waves *w, const char *scale);
#define TREND_KEY_ROW_CM 0.42
#define RAG_ROW_CM 1.0

/* Lines of notes a change chart needs under its axis (its marks). */
size_t tcs_plot_change_notes(const tcs_plot *p, const chart *c, const char **lines,
                             size_t max);

#endif
