/*
 * fuzz_logwatch_decoder.c — each decoder on its own: the first input byte picks one (sshd, pam,
 * sudo, su, login, accounts, mail, ftp, openvpn, dropbear, apps, web, or the JSON/Windows
 * decoder) and the rest is its message, run directly through lw_decode_as (lw_json_event for
 * JSON), so a decoder the dispatch by program would rarely reach is still fuzzed in depth.
 * Checks: every slice lies inside the message (the user "root" of a refused root login is a
 * static text), a source address comes with its family.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "logwatch/logwatch.h"

static const char *const decoders[] = {"sshd",     "pam",  "sudo", "su",      "login",
                                       "accounts", "mail", "ftp",  "openvpn", "dropbear",
                                       "apps",     "web",  NULL /* JSON */};

static struct lw_scratch scratch;

static void inside(struct lw_slice s, const char *p, size_t n)
{
    if (s.n && (s.p < p || s.p + s.n > p + n))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const size_t nd = sizeof(decoders) / sizeof(decoders[0]);
    const char *name = decoders[data[0] % nd];
    size--, data++;
    char *msg = malloc(size ? size : 1); /* exact size: ASan catches any overread */
    if (!msg)
        return 0;
    memcpy(msg, data, size);
    struct lw_event ev;
    if (!name) {
        (void)lw_json_event(msg, size, &ev, &scratch);
        if (scratch.used > sizeof(scratch.buf))
            abort();
    } else {
        memset(&ev, 0, sizeof(ev));
        ev.repeat = 1;
        ev.msg = (struct lw_slice){msg, size};
        (void)lw_decode_as(name, &ev);
        inside(ev.msg, msg, size);
        if (!(ev.flags & LW_F_ROOT))
            inside(ev.user, msg, size);
        inside(ev.target, msg, size);
        inside(ev.method, msg, size);
        inside(ev.src, msg, size);
    }
    if (ev.src.n && ev.src_family != 4 && ev.src_family != 6)
        abort();
    (void)lw_event_hostile(&ev);
    free(msg);
    return 0;
}
