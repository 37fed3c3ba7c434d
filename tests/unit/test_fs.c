/* test_fs.c - outputs written whole and never over an input or a special
 * file; folders removed without following links; manifests. */
#define _DEFAULT_SOURCE /* mknod, makedev */
#include "testutil.h"
#include "tcsurvey/fs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <unistd.h>

static char root[256];

static int make_root(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "%s/tcs-fs-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(root) ? 0 : -1;
}

static int remove_root(void **state)
{
    (void)state;
    return tcs_fs_remove_tree(root, NULL) == TCS_OK ? 0 : -1;
}

/* root/name */
static const char *at(const char *name)
{
    static char buf[8][512];
    static int k;
    k = (k + 1) % 8;
    snprintf(buf[k], sizeof buf[k], "%s/%s", root, name);
    return buf[k];
}

static void put(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

static char *get(const char *path)
{
    static char buf[4096];
    FILE *fp = fopen(path, "r");
    if (!fp)
        return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static size_t entries(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
    FILE *p = popen(cmd, "r");
    size_t n = 0;
    assert_int_equal(fscanf(p, "%zu", &n), 1);
    pclose(p);
    return n;
}

static void out_written_whole(void **state)
{
    (void)state;
    mkdir(at("w"), 0777);
    tcs_out_file o;
    tcs_error err;
    mode_t old = umask(027);
    /* a new file: the mode a redirect gives, nothing beside it after */
    assert_int_equal(tcs_out_open(&o, at("w/new.csv"), &err), TCS_OK);
    assert_int_equal(o.kind, TCS_OUT_REPLACE);
    fputs("a,b\n", o.fp);
    assert_int_equal(tcs_out_finish(&o, TCS_OK, &err), TCS_OK);
    struct stat sb;
    assert_int_equal(stat(at("w/new.csv"), &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0640);
    assert_string_equal(get(at("w/new.csv")), "a,b\n");
    /* a failed write leaves the old file as it was, and no temporary file */
    assert_int_equal(tcs_out_open(&o, at("w/new.csv"), &err), TCS_OK);
    fputs("half", o.fp);
    errno = ENOSPC;
    assert_int_equal(tcs_out_finish(&o, TCS_EIO, &err), TCS_EOUTPUT);
    assert_non_null(strstr(err.message, "No space left on device"));
    assert_string_equal(err.path, at("w/new.csv"));
    assert_string_equal(get(at("w/new.csv")), "a,b\n");
    assert_int_equal(entries(at("w")), 1);
    /* a replaced file keeps its mode; a symbolic link to it stays a link */
    chmod(at("w/new.csv"), 0600);
    assert_int_equal(symlink("new.csv", at("w/link.csv")), 0);
    assert_int_equal(tcs_out_open(&o, at("w/link.csv"), &err), TCS_OK);
    fputs("c,d\n", o.fp);
    assert_int_equal(tcs_out_finish(&o, TCS_OK, &err), TCS_OK);
    assert_int_equal(lstat(at("w/link.csv"), &sb), 0);
    assert_true(S_ISLNK(sb.st_mode));
    assert_int_equal(stat(at("w/new.csv"), &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_string_equal(get(at("w/new.csv")), "c,d\n");
    umask(old);
    /* the cause as the system gives it */
    assert_int_equal(tcs_out_open(&o, at("nodir/x.csv"), &err), TCS_EOUTPUT);
    assert_non_null(strstr(err.message, "does not exist"));
    assert_int_equal(tcs_out_open(&o, at("w"), &err), TCS_EOUTPUT);
    assert_non_null(strstr(err.message, "is a folder"));
    assert_int_equal(symlink("nothing", at("w/dangling")), 0);
    assert_int_equal(tcs_out_open(&o, at("w/dangling"), &err), TCS_EOUTPUT);
    assert_non_null(strstr(err.message, "symbolic link"));
}

static void special_files_written_in_place(void **state)
{
    (void)state;
    tcs_out_file o;
    tcs_error err;
    struct stat before, after;
    /* a null device: as root one made here (a bug must never replace the
     * real /dev/null), else /dev/null, which only root could replace */
    const char *null = "/dev/null";
    if (geteuid() == 0) {
        null = at("null");
        assert_int_equal(mknod(null, S_IFCHR | 0666, makedev(1, 3)), 0);
    }
    assert_int_equal(stat(null, &before), 0);
    assert_true(S_ISCHR(before.st_mode));
    assert_int_equal(tcs_out_open(&o, null, &err), TCS_OK);
    assert_int_equal(o.kind, TCS_OUT_DIRECT);
    fputs("nothing\n", o.fp);
    assert_int_equal(tcs_out_finish(&o, TCS_OK, &err), TCS_OK);
    assert_int_equal(stat(null, &after), 0);
    assert_true(S_ISCHR(after.st_mode));
    assert_int_equal(before.st_ino, after.st_ino);
    /* a FIFO: written in place (a reader is waiting), still a FIFO after */
    assert_int_equal(mkfifo(at("fifo"), 0600), 0);
    int rd = open(at("fifo"), O_RDONLY | O_NONBLOCK);
    assert_true(rd >= 0);
    assert_int_equal(tcs_out_open(&o, at("fifo"), &err), TCS_OK);
    assert_int_equal(o.kind, TCS_OUT_DIRECT);
    fputs("through\n", o.fp);
    assert_int_equal(tcs_out_finish(&o, TCS_OK, &err), TCS_OK);
    char buf[16] = {0};
    assert_int_equal(read(rd, buf, sizeof buf - 1), 8);
    assert_string_equal(buf, "through\n");
    close(rd);
    assert_int_equal(lstat(at("fifo"), &after), 0);
    assert_true(S_ISFIFO(after.st_mode));
    /* standard output, whatever it is */
    assert_int_equal(tcs_out_open(&o, NULL, &err), TCS_OK);
    assert_int_equal(o.kind, TCS_OUT_STDOUT);
    assert_int_equal(tcs_out_finish(&o, TCS_OK, &err), TCS_OK);
}

static void inputs_never_outputs(void **state)
{
    (void)state;
    put(at("in.csv"), "x\n");
    assert_int_equal(link(at("in.csv"), at("hard.csv")), 0);
    assert_int_equal(symlink("in.csv", at("soft.csv")), 0);
    char cb[512], in[512];
    snprintf(cb, sizeof cb, "%s", at("cb.csv"));
    snprintf(in, sizeof in, "%s", at("in.csv"));
    const char *inputs[] = {cb, NULL, in};
    const char *what[] = {"the codebook", NULL, "the survey export"};
    tcs_error err;
    assert_true(tcs_fs_same_file(at("hard.csv"), at("in.csv")));
    assert_false(tcs_fs_same_file(at("in.csv"), at("none.csv")));
    for (int k = 0; k < 3; k++) {
        const char *out = k == 0 ? at("in.csv") : k == 1 ? at("hard.csv") : at("soft.csv");
        assert_int_equal(tcs_fs_check_not_input(out, inputs, what, 3, &err), TCS_EOUTPUT);
        assert_non_null(strstr(err.message, "is the survey export of this run"));
    }
    assert_int_equal(tcs_fs_check_not_input(at("other.csv"), inputs, what, 3, &err), TCS_OK);
}

static void remove_tree_follows_no_link(void **state)
{
    (void)state;
    mkdir(at("keep"), 0777);
    put(at("keep/precious.docx"), "mine");
    mkdir(at("t"), 0777);
    mkdir(at("t/sub"), 0777);
    put(at("t/sub/a.png"), "png");
    put(at("t/b.csv"), "csv");
    assert_int_equal(symlink("../keep", at("t/sub/link")), 0);
    assert_int_equal(symlink(at("keep/precious.docx"), at("t/file-link")), 0);
    assert_int_equal(tcs_fs_remove_tree(at("t"), NULL), TCS_OK);
    struct stat sb;
    assert_int_not_equal(lstat(at("t"), &sb), 0);
    assert_string_equal(get(at("keep/precious.docx")), "mine");
    /* a link given as the tree is removed, not what it points to */
    assert_int_equal(symlink("keep", at("klink")), 0);
    assert_int_equal(tcs_fs_remove_tree(at("klink"), NULL), TCS_OK);
    assert_int_not_equal(lstat(at("klink"), &sb), 0);
    assert_string_equal(get(at("keep/precious.docx")), "mine");
    /* nothing there is nothing to do */
    assert_int_equal(tcs_fs_remove_tree(at("no-such"), NULL), TCS_OK);
}

static void temp_dir_mode(void **state)
{
    (void)state;
    char tmp[TCS_PATH_MAX];
    tcs_error err;
    mode_t old = umask(022);
    assert_int_equal(tcs_fs_temp_dir(at("rep/"), tmp, sizeof tmp, &err), TCS_OK);
    umask(old);
    assert_non_null(strstr(tmp, "/rep.tmp-"));
    struct stat sb;
    assert_int_equal(stat(tmp, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0755);
    rmdir(tmp);
    assert_int_equal(tcs_fs_temp_dir(at("nodir/rep"), tmp, sizeof tmp, &err), TCS_EOUTPUT);
    assert_non_null(strstr(err.message, "does not exist"));
}

static void check_manifest(const char *dir, const char *const *inputs, size_t n, bool want,
                           const char *why_has)
{
    bool matches = !want;
    char why[512];
    tcs_error err;
    assert_int_equal(tcs_fs_manifest_check(dir, ".m", inputs, n, &matches, why, sizeof why, &err),
                     TCS_OK);
    if (matches != want)
        print_error("%s: %s\n", dir, why);
    assert_true(matches == want);
    if (why_has && !strstr(why, why_has))
        print_error("%s: '%s' has no '%s'\n", dir, why, why_has);
    if (why_has)
        assert_non_null(strstr(why, why_has));
}

static void manifest_exactly_what_was_written(void **state)
{
    (void)state;
    char d[512];
    snprintf(d, sizeof d, "%s", at("rep"));
    mkdir(d, 0777);
    mkdir(at("rep/charts"), 0777);
    put(at("rep/report.html"), "<html>");
    put(at("rep/charts/a.svg"), "<svg>");
    tcs_error err;
    assert_int_equal(tcs_fs_manifest_write(d, ".m", &err), TCS_OK);
    const char *m = get(at("rep/.m"));
    assert_non_null(strstr(m, " charts/a.svg\n"));
    assert_non_null(strstr(m, " report.html\n"));
    check_manifest(d, NULL, 0, true, NULL);
    /* a file deleted since is fine */
    unlink(at("rep/charts/a.svg"));
    check_manifest(d, NULL, 0, true, NULL);
    put(at("rep/charts/a.svg"), "<svg>");
    /* a file of someone else's, a changed file, a link, a folder */
    put(at("rep/notes.txt"), "mine");
    check_manifest(d, NULL, 0, false, "notes.txt is not a file tcsurvey wrote");
    unlink(at("rep/notes.txt"));
    put(at("rep/report.html"), "<html> edited");
    check_manifest(d, NULL, 0, false, "report.html was changed since tcsurvey wrote it");
    put(at("rep/report.html"), "<htmm>"); /* same size, other bytes */
    check_manifest(d, NULL, 0, false, "was changed");
    put(at("rep/report.html"), "<html>");
    check_manifest(d, NULL, 0, true, NULL);
    assert_int_equal(symlink("/etc", at("rep/etc")), 0);
    check_manifest(d, NULL, 0, false, "etc is not a file tcsurvey wrote");
    unlink(at("rep/etc"));
    mkdir(at("rep/mine"), 0777);
    check_manifest(d, NULL, 0, false, "mine/ is not a folder tcsurvey wrote");
    rmdir(at("rep/mine"));
    /* an input of the run inside it */
    char inside[512];
    snprintf(inside, sizeof inside, "%s", at("rep/report.html"));
    const char *in[] = {inside};
    check_manifest(d, in, 1, false, "report.html is an input of this run");
    /* no manifest, or not one of ours */
    put(at("rep/.m"), "report.html\n");
    check_manifest(d, NULL, 0, false, "no manifest");
    unlink(at("rep/.m"));
    check_manifest(d, NULL, 0, false, "no manifest");
    /* a manifest naming paths outside the folder is not one of ours */
    put(at("rep/.m"), "# tcsurvey manifest 1: x\n6 0 ../x\n");
    check_manifest(d, NULL, 0, false, "no manifest");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(out_written_whole),
        cmocka_unit_test(special_files_written_in_place),
        cmocka_unit_test(inputs_never_outputs),
        cmocka_unit_test(remove_tree_follows_no_link),
        cmocka_unit_test(temp_dir_mode),
        cmocka_unit_test(manifest_exactly_what_was_written),
    };
    return cmocka_run_group_tests(tests, make_root, remove_root);
}
