/*
 * fuzz_logwatch_respond.c — the inputs of logwatch's responses from outside: the first byte
 * chooses what the rest is — 0: the YAML configuration (respond:, allowlist:), 1: the block
 * list state file (JSON), else: alerts (one JSON object per line) answered by a responder whose
 * firewall is a stand-in. Beyond "no crash, no sanitizer report": a configuration that loads
 * holds only values the responder can use; a loaded list respects its cap and finds every
 * entry; the firewall is only asked for non-allowlisted addresses and positive durations.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "logwatch/logwatch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct lw_respond_config *cfg_now;

static int fw_block(void *ctx, int family, const uint8_t addr[16], int64_t seconds,
                    struct ag_error *err)
{
    (void)ctx, (void)err;
    if ((family != 4 && family != 6) || seconds <= 0 ||
        lw_respond_allowlisted(cfg_now, family, addr))
        abort();
    return AG_OK;
}

static int fw_unblock(void *ctx, int family, const uint8_t addr[16], struct ag_error *err)
{
    (void)ctx, (void)family, (void)addr, (void)err;
    return AG_OK;
}

static int fw_flush(void *ctx, struct ag_error *err)
{
    (void)ctx, (void)err;
    return AG_OK;
}

static void config(const char *p, size_t n)
{
    struct lw_respond_config c;
    struct ag_error err;
    lw_respond_config_init(&c);
    if (lw_respond_config_parse(p, n, "f.yaml", &c, &err) == AG_OK) {
        if (c.ndurations < 1 || c.ndurations > LW_RESPOND_MAX_DURATIONS || c.window <= 0 ||
            c.max_entries < 1 || !lw_nft_table_ok(c.table))
            abort();
        for (size_t i = 0; i < c.ndurations; i++)
            if (c.durations[i] <= 0)
                abort();
    } else if (!strstr(err.msg, "f.yaml")) {
        abort(); /* every error names the file */
    }
    lw_respond_config_release(&c);
}

static void state(const char *p, size_t n)
{
    struct lw_respond_config c;
    lw_respond_config_init(&c);
    c.max_entries = 8;
    struct lw_block_policy pol;
    lw_block_policy_from_config(&c, &pol);
    struct lw_blocklist *bl;
    if (lw_blocklist_new(&pol, &bl))
        return;
    struct ag_error err;
    if (lw_blocklist_load_text(bl, p, n, "f.json", 1780000000, &err) == AG_OK) {
        if (lw_blocklist_count(bl) > 8)
            abort();
        for (size_t i = 0; i < lw_blocklist_count(bl); i++) {
            const struct lw_block_entry *e = lw_blocklist_at(bl, i);
            if (lw_blocklist_find(bl, e->family, e->addr) != e)
                abort();
        }
    }
    lw_blocklist_free(bl);
}

static void alerts(const char *p, size_t n)
{
    struct lw_respond_config c;
    struct ag_error err;
    lw_respond_config_init(&c);
    const char *y = "respond: {enabled: true, min_level: low, max_entries: 4, "
                    "categories: [brute_force, web_attack, password_spray]}\n"
                    "allowlist: [10.0.0.0/8, '2001:db8::/32']\n";
    if (lw_respond_config_parse(y, strlen(y), "y", &c, &err))
        abort();
    cfg_now = &c;
    struct lw_responder *r;
    if (lw_responder_new(&c, &r) == AG_OK) {
        struct lw_firewall fw = {fw_block, fw_unblock, fw_flush, NULL};
        lw_responder_set_firewall(r, &fw);
        int64_t now = 1780000000;
        for (size_t i = 0; i < n;) {
            const char *nl = memchr(p + i, '\n', n - i);
            size_t len = nl ? (size_t)(nl - (p + i)) : n - i;
            json_t *a = json_loadb(p + i, len, 0, NULL);
            struct lw_response_out o;
            if (a) {
                (void)!lw_respond_alert(r, a, now, &o);
                json_decref(a);
            }
            now += 600;
            i += len + 1;
        }
        if (lw_blocklist_count(lw_responder_blocklist(r)) > 4)
            abort();
        lw_responder_free(r);
    }
    lw_respond_config_release(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char *p = malloc(size > 1 ? size - 1 : 1); /* exact size: ASan catches any overread */
    if (!p)
        return 0;
    memcpy(p, data + 1, size - 1);
    if (data[0] == 0)
        config(p, size - 1);
    else if (data[0] == 1)
        state(p, size - 1);
    else
        alerts(p, size - 1);
    free(p);
    return 0;
}
