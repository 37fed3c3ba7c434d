/* fs.h - writing outputs without destroying anyone's files.
 *
 * Every file and folder tcsurvey writes goes through these:
 *   - an output file is written to a temporary file beside it and renamed
 *     over it only when complete (tcs_out_*), so a failed run leaves the old
 *     file as it was; a special file (a terminal, /dev/null, a FIFO, the
 *     file standard output already is) is written directly, never replaced;
 *   - an output never names an input of the same run (tcs_fs_check_not_input,
 *     by device and inode, so links and other spellings are caught too);
 *   - a folder is removed only by tcs_fs_remove_tree, which never follows a
 *     symbolic link;
 *   - a folder of outputs carries a manifest of every file written into it
 *     (tcs_fs_manifest_write), so that a later run replaces it only when it
 *     still holds exactly those files, unchanged (tcs_fs_manifest_check).
 * The library installs no signal handler and keeps no global state. */
#ifndef TCSURVEY_FS_H
#define TCSURVEY_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "tcsurvey/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TCS_PATH_MAX 4096

/* True when a and b both exist and are the same file (device and inode,
 * after following symbolic links). */
bool tcs_fs_same_file(const char *a, const char *b);

/* TCS_EOUTPUT naming out when it is the same file as one of inputs[0..n)
 * (NULL entries and inputs that do not exist are skipped). what[i] (may be
 * NULL) says what input i is ("the survey export", "the codebook"). */
tcs_status tcs_fs_check_not_input(const char *out, const char *const *inputs,
                                  const char *const *what, size_t n, tcs_error *err);

/* Permission bits a new file or folder gets: base (0666, 0777) less the
 * process's umask, as a shell redirect or mkdir would. */
unsigned tcs_fs_new_mode(unsigned base);

/* ---- one output file, written whole or not at all ---- */

typedef enum {
    TCS_OUT_STDOUT,    /* standard output (path NULL or "-") */
    TCS_OUT_REPLACE,   /* a temporary file renamed over dest at the end */
    TCS_OUT_DIRECT     /* a special file (device, FIFO), or the file standard
                          output or error already is: written in place */
} tcs_out_kind;

typedef struct {
    FILE *fp;
    tcs_out_kind kind;
    char path[TCS_PATH_MAX]; /* as given ("" for standard output) */
    char dest[TCS_PATH_MAX]; /* the file replaced (symbolic links resolved) */
    char tmp[TCS_PATH_MAX];  /* the temporary file (TCS_OUT_REPLACE) */
} tcs_out_file;

/* Open path for writing. TCS_EOUTPUT (with the cause as the system gives
 * it: no such folder, permission denied, no space...) when it cannot be
 * written: a folder, a disk device, a socket, a symbolic link to nothing. */
tcs_status tcs_out_open(tcs_out_file *o, const char *path, tcs_error *err);

/* Finish: when written is TCS_OK, flush and move into place (TCS_EOUTPUT
 * naming the file and the cause when that fails); otherwise remove the
 * temporary file and return TCS_EOUTPUT naming the file and the cause of
 * the failed write (errno as the writer left it). */
tcs_status tcs_out_finish(tcs_out_file *o, tcs_status written, tcs_error *err);

/* Give up: remove the temporary file (nothing is reported). */
void tcs_out_discard(tcs_out_file *o);

/* ---- folders ---- */

/* Make a new folder "BESIDE.tmp-XXXXXX" next to beside (trailing slashes
 * ignored), with the mode mkdir would give it. Its path goes into out. */
tcs_status tcs_fs_temp_dir(const char *beside, char *out, size_t outsz, tcs_error *err);

/* Remove path and, when it is a folder, everything in it. A symbolic link
 * is removed, never followed, at every level. TCS_EOUTPUT when something
 * could not be removed. */
tcs_status tcs_fs_remove_tree(const char *path, tcs_error *err);

/* Write dir/name: one line per regular file under dir (size, a checksum,
 * the path inside dir), the manifest itself excepted. */
tcs_status tcs_fs_manifest_write(const char *dir, const char *name, tcs_error *err);

/* Does dir hold only what its manifest dir/name lists, unchanged (same
 * size and checksum; files missing since are fine), with no symbolic link,
 * special file or folder of its own, and none of the files one of
 * inputs[0..ninputs)? *matches says; when it does not, why gets the first
 * reason ("notes.txt is not a file tcsurvey wrote"). Errors only for
 * running out of memory. */
tcs_status tcs_fs_manifest_check(const char *dir, const char *name, const char *const *inputs,
                                 size_t ninputs, bool *matches, char *why, size_t whysz,
                                 tcs_error *err);

/* ---- a folder of outputs, replaced whole ---- */

typedef enum {
    TCS_DIR_NEW,   /* out does not exist */
    TCS_DIR_EMPTY, /* an empty folder */
    TCS_DIR_OURS   /* a folder this tool wrote, unchanged (its manifest says so) */
} tcs_dir_state;

/* What out is, for a folder of outputs whose manifest is called manifest
 * (kind names what it holds in messages: "report", "draft"). TCS_EOUTPUT
 * for anything that must not be touched: a symbolic link, a file, a folder
 * that is not empty and not one this tool wrote and left unchanged (the
 * message says what is in the way), or one it wrote when force is not
 * set. */
tcs_status tcs_fs_out_dir_check(const char *out, const char *manifest, const char *kind,
                                bool force, const char *const *inputs, size_t ninputs,
                                tcs_dir_state *state, tcs_error *err);

/* tmp (a finished folder beside out, from tcs_fs_temp_dir) becomes out:
 * an empty out is removed first; an earlier folder of ours moves aside
 * and is removed only once tmp is in place. */
tcs_status tcs_fs_out_dir_replace(const char *tmp, const char *out, tcs_dir_state state,
                                  tcs_error *err);

#ifdef __cplusplus
}
#endif
#endif
