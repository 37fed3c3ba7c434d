/* run.c - one external program, run without a shell (run.h). */
#define _POSIX_C_SOURCE 200809L
#include "common/run.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

void tcs_run_log_tail(const char *log, char *out, size_t outsz)
{
    out[0] = '\0';
    FILE *fp = fopen(log, "r");
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
            kill(-pid, SIGKILL); /* the program and anything it started */
            *stopped = true;
        }
        if (r == 0) {
            struct timespec ts = {0, 20 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
    }
}

/* In the child: its own process group (so stopping it stops what it
 * runs), the folder, /dev/null and the log; exec. Reports exec's errno
 * on the close-on-exec pipe. */
static void child(const char *const *argv, const char *dir, const char *log, int report)
{
    setpgid(0, 0);
    int in = open("/dev/null", O_RDONLY);
    int lg = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int e = 0;
    if (in < 0 || lg < 0 || chdir(dir) != 0 || dup2(in, 0) < 0 || dup2(lg, 1) < 0 ||
        dup2(lg, 2) < 0)
        e = errno ? errno : EIO;
    if (!e) {
        execvp(argv[0], (char *const *)argv);
        e = errno;
    }
    ssize_t wr = write(report, &e, sizeof e);
    (void)wr;
    _exit(127);
}

void tcs_run_program(const char *const *argv, const char *dir, const char *log,
                     const volatile sig_atomic_t *cancel, tcs_run_result *out)
{
    memset(out, 0, sizeof *out);
    /* a close-on-exec pipe tells the parent whether exec itself failed */
    int pfd[2];
    if (pipe(pfd) != 0) {
        *out = (tcs_run_result){TCS_RUN_CANNOT, 0, errno};
        return;
    }
    if (fcntl(pfd[1], F_SETFD, FD_CLOEXEC) != 0) {
        *out = (tcs_run_result){TCS_RUN_CANNOT, 0, errno};
        close(pfd[0]);
        close(pfd[1]);
        return;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        *out = (tcs_run_result){TCS_RUN_CANNOT, 0, errno};
        close(pfd[0]);
        close(pfd[1]);
        return;
    }
    if (pid == 0) {
        close(pfd[0]);
        child(argv, dir, log, pfd[1]);
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
        out->outcome = TCS_RUN_STOPPED;
    else if (got == (ssize_t)sizeof child_errno)
        *out = (tcs_run_result){child_errno == ENOENT ? TCS_RUN_NOT_FOUND : TCS_RUN_CANNOT, 0,
                                child_errno};
    else if (status == -1)
        *out = (tcs_run_result){TCS_RUN_FAILED, -1, 0};
    else if (WIFSIGNALED(status))
        *out = (tcs_run_result){TCS_RUN_SIGNALED, WTERMSIG(status), 0};
    else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        *out = (tcs_run_result){TCS_RUN_FAILED, WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0};
}
