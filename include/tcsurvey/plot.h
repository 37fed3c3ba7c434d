/* plot.h - charts of survey results for a self-assessment, drawn by gnuplot.
 *
 * First plan the charts (tcs_plot_plan: which charts, their names, titles
 * and sizes, from compared waves and, optionally, checked targets), then
 * draw them (tcs_plot_render): tcsurvey writes one gnuplot script and one
 * data file per chart into a temporary folder inside the output folder,
 * runs gnuplot once over all of them, checks every image was made and only
 * then moves the images into place. When gnuplot is missing or fails no
 * image is left behind.
 *
 * Charts (kinds):
 *   likert-diverging  per wave and scale: one bar per question, stacked by
 *                     scale point and centred on the scale's midpoint
 *   likert-stacked    the same as 100% stacked bars
 *   means             per wave and scale: mean with 95% CI per question,
 *                     targets and baselines of the targets file as markers
 *   change            per pair of waves and scale: a dumbbell per question,
 *                     earlier to later mean, clear changes coloured
 *   trend             pillar scores across the waves (two or more)
 *   rag               targets per pillar: green / amber / red / grey
 * Ratings with more than 7 points are drawn in 4 or 5 bands (1-3, 4-5,
 * 6-7, 8-10 for 1-10), split at the midpoint so the bars right of the
 * centre line are exactly the "% high" of the summary. */
#ifndef TCSURVEY_PLOT_H
#define TCSURVEY_PLOT_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include "tcsurvey/error.h"
#include "tcsurvey/targets.h"
#include "tcsurvey/waves.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    TCS_CHART_LIKERT_DIVERGING,
    TCS_CHART_LIKERT_STACKED,
    TCS_CHART_MEANS,
    TCS_CHART_CHANGE,
    TCS_CHART_TREND,
    TCS_CHART_RAG,
    TCS_CHART_KIND_COUNT
} tcs_chart_kind;

/* "likert-diverging", "likert-stacked", "means", "change", "trend", "rag". */
const char *tcs_chart_kind_name(tcs_chart_kind kind);

/* Image formats, as bits. */
enum { TCS_PLOT_PNG = 1u, TCS_PLOT_SVG = 2u, TCS_PLOT_PDF = 4u };

/* "png", "svg" or "pdf" -> its bit; a comma-separated list is accepted
 * ("png,svg"). False on anything else. */
bool tcs_plot_formats_parse(const char *text, unsigned *out);

typedef enum {
    TCS_ORDER_QUESTIONNAIRE, /* as asked */
    TCS_ORDER_HIGH           /* by % high (favourable), highest first, within each pillar */
} tcs_plot_order;

typedef struct {
    unsigned formats;     /* TCS_PLOT_* bits; 0 = PNG */
    tcs_plot_order order;
    bool per_pillar;      /* question charts one per pillar (else one chart
                             with pillar headings, split when too tall for A4) */
    const char *gnuplot;  /* program; NULL = tcs_gp_program(NULL) */
    const char *keep_dir; /* also copy each chart's .gp and .dat here (NULL = no) */
    /* tcs_plot_render stops (TCS_EOUTPUT, no image left) when this becomes
     * non-zero, e.g. set by the caller's SIGINT handler. May be NULL. */
    const volatile sig_atomic_t *cancel;
} tcs_plot_options;

typedef struct {
    tcs_chart_kind kind;
    char name[192];       /* file name without extension: "likert-diverging-2024-1-10" */
    char title[320];      /* what it shows, plain text (for captions) */
    char pillar[128];     /* the pillar of a per-pillar chart, "" otherwise */
    char scale[24];       /* the scale of a question chart ("1-10", "agree5"), "" otherwise */
    tcs_scale scale_def;  /* that scale (question and trend charts) */
    size_t wave, wave_to; /* wave indexes (wave_to: change charts) */
    size_t questions;     /* questions drawn */
    double width_cm, height_cm;
} tcs_chart;

typedef struct tcs_plot tcs_plot;

/* Plan the charts for waves w (compared with tcs_waves_compare) and the
 * checked targets c (NULL = none: no target markers and no rag chart).
 * w and c must outlive the plan. */
tcs_status tcs_plot_plan(const tcs_waves *w, const tcs_check *c, const tcs_plot_options *o,
                         tcs_plot **out, tcs_error *err);
void tcs_plot_free(tcs_plot *p);
size_t tcs_plot_count(const tcs_plot *p);
const tcs_chart *tcs_plot_chart(const tcs_plot *p, size_t i);

/* Draw every planned chart into outdir (created if missing, its parent
 * must exist; removed again on failure when it was made) as
 * outdir/NAME.png, .svg, .pdf per the formats. Errors:
 * TCS_EOUTPUT (outdir or keep_dir cannot be made or written, or cancelled),
 * TCS_EPROGRAM (gnuplot missing or failed: no image is written),
 * TCS_ENOMEM. */
tcs_status tcs_plot_render(const tcs_plot *p, const char *outdir, tcs_error *err);

#ifdef __cplusplus
}
#endif
#endif
