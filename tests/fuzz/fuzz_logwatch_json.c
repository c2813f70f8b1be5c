/*
 * fuzz_logwatch_json.c — arbitrary bytes as one JSON log line through lw_json_event
 * (src/logwatch/json.c). Checks beyond "no crash, no sanitizer report": every slice of the event
 * lies in the arena (within what it used) or is a static text, holds no NUL byte, and a source
 * address comes with its family.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "logwatch/logwatch.h"

static struct lw_scratch scratch;

static void sane(struct lw_slice s)
{
    if (!s.n)
        return;
    if (memchr(s.p, '\0', s.n))
        abort();
    bool in_arena = s.p >= scratch.buf && s.p < scratch.buf + sizeof(scratch.buf);
    if (in_arena && s.p + s.n > scratch.buf + scratch.used)
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
    bool ok = lw_json_event(line, size, &ev, &scratch);
    if (scratch.used > sizeof(scratch.buf) || (ok && scratch.error[0]))
        abort();
    const struct lw_slice all[] = {ev.host, ev.program, ev.pid,    ev.msg,
                                   ev.user, ev.target,  ev.method, ev.src};
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
        sane(all[i]);
    if (ev.src.n && ev.src_family != 4 && ev.src_family != 6)
        abort();
    if (ev.user.n > LW_FIELD_MAX || ev.host.n > LW_FIELD_MAX || ev.target.n > LW_FIELD_MAX)
        abort();
    (void)lw_event_hostile(&ev);
    free(line);
    return 0;
}
