/* write.c - the drafted survey folder: codebook.csv, targets.csv,
 * waves.csv, README.txt (and copies of the scales and key files), written
 * in a temporary folder beside the destination with a manifest, and
 * renamed into place whole. */
#define _XOPEN_SOURCE 700
#include "draft/draft_internal.h"
#include "tcsurvey/escape.h"
#include "tcsurvey/fs.h"
#include "tcsurvey/question.h"
#include "tcsurvey/text.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char tcs_draft_manifest_name[] = ".tcsurvey-draft";

/* A text cell: through the CSV writer (quoted as needed; a formula-like
 * start gets the leading ' the codebook's reader takes off again). */
static void cell(FILE *fp, const char *s, bool last)
{
    if (s && *s)
        tcs_put_csv_text(fp, s);
    fputs(last ? "\n" : ",", fp);
}

/* A statement: a line break or other control character as a space. */
static void cell_spaced(FILE *fp, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    char *t = malloc(n + 1);
    if (!t) {
        cell(fp, s, false);
        return;
    }
    for (size_t i = 0; i <= n; i++)
        t[i] = s[i] && ((unsigned char)s[i] < 0x20 || s[i] == 0x7F) ? ' ' : s[i];
    cell(fp, t, false);
    free(t);
}

static const char *const codebook_columns =
    "id,statement,role,scale,labels,nonsubstantive,reverse,pillar,include,waves,pattern,check\n";

static bool write_codebook(FILE *fp, const draft_rows *rows)
{
    fputs("\xef\xbb\xbf", fp); /* Excel reads CSV as UTF-8 only with a BOM */
    fputs(codebook_columns, fp);
    for (size_t r = rows->head; r != SIZE_MAX; r = rows->r[r].next) {
        const draft_row *row = &rows->r[r];
        char *check = tcs_draft_row_check(row);
        if (!check)
            return false;
        cell(fp, row->id, false);
        cell_spaced(fp, row->statement);
        cell(fp, row->role, false);
        cell(fp, row->scale ? row->scale->name : NULL, false);
        cell(fp, row->labels, false);
        cell(fp, row->nonsubstantive, false);
        cell(fp, row->question ? (row->reverse ? "yes" : "no") : NULL, false);
        cell(fp, row->pillar, false);
        cell(fp, row->include ? "yes" : "no", false);
        cell(fp, row->waves, false);
        cell(fp, row->pattern, false);
        cell(fp, check, true);
        free(check);
    }
    return true;
}

/* ---- targets.csv: the columns and one example row per kind ---- */

typedef struct {
    const draft_row *q1, *q2;  /* two questions (the second on a label scale when one is) */
    char range[2 * TCS_ID_MAX + 2]; /* a run of questions of one section, or one id */
    const char *base, *due;    /* wave labels */
    char next[32];
} examples;

/* An id as the text before its last number and the text after it; false
 * without a number. */
static bool series(const char *id, size_t *prefix, const char **suffix)
{
    size_t end = strlen(id);
    while (end > 0 && !(id[end - 1] >= '0' && id[end - 1] <= '9'))
        end--;
    size_t k = end;
    while (k > 0 && id[k - 1] >= '0' && id[k - 1] <= '9')
        k--;
    *prefix = k;
    *suffix = id + end;
    return end > k && k > 0;
}

static bool same_series(const char *a, const char *b)
{
    size_t pa, pb;
    const char *sa, *sb;
    return series(a, &pa, &sa) && series(b, &pb, &sb) && pa == pb && strncmp(a, b, pa) == 0 &&
           strcmp(sa, sb) == 0;
}

/* The first run of two or more questions of one series ("1.1" to "1.6":
 * ids that differ only in a last number), for the range example. */
static void find_range(const draft_rows *rows, examples *ex)
{
    const draft_row *start = NULL, *end = NULL;
    for (size_t r = rows->head; r != SIZE_MAX; r = rows->r[r].next) {
        const draft_row *row = &rows->r[r];
        if (!row->question || row->pattern)
            continue;
        if (start && same_series(start->id, row->id)) {
            end = row;
            continue;
        }
        if (end)
            break;
        start = row;
    }
    if (end)
        snprintf(ex->range, sizeof ex->range, "%s-%s", start->id, end->id);
    else if (ex->q1)
        snprintf(ex->range, sizeof ex->range, "%s", ex->q1->id);
}

static void find_examples(const tcs_waves *w, const draft_rows *rows, examples *ex)
{
    memset(ex, 0, sizeof *ex);
    for (size_t r = rows->head; r != SIZE_MAX; r = rows->r[r].next) {
        const draft_row *row = &rows->r[r];
        if (!row->question)
            continue;
        if (!ex->q1)
            ex->q1 = row;
        else if (!ex->q2 || (row->scale && row->scale->kind == TCS_SCALE_LABELS &&
                             !(ex->q2->scale && ex->q2->scale->kind == TCS_SCALE_LABELS)))
            ex->q2 = row;
    }
    if (!ex->q2)
        ex->q2 = ex->q1;
    find_range(rows, ex);
    size_t n = tcs_waves_count(w);
    ex->base = tcs_waves_wave(w, 0)->label;
    ex->due = tcs_waves_wave(w, n - 1)->label;
    long year;
    if (n == 1 && tcs_parse_int(ex->due, strlen(ex->due), &year) && year > 1900 && year < 2100)
        snprintf(ex->next, sizeof ex->next, "%ld", year + 2);
    else
        snprintf(ex->next, sizeof ex->next, "%s", n == 1 ? "next" : ex->due);
}

/* A target a mean can reach on the question's scale: about two thirds up. */
static double mean_target(const draft_row *q)
{
    if (!q || !q->scale)
        return 4;
    double lo = q->scale->min, hi = q->scale->max;
    return (double)(long)(lo + (hi - lo) * 0.7 + 0.5);
}

static void example_row(FILE *fp, const char *const cells[14])
{
    for (int k = 0; k < 14; k++)
        cell(fp, cells[k], k == 13);
}

static void write_targets(FILE *fp, const tcs_waves *w, const draft_rows *rows)
{
    examples ex;
    find_examples(w, rows, &ex);
    fputs("\xef\xbb\xbf", fp);
    fputs("action,pillar,questions,metric,comparator,target,baseline_wave,due_wave,combine,"
          "description,observed,baseline,status,comment\n",
          fp);
    const char *q1 = ex.q1 ? ex.q1->id : "1.1", *q2 = ex.q2 ? ex.q2->id : q1;
    const char *p1 = ex.q1 && ex.q1->pillar ? ex.q1->pillar : "Visibility";
    const char *p2 = ex.q2 && ex.q2->pillar ? ex.q2->pillar : "Recognition";
    char target[32], d1[320], d2[320], d3[320];
    snprintf(target, sizeof target, "%g", mean_target(ex.q1));
    const char *due = tcs_waves_count(w) > 1 ? ex.due : ex.next;
    snprintf(d1, sizeof d1, "Increase the average rating of %s to %s by %s", q1, target, due);
    snprintf(d2, sizeof d2, "60%% of staff in the two highest answers to %s by %s", q2, due);
    snprintf(d3, sizeof d3, "Any increase in the average ratings of %s by %s", ex.range, due);
    const char *rows_[5][14] = {
        {"# V1", p1, q1, "mean", ">=", target, ex.base, due, "each", d1, NULL, NULL, NULL,
         "example of a mean: overwrite this row with your plan's (delete the #)"},
        {"# R1", p2, q2, "share(top2)", ">=", "60", ex.base, due, "each", d2, NULL, NULL, NULL,
         "example of a share: share(>=6), share(Agree;Strongly agree) also work"},
        {"# C1", p1, ex.range, "change(mean)", ">", "0", ex.base, due, "all", d3, NULL, NULL,
         NULL, "example of a change between the baseline wave and the due wave"},
        {"# S1", "Sustainability", NULL, "external", ">=", "5", NULL, due, NULL,
         "5% of technical staff from an under-represented group (workforce data)", NULL, "0",
         NULL, "example of an external figure: type the figure into observed"},
        {"# S2", "Sustainability", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         "Run a technician forum each term", NULL, NULL, "in progress",
         "example judged by hand: status green, amber, red, completed, in progress"},
    };
    for (int k = 0; k < 5; k++)
        example_row(fp, rows_[k]);
}

/* ---- waves.csv ---- */

/* The components of an absolute path, in place ("/a/b" -> "a", "b"). */
static size_t components(char *path, char **part, size_t max)
{
    size_t n = 0;
    for (char *save = NULL, *t = strtok_r(path, "/", &save); t && n < max;
         t = strtok_r(NULL, "/", &save))
        part[n++] = t;
    return n;
}

/* The path of file as seen from folder out: relative when it is near
 * (at most two folders up), else absolute; as given when neither can be
 * worked out. */
static void path_from(const char *out, const char *file, char *buf, size_t n)
{
    char real[PATH_MAX], parent[PATH_MAX], up[PATH_MAX];
    snprintf(buf, n, "%s", file);
    size_t len = strlen(out);
    while (len > 1 && out[len - 1] == '/')
        len--;
    const char *base = out + len;
    while (base > out && base[-1] != '/')
        base--;
    if (base > out)
        snprintf(up, sizeof up, "%.*s", (int)(base - out), out);
    else
        snprintf(up, sizeof up, ".");
    if (!realpath(file, real) || !realpath(up, parent))
        return;
    char dir[PATH_MAX + 260], file_copy[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/%.*s", parent, (int)(out + len - base), base);
    snprintf(file_copy, sizeof file_copy, "%s", real);
    char *a[256], *b[256];
    size_t na = components(dir, a, 256), nb = components(file_copy, b, 256), c = 0;
    while (c < na && c + 1 < nb && strcmp(a[c], b[c]) == 0)
        c++;
    if (na - c > 2) {
        snprintf(buf, n, "%s", real);
        return;
    }
    buf[0] = '\0';
    for (size_t k = c; k < na; k++)
        snprintf(buf + strlen(buf), n - strlen(buf), "../");
    for (size_t k = c; k < nb; k++)
        snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", b[k], k + 1 < nb ? "/" : "");
}

static void write_waves(FILE *fp, const char *out, const tcs_waves *w)
{
    fputs("wave,file\n", fp);
    for (size_t i = 0; i < tcs_waves_count(w); i++) {
        const tcs_wave_info *wi = tcs_waves_wave(w, i);
        char path[PATH_MAX + 64];
        path_from(out, tcs_survey_path(wi->survey), path, sizeof path);
        cell(fp, wi->label, false);
        cell(fp, path, true);
    }
}

static void write_readme(FILE *fp, const char *out, const tcs_waves *w, const draft_rows *rows,
                         size_t to_check)
{
    (void)rows;
    fprintf(fp, "This survey folder was drafted by tcsurvey draft from %zu export%s (waves ",
            tcs_waves_count(w), tcs_waves_count(w) == 1 ? "" : "s");
    for (size_t i = 0; i < tcs_waves_count(w); i++)
        fprintf(fp, "%s%s", i ? ", " : "", tcs_waves_wave(w, i)->label);
    fprintf(fp, "; waves.csv says which file is which).\n"
                "1. Open codebook.csv in Excel: %zu row%s in the check column what to look "
                "at; correct statement, role, scale, reverse and pillar (tcsurvey help "
                "codebook), then save as CSV UTF-8.\n"
                "2. Put your action plan's success measures in targets.csv: the rows starting "
                "with # are examples (tcsurvey help targets).\n"
                "3. Look at the figures: tcsurvey report %s --out %s-report\n"
                "4. Open %s-report/report.html; paste from report.md or the CSV tables into "
                "the self-assessment.\n",
            to_check, to_check == 1 ? " says" : "s say", out, out, out);
}

/* ---- the folder ---- */

/* dir/name written by fn; TCS_EOUTPUT naming it when that fails. */
static tcs_status write_file(const char *dir, const char *name, bool (*fn)(FILE *, void *),
                             void *ctx, tcs_error *err)
{
    char path[TCS_PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    if (!fp)
        return tcs_error_set(err, TCS_EOUTPUT, path, 0, 0, "cannot write: %s", strerror(errno));
    bool ok = fn(fp, ctx);
    int e = errno;
    if (ferror(fp))
        ok = false;
    if (fclose(fp) != 0 && ok)
        ok = false, e = errno;
    if (!ok)
        return tcs_error_set(err, e == ENOMEM ? TCS_ENOMEM : TCS_EOUTPUT, path, 0, 0,
                             "cannot write: %s", strerror(e ? e : EIO));
    return TCS_OK;
}

typedef struct {
    const tcs_draft_options *o;
    const tcs_waves *w;
    const draft_rows *rows;
    size_t to_check;
    const char *copy; /* a file to copy */
} files;

static bool codebook_fn(FILE *fp, void *ctx)
{
    return write_codebook(fp, ((files *)ctx)->rows);
}

static bool targets_fn(FILE *fp, void *ctx)
{
    files *f = ctx;
    write_targets(fp, f->w, f->rows);
    return true;
}

static bool waves_fn(FILE *fp, void *ctx)
{
    files *f = ctx;
    write_waves(fp, f->o->out, f->w);
    return true;
}

static bool readme_fn(FILE *fp, void *ctx)
{
    files *f = ctx;
    write_readme(fp, f->o->out, f->w, f->rows, f->to_check);
    return true;
}

static bool copy_fn(FILE *fp, void *ctx)
{
    FILE *in = fopen(((files *)ctx)->copy, "rb");
    if (!in)
        return false;
    char buf[65536];
    size_t n;
    bool ok = true;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, fp) == n;
    ok = ok && !ferror(in);
    fclose(in);
    return ok;
}

tcs_status tcs_draft_write_files(const tcs_draft_options *o, const tcs_waves *w,
                                 const draft_rows *rows, size_t to_check, const char *tmp,
                                 tcs_error *err)
{
    files f = {o, w, rows, to_check, NULL};
    tcs_status st = write_file(tmp, "codebook.csv", codebook_fn, &f, err);
    if (st == TCS_OK)
        st = write_file(tmp, "targets.csv", targets_fn, &f, err);
    if (st == TCS_OK)
        st = write_file(tmp, TCS_WAVE_FILE, waves_fn, &f, err);
    if (st == TCS_OK)
        st = write_file(tmp, "README.txt", readme_fn, &f, err);
    if (st == TCS_OK && o->scales && (f.copy = o->scales))
        st = write_file(tmp, "scales.csv", copy_fn, &f, err);
    if (st == TCS_OK && o->labels && (f.copy = o->labels))
        st = write_file(tmp, "labels.csv", copy_fn, &f, err);
    if (st == TCS_OK)
        st = tcs_fs_manifest_write(tmp, tcs_draft_manifest_name, err);
    return st;
}
