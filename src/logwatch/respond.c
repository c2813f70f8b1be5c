/*
 * respond.c — what an alert leads to (issue 5 item 6): block its source address, with
 * escalating durations for repeat offenders, never an allowlisted one; or only say so in
 * dry-run. Account locks are decided here but done by the caller (src/cli/logwatch_respond.c),
 * because they need the store.
 *
 * One responder belongs to one thread. Invariant: the block list records a block only once the
 * firewall took it (a refused block is undone), so the list never claims a block the kernel
 * does not have; the reverse can happen (an entry evicted at the cap stays in nft until its
 * timeout), and is harmless.
 */
#include "logwatch/logwatch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lw_responder {
    const struct lw_respond_config *cfg;
    struct lw_blocklist *bl;
    struct lw_firewall fw;
    struct lw_nft nft;
    bool nft_ready; /* lw_nft_setup ran in this process */
    struct lw_respond_stats st;
};

const char *lw_response_name(enum lw_response r)
{
    static const char *const names[] = {"ignored", "no_address",  "allowlisted", "already_blocked",
                                        "blocked", "would_block", "failed"};
    return (size_t)r < AG_ARRAY_LEN(names) ? names[r] : "?";
}

/* ---- the nft firewall: the chain is set up once per process, before the first change ---- */

static int nft_ready(struct lw_responder *r, struct ag_error *err)
{
    if (r->nft_ready)
        return AG_OK;
    int rc = lw_nft_setup(&r->nft, err);
    r->nft_ready = rc == AG_OK;
    return rc;
}

static int nft_block(void *ctx, int family, const uint8_t addr[16], int64_t seconds,
                     struct ag_error *err)
{
    struct lw_responder *r = ctx;
    int rc = nft_ready(r, err);
    return rc ? rc : lw_nft_block(&r->nft, family, addr, seconds, err);
}

static int nft_unblock(void *ctx, int family, const uint8_t addr[16], struct ag_error *err)
{
    struct lw_responder *r = ctx;
    int rc = nft_ready(r, err);
    return rc ? rc : lw_nft_unblock(&r->nft, family, addr, err);
}

static int nft_flush(void *ctx, struct ag_error *err)
{
    struct lw_responder *r = ctx;
    int rc = nft_ready(r, err);
    return rc ? rc : lw_nft_flush(&r->nft, err);
}

int lw_responder_new(const struct lw_respond_config *cfg, struct lw_responder **out)
{
    *out = NULL;
    struct lw_responder *r = calloc(1, sizeof(*r));
    if (!r)
        return AG_ENOMEM;
    struct lw_block_policy pol;
    lw_block_policy_from_config(cfg, &pol);
    int rc = lw_blocklist_new(&pol, &r->bl);
    if (rc) {
        free(r);
        return rc;
    }
    r->cfg = cfg;
    snprintf(r->nft.table, sizeof(r->nft.table), "%s", cfg->table);
    r->fw = (struct lw_firewall){nft_block, nft_unblock, nft_flush, r};
    *out = r;
    return AG_OK;
}

void lw_responder_free(struct lw_responder *r)
{
    if (!r)
        return;
    lw_blocklist_free(r->bl);
    free(r);
}

void lw_responder_set_firewall(struct lw_responder *r, const struct lw_firewall *fw)
{
    r->fw = *fw;
}

struct lw_blocklist *lw_responder_blocklist(struct lw_responder *r)
{
    return r->bl;
}

const struct lw_respond_stats *lw_responder_stats(const struct lw_responder *r)
{
    return &r->st;
}

static bool listed(const char list[][LW_RESPOND_CATEGORY_MAX], size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

int lw_respond_block(struct lw_responder *r, int family, const uint8_t addr[16], int64_t now,
                     int64_t seconds, struct lw_response_out *out)
{
    lw_addr_format(family, addr, out->addr);
    const struct lw_cidr *allow = lw_respond_allowlisted(r->cfg, family, addr);
    if (allow) {
        char a[48];
        lw_addr_format(allow->family, allow->addr, a);
        snprintf(out->allow, sizeof(out->allow), "%s/%u", a, allow->bits);
        out->block = LW_RESP_ALLOWLISTED;
        r->st.allowlisted++;
        return ag_error_set(&out->err, AG_EDENIED, "%s is on the allowlist (%s): not blocked",
                            out->addr, out->allow);
    }
    const struct lw_block_entry *found = lw_blocklist_find(r->bl, family, addr);
    struct lw_block_entry prev, e;
    bool had = found != NULL, already;
    if (had)
        prev = *found;
    int rc = lw_blocklist_offend(r->bl, family, addr, now, seconds, &e, &already);
    if (rc)
        return ag_error_set(&out->err, rc, "block list: out of memory");
    out->seconds = e.expires - now;
    out->expires = e.expires;
    out->offence = e.count;
    if (already) {
        out->block = LW_RESP_ALREADY;
        r->st.already++;
        return AG_OK;
    }
    if (r->cfg->dry_run) {
        out->block = LW_RESP_WOULD_BLOCK;
        r->st.would_block++;
        return AG_OK;
    }
    rc = r->fw.block(r->fw.ctx, family, addr, out->seconds, &out->err);
    if (rc) {
        /* the firewall did not take it: the list must not say it did */
        if (had) {
            if (lw_blocklist_put(r->bl, &prev)) /* replaces the entry in place: cannot fail */
                abort();
        } else
            lw_blocklist_remove(r->bl, family, addr);
        out->block = LW_RESP_FAILED;
        r->st.failed++;
        return rc;
    }
    out->block = LW_RESP_BLOCKED;
    r->st.blocked++;
    return AG_OK;
}

/* The alert's text field key, or NULL when absent; AG_EINVAL when present but not text. */
static int text_field(const json_t *alert, const char *key, const char **out,
                      struct lw_response_out *o)
{
    json_t *v = json_object_get(alert, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return AG_OK;
    if (!json_is_string(v))
        return ag_error_set(&o->err, AG_EINVAL, "alert: \"%s\" is not text", key);
    *out = json_string_value(v);
    return AG_OK;
}

int lw_respond_alert(struct lw_responder *r, const json_t *alert, int64_t now,
                     struct lw_response_out *out)
{
    memset(out, 0, sizeof(*out));
    r->st.alerts++;
    if (!json_is_object(alert))
        return ag_error_set(&out->err, AG_EINVAL, "alert: not a JSON object");
    const char *category, *level_s, *src, *user;
    int rc;
    if ((rc = text_field(alert, "category", &category, out)) ||
        (rc = text_field(alert, "level", &level_s, out)) ||
        (rc = text_field(alert, "src_ip", &src, out)) ||
        (rc = text_field(alert, "user", &user, out)))
        return rc;
    enum lw_level level = LW_LEVEL_INFORMATIONAL;
    if (level_s && !lw_level_parse(level_s, &level))
        return ag_error_set(&out->err, AG_EINVAL,
                            "alert: level \"%s\" is not one of informational, low, medium, "
                            "high, critical",
                            level_s);
    if (!r->cfg->enabled || !category || !level_s || level < r->cfg->min_level) {
        r->st.ignored++;
        return AG_OK;
    }
    if (user && *user && strlen(user) < sizeof(out->user) &&
        listed(r->cfg->lock_categories, r->cfg->nlock, category)) {
        out->lock = true;
        snprintf(out->user, sizeof(out->user), "%s", user);
        r->st.locks++;
    }
    if (!listed(r->cfg->categories, r->cfg->ncategories, category)) {
        r->st.ignored++;
        return AG_OK;
    }
    if (!src || !*src) {
        out->block = LW_RESP_NO_ADDRESS;
        r->st.no_address++;
        return AG_OK;
    }
    int family;
    uint8_t addr[16];
    if (!lw_addr_parse(src, strlen(src), &family, addr))
        return ag_error_set(&out->err, AG_EINVAL, "alert: src_ip \"%s\" is not an IP address", src);
    rc = lw_respond_block(r, family, addr, now, 0, out);
    return rc == AG_EDENIED ? AG_OK : rc; /* allowlisted: an outcome, not an error */
}

int lw_respond_unblock(struct lw_responder *r, int family, const uint8_t addr[16],
                       struct ag_error *err)
{
    char a[48];
    lw_addr_format(family, addr, a);
    bool found = lw_blocklist_remove(r->bl, family, addr);
    if (!r->cfg->dry_run) {
        int rc = r->fw.unblock(r->fw.ctx, family, addr, err);
        if (rc)
            return rc;
    }
    return found ? AG_OK : ag_error_set(err, AG_ENOTFOUND, "%s is not in the block list", a);
}

int lw_respond_flush(struct lw_responder *r, struct ag_error *err)
{
    lw_blocklist_clear(r->bl);
    return r->cfg->dry_run ? AG_OK : r->fw.flush(r->fw.ctx, err);
}
