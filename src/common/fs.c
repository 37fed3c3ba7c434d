/* fs.c - outputs written whole, never over an input or a special file;
 * folders removed without following links; manifests of what was written. */
#define _XOPEN_SOURCE 700
#include "common/strindex.h"
#include "tcsurvey/fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

bool tcs_fs_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return a && b && stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

tcs_status tcs_fs_check_not_input(const char *out, const char *const *inputs,
                                  const char *const *what, size_t n, tcs_error *err)
{
    struct stat so;
    if (!out || stat(out, &so) != 0)
        return TCS_OK;
    for (size_t i = 0; i < n; i++) {
        struct stat si;
        if (!inputs[i] || stat(inputs[i], &si) != 0)
            continue;
        if (si.st_dev == so.st_dev && si.st_ino == so.st_ino)
            return tcs_error_set(err, TCS_EOUTPUT, out, 0, 0,
                                 "is %s of this run (%s): tcsurvey never writes over its "
                                 "inputs; choose another output",
                                 what && what[i] ? what[i] : "an input", inputs[i]);
    }
    return TCS_OK;
}

unsigned tcs_fs_new_mode(unsigned base)
{
    mode_t mask = umask(0);
    umask(mask);
    return base & ~(unsigned)mask & 07777u;
}

/* ---- output files ---- */

/* The folder part of path, for messages ("." when there is none). */
static void parent_of(const char *path, char *out, size_t outsz)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, outsz, ".");
    else if (slash == path)
        snprintf(out, outsz, "/");
    else
        snprintf(out, outsz, "%.*s", (int)(slash - path), path);
}

static tcs_status cannot_write(tcs_error *err, const char *path, int e)
{
    if (e == ENOENT) {
        char parent[TCS_PATH_MAX];
        parent_of(path, parent, sizeof parent);
        return tcs_error_set(err, TCS_EOUTPUT, path, 0, 0,
                             "cannot write: the folder '%s' does not exist", parent);
    }
    return tcs_error_set(err, TCS_EOUTPUT, path, 0, 0, "cannot write: %s",
                         strerror(e ? e : EIO));
}

/* The file standard output or standard error already is. */
static int std_stream_of(const struct stat *sb)
{
    for (int fd = 1; fd <= 2; fd++) {
        struct stat s;
        if (fstat(fd, &s) == 0 && s.st_dev == sb->st_dev && s.st_ino == sb->st_ino)
            return fd;
    }
    return -1;
}

/* A special file or the file of a standard stream: opened in place. */
static tcs_status open_direct(tcs_out_file *o, const struct stat *sb, tcs_error *err)
{
    if (S_ISBLK(sb->st_mode))
        return tcs_error_set(err, TCS_EOUTPUT, o->path, 0, 0,
                             "is a disk device: tcsurvey does not write to one");
    if (S_ISSOCK(sb->st_mode))
        return tcs_error_set(err, TCS_EOUTPUT, o->path, 0, 0, "is a socket: give a file");
    int std = S_ISREG(sb->st_mode) ? std_stream_of(sb) : -1;
    int fd = std >= 0 ? dup(std) : open(o->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return cannot_write(err, o->path, errno);
    if (!(o->fp = fdopen(fd, "w"))) {
        int e = errno;
        close(fd);
        return cannot_write(err, o->path, e);
    }
    o->kind = TCS_OUT_DIRECT;
    return TCS_OK;
}

tcs_status tcs_out_open(tcs_out_file *o, const char *path, tcs_error *err)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->kind = TCS_OUT_STDOUT;
        o->fp = stdout;
        return TCS_OK;
    }
    if (!*path)
        return tcs_error_set(err, TCS_EOUTPUT, "", 0, 0, "the output file name is empty");
    if (strlen(path) >= sizeof o->path - 16)
        return tcs_error_set(err, TCS_EOUTPUT, "", 0, 0, "the output file name is too long");
    snprintf(o->path, sizeof o->path, "%s", path);
    struct stat sb;
    unsigned mode;
    if (stat(path, &sb) == 0) {
        if (S_ISDIR(sb.st_mode))
            return tcs_error_set(err, TCS_EOUTPUT, path, 0, 0,
                                 "is a folder: give a file name for the output");
        if (!S_ISREG(sb.st_mode) || std_stream_of(&sb) >= 0)
            return open_direct(o, &sb, err);
        /* replace the file itself, not a symbolic link to it */
        char real[PATH_MAX];
        if (!realpath(path, real))
            return cannot_write(err, path, errno);
        if (strlen(real) >= sizeof o->dest - 16)
            return tcs_error_set(err, TCS_EOUTPUT, path, 0, 0, "the output file name is too long");
        snprintf(o->dest, sizeof o->dest, "%s", real);
        mode = (unsigned)sb.st_mode & 07777u;
    } else {
        int e = errno;
        struct stat lb;
        if (e == ENOENT && lstat(path, &lb) == 0)
            return tcs_error_set(err, TCS_EOUTPUT, path, 0, 0,
                                 "is a symbolic link to a file that does not exist: give "
                                 "the file itself");
        if (e != ENOENT)
            return cannot_write(err, path, e);
        snprintf(o->dest, sizeof o->dest, "%s", path);
        mode = tcs_fs_new_mode(0666);
    }
    snprintf(o->tmp, sizeof o->tmp, "%.4000s.tmp-XXXXXX", o->dest);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int e = errno;
        o->tmp[0] = '\0';
        return cannot_write(err, path, e);
    }
    /* mkstemp makes 0600: the mode a shell redirect gives, or the old file's */
    if (fchmod(fd, (mode_t)mode) != 0 || !(o->fp = fdopen(fd, "w"))) {
        int e = errno;
        close(fd);
        unlink(o->tmp);
        o->tmp[0] = '\0';
        return cannot_write(err, path, e);
    }
    o->kind = TCS_OUT_REPLACE;
    return TCS_OK;
}

void tcs_out_discard(tcs_out_file *o)
{
    if (o->kind == TCS_OUT_STDOUT || !o->fp)
        return;
    fclose(o->fp);
    o->fp = NULL;
    if (o->kind == TCS_OUT_REPLACE && o->tmp[0])
        unlink(o->tmp);
    o->tmp[0] = '\0';
}

tcs_status tcs_out_finish(tcs_out_file *o, tcs_status written, tcs_error *err)
{
    const char *name = o->kind == TCS_OUT_STDOUT ? "" : o->path;
    if (written != TCS_OK) {
        int e = errno;
        if (o->kind == TCS_OUT_STDOUT)
            clearerr(stdout);
        tcs_out_discard(o);
        if (o->kind == TCS_OUT_STDOUT)
            return tcs_error_set(err, TCS_EOUTPUT, "", 0, 0,
                                 "error writing standard output: %s", strerror(e ? e : EIO));
        return cannot_write(err, name, e);
    }
    if (o->kind == TCS_OUT_STDOUT) {
        if (fflush(stdout) != 0 || ferror(stdout))
            return tcs_error_set(err, TCS_EOUTPUT, "", 0, 0,
                                 "error writing standard output: %s", strerror(errno ? errno : EIO));
        return TCS_OK;
    }
    errno = 0;
    bool bad = fflush(o->fp) != 0 || ferror(o->fp);
    int e = errno;
    if (fclose(o->fp) != 0 && !bad) {
        bad = true;
        e = errno;
    }
    o->fp = NULL;
    if (!bad && o->kind == TCS_OUT_REPLACE && rename(o->tmp, o->dest) != 0) {
        bad = true;
        e = errno;
    }
    if (bad) {
        if (o->kind == TCS_OUT_REPLACE)
            unlink(o->tmp);
        o->tmp[0] = '\0';
        return cannot_write(err, o->path, e);
    }
    o->tmp[0] = '\0';
    return TCS_OK;
}

/* ---- folders ---- */

tcs_status tcs_fs_temp_dir(const char *beside, char *out, size_t outsz, tcs_error *err)
{
    size_t len = strlen(beside);
    while (len > 1 && beside[len - 1] == '/')
        len--;
    if (len + 16 > outsz || len > 3000)
        return tcs_error_set(err, TCS_EOUTPUT, "", 0, 0, "the folder name is too long");
    snprintf(out, outsz, "%.*s.tmp-XXXXXX", (int)len, beside);
    if (!mkdtemp(out)) {
        int e = errno;
        char parent[TCS_PATH_MAX];
        snprintf(parent, sizeof parent, "%.*s", (int)len, beside);
        if (e == ENOENT) {
            char up[TCS_PATH_MAX];
            parent_of(parent, up, sizeof up);
            return tcs_error_set(err, TCS_EOUTPUT, parent, 0, 0,
                                 "cannot make the folder: '%s' does not exist", up);
        }
        return tcs_error_set(err, TCS_EOUTPUT, parent, 0, 0, "cannot make the folder: %s",
                             strerror(e));
    }
    /* mkdtemp makes 0700; the finished folder gets what mkdir would give */
    if (chmod(out, (mode_t)tcs_fs_new_mode(0777)) != 0) {
        int e = errno;
        rmdir(out);
        return tcs_error_set(err, TCS_EOUTPUT, out, 0, 0, "cannot make the folder: %s",
                             strerror(e));
    }
    return TCS_OK;
}

#define TREE_DEPTH_MAX 32

/* Remove name in the folder open as dirfd: a file or link is unlinked, a
 * folder emptied (opened without following a link) and removed. */
static int remove_at(int dirfd, const char *name, int depth)
{
    if (unlinkat(dirfd, name, 0) == 0 || errno == ENOENT)
        return 0;
    if (errno != EISDIR && errno != EPERM)
        return -1;
    if (depth >= TREE_DEPTH_MAX) {
        errno = ELOOP;
        return -1;
    }
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -1;
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        return -1;
    }
    int rc = 0;
    for (int pass = 0; pass < 2; pass++) {
        struct dirent *e;
        bool any = false;
        while ((e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            any = true;
            if (remove_at(fd, e->d_name, depth + 1) != 0)
                rc = -1;
        }
        if (!any || rc != 0)
            break;
        rewinddir(d); /* entries removed while reading may hide others */
    }
    closedir(d);
    if (rc != 0)
        return -1;
    return unlinkat(dirfd, name, AT_REMOVEDIR);
}

tcs_status tcs_fs_remove_tree(const char *path, tcs_error *err)
{
    if (remove_at(AT_FDCWD, path, 0) != 0)
        return tcs_error_set(err, TCS_EOUTPUT, path, 0, 0, "cannot remove: %s", strerror(errno));
    return TCS_OK;
}

/* ---- manifests ---- */

typedef struct {
    char *path; /* inside the folder */
    unsigned long long size;
    uint64_t sum;
} manifest_entry;

typedef struct {
    manifest_entry *e;
    size_t n, cap;
} manifest;

static void manifest_free(manifest *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->e[i].path);
    free(m->e);
}

static bool manifest_add(manifest *m, const char *path, unsigned long long size, uint64_t sum)
{
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        manifest_entry *e = realloc(m->e, cap * sizeof *e);
        if (!e)
            return false;
        m->e = e;
        m->cap = cap;
    }
    char *p = malloc(strlen(path) + 1);
    if (!p)
        return false;
    strcpy(p, path);
    m->e[m->n++] = (manifest_entry){p, size, sum};
    return true;
}

/* The seed of manifest 1's checksums: FNV-1a (64 bits) from this seed,
 * not FNV's own offset basis, as the manifests already written have it. */
#define MANIFEST1_SEED 1469598103934665603ull

/* FNV-1a, 64 bits, of the file open as fd: enough to notice an edit. */
static bool checksum_fd(int fd, uint64_t *sum, unsigned long long *size)
{
    uint64_t h = MANIFEST1_SEED;
    unsigned long long n = 0;
    unsigned char buf[65536];
    for (;;) {
        ssize_t got = read(fd, buf, sizeof buf);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return false;
        if (got == 0)
            break;
        h = tcs_hash_bytes(buf, (size_t)got, h);
        n += (unsigned long long)got;
    }
    *sum = h;
    *size = n;
    return true;
}

/* What a walk found: a regular file (open as fd), a folder, or anything
 * else (link, device, FIFO, socket). Return false to stop. */
typedef enum { WALK_FILE, WALK_DIR, WALK_OTHER } walk_kind;
typedef bool (*walk_fn)(void *ctx, const char *rel, walk_kind kind, int fd,
                        const struct stat *sb);

/* Walk the folder open as dirfd (taken over and closed), rel its path. */
static bool walk_dir(int dirfd, const char *rel, int depth, walk_fn fn, void *ctx)
{
    DIR *d = fdopendir(dirfd);
    if (!d) {
        close(dirfd);
        return fn(ctx, rel, WALK_OTHER, -1, NULL);
    }
    bool go = true;
    struct dirent *e;
    while (go && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char sub[TCS_PATH_MAX];
        snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        struct stat sb;
        if (fstatat(dirfd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
            go = fn(ctx, sub, WALK_OTHER, -1, NULL);
        } else if (S_ISDIR(sb.st_mode) && depth < TREE_DEPTH_MAX) {
            int fd = openat(dirfd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            go = fn(ctx, sub, WALK_DIR, -1, &sb);
            if (go)
                go = fd >= 0 ? walk_dir(fd, sub, depth + 1, fn, ctx)
                             : fn(ctx, sub, WALK_OTHER, -1, NULL);
            else if (fd >= 0)
                close(fd);
        } else if (S_ISREG(sb.st_mode)) {
            int fd = openat(dirfd, e->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
            go = fn(ctx, sub, fd >= 0 ? WALK_FILE : WALK_OTHER, fd, &sb);
            if (fd >= 0)
                close(fd);
        } else {
            go = fn(ctx, sub, WALK_OTHER, -1, &sb);
        }
    }
    closedir(d);
    return go;
}

static bool walk(const char *dir, walk_fn fn, void *ctx)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return fn(ctx, "", WALK_OTHER, -1, NULL);
    return walk_dir(fd, "", 0, fn, ctx);
}

typedef struct {
    manifest m;
    const char *name; /* the manifest's own file name */
    bool failed;
    int err;
} collect_ctx;

static bool collect(void *vctx, const char *rel, walk_kind kind, int fd, const struct stat *sb)
{
    collect_ctx *c = vctx;
    (void)sb;
    if (kind == WALK_DIR || strcmp(rel, c->name) == 0)
        return true;
    uint64_t sum;
    unsigned long long size;
    if (kind != WALK_FILE || !checksum_fd(fd, &sum, &size) || !manifest_add(&c->m, rel, size, sum)) {
        c->failed = true;
        c->err = errno ? errno : EIO;
        return false;
    }
    return true;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const manifest_entry *)a)->path, ((const manifest_entry *)b)->path);
}

static const char manifest_head[] =
    "# tcsurvey manifest 1: every file tcsurvey wrote into this folder (bytes, FNV-1a\n"
    "# checksum, path). 'report --force' replaces the folder only while it holds\n"
    "# exactly these files, unchanged.\n";

tcs_status tcs_fs_manifest_write(const char *dir, const char *name, tcs_error *err)
{
    collect_ctx c = {.name = name};
    errno = 0;
    walk(dir, collect, &c);
    if (c.failed) {
        manifest_free(&c.m);
        return tcs_error_set(err, TCS_EOUTPUT, dir, 0, 0, "cannot list the files written: %s",
                             strerror(c.err));
    }
    qsort(c.m.e, c.m.n, sizeof *c.m.e, by_path);
    char path[TCS_PATH_MAX];
    snprintf(path, sizeof path, "%.3800s/%.200s", dir, name);
    FILE *fp = fopen(path, "w");
    if (!fp) {
        int e = errno;
        manifest_free(&c.m);
        return cannot_write(err, path, e);
    }
    fputs(manifest_head, fp);
    for (size_t i = 0; i < c.m.n; i++)
        fprintf(fp, "%llu %016" PRIx64 " %s\n", c.m.e[i].size, c.m.e[i].sum, c.m.e[i].path);
    manifest_free(&c.m);
    bool bad = ferror(fp) != 0;
    int e = errno;
    if (fclose(fp) != 0 && !bad) {
        bad = true;
        e = errno;
    }
    return bad ? cannot_write(err, path, e) : TCS_OK;
}

/* A path inside the folder: relative, no "." or ".." part, no empty part. */
static bool inside_path(const char *p)
{
    if (!*p || *p == '/')
        return false;
    for (;;) {
        size_t n = strcspn(p, "/");
        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
            return false;
        if (!p[n])
            return true;
        p += n + 1;
    }
}

/* Read dir/name into m. False when it is missing, not a regular file,
 * too large or not a manifest (*oom when memory ran out). */
static bool manifest_read(const char *dir, const char *name, manifest *m, bool *oom)
{
    char path[TCS_PATH_MAX];
    snprintf(path, sizeof path, "%.3800s/%.200s", dir, name);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat sb;
    if (fd < 0)
        return false;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size > 4 * 1024 * 1024) {
        close(fd);
        return false;
    }
    FILE *fp = fdopen(fd, "r");
    if (!fp) {
        close(fd);
        return false;
    }
    char line[TCS_PATH_MAX + 64];
    bool ok = fgets(line, sizeof line, fp) && strncmp(line, "# tcsurvey manifest 1:", 22) == 0;
    while (ok && fgets(line, sizeof line, fp)) {
        size_t len = strcspn(line, "\n");
        if (line[len] != '\n') {
            ok = false;
            break;
        }
        line[len] = '\0';
        if (line[0] == '#')
            continue;
        unsigned long long size;
        uint64_t sum;
        int used = 0;
        if (sscanf(line, "%llu %" SCNx64 " %n", &size, &sum, &used) != 2 || used <= 0 ||
            !inside_path(line + used)) {
            ok = false;
            break;
        }
        if (!manifest_add(m, line + used, size, sum)) {
            *oom = true;
            ok = false;
        }
    }
    fclose(fp);
    if (ok)
        qsort(m->e, m->n, sizeof *m->e, by_path);
    return ok;
}

typedef struct {
    manifest m;
    const char *name;
    const struct stat *inputs;
    size_t ninputs;
    bool matches;
    char *why;
    size_t whysz;
} check_ctx;

static bool mismatch(check_ctx *c, const char *rel, const char *fmt)
{
    c->matches = false;
    snprintf(c->why, c->whysz, fmt, rel);
    return false;
}

static bool check_entry(void *vctx, const char *rel, walk_kind kind, int fd, const struct stat *sb)
{
    check_ctx *c = vctx;
    if (kind == WALK_OTHER)
        return mismatch(c, *rel ? rel : ".", "%s is not a file tcsurvey wrote");
    if (kind == WALK_DIR) {
        /* a folder of the report: some file listed lies inside it */
        size_t len = strlen(rel);
        for (size_t i = 0; i < c->m.n; i++)
            if (strncmp(c->m.e[i].path, rel, len) == 0 && c->m.e[i].path[len] == '/')
                return true;
        return mismatch(c, rel, "%s/ is not a folder tcsurvey wrote");
    }
    if (strcmp(rel, c->name) == 0)
        return true;
    manifest_entry key = {.path = (char *)rel};
    const manifest_entry *e = bsearch(&key, c->m.e, c->m.n, sizeof *c->m.e, by_path);
    if (!e)
        return mismatch(c, rel, "%s is not a file tcsurvey wrote");
    for (size_t i = 0; i < c->ninputs; i++)
        if (c->inputs[i].st_dev == sb->st_dev && c->inputs[i].st_ino == sb->st_ino)
            return mismatch(c, rel, "%s is an input of this run");
    uint64_t sum;
    unsigned long long size;
    if ((unsigned long long)sb->st_size != e->size || !checksum_fd(fd, &sum, &size) ||
        size != e->size || sum != e->sum)
        return mismatch(c, rel, "%s was changed since tcsurvey wrote it");
    return true;
}

tcs_status tcs_fs_manifest_check(const char *dir, const char *name, const char *const *inputs,
                                 size_t ninputs, bool *matches, char *why, size_t whysz,
                                 tcs_error *err)
{
    *matches = false;
    snprintf(why, whysz, "it holds no manifest (%s) of a report tcsurvey wrote", name);
    struct stat *in = calloc(ninputs ? ninputs : 1, sizeof *in);
    if (!in)
        return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
    size_t nin = 0;
    for (size_t i = 0; i < ninputs; i++)
        if (inputs[i] && stat(inputs[i], &in[nin]) == 0)
            nin++;
    check_ctx c = {.name = name, .inputs = in, .ninputs = nin, .why = why, .whysz = whysz};
    bool oom = false;
    if (manifest_read(dir, name, &c.m, &oom)) {
        c.matches = true;
        walk(dir, check_entry, &c);
        *matches = c.matches;
    }
    manifest_free(&c.m);
    free(in);
    if (oom)
        return tcs_error_set(err, TCS_ENOMEM, "", 0, 0, "out of memory");
    return TCS_OK;
}

/* ---- a folder of outputs, replaced whole ---- */

static bool dir_empty(const char *path, bool *empty)
{
    DIR *d = opendir(path);
    if (!d)
        return false;
    struct dirent *e;
    *empty = true;
    while (*empty && (e = readdir(d)))
        *empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    closedir(d);
    return true;
}

tcs_status tcs_fs_out_dir_check(const char *out, const char *manifest, const char *kind,
                                bool force, const char *const *inputs, size_t ninputs,
                                tcs_dir_state *state, tcs_error *err)
{
    struct stat sb;
    if (lstat(out, &sb) != 0) {
        if (errno != ENOENT)
            return tcs_error_set(err, TCS_EOUTPUT, out, 0, 0, "cannot use the folder: %s",
                                 strerror(errno));
        *state = TCS_DIR_NEW;
        return TCS_OK;
    }
    if (S_ISLNK(sb.st_mode))
        return tcs_error_set(err, TCS_EOUTPUT, out, 0, 0,
                             "is a symbolic link: give the folder itself (tcsurvey never "
                             "replaces or follows a link)");
    bool empty;
    if (!S_ISDIR(sb.st_mode))
        return tcs_error_set(err, TCS_EOUTPUT, out, 0, 0,
                             "exists and is not an empty folder or a tcsurvey %s; choose "
                             "another --out",
                             kind);
    if (!dir_empty(out, &empty))
        return tcs_error_set(err, TCS_EOUTPUT, out, 0, 0, "cannot use the folder: %s",
                             strerror(errno));
    if (empty) {
        *state = TCS_DIR_EMPTY;
        return TCS_OK;
    }
    bool matches;
    char why[TCS_PATH_MAX + 64];
    tcs_status st =
        tcs_fs_manifest_check(out, manifest, inputs, ninputs, &matches, why, sizeof why, err);
    if (st != TCS_OK)
        return st;
    if (!matches && strncmp(why, "it holds no manifest", 20) == 0)
        snprintf(why, sizeof why, "it holds no manifest (%s) of a %s tcsurvey wrote", manifest,
                 kind);
    if (!matches)
        return tcs_error_set(err, TCS_EOUTPUT, out, 0, 0,
                             "exists and is not an empty folder or a tcsurvey %s (%s); nothing "
                             "in it is touched: choose another --out",
                             kind, why);
    if (!force)
        return tcs_error_set(err, TCS_EOUTPUT, out, 0, 0,
                             "holds a %s already; add --force to replace it", kind);
    *state = TCS_DIR_OURS;
    return TCS_OK;
}

tcs_status tcs_fs_out_dir_replace(const char *tmp, const char *out, tcs_dir_state state,
                                  tcs_error *err)
{
    char old[TCS_PATH_MAX + 8] = "";
    if (state == TCS_DIR_EMPTY && rmdir(out) != 0)
        return tcs_error_set(err, TCS_EOUTPUT, out, 0, 0, "cannot replace: %s", strerror(errno));
    if (state == TCS_DIR_OURS) {
        snprintf(old, sizeof old, "%s.old", tmp);
        if (rename(out, old) != 0)
            return tcs_error_set(err, TCS_EOUTPUT, out, 0, 0, "cannot replace: %s",
                                 strerror(errno));
    }
    if (rename(tmp, out) != 0) {
        tcs_status st =
            tcs_error_set(err, TCS_EOUTPUT, out, 0, 0, "cannot write: %s", strerror(errno));
        if (old[0])
            rename(old, out);
        return st;
    }
    if (old[0])
        tcs_fs_remove_tree(old, NULL);
    return TCS_OK;
}
