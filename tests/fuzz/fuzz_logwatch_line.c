/*
 * fuzz_logwatch_line.c — arbitrary bytes as one log line through the syslog header parser and
 * every decoder (src/logwatch). Checks beyond "no crash, no sanitizer report": every slice of the
 * event lies inside the line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "logwatch/logwatch.h"

static void inside(struct lw_slice s, const char *p, size_t n)
{
    if (s.n && (s.p < p || s.p + s.n > p + n))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *line = malloc(size ? size : 1); /* exact size: ASan catches any overread */
    if (!line)
        return 0;
    memcpy(line, data, size);
    struct lw_event ev;
    size_t stripped = lw_strip_ansi(line, size);
    if (stripped > size)
        abort();
    lw_syslog_parse(line, stripped, 2024, &ev);
    (void)lw_decode(&ev);
    (void)lw_event_hostile(&ev);
    size = stripped;
    inside(ev.host, line, size);
    inside(ev.program, line, size);
    inside(ev.pid, line, size);
    inside(ev.msg, line, size);
    if (!(ev.flags & LW_F_ROOT)) /* the user of a refused root login is the text "root" */
        inside(ev.user, line, size);
    inside(ev.method, line, size);
    inside(ev.src, line, size);
    if (ev.src.n && (ev.src_family != 4 && ev.src_family != 6))
        abort();
    free(line);
    return 0;
}
