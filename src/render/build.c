/* build.c - a report folder from start to end: the survey folder's waves,
 * loading and checking them, charts, report files and tables built aside
 * with a manifest, and one rename into place. */
#define _POSIX_C_SOURCE 200809L
#include "tcsurvey/build.h"
#include "tcsurvey/report.h"
#include "tcsurvey/survey.h"
#include "tcsurvey/text.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

const char tcs_report_manifest_name[] = ".tcsurvey-manifest";

static bool cancelled(const tcs_report_options *o)
{
    return o->cancel && *o->cancel;
}

static tcs_status interrupted(tcs_error *err)
{
    return tcs_error_set(err, TCS_EOUTPUT, "", 0, 0, "interrupted: no report was written");
}

static void step(const tcs_report_options *o, const char *what)
{
    if (o->progress)
        o->progress(o->progress_ctx, what);
}

/* ---- the survey folder ---- */

typedef struct {
    char **spec; /* "LABEL=PATH", in order of their year */
    size_t n, cap;
} spec_list;

static void specs_free(spec_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->spec[i]);
    free(l->spec);
    memset(l, 0, sizeof *l);
}

static bool specs_add(spec_list *l, const char *label, const char *path)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **s = realloc(l->spec, cap * sizeof *s);
        if (!s)
            return false;
        l->spec = s;
        l->cap = cap;
    }
    size_t len = strlen(label) + strlen(path) + 2;
    if (!(l->spec[l->n] = malloc(len)))
        return false;
    snprintf(l->spec[l->n++], len, "%s=%s", label, path);
    return true;
}

static int by_spec(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* More exports than waves: an error naming the ones that would be left
 * out (the oldest). */
static tcs_status too_many_exports(const char *dir, const spec_list *l, tcs_error *err)
{
    char names[640] = "";
    size_t extra = l->n - TCS_WAVES_MAX, used = 0;
    for (size_t i = 0; i < extra && used + 1 < sizeof names; i++) {
        int w = snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "",
                         l->spec[i] + 5);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    return tcs_error_set(err, TCS_EINVAL, dir, 0, 0,
                         "%zu exports with a year in their names, more than the %d waves a "
                         "report takes: %s would be left out; move %s out of the folder or "
                         "give the waves with --wave LABEL=FILE",
                         l->n, TCS_WAVES_MAX, names, extra > 1 ? "them" : "it");
}

static bool is_table_name(const char *n)
{
    size_t len = strlen(n);
    return (len > 4 && strcasecmp(n + len - 4, ".csv") == 0) ||
           (len > 5 && strcasecmp(n + len - 5, ".xlsx") == 0);
}

/* Which of a folder's files are its waves: those its wave file lists
 * (waves.csv, which tcsurvey draft writes), else the exports whose names
 * hold a year, else every other export (labelled by its name when it is
 * the only one, else by its responses' dates: tcs_waves_load). l holds
 * the exports with a year, others the rest. */
static tcs_status folder_waves(const char *dir, const char *wave_file, spec_list *l,
                               spec_list *others, tcs_error *err)
{
    if (wave_file[0]) {
        char **specs;
        size_t n;
        tcs_status st = tcs_wave_file_load(wave_file, dir, &specs, &n, err);
        if (st != TCS_OK && st != TCS_ENOENT && st != TCS_EIO && st != TCS_ENOMEM)
            st = err->status = TCS_ECODEBOOK; /* a wave file that cannot be used: exit 5 */
        if (st != TCS_OK)
            return st;
        specs_free(l);
        l->spec = specs;
        l->n = l->cap = n;
        return TCS_OK;
    }
    if (l->n == 0 && others->n == 0)
        return tcs_error_set(err, TCS_ENOENT, dir, 0, 0,
                             "no survey export (.csv or .xlsx) and no %s", TCS_WAVE_FILE);
    if (l->n == 0) {
        *l = *others;
        memset(others, 0, sizeof *others);
    }
    qsort(l->spec, l->n, sizeof *l->spec, by_spec);
    if (l->n > TCS_WAVES_MAX && strchr(l->spec[0], '='))
        return too_many_exports(dir, l, err);
    return TCS_OK;
}

/* An export of the folder whose name holds no year, as a bare path. */
static bool others_add(spec_list *o, const char *path)
{
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 16;
        char **s = realloc(o->spec, cap * sizeof *s);
        if (!s)
            return false;
        o->spec = s;
        o->cap = cap;
    }
    return (o->spec[o->n] = tcs_strndup(path, strlen(path))) && ++o->n;
}

/* The folder's waves (folder_waves); codebook.csv, targets.csv, scales.csv
 * and labels.csv (a key file) are noted when present. */
static tcs_status survey_folder(const char *dir, spec_list *l, tcs_report_built *b,
                                tcs_error *err)
{
    spec_list others = {0};
    char wave_file[TCS_PATH_MAX] = "";
    DIR *d = opendir(dir);
    if (!d)
        return tcs_error_set(err, errno == ENOENT ? TCS_ENOENT : TCS_EINVAL, dir, 0, 0,
                             "cannot open the survey folder: %s", strerror(errno));
    struct dirent *e;
    tcs_status st = TCS_OK;
    while (st == TCS_OK && (e = readdir(d))) {
        const char *n = e->d_name;
        char path[TCS_PATH_MAX];
        snprintf(path, sizeof path, "%.3800s/%.255s", dir, n);
        char label[8];
        if (strcmp(n, "codebook.csv") == 0)
            snprintf(b->codebook_path, sizeof b->codebook_path, "%s", path);
        else if (strcmp(n, "targets.csv") == 0)
            snprintf(b->targets_path, sizeof b->targets_path, "%s", path);
        else if (strcmp(n, "scales.csv") == 0)
            snprintf(b->scales_path, sizeof b->scales_path, "%s", path);
        else if (strcmp(n, "labels.csv") == 0)
            snprintf(b->labels_path, sizeof b->labels_path, "%s", path);
        else if (strcmp(n, TCS_POPULATION_FILE) == 0)
            snprintf(b->population_path, sizeof b->population_path, "%s", path);
        else if (strcmp(n, TCS_WAVE_FILE) == 0)
            snprintf(wave_file, sizeof wave_file, "%s", path);
        else if (n[0] != '.' && is_table_name(n) &&
                 !tcs_wave_label_from_path(n, label, sizeof label)) {
            if (!others_add(&others, path))
                st = tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
        } else if (n[0] != '.' && is_table_name(n)) {
            for (size_t i = 0; i < l->n && st == TCS_OK; i++)
                if (strncmp(l->spec[i], label, 4) == 0 && l->spec[i][4] == '=')
                    st = tcs_error_set(err, TCS_EINVAL, dir, 0, 0,
                                       "two exports for %s: %s and %s; give the waves with "
                                       "--wave LABEL=FILE",
                                       label, l->spec[i] + 5, path);
            if (st == TCS_OK && !specs_add(l, label, path))
                st = tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
        }
    }
    closedir(d);
    if (st == TCS_OK)
        st = folder_waves(dir, wave_file, l, &others, err);
    specs_free(&others);
    return st;
}

/* ---- the destination ---- */

/* What out is now (tcs_fs_out_dir_check): an error for anything the
 * build must not touch. */
static tcs_status check_out(const tcs_report_options *o, const char *const *inputs,
                            size_t ninputs, tcs_dir_state *state, tcs_error *err)
{
    return tcs_fs_out_dir_check(o->out, tcs_report_manifest_name, "report", o->force, inputs,
                                ninputs, state, err);
}

/* ---- loading ---- */

/* A codebook or targets file that could not be used is a configuration
 * error, unless it is missing or unreadable (or memory ran out). */
static tcs_status config_status(tcs_status st, tcs_error *err)
{
    if (st == TCS_ENOENT || st == TCS_EIO || st == TCS_ENOMEM || st == TCS_OK)
        return st;
    if (err)
        err->status = TCS_ECODEBOOK;
    return TCS_ECODEBOOK;
}

/* The populations given, or else those of the folder's population.csv. */
static tcs_status apply_populations(const tcs_report_options *o, tcs_report_built *b,
                                    tcs_error *err)
{
    if (o->populations)
        return tcs_populations_apply(o->populations, b->waves, err);
    if (!b->population_path[0])
        return TCS_OK;
    tcs_populations *p = NULL;
    tcs_status st = tcs_populations_new(&p, err);
    if (st == TCS_OK)
        st = config_status(tcs_populations_load(p, b->population_path, err), err);
    if (st == TCS_OK)
        st = tcs_populations_apply(p, b->waves, err);
    tcs_populations_free(p);
    return st;
}

static tcs_status load(const tcs_report_options *o, const char *const *specs, size_t n,
                       tcs_report_built *b, tcs_error *err)
{
    const char *tp = b->targets_path[0] ? b->targets_path : NULL;
    const char *cp = b->codebook_path[0] ? b->codebook_path : NULL;
    const char *sp = b->scales_path[0] ? b->scales_path : NULL;
    const char *lp = b->labels_path[0] ? b->labels_path : NULL;
    tcs_status st = TCS_OK;
    if (tp)
        st = config_status(tcs_targets_load(tp, &b->targets, err), err);
    if (st == TCS_OK && b->targets && tcs_targets_count(b->targets) == 0) {
        tcs_targets_free(b->targets); /* only example rows ('#'): no targets yet */
        b->targets = NULL;
    }
    if (st == TCS_OK && sp)
        st = config_status(tcs_scale_set_load(sp, &b->scales, err), err);
    if (st == TCS_OK && cp)
        st = config_status(tcs_codebook_load_with(cp, b->scales, &b->codebook, err), err);
    if (st == TCS_OK && lp)
        st = config_status(tcs_keyfile_load(lp, &b->labels, err), err);
    tcs_waves_options wo = {b->codebook, o->sheet, b->scales, b->labels, o->allow_other};
    if (st == TCS_OK)
        st = tcs_waves_load_with(specs, n, &wo, &b->waves, err);
    if (st == TCS_OK)
        st = apply_populations(o, b, err);
    if (st == TCS_OK)
        st = tcs_waves_compare(b->waves, o->check.alpha, err);
    if (st == TCS_OK && b->targets)
        st = tcs_check_run(b->targets, b->waves, &o->check, &b->check, err);
    if (st == TCS_OK && o->by)
        st = tcs_grouping_compare(b->waves, o->by, o->min_group > 0 ? o->min_group
                                                                     : TCS_MIN_GROUP_DEFAULT,
                                  o->check.alpha, &b->groups, err);
    return st;
}

/* ---- writing ---- */

static tcs_status write_reports(const tcs_report *r, const char *tmp, tcs_error *err)
{
    static const char *const names[2] = {"report.html", "report.md"};
    tcs_status st = TCS_OK;
    for (int k = 0; k < 2 && st == TCS_OK; k++) {
        char path[TCS_PATH_MAX + 32];
        snprintf(path, sizeof path, "%s/%s", tmp, names[k]);
        FILE *fp = fopen(path, "w");
        if (!fp)
            return tcs_error_set(err, TCS_EOUTPUT, path, 0, 0, "cannot write: %s",
                                 strerror(errno));
        st = tcs_report_write(fp, r, k == 0 ? TCS_REPORT_HTML : TCS_REPORT_MD, err);
        int e = errno;
        if (fclose(fp) != 0 && st == TCS_OK)
            e = errno, st = TCS_EIO;
        if (st == TCS_EIO)
            st = tcs_error_set(err, TCS_EOUTPUT, path, 0, 0, "cannot write: %s",
                               strerror(e ? e : EIO));
    }
    return st;
}

/* Charts, report files, tables and the manifest, all in tmp. */
static tcs_status write_all(const tcs_report_options *o, tcs_report_built *b, const char *title,
                            const char *tmp, tcs_error *err)
{
    char charts[TCS_PATH_MAX + 16];
    snprintf(charts, sizeof charts, "%s/charts", tmp);
    tcs_plot_options po = {TCS_PLOT_PNG | TCS_PLOT_SVG, TCS_ORDER_QUESTIONNAIRE, true, o->gnuplot,
                           NULL, o->cancel};
    step(o, "drawing the charts");
    tcs_status st = tcs_plot_plan(b->waves, b->check, &po, &b->plot, err);
    if (st == TCS_OK)
        st = tcs_plot_render(b->plot, charts, err);
    if (st == TCS_OK && cancelled(o))
        st = interrupted(err);
    tcs_report r = {title, b->waves, b->targets, b->check, b->plot, charts, "charts", b->groups};
    if (st == TCS_OK) {
        step(o, "writing the report");
        st = write_reports(&r, tmp, err);
    }
    if (st == TCS_OK)
        st = tcs_report_write_tables(&r, tmp, err);
    if (st == TCS_OK && !o->no_docx) {
        step(o, "writing report.docx");
        st = tcs_report_write_docx(&r, tmp, o->pandoc, o->cancel, b->docx_note,
                                   sizeof b->docx_note, err);
    }
    if (st == TCS_OK)
        st = tcs_fs_manifest_write(tmp, tcs_report_manifest_name, err);
    if (st == TCS_OK && cancelled(o))
        st = interrupted(err);
    return st;
}

/* The folder's own name, as the default title. */
static void folder_title(const char *folder, char *out, size_t outsz)
{
    size_t len = strlen(folder);
    while (len > 1 && folder[len - 1] == '/')
        len--;
    const char *base = folder + len;
    while (base > folder && base[-1] != '/')
        base--;
    snprintf(out, outsz, "%.*s", (int)(folder + len - base), base);
}

/* The files this build reads: its waves' exports, codebook and targets. */
static const char **input_paths(const char *const *specs, size_t n, const tcs_report_built *b)
{
    const char **in = calloc(n + 5, sizeof *in);
    if (!in)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        char label[32];
        const char *path = NULL;
        if (tcs_wave_spec_split(specs[i], label, sizeof label, &path, NULL) == TCS_OK)
            in[i] = path;
    }
    in[n] = b->codebook_path[0] ? b->codebook_path : NULL;
    in[n + 1] = b->targets_path[0] ? b->targets_path : NULL;
    in[n + 2] = b->scales_path[0] ? b->scales_path : NULL;
    in[n + 3] = b->labels_path[0] ? b->labels_path : NULL;
    in[n + 4] = b->population_path[0] ? b->population_path : NULL;
    return in;
}

tcs_status tcs_report_build(const tcs_report_options *o, tcs_report_built *out, tcs_error *err)
{
    tcs_report_built *b = out;
    memset(b, 0, sizeof *b);
    if (!o->out || !*o->out)
        return tcs_error_set(err, TCS_EINVAL, "", 0, 0, "no folder for the report");
    spec_list l = {0};
    tcs_status st = o->folder ? survey_folder(o->folder, &l, b, err) : TCS_OK;
    if (st == TCS_OK && o->codebook)
        snprintf(b->codebook_path, sizeof b->codebook_path, "%s", o->codebook);
    if (st == TCS_OK && o->targets)
        snprintf(b->targets_path, sizeof b->targets_path, "%s", o->targets);
    if (st == TCS_OK && o->scales)
        snprintf(b->scales_path, sizeof b->scales_path, "%s", o->scales);
    if (st == TCS_OK && o->labels)
        snprintf(b->labels_path, sizeof b->labels_path, "%s", o->labels);
    const char *const *specs = o->folder ? (const char *const *)l.spec : o->waves;
    size_t n = o->folder ? l.n : o->nwaves;
    const char **inputs = st == TCS_OK ? input_paths(specs, n, b) : NULL;
    if (st == TCS_OK && !inputs)
        st = tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
    tcs_dir_state state = TCS_DIR_NEW;
    if (st == TCS_OK)
        st = check_out(o, inputs, n + 5, &state, err);
    char title[256] = "";
    if (o->title)
        snprintf(title, sizeof title, "%s", o->title);
    else if (o->folder)
        folder_title(o->folder, title, sizeof title);
    if (st == TCS_OK) {
        step(o, "reading the waves");
        st = load(o, specs, n, b, err);
    }
    if (st == TCS_OK && cancelled(o))
        st = interrupted(err);
    char tmp[TCS_PATH_MAX];
    bool made = false;
    if (st == TCS_OK)
        made = (st = tcs_fs_temp_dir(o->out, tmp, sizeof tmp, err)) == TCS_OK;
    if (st == TCS_OK)
        st = write_all(o, b, o->title || o->folder ? title : NULL, tmp, err);
    /* the build took a while: what is at out must still be what was checked
     * (a file saved into the old report meanwhile must not go with it) */
    tcs_dir_state now = TCS_DIR_NEW;
    if (st == TCS_OK)
        st = check_out(o, inputs, n + 5, &now, err);
    if (st == TCS_OK && now != state)
        st = tcs_error_set(err, TCS_EOUTPUT, o->out, 0, 0,
                           "changed while the report was being built; run it again");
    if (st == TCS_OK)
        st = tcs_fs_out_dir_replace(tmp, o->out, state, err);
    if (st != TCS_OK && made)
        tcs_fs_remove_tree(tmp, NULL); /* gone already when it was moved */
    free(inputs);
    specs_free(&l);
    if (st != TCS_OK)
        tcs_report_built_free(b);
    return st;
}

void tcs_report_built_free(tcs_report_built *b)
{
    if (!b)
        return;
    tcs_plot_free(b->plot);
    tcs_grouping_free(b->groups);
    tcs_check_free(b->check);
    tcs_waves_free(b->waves);
    tcs_codebook_free(b->codebook);
    tcs_scale_set_free(b->scales);
    tcs_keyfile_free(b->labels);
    tcs_targets_free(b->targets);
    memset(b, 0, sizeof *b);
}
