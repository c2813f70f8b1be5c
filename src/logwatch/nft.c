/*
 * nft.c — logwatch's blocks applied to the kernel firewall through nftables' own program:
 * `nft -f -` started with posix_spawn (an argv, no shell), fed a script on standard input.
 * Scripts are built only from a validated table name, addresses formatted by inet_ntop from
 * parsed bytes, and numbers — nothing of an alert or a log line reaches nft as text. Each
 * script is one nft transaction: it applies entirely or not at all.
 *
 * Runs in the caller's thread and blocks until nft exits (at most NFT_TIMEOUT_MS; then nft is
 * killed). SIGPIPE is blocked in this thread while writing, so an nft that exits early gives
 * an error, not a dead process. nft's standard error (capped) goes into the error message.
 */
#define _GNU_SOURCE /* pipe2 */
#include "logwatch/logwatch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define NFT_TIMEOUT_MS 30000
#define NFT_STDERR_MAX 2048 /* what the error message keeps of nft's standard error */
#define NFT_TIMEOUT_MAX_S ((int64_t)3650 * 86400) /* nft refuses longer timeouts */

bool lw_nft_table_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n >= LW_NFT_TABLE_MAX)
        return false;
    if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z')))
        return false;
    for (size_t i = 1; i < n; i++)
        if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
              (name[i] >= '0' && name[i] <= '9') || name[i] == '_'))
            return false;
    return true;
}

static int64_t ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)(t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Writes script to nft's stdin while collecting its stderr (both through poll, so neither side
 * can fill a pipe and wait for the other). */
static void exchange(int in, int errfd, const char *script, size_t len, char *ebuf, size_t *elen,
                     bool *timed_out)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    size_t off = 0;
    while (in >= 0 || errfd >= 0) {
        struct pollfd p[2] = {{in, POLLOUT, 0}, {errfd, POLLIN, 0}};
        int64_t left = NFT_TIMEOUT_MS - ms_since(&t0);
        if (left <= 0) {
            *timed_out = true;
            break;
        }
        int r = poll(p, 2, (int)left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            break;
        if (in >= 0 && p[0].revents) {
            ssize_t w = (p[0].revents & POLLOUT) ? write(in, script + off, len - off) : -1;
            if (w > 0)
                off += (size_t)w;
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0 || off == len) {
                close(in); /* all written, or nft stopped reading (EPIPE) */
                in = -1;
            }
        }
        if (errfd >= 0 && p[1].revents) {
            char tmp[512];
            ssize_t n = read(errfd, tmp, sizeof(tmp));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                close(errfd);
                errfd = -1;
            } else {
                size_t keep =
                    (size_t)n < NFT_STDERR_MAX - *elen ? (size_t)n : NFT_STDERR_MAX - *elen;
                memcpy(ebuf + *elen, tmp, keep);
                *elen += keep;
            }
        }
    }
    if (in >= 0)
        close(in);
    if (errfd >= 0)
        close(errfd);
}

/* Runs `nft -f -` with script on its standard input. */
static int nft_run(const struct lw_nft *nft, const char *script, size_t len, struct ag_error *err)
{
    int in[2] = {-1, -1}, errp[2] = {-1, -1};
    posix_spawn_file_actions_t fa;
    char *const argv[] = {(char *)nft->path, "-f", "-", NULL};
    char ebuf[NFT_STDERR_MAX + 1];
    size_t elen = 0;
    bool timed_out = false;
    pid_t pid;
    int rc;
    if (pipe2(in, O_CLOEXEC) || pipe2(errp, O_CLOEXEC)) {
        rc = ag_error_set(err, AG_EIO, "nft: cannot make a pipe: %s", strerror(errno));
        goto close_pipes;
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, errp[1], 1); /* nft prints nothing else on stdout */
    posix_spawn_file_actions_adddup2(&fa, errp[1], 2);
    int e = posix_spawn(&pid, nft->path, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (e) {
        rc = ag_error_set(err, AG_EIO, "cannot run %s: %s", nft->path, strerror(e));
        goto close_pipes;
    }
    close(in[0]);
    close(errp[1]);
    in[0] = errp[1] = -1;

    sigset_t pipe_set, old;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
    exchange(in[1], errp[0], script, len, ebuf, &elen, &timed_out);
    in[1] = errp[0] = -1; /* closed by exchange */
    struct timespec zero = {0, 0};
    while (sigtimedwait(&pipe_set, NULL, &zero) > 0) /* a SIGPIPE we caused: consume it */
        ;
    pthread_sigmask(SIG_SETMASK, &old, NULL);

    if (timed_out)
        kill(pid, SIGKILL);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    /* nft's message: its lines joined with " / ", without the trailing newline */
    while (elen && (ebuf[elen - 1] == '\n' || ebuf[elen - 1] == ' '))
        elen--;
    ebuf[elen] = '\0';
    for (size_t i = 0; i < elen; i++)
        if (ebuf[i] == '\n' || ebuf[i] == '\t')
            ebuf[i] = ' ';
    if (timed_out)
        rc = ag_error_set(err, AG_EIO, "%s did not finish within %d s and was stopped", nft->path,
                          NFT_TIMEOUT_MS / 1000);
    else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        rc = AG_OK;
    else if (WIFEXITED(status))
        rc = ag_error_set(err, AG_EIO, "%s failed (exit status %d): %s", nft->path,
                          WEXITSTATUS(status), elen ? ebuf : "no message");
    else
        rc = ag_error_set(err, AG_EIO, "%s was killed by signal %d", nft->path,
                          WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    return rc;
close_pipes:
    for (int i = 0; i < 2; i++) {
        if (in[i] >= 0)
            close(in[i]);
        if (errp[i] >= 0)
            close(errp[i]);
    }
    return rc;
}

/* The lines that create the table and its sets if missing (idempotent, keep elements). */
static void add_sets(struct strbuf *b, const char *t)
{
    strbuf_addf(b, "add table inet %s\n", t);
    strbuf_addf(b, "add set inet %s blocked4 { type ipv4_addr; flags timeout; }\n", t);
    strbuf_addf(b, "add set inet %s blocked6 { type ipv6_addr; flags timeout; }\n", t);
}

static void add_chain(struct strbuf *b, const char *t)
{
    strbuf_addf(b,
                "add chain inet %s input { type filter hook input priority -10; policy accept; }\n"
                "flush chain inet %s input\n"
                "add rule inet %s input ip saddr @blocked4 counter drop\n"
                "add rule inet %s input ip6 saddr @blocked6 counter drop\n",
                t, t, t, t);
}

/* Adds (or re-times) one element: add, delete, add in the same transaction, because `add` of
 * an element that exists keeps its old timeout. */
static void add_element(struct strbuf *b, const char *t, int family, const uint8_t addr[16],
                        int64_t seconds)
{
    char a[48], d[32];
    lw_addr_format(family, addr, a);
    if (seconds > NFT_TIMEOUT_MAX_S)
        seconds = NFT_TIMEOUT_MAX_S;
    lw_duration_format(seconds, d);
    const char *set = family == 6 ? "blocked6" : "blocked4";
    strbuf_addf(b, "add element inet %s %s { %s timeout %s }\n", t, set, a, d);
    strbuf_addf(b, "delete element inet %s %s { %s }\n", t, set, a);
    strbuf_addf(b, "add element inet %s %s { %s timeout %s }\n", t, set, a, d);
}

static int check(const struct lw_nft *nft, struct ag_error *err)
{
    if (!lw_nft_table_ok(nft->table))
        return ag_error_set(err, AG_EINVAL, "\"%s\" is not an nftables table name", nft->table);
    if (nft->path[0] != '/')
        return ag_error_set(err, AG_EINVAL, "nft: \"%s\" is not an absolute path", nft->path);
    return AG_OK;
}

static int run_buf(const struct lw_nft *nft, struct strbuf *b, struct ag_error *err)
{
    int rc = strbuf_ok(b) ? nft_run(nft, strbuf_str(b), b->len, err)
                          : ag_error_set(err, AG_ENOMEM, "nft: out of memory");
    strbuf_release(b);
    return rc;
}

int lw_nft_setup(const struct lw_nft *nft, struct ag_error *err)
{
    int rc = check(nft, err);
    if (rc)
        return rc;
    struct strbuf b;
    strbuf_init(&b, 0);
    add_sets(&b, nft->table);
    add_chain(&b, nft->table);
    return run_buf(nft, &b, err);
}

static bool family_ok(int family)
{
    return family == 4 || family == 6;
}

int lw_nft_block(const struct lw_nft *nft, int family, const uint8_t addr[16], int64_t seconds,
                 struct ag_error *err)
{
    int rc = check(nft, err);
    if (rc)
        return rc;
    if (!family_ok(family) || seconds <= 0)
        return ag_error_set(err, AG_EINVAL, "nft: no address or no time to block for");
    struct strbuf b;
    strbuf_init(&b, 0);
    add_sets(&b, nft->table);
    add_element(&b, nft->table, family, addr, seconds);
    return run_buf(nft, &b, err);
}

int lw_nft_unblock(const struct lw_nft *nft, int family, const uint8_t addr[16],
                   struct ag_error *err)
{
    int rc = check(nft, err);
    if (rc)
        return rc;
    if (!family_ok(family))
        return ag_error_set(err, AG_EINVAL, "nft: not an IPv4 or IPv6 address");
    char a[48];
    lw_addr_format(family, addr, a);
    const char *set = family == 6 ? "blocked6" : "blocked4";
    struct strbuf b;
    strbuf_init(&b, 0);
    add_sets(&b, nft->table);
    /* deleting a missing element is an error to nft: make sure it is there first */
    strbuf_addf(&b, "add element inet %s %s { %s timeout 1s }\n", nft->table, set, a);
    strbuf_addf(&b, "delete element inet %s %s { %s }\n", nft->table, set, a);
    return run_buf(nft, &b, err);
}

int lw_nft_flush(const struct lw_nft *nft, struct ag_error *err)
{
    int rc = check(nft, err);
    if (rc)
        return rc;
    struct strbuf b;
    strbuf_init(&b, 0);
    add_sets(&b, nft->table);
    strbuf_addf(&b, "flush set inet %s blocked4\nflush set inet %s blocked6\n", nft->table,
                nft->table);
    return run_buf(nft, &b, err);
}

int lw_nft_restore(const struct lw_nft *nft, const struct lw_blocklist *bl, int64_t now,
                   struct ag_error *err)
{
    int rc = check(nft, err);
    if (rc)
        return rc;
    struct strbuf b;
    strbuf_init(&b, 0);
    add_sets(&b, nft->table);
    add_chain(&b, nft->table);
    for (size_t i = 0; i < lw_blocklist_count(bl); i++) {
        const struct lw_block_entry *e = lw_blocklist_at(bl, i);
        if (e->expires > now)
            add_element(&b, nft->table, e->family, e->addr, e->expires - now);
    }
    return run_buf(nft, &b, err);
}
