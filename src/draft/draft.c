/* draft.c - tcs_draft_write: load the waves, draft the rows, write the
 * folder aside and rename it into place. */
#define _POSIX_C_SOURCE 200809L
#include "draft/draft_internal.h"
#include "tcsurvey/fs.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

tcs_status tcs_draft_write_files(const tcs_draft_options *o, const tcs_waves *w,
                                 const draft_rows *rows, size_t to_check, const char *tmp,
                                 tcs_error *err);

/* A scales or key file that cannot be used is a configuration error
 * (exit 5), unless it is missing or unreadable. */
static tcs_status config(tcs_status st, tcs_error *err)
{
    if (st != TCS_OK && st != TCS_ENOENT && st != TCS_EIO && st != TCS_ENOMEM)
        st = err->status = TCS_ECONFIG;
    return st;
}

static void count(const draft_rows *rows, tcs_draft_result *res)
{
    res->rows = rows->n;
    for (size_t r = 0; r < rows->n; r++) {
        const draft_row *row = &rows->r[r];
        res->questions += row->question;
        res->with_scale += row->question && (row->scale || row->labels);
        res->with_pillar += row->question && row->pillar;
        res->to_check += row->look.len > 0;
    }
}

/* The files the draft reads: never in the way of its folder. */
static const char **inputs_of(const tcs_draft_options *o, const tcs_waves *w, size_t *n)
{
    const char **in = calloc(tcs_waves_count(w) + 2, sizeof *in);
    if (!in)
        return NULL;
    *n = 0;
    for (size_t i = 0; i < tcs_waves_count(w); i++)
        in[(*n)++] = tcs_survey_path(tcs_waves_wave(w, i)->survey);
    if (o->scales)
        in[(*n)++] = o->scales;
    if (o->labels)
        in[(*n)++] = o->labels;
    return in;
}

/* The folder written aside, checked again, and renamed into place. */
static tcs_status write_folder(const tcs_draft_options *o, const tcs_waves *w,
                               const draft_rows *rows, size_t to_check, tcs_error *err)
{
    size_t nin = 0;
    const char **in = inputs_of(o, w, &nin);
    if (!in)
        return tcs_error_set(err, TCS_ENOMEM, NULL, 0, 0, "out of memory");
    tcs_dir_state state, now;
    char tmp[TCS_PATH_MAX];
    bool made = false;
    tcs_status st = tcs_fs_out_dir_check(o->out, tcs_draft_manifest_name, "draft", o->force, in,
                                         nin, &state, err);
    if (st == TCS_OK)
        made = (st = tcs_fs_temp_dir(o->out, tmp, sizeof tmp, err)) == TCS_OK;
    if (st == TCS_OK)
        st = tcs_draft_write_files(o, w, rows, to_check, tmp, err);
    /* what is at out must still be what was checked */
    if (st == TCS_OK)
        st = tcs_fs_out_dir_check(o->out, tcs_draft_manifest_name, "draft", o->force, in, nin,
                                  &now, err);
    if (st == TCS_OK && now != state)
        st = tcs_error_set(err, TCS_EOUTPUT, o->out, 0, 0,
                           "changed while the draft was being written; run it again");
    if (st == TCS_OK)
        st = tcs_fs_out_dir_replace(tmp, o->out, state, err);
    if (st != TCS_OK && made)
        tcs_fs_remove_tree(tmp, NULL);
    free(in);
    return st;
}

tcs_status tcs_draft_write(const tcs_draft_options *o, tcs_draft_result *res, tcs_error *err)
{
    memset(res, 0, sizeof *res);
    if (!o->out || !*o->out)
        return tcs_error_set(err, TCS_EINVAL, NULL, 0, 0, "no folder for the draft");
    tcs_status st = TCS_OK;
    if (o->scales)
        st = config(tcs_scale_set_load(o->scales, &res->scales, err), err);
    if (st == TCS_OK && o->labels)
        st = config(tcs_keyfile_load(o->labels, &res->labels, err), err);
    tcs_waves_options wo = {NULL, o->sheet, res->scales, res->labels, false};
    if (st == TCS_OK)
        st = tcs_waves_load_with(o->waves, o->nwaves, &wo, &res->waves, err);
    draft_rows rows = {0};
    if (st == TCS_OK)
        st = tcs_draft_rows_make(res->waves, res->scales, &rows, err);
    if (st == TCS_OK) {
        count(&rows, res);
        st = write_folder(o, res->waves, &rows, res->to_check, err);
    }
    tcs_draft_rows_free(&rows);
    if (st != TCS_OK)
        tcs_draft_result_free(res);
    return st;
}

void tcs_draft_result_free(tcs_draft_result *r)
{
    if (!r)
        return;
    tcs_waves_free(r->waves);
    tcs_scale_set_free(r->scales);
    tcs_keyfile_free(r->labels);
    memset(r, 0, sizeof *r);
}
