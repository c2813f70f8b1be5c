/*
 * pdf.c — HTML to PDF through headless Chromium (Debian's chromium with fonts-noto-cjk), for
 * every printed report (the report to MLIT here, the management report of issue 7 item 2).
 *
 * The only place airguard starts a program (tests/integration/test_no_shell.sh checks that no
 * other object file imports posix_spawn): the argv is fixed — the program path, flags, and two
 * paths inside a folder made by mkdtemp — so nothing from the input reaches a command line, and
 * no shell is involved. The page is written to that folder first; Chromium gets its own profile
 * there (--user-data-dir) and HOME points there, so crash dumps and caches stay inside and the
 * folder is removed afterwards. Chromium runs in its own process group, so a timeout kills the
 * whole tree. Its standard output and error go to /dev/null (it is chatty about D-Bus).
 */
#include "report/report.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define PDF_MAX ((size_t)256 << 20)

static const char *find_chromium(void)
{
    static const char *const known[] = {"/usr/bin/chromium", "/usr/bin/chromium-browser",
                                        "/usr/bin/google-chrome"};
    const char *env = getenv("AIRGUARD_CHROMIUM");
    if (env && *env)
        return env[0] == '/' && access(env, X_OK) == 0 ? env : NULL;
    for (size_t i = 0; i < AG_ARRAY_LEN(known); i++)
        if (access(known[i], X_OK) == 0)
            return known[i];
    return NULL;
}

/* Removes the temporary folder (files and one level of sub-folders are all Chromium leaves at
 * the top; deeper profile folders are removed recursively). */
static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char child[4096];
            if ((size_t)snprintf(child, sizeof(child), "%s/%s", path, e->d_name) >= sizeof(child))
                continue;
            struct stat stt;
            if (lstat(child, &stt) == 0 && S_ISDIR(stt.st_mode))
                remove_tree(child);
            else
                unlink(child);
        }
        closedir(d);
    }
    rmdir(path);
}

int report_pdf_from_html(const char *html, size_t len, int timeout_s, struct strbuf *pdf,
                         struct ag_error *err)
{
    const char *prog = find_chromium();
    if (!prog)
        return ag_error_set(err, AG_ENOTFOUND,
                            "PDF: no Chromium found (install Debian's chromium, or set "
                            "AIRGUARD_CHROMIUM to its absolute path)");
    const char *base = getenv("TMPDIR");
    char dir[1024], in[1100], out[1100], profile[1100], arg_out[1200], arg_in[1200],
        arg_profile[1200], home[1100];
    snprintf(dir, sizeof(dir), "%s/airguard-pdf-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(dir))
        return ag_error_set(err, AG_EIO, "PDF: cannot make a temporary folder in %s: %s",
                            base && *base ? base : "/tmp", strerror(errno));
    snprintf(in, sizeof(in), "%s/report.html", dir);
    snprintf(out, sizeof(out), "%s/report.pdf", dir);
    snprintf(profile, sizeof(profile), "%s/profile", dir);
    snprintf(arg_out, sizeof(arg_out), "--print-to-pdf=%s", out);
    snprintf(arg_in, sizeof(arg_in), "file://%s", in);
    snprintf(arg_profile, sizeof(arg_profile), "--user-data-dir=%s", profile);
    snprintf(home, sizeof(home), "HOME=%s", dir);
    int rc = ag_file_write_atomic(in, html, len, err);
    if (rc)
        goto out;

    char *const argv[] = {(char *)prog,
                          "--headless",
                          "--no-sandbox",
                          "--disable-gpu",
                          "--disable-dev-shm-usage",
                          "--no-first-run",
                          "--no-default-browser-check",
                          "--disable-extensions",
                          "--disable-background-networking",
                          "--no-pdf-header-footer",
                          arg_profile,
                          arg_out,
                          arg_in,
                          NULL};
    /* a small fixed environment: no secrets of ours reach the browser */
    const char *lang = getenv("LANG");
    char lang_env[128];
    snprintf(lang_env, sizeof(lang_env), "LANG=%s", lang && *lang ? lang : "C.UTF-8");
    char *const envp[] = {home, "PATH=/usr/local/bin:/usr/bin:/bin", lang_env, NULL};

    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    pid_t pid;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_init(&attr);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    int e = posix_spawn(&pid, prog, &fa, &attr, argv, envp);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (e != 0) {
        rc = ag_error_set(err, AG_EIO, "PDF: cannot start %s: %s", prog, strerror(e));
        goto out;
    }
    /* waitid with WNOWAIT sees the exit without reaping, so the process group's id cannot be
     * reused before the helpers Chromium may leave behind are killed with it */
    int status = 0;
    long waited_ms = 0;
    for (;;) {
        siginfo_t si;
        memset(&si, 0, sizeof(si));
        if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0 && errno != EINTR) {
            rc = ag_error_set(err, AG_EIO, "PDF: waiting for %s: %s", prog, strerror(errno));
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            goto out;
        }
        if (si.si_pid == pid)
            break;
        if (waited_ms >= (long)timeout_s * 1000) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            rc = ag_error_set(err, AG_EIO, "PDF: %s did not finish within %d seconds", prog,
                              timeout_s);
            goto out;
        }
        struct timespec ts = {0, 50 * 1000 * 1000};
        nanosleep(&ts, NULL);
        waited_ms += 50;
    }
    kill(-pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        rc = ag_error_set(err, AG_EIO, "PDF: %s failed (exit status %d)", prog,
                          WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        goto out;
    }
    char *data = NULL;
    size_t n = 0;
    if ((rc = ag_file_read(out, PDF_MAX, &data, &n, err)))
        goto out;
    if (n < 5 || memcmp(data, "%PDF-", 5) != 0)
        rc = ag_error_set(err, AG_EIO, "PDF: %s wrote no PDF", prog);
    else
        strbuf_add(pdf, data, n);
    free(data);
    if (rc == AG_OK && !strbuf_ok(pdf))
        rc = ag_error_set(err, AG_ENOMEM, "PDF: the document is larger than allowed");
out:
    remove_tree(dir);
    return rc;
}
