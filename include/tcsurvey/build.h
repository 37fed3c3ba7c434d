/* build.h - build a report folder from start to end (tcsurvey report).
 *
 * tcs_report_build finds the waves of a survey folder (or takes them as
 * given), loads them with the codebook and targets, compares and checks
 * them, and writes the charts, report.html, report.md, report.docx (with
 * pandoc, when it is installed), the CSV tables and tables.xlsx into a
 * temporary folder beside the destination, with a manifest of every
 * file it wrote (.tcsurvey-manifest). Only when all of it is written is the
 * folder renamed into place: a failed or interrupted build leaves nothing.
 *
 * The destination must not exist, or be an empty folder, or (with force) a
 * report this tool wrote that is still exactly as written: the manifest's
 * files, unchanged, and nothing else. Anything else is never touched, and
 * a symbolic link is never followed or replaced. */
#ifndef TCSURVEY_BUILD_H
#define TCSURVEY_BUILD_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include "tcsurvey/codebook.h"
#include "tcsurvey/error.h"
#include "tcsurvey/fs.h"
#include "tcsurvey/groups.h"
#include "tcsurvey/plot.h"
#include "tcsurvey/population.h"
#include "tcsurvey/targets.h"
#include "tcsurvey/waves.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The manifest's file name inside a report folder. */
extern const char tcs_report_manifest_name[]; /* ".tcsurvey-manifest" */

/* Told each step as it starts ("reading the waves", "drawing the charts",
 * "writing the report"). */
typedef void (*tcs_progress_fn)(void *ctx, const char *step);

typedef struct {
    const char *out;            /* the report folder */
    bool force;                 /* replace an earlier report in out */
    const char *folder;         /* a survey folder, or NULL for waves */
    const char *const *waves;   /* "LABEL=FILE" or FILE (no folder) */
    size_t nwaves;
    const char *codebook;       /* NULL = the folder's codebook.csv, if any */
    const char *scales;         /* NULL = the folder's scales.csv, if any */
    const char *labels;         /* a key file; NULL = the folder's labels.csv, if any */
    bool allow_other;           /* answers off a codebook's scale: warn, not fail */
    /* Each wave's population (--population), applied after loading; NULL
     * = the folder's population.csv (TCS_POPULATION_FILE), if any. */
    const tcs_populations *populations;
    const char *targets;        /* NULL = the folder's targets.csv, if any */
    const char *sheet;          /* xlsx sheet, NULL = first visible */
    const char *title;          /* NULL = the survey folder's name */
    tcs_check_options check;
    const char *gnuplot;        /* NULL = tcs_gp_program(NULL) */
    const char *pandoc;         /* NULL = tcs_pandoc_program(NULL) */
    bool no_docx;               /* do not make report.docx */
    const char *by;             /* --by COLUMN: the groups' heat map and sheet; NULL = none */
    long min_group;             /* with by: smaller groups suppressed (0 = the default, 5) */
    /* Checked between steps and while gnuplot runs: when it becomes
     * non-zero (a signal handler of the caller sets it) the build stops,
     * removes its temporary folder and returns TCS_EOUTPUT. May be NULL. */
    const volatile sig_atomic_t *cancel;
    tcs_progress_fn progress;   /* may be NULL */
    void *progress_ctx;
} tcs_report_options;

/* What the build loaded, for warnings and targets row errors. */
typedef struct {
    tcs_scale_set *scales;
    tcs_codebook *codebook;
    tcs_keyfile *labels;
    tcs_targets *targets;
    tcs_waves *waves;
    tcs_check *check;
    tcs_plot *plot;
    tcs_grouping *groups;             /* with by */
    /* Why report.docx is not in the report ("" when it is): pandoc is
     * missing or failed. The rest of the report is written all the same. */
    char docx_note[768];
    char codebook_path[TCS_PATH_MAX]; /* "" = none */
    char targets_path[TCS_PATH_MAX];  /* "" = none */
    char scales_path[TCS_PATH_MAX];   /* "" = none */
    char labels_path[TCS_PATH_MAX];   /* "" = none */
    char population_path[TCS_PATH_MAX]; /* the folder's population.csv, "" = none */
} tcs_report_built;

/* Build the report folder o->out. On success *out holds what was loaded
 * (free with tcs_report_built_free); on failure it is empty. Errors:
 * TCS_EINVAL (a survey folder with two exports for one year or more than
 * TCS_WAVES_MAX of them; bad wave specs), TCS_ENOENT (no survey folder or
 * no export in it), TCS_ECODEBOOK (the codebook or targets file is wrong),
 * any error of the waves, TCS_EOUTPUT (out cannot be made or replaced, or
 * the build was cancelled), TCS_EPROGRAM (gnuplot missing or failed). */
tcs_status tcs_report_build(const tcs_report_options *o, tcs_report_built *out, tcs_error *err);
void tcs_report_built_free(tcs_report_built *b);

#ifdef __cplusplus
}
#endif
#endif
