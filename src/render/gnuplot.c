/* gnuplot.c - script text escaping and one gnuplot process per run. */
#define _POSIX_C_SOURCE 200809L
#include "tcsurvey/gnuplot.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *tcs_gp_program(const char *program)
{
    if (program && *program)
        return program;
    const char *env = getenv("TCSURVEY_GNUPLOT");
    return env && *env ? env : "gnuplot";
}

/* The last few non-empty lines of gnuplot's log, joined with " | ". */
static void log_tail(const char *dir, char *out, size_t outsz)
{
    out[0] = '\0';
    char path[4096];
    snprintf(path, sizeof path, "%s/gnuplot.log", dir);
    FILE *fp = fopen(path, "r");
    if (!fp)
        return;
    char lines[4][256] = {{0}};
    size_t n = 0;
    char buf[256];
    while (fgets(buf, sizeof buf, fp)) {
        buf[strcspn(buf, "\r\n")] = '\0';
        size_t k = strspn(buf, " \t^");
        if (buf[k] == '\0')
            continue;
        snprintf(lines[n % 4], sizeof lines[0], "%s", buf + k);
        n++;
    }
    fclose(fp);
    size_t first = n > 4 ? n - 4 : 0;
    for (size_t i = first; i < n; i++) {
        size_t len = strlen(out);
        snprintf(out + len, outsz - len, "%s%s", i > first ? " | " : "", lines[i % 4]);
    }
}

/* Wait for the child; with a cancel flag, poll it and stop the child when
 * it is set. *stopped says whether it was. */
static int wait_child(pid_t pid, const volatile sig_atomic_t *cancel, bool *stopped)
{
    int status = 0;
    *stopped = false;
    for (;;) {
        pid_t r = waitpid(pid, &status, cancel ? WNOHANG : 0);
        if (r == pid)
            return status;
        if (r < 0 && errno != EINTR)
            return -1;
        if (cancel && *cancel && !*stopped) {
            kill(-pid, SIGKILL); /* gnuplot and anything it started */
            *stopped = true;
        }
        if (r == 0) {
            struct timespec ts = {0, 20 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
    }
}

tcs_status tcs_gp_run(const char *program, const char *dir, const char *script,
                      const volatile sig_atomic_t *cancel, tcs_error *err)
{
    char logpath[4096];
    snprintf(logpath, sizeof logpath, "%s/gnuplot.log", dir);
    /* a close-on-exec pipe tells the parent whether exec itself failed */
    int pfd[2];
    if (pipe(pfd) != 0)
        return tcs_error_set(err, TCS_EPROGRAM, "", 0, 0, "cannot run %s: %s", program,
                             strerror(errno));
    if (fcntl(pfd[1], F_SETFD, FD_CLOEXEC) != 0) {
        close(pfd[0]);
        close(pfd[1]);
        return tcs_error_set(err, TCS_EPROGRAM, "", 0, 0, "cannot run %s: %s", program,
                             strerror(errno));
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(pfd[0]);
        close(pfd[1]);
        return tcs_error_set(err, TCS_EPROGRAM, "", 0, 0, "cannot run %s: %s", program,
                             strerror(e));
    }
    if (pid == 0) {
        /* its own process group, so that stopping it stops what it runs */
        setpgid(0, 0);
        close(pfd[0]);
        int in = open("/dev/null", O_RDONLY);
        int log = open(logpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = 0;
        if (in < 0 || log < 0 || chdir(dir) != 0 || dup2(in, 0) < 0 || dup2(log, 1) < 0 ||
            dup2(log, 2) < 0)
            e = errno ? errno : EIO;
        if (!e) {
            char *const argv[] = {(char *)program, (char *)script, NULL};
            execvp(program, argv);
            e = errno;
        }
        ssize_t wr = write(pfd[1], &e, sizeof e);
        (void)wr;
        _exit(127);
    }
    setpgid(pid, pid); /* as the child does: whichever runs first */
    close(pfd[1]);
    int child_errno = 0;
    ssize_t got;
    do
        got = read(pfd[0], &child_errno, sizeof child_errno);
    while (got < 0 && errno == EINTR);
    close(pfd[0]);
    bool stopped;
    int status = wait_child(pid, cancel, &stopped);
    if (stopped || (cancel && *cancel))
        return tcs_error_set(err, TCS_EOUTPUT, "", 0, 0, "interrupted: gnuplot was stopped");
    if (got == (ssize_t)sizeof child_errno) {
        if (child_errno == ENOENT)
            return tcs_error_set(err, TCS_EPROGRAM, "", 0, 0,
                                 "cannot run %s: program not found. Charts need gnuplot: "
                                 "install it (Debian: apt-get install gnuplot-nox) or name it "
                                 "with TCSURVEY_GNUPLOT",
                                 program);
        return tcs_error_set(err, TCS_EPROGRAM, "", 0, 0, "cannot run %s: %s", program,
                             strerror(child_errno));
    }
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char tail[768];
        log_tail(dir, tail, sizeof tail);
        if (status != -1 && WIFSIGNALED(status))
            return tcs_error_set(err, TCS_EPROGRAM, "", 0, 0, "%s was stopped by signal %d%s%s",
                                 program, WTERMSIG(status), tail[0] ? ": " : "", tail);
        return tcs_error_set(err, TCS_EPROGRAM, "", 0, 0, "%s failed (exit %d)%s%s", program,
                             status == -1 ? -1 : WEXITSTATUS(status), tail[0] ? ": " : "",
                             tail);
    }
    return TCS_OK;
}
