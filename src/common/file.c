/*
 * file.c — whole-file reads with a size cap, and atomic writes (temporary file in the same
 * folder, fsync, rename) so a crash never leaves a half-written output.
 */
#include "common/common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int ag_file_read(const char *path, size_t max_size, char **out, size_t *len_out,
                 struct ag_error *err)
{
    int rc = AG_OK;
    char *buf = NULL;
    size_t len = 0, alloc = 0;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return ag_error_set(err, AG_EIO, "%s: cannot open: %s", path, strerror(errno));
    for (;;) {
        if (alloc - len < 65536 + 1) {
            size_t na = alloc ? alloc * 2 : 65536 * 2;
            char *p = realloc(buf, na);
            if (!p) {
                rc = ag_error_set(err, AG_ENOMEM, "%s: out of memory", path);
                goto out;
            }
            buf = p;
            alloc = na;
        }
        size_t n = fread(buf + len, 1, alloc - len - 1, f);
        len += n;
        if (len > max_size) {
            rc = ag_error_set(err, AG_EINVAL, "%s: larger than the limit of %zu bytes", path,
                              max_size);
            goto out;
        }
        if (n == 0) {
            if (ferror(f)) {
                rc = ag_error_set(err, AG_EIO, "%s: read error: %s", path, strerror(errno));
                goto out;
            }
            break;
        }
    }
    buf[len] = '\0';
    *out = buf;
    buf = NULL;
    if (len_out)
        *len_out = len;
out:
    free(buf);
    if (f != stdin)
        fclose(f);
    return rc;
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int ag_file_write_atomic(const char *path, const void *data, size_t len, struct ag_error *err)
{
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
            return ag_error_set(err, AG_EIO, "stdout: write error: %s", strerror(errno));
        return AG_OK;
    }
    struct strbuf tmp;
    strbuf_init(&tmp, 8192);
    strbuf_addf(&tmp, "%s.tmp.XXXXXX", path);
    if (!strbuf_ok(&tmp)) {
        strbuf_release(&tmp);
        return ag_error_set(err, AG_ENOMEM, "%s: path too long", path);
    }
    int rc = AG_OK;
    int fd = mkstemp(tmp.buf);
    if (fd < 0) {
        rc = ag_error_set(err, AG_EIO, "%s: cannot create a temporary file beside it: %s", path,
                          strerror(errno));
        goto out;
    }
    if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
        rc = ag_error_set(err, AG_EIO, "%s: write error: %s", path, strerror(errno));
        close(fd);
        unlink(tmp.buf);
        goto out;
    }
    /* mkstemp creates 0600; exports are ordinary documents. */
    fchmod(fd, 0644);
    if (close(fd) != 0 || rename(tmp.buf, path) != 0) {
        rc = ag_error_set(err, AG_EIO, "%s: cannot move the finished file into place: %s", path,
                          strerror(errno));
        unlink(tmp.buf);
    }
out:
    strbuf_release(&tmp);
    return rc;
}
