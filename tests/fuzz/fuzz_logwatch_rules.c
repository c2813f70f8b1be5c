/*
 * fuzz_logwatch_rules.c — arbitrary bytes as a rule file (Sigma YAML) through the rule loader,
 * with and without keep-going; a rule set that loads then meets a few fixed events (failed and
 * successful logins, a web request, an undecoded line) through the engine, correlations
 * included. Checks beyond "no crash, no sanitizer report": a failed load returns no rule set and
 * says why; a successful one has rules; an engine evaluating flat rules inline (its per-list
 * steps) matches and alerts exactly as one evaluating every rule whole (lw_engine_set_flat).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "logwatch/rules_int.h"

#include <jansson.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void ignore(void *ctx, const struct lw_alert *alert)
{
    /* the JSON object an output would build: every alert must make one */
    json_t *a = lw_alert_json(alert);
    if (!a || !json_object_get(a, "id"))
        abort();
    json_decref(a);
    (*(unsigned *)ctx)++;
}

static const char *const lines[] = {
    "2026-03-05T01:00:00Z gw01 sshd[7]: Failed password for invalid user admin from 203.0.113.9 "
    "port 4242 ssh2",
    "2026-03-05T01:00:01Z gw01 sshd[7]: Failed password for root from 203.0.113.9 port 4243 ssh2",
    "2026-03-05T01:00:02Z gw01 sshd[7]: Accepted password for root from 203.0.113.9 port 1 ssh2",
    "192.0.2.1 - - [05/Mar/2026:10:00:03 +0900] \"GET /a?id=1%27%20or%201=1-- HTTP/1.1\" 200 1 "
    "\"-\" \"x\"",
    "2026-03-05T03:00:00Z gw02 kernel: something else",
};

/* the fixed events through an engine with rs (taken), flat steps or whole rules */
static void run(struct lw_ruleset *rs, bool flat, struct lw_engine_stats *st)
{
    struct lw_config cfg;
    lw_config_init(&cfg);
    cfg.max_keys = 64; /* small: eviction is exercised, and each run stays cheap */
    struct lw_engine *e;
    unsigned n = 0;
    memset(st, 0, sizeof(*st));
    if (lw_engine_new(&e, &cfg, ignore, &n) != AG_OK) {
        lw_ruleset_free(rs);
        return;
    }
    lw_engine_set_flat(e, flat);
    lw_engine_set_rules(e, rs);
    for (int round = 0; round < 3; round++)
        for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
            struct lw_event ev;
            lw_syslog_parse(lines[i], strlen(lines[i]), 2026, &ev);
            lw_decode(&ev);
            ev.time += round * 4000;
            lw_engine_event(e, &ev, "fuzz", i + 1, lines[i], strlen(lines[i]));
        }
    lw_engine_tick(e, 1800000000);
    lw_engine_stats(e, st);
    lw_engine_free(e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lw_rules_hs_enable(false); /* PCRE2 alone: see lw_rules_hs_enable; fuzz_logwatch_re */
    for (int keep = 0; keep < 2; keep++) {
        struct strbuf errs;
        strbuf_init(&errs, 0);
        struct lw_ruleset *rs = NULL;
        int rc = lw_rules_load_buffer("fuzz.yml", (const char *)data, size, keep, AG_LANG_EN, &rs,
                                      &errs);
        if (rc != AG_OK) {
            if (rs || errs.len == 0)
                abort(); /* a refusal returns nothing and says why */
            strbuf_release(&errs);
            continue;
        }
        if (!rs || lw_ruleset_size(rs) == 0)
            abort();
        struct lw_engine_stats flat, whole;
        run(rs, true, &flat);
        rs = NULL;
        if (lw_rules_load_buffer("fuzz.yml", (const char *)data, size, keep, AG_LANG_EN, &rs,
                                 &errs) != AG_OK)
            abort(); /* it loaded a moment ago */
        run(rs, false, &whole);
        if (flat.matches != whole.matches || flat.alerts != whole.alerts ||
            flat.suppressed != whole.suppressed)
            abort();
        strbuf_release(&errs);
    }
    return 0;
}
