/*
 * cache.c — files a program keeps to start faster (compiled Vectorscan databases, the catalog's
 * reference map), in a folder of the user's (logwatch: `--state DIR` or ~/.cache/airguard).
 *
 * What is read from here is used as if airguard had computed it — for Vectorscan, as the
 * program its matcher runs — so a file is read only when it and its folder belong to this user
 * and neither is group- or world-writable; the folder is opened without following a symbolic
 * link at its last step and the file with O_NOFOLLOW. The folder: ag_cache_default_dir (XDG),
 * made by ag_cache_make_dir (logwatch's Vectorscan databases, netwatch's OUI registry). Files are
 * written with write-then-rename (ag_file_write_atomic) and only into a folder that would be read
 * from. Any thread.
 */
#include "common/common.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool trusted(const struct stat *st)
{
    return st->st_uid == geteuid() && !(st->st_mode & (S_IWGRP | S_IWOTH));
}

static int open_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISDIR(st.st_mode) || !trusted(&st))) {
        close(fd);
        fd = -1;
    }
    return fd;
}

bool ag_cache_env_off(void)
{
    const char *env = getenv("AIRGUARD_NO_CACHE");
    return env && env[0] && strcmp(env, "0") != 0;
}

int ag_cache_read(const char *dir, const char *name, size_t max, char **out, size_t *len_out)
{
    *out = NULL;
    *len_out = 0;
    int dfd = open_dir(dir);
    if (dfd < 0)
        return AG_ENOTFOUND;
    int rc = AG_EDENIED;
    char *buf = NULL;
    int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd < 0) {
        rc = errno == ENOENT ? AG_ENOTFOUND : AG_EDENIED;
        goto out;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !trusted(&st) || st.st_size <= 0 ||
        (size_t)st.st_size > max)
        goto out;
    size_t len = (size_t)st.st_size, got = 0;
    buf = malloc(len + 1);
    while (buf && got < len) {
        ssize_t r = read(fd, buf + got, len - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    if (!buf || got != len)
        goto out;
    buf[len] = '\0';
    (void)futimens(fd, NULL); /* recently used: kept by ag_cache_trim */
    *out = buf;
    *len_out = len;
    buf = NULL;
    rc = AG_OK;
out:
    free(buf);
    if (fd >= 0)
        close(fd);
    close(dfd);
    return rc;
}

int ag_cache_write(const char *dir, const char *name, const void *data, size_t len)
{
    int dfd = open_dir(dir); /* not into a folder we would not read from */
    if (dfd < 0)
        return AG_EDENIED;
    close(dfd);
    char path[4096];
    int k = snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (k <= 0 || (size_t)k >= sizeof(path))
        return AG_EINVAL;
    struct ag_error err;
    return ag_file_write_atomic(path, data, len, &err);
}

struct old_file {
    char name[128];
    struct timespec t;
};

static int older_first(const void *a, const void *b)
{
    const struct old_file *x = a, *y = b;
    if (x->t.tv_sec != y->t.tv_sec)
        return x->t.tv_sec < y->t.tv_sec ? -1 : 1;
    return (x->t.tv_nsec > y->t.tv_nsec) - (x->t.tv_nsec < y->t.tv_nsec);
}

void ag_cache_trim(const char *dir, const char *prefix, const char *suffix, size_t keep,
                   const char *except)
{
    int dfd = open_dir(dir);
    DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
    if (!d) {
        if (dfd >= 0)
            close(dfd);
        return;
    }
    struct old_file *f = NULL;
    size_t n = 0, cap = 0, np = strlen(prefix), ns = strlen(suffix);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < np + ns || len >= sizeof(f->name) || strncmp(e->d_name, prefix, np) != 0 ||
            strcmp(e->d_name + len - ns, suffix) != 0 || strcmp(e->d_name, except) == 0)
            continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            struct old_file *nf = nc < 4096 ? realloc(f, nc * sizeof(*f)) : NULL;
            if (!nf)
                break;
            f = nf;
            cap = nc;
        }
        memcpy(f[n].name, e->d_name, len + 1);
        f[n++].t = st.st_mtim;
    }
    if (n + 1 > keep) { /* the files found and `except` */
        qsort(f, n, sizeof(*f), older_first);
        for (size_t i = 0; i + keep < n + 1; i++)
            (void)unlinkat(dirfd(d), f[i].name, 0);
    }
    closedir(d);
    free(f);
}

int ag_cache_default_dir(char *buf, size_t n)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    int k;
    if (xdg && xdg[0] == '/') /* the XDG spec: a relative path is invalid and ignored */
        k = snprintf(buf, n, "%s/airguard", xdg);
    else if (home && home[0] == '/')
        k = snprintf(buf, n, "%s/.cache/airguard", home);
    else
        return AG_ENOTFOUND;
    return k > 0 && (size_t)k < n ? AG_OK : AG_EINVAL;
}

int ag_cache_make_dir(const char *dir)
{
    char parent[4096];
    int k = snprintf(parent, sizeof(parent), "%s", dir);
    if (k <= 0 || (size_t)k >= sizeof(parent))
        return AG_EINVAL;
    char *slash = strrchr(parent, '/');
    if (slash && slash != parent) { /* ~/.cache may not exist yet: made private, as XDG asks */
        *slash = '\0';
        if (mkdir(parent, 0700) != 0 && errno != EEXIST)
            return AG_EIO;
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return AG_EIO;
    return AG_OK;
}
