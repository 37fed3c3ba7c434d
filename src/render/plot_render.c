/* plot_render.c - one gnuplot script and one data file per chart (its
 * kind's renderer, plot_kinds.c), written into a work folder inside the
 * output folder, one gnuplot run over all of them, then every image
 * checked and only then moved into place. */
#define _POSIX_C_SOURCE 200809L
#include "render/plot_internal.h"
#include "tcsurvey/fs.h"
#include "tcsurvey/gnuplot.h"
#include "tcsurvey/tcsurvey.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void put_terminal(FILE *gp, unsigned format, const chart *c)
{
    double w = c->pub.width_cm, h = c->pub.height_cm;
    if (format == TCS_PLOT_PNG)
        fprintf(gp, "set terminal pngcairo size %d,%d font '%s,9' fontscale %.4f linewidth %.4f "
                    "noenhanced background rgb '#ffffff'\n",
                (int)lround(w / 2.54 * PNG_DPI), (int)lround(h / 2.54 * PNG_DPI), tcs_plot_font,
                PNG_DPI / SVG_DPI, PNG_DPI / SVG_DPI);
    else if (format == TCS_PLOT_SVG) {
        char id[sizeof c->pub.name + 8];
        snprintf(id, sizeof id, "tcs_%s", c->pub.name);
        for (char *q = id; *q; q++)
            if (*q == '-')
                *q = '_';
        fprintf(gp, "set terminal svg size %d,%d fixed name '%s' font '%s,9' fontscale %.4f "
                    "noenhanced background rgb '#ffffff'\n",
                (int)lround(w / 2.54 * SVG_DPI), (int)lround(h / 2.54 * SVG_DPI), id, tcs_plot_font,
                SVG_DPI / 72.0);
    } else
        fprintf(gp, "set terminal pdfcairo size %.2fcm,%.2fcm font '%s,9' fontscale 0.7 pointscale 0.6 "
                    "noenhanced\n",
                w, h, tcs_plot_font);
}

static const char *format_ext(unsigned format)
{
    return format == TCS_PLOT_PNG ? "png" : format == TCS_PLOT_SVG ? "svg" : "pdf";
}

static bool write_chart(const tcs_plot *p, const chart *c, FILE *gp, FILE *dat)
{
    const chart_kind_def *k = tcs_plot_kind(c->pub.kind);
    size_t nblocks = k && k->nblocks ? k->nblocks : tcs_waves_npillars(p->w) + 1;
    blocks b = {0};
    plot_cmd pc = {NULL, NULL, 0, 0};
    bool ok = k && tcs_plot_blocks_open(&b, nblocks) && (pc.fp = open_memstream(&pc.buf, &pc.len));
    /* no text of the survey here: it goes into the script only as quoted
     * strings (the title is label 1) */
    fprintf(gp, "# %s.gp: a %s chart\n", c->pub.name, tcs_chart_kind_name(c->pub.kind));
    fprintf(gp, "# Written by tcsurvey %s. Restyle it and run `gnuplot %s.gp` in this folder;\n"
                "# the figures are in %s.dat (tab-separated blocks, numbered from 0).\n",
            TCSURVEY_VERSION, c->pub.name, c->pub.name);
    fputs("reset\nset encoding utf8\nset datafile separator '\\t'\nunset key\nunset title\n", gp);
    tcs_gp_put_preamble(gp);
    if (c->nrows)
        tcs_plot_put_frame(gp, c, LEFT_FRACTION, RIGHT_FRACTION, TOP_CM + c->legend_extra_cm,
                           BOTTOM_CM + c->notes_cm);
    chart_out o = {gp, dat, p, c, &b, &pc};
    if (ok)
        ok = k->write(&o);
    if (pc.fp && fclose(pc.fp) != 0)
        ok = false;
    pc.fp = NULL;
    bool first = true;
    for (unsigned f = TCS_PLOT_PNG; ok && f <= TCS_PLOT_PDF; f <<= 1) {
        if (!(p->opt.formats & f))
            continue;
        put_terminal(gp, f, c);
        fprintf(gp, "set output '%s.%s'\n", c->pub.name, format_ext(f));
        if (first)
            fwrite(pc.buf, 1, pc.len, gp), fputc('\n', gp);
        else
            fputs("replot\n", gp);
        first = false;
    }
    fputs("set output\n", gp);
    free(pc.buf);
    tcs_plot_blocks_free(&b);
    return ok;
}

/* dir/name.ext into buf; false when it does not fit. */
static bool join_path(char *buf, size_t n, const char *dir, const char *name, const char *ext)
{
    /* folder names over 3000 bytes are refused before this */
    int len = snprintf(buf, n, "%.3600s/%.200s%s%.8s", dir, name, ext ? "." : "", ext ? ext : "");
    return len >= 0 && (size_t)len < n;
}

/* A folder that exists or was just made (its parent must exist); *made
 * (may be NULL) says which. */
static tcs_status ensure_folder(const char *dir, bool *made, tcs_error *err)
{
    struct stat sb;
    bool new_dir = mkdir(dir, 0777) == 0;
    if (made)
        *made = new_dir;
    if (!new_dir && errno != EEXIST)
        return tcs_error_set(err, TCS_EOUTPUT, dir, 0, 0, "cannot make the folder: %s",
                             strerror(errno));
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return tcs_error_set(err, TCS_EOUTPUT, dir, 0, 0, "exists and is not a folder");
    return TCS_OK;
}

static bool read_file(const char *path, char **buf, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return false;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    size_t got;
    while (b && (got = fread(b + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(b, cap *= 2);
            if (!nb)
                free(b);
            b = nb;
        }
    }
    bool ok = b && !ferror(fp);
    fclose(fp);
    if (!ok) {
        free(b);
        return false;
    }
    *buf = b;
    *len = n;
    return true;
}

/* gnuplot's SVG names one font ("DejaVu Sans", "DejaVu Sans:Bold"): give
 * browsers without it fallbacks, and turn ":Bold" into font-weight. */
static bool svg_fix_fonts(const char *path)
{
    char *buf;
    size_t len;
    if (!read_file(path, &buf, &len))
        return false;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%.4000s.fix", path);
    FILE *fp = fopen(tmp, "wb");
    if (!fp) {
        free(buf);
        return false;
    }
    char key[64];
    int keylen = snprintf(key, sizeof key, "font-family=\"%s", tcs_plot_font);
    for (size_t i = 0; i < len;) {
        if (len - i > (size_t)keylen && memcmp(buf + i, key, (size_t)keylen) == 0) {
            size_t j = i + (size_t)keylen;
            bool bold = len - j >= 6 && memcmp(buf + j, ":Bold\"", 6) == 0;
            if (bold || buf[j] == '"') {
                fprintf(fp, "font-family=\"%s, Arial, Helvetica, sans-serif\"%s", tcs_plot_font,
                        bold ? " font-weight=\"bold\"" : "");
                i = j + (bold ? 6 : 1);
                continue;
            }
        }
        fputc(buf[i++], fp);
    }
    free(buf);
    bool ok = !ferror(fp);
    ok = fclose(fp) == 0 && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok)
        unlink(tmp);
    return ok;
}

static bool copy_file(const char *from, const char *to)
{
    char *buf;
    size_t len;
    if (!read_file(from, &buf, &len))
        return false;
    FILE *fp = fopen(to, "wb");
    bool ok = fp && fwrite(buf, 1, len, fp) == len;
    if (fp && fclose(fp) != 0)
        ok = false;
    free(buf);
    return ok;
}

static tcs_status write_scripts(const tcs_plot *p, const char *work, tcs_error *err)
{
    char path[4096];
    join_path(path, sizeof path, work, "all", "gp");
    FILE *all = fopen(path, "w");
    if (!all)
        return tcs_error_set(err, TCS_EOUTPUT, path, 0, 0, "cannot write: %s", strerror(errno));
    fprintf(all, "# all.gp: every chart of this run (tcsurvey %s). Run `gnuplot all.gp` here.\n",
            TCSURVEY_VERSION);
    bool ok = true;
    for (size_t i = 0; i < p->ncharts && ok; i++) {
        const chart *c = &p->charts[i];
        char gpath[4096], dpath[4096];
        join_path(gpath, sizeof gpath, work, c->pub.name, "gp");
        join_path(dpath, sizeof dpath, work, c->pub.name, "dat");
        FILE *gp = fopen(gpath, "w"), *dat = fopen(dpath, "w");
        ok = gp && dat;
        if (ok) {
            fprintf(dat, "# %s.dat: the figures of %s.gp\n", c->pub.name, c->pub.name);
            ok = write_chart(p, c, gp, dat);
        }
        if (gp && (ferror(gp) || fclose(gp) != 0))
            ok = false;
        if (dat && (ferror(dat) || fclose(dat) != 0))
            ok = false;
        fprintf(all, "load '%s.gp'\n", c->pub.name);
    }
    if (ferror(all) || fclose(all) != 0)
        ok = false;
    if (!ok)
        return tcs_error_set(err, TCS_EOUTPUT, work, 0, 0, "cannot write the chart scripts: %s",
                             strerror(errno ? errno : EIO));
    return TCS_OK;
}

static tcs_status keep_scripts(const tcs_plot *p, const char *work, tcs_error *err)
{
    const char *keep = p->opt.keep_dir;
    tcs_status st = ensure_folder(keep, NULL, err);
    if (st != TCS_OK)
        return st;
    char from[4096], to[4096];
    join_path(from, sizeof from, work, "all", "gp");
    join_path(to, sizeof to, keep, "all", "gp");
    bool ok = copy_file(from, to);
    for (size_t i = 0; i < p->ncharts && ok; i++) {
        static const char *const exts[2] = {"gp", "dat"};
        for (size_t k = 0; k < 2 && ok; k++) {
            join_path(from, sizeof from, work, p->charts[i].pub.name, exts[k]);
            join_path(to, sizeof to, keep, p->charts[i].pub.name, exts[k]);
            ok = copy_file(from, to);
        }
    }
    if (!ok)
        return tcs_error_set(err, TCS_EOUTPUT, to, 0, 0, "cannot write: %s",
                             strerror(errno ? errno : EIO));
    return TCS_OK;
}

tcs_status tcs_plot_render(const tcs_plot *p, const char *outdir, tcs_error *err)
{
    /* chart names are short; a folder name this long is a mistake */
    if (strlen(outdir) > 3000 || (p->opt.keep_dir && strlen(p->opt.keep_dir) > 3000))
        return tcs_error_set(err, TCS_EOUTPUT, "", 0, 0, "folder name too long");
    bool made;
    tcs_status st = ensure_folder(outdir, &made, err);
    if (st != TCS_OK)
        return st;
    /* the work folder is inside outdir, so the images move by rename */
    char work[4096];
    snprintf(work, sizeof work, "%.3600s/.tcsurvey-charts-XXXXXX", outdir);
    if (!mkdtemp(work)) {
        st = tcs_error_set(err, TCS_EOUTPUT, outdir, 0, 0, "cannot write in the folder: %s",
                           strerror(errno));
        if (made)
            rmdir(outdir);
        return st;
    }
    st = write_scripts(p, work, err);
    if (st == TCS_OK && p->opt.keep_dir)
        st = keep_scripts(p, work, err);
    if (st == TCS_OK && p->ncharts > 0)
        st = tcs_gp_run(tcs_gp_program(p->opt.gnuplot), work, "all.gp", p->opt.cancel, err);
    /* every image must be there before any is moved into place */
    for (size_t i = 0; i < p->ncharts && st == TCS_OK; i++)
        for (unsigned f = TCS_PLOT_PNG; f <= TCS_PLOT_PDF && st == TCS_OK; f <<= 1) {
            if (!(p->opt.formats & f))
                continue;
            char path[4096];
            struct stat sb;
            join_path(path, sizeof path, work, p->charts[i].pub.name, format_ext(f));
            if (stat(path, &sb) != 0 || sb.st_size == 0)
                st = tcs_error_set(err, TCS_EPROGRAM, "", 0, 0,
                                   "gnuplot did not draw %s.%s (see its messages above)",
                                   p->charts[i].pub.name, format_ext(f));
            else if (f == TCS_PLOT_SVG && !svg_fix_fonts(path))
                st = tcs_error_set(err, TCS_EOUTPUT, path, 0, 0, "cannot rewrite: %s",
                                   strerror(errno ? errno : EIO));
        }
    if (st == TCS_OK && p->opt.cancel && *p->opt.cancel)
        st = tcs_error_set(err, TCS_EOUTPUT, "", 0, 0, "interrupted: no chart was written");
    for (size_t i = 0; i < p->ncharts && st == TCS_OK; i++)
        for (unsigned f = TCS_PLOT_PNG; f <= TCS_PLOT_PDF && st == TCS_OK; f <<= 1) {
            if (!(p->opt.formats & f))
                continue;
            char from[4096], to[4096];
            join_path(from, sizeof from, work, p->charts[i].pub.name, format_ext(f));
            join_path(to, sizeof to, outdir, p->charts[i].pub.name, format_ext(f));
            if (rename(from, to) != 0)
                st = tcs_error_set(err, TCS_EOUTPUT, to, 0, 0, "cannot write: %s",
                                   strerror(errno));
        }
    tcs_fs_remove_tree(work, NULL);
    if (st != TCS_OK && made)
        rmdir(outdir); /* only when nothing is in it */
    return st;
}
