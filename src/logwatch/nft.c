/*
 * nft.c — logwatch's blocks applied to the kernel firewall through nftables' own library,
 * libnftables (the code behind the `nft` program, without starting a program: airguard starts
 * none, see tests/integration/test_no_shell.sh). Each change is one nft script run with
 * nft_run_cmd_from_buffer — one transaction, applied entirely or not at all. Scripts are built
 * only from a validated table name, addresses formatted by inet_ntop from parsed bytes, and
 * numbers: nothing of an alert or a log line reaches nft as text.
 *
 * Runs in the caller's thread; a context per call (nft_ctx is not shared between threads).
 * nft's error output is buffered, not printed, and becomes the error message.
 */
#include "logwatch/logwatch.h"

#include "logwatch/dl_nft.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NFT_ERROR_MAX 600                         /* what the message keeps of nft's error */
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

int lw_nft_run(const char *script, struct ag_error *err)
{
    int lrc = ag_dynlib_load(&ag_nft_lib, err);
    if (lrc)
        return lrc;
    struct nft_ctx *ctx = nft_ctx_new(NFT_CTX_DEFAULT);
    if (!ctx)
        return ag_error_set(err, AG_ENOMEM, "nft: out of memory");
    nft_ctx_buffer_output(ctx); /* nothing of nft's on our standard output or error */
    nft_ctx_buffer_error(ctx);
    int rc = AG_OK;
    if (nft_run_cmd_from_buffer(ctx, script) != 0) {
        /* nft's message: its lines joined, the caret lines under the script left out */
        const char *e = nft_ctx_get_error_buffer(ctx);
        char msg[NFT_ERROR_MAX + 1];
        size_t k = 0;
        for (const char *line = e ? e : ""; *line && k < NFT_ERROR_MAX;) {
            size_t n = strcspn(line, "\n");
            bool carets = n > 0 && strspn(line, " ^~") == n;
            for (size_t i = 0; i < n && k < NFT_ERROR_MAX && !carets; i++)
                msg[k++] = line[i] == '\t' ? ' ' : line[i];
            if (!carets && n && k < NFT_ERROR_MAX)
                msg[k++] = ' ';
            line += n + (line[n] == '\n');
        }
        while (k && msg[k - 1] == ' ')
            k--;
        msg[k] = '\0';
        rc = ag_error_set(err, AG_EIO, "nftables refused the change: %s",
                          k ? msg : "no message (is this process allowed to change the firewall?)");
    }
    nft_ctx_free(ctx);
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

/* Checks the table name and starts a script with the table and its sets (which every change
 * needs, and which changes nothing when they exist). */
static int begin(const struct lw_nft *nft, struct strbuf *b, struct ag_error *err)
{
    if (!lw_nft_table_ok(nft->table))
        return ag_error_set(err, AG_EINVAL, "\"%s\" is not an nftables table name", nft->table);
    strbuf_init(b, 0);
    add_sets(b, nft->table);
    return AG_OK;
}

static int run_buf(const struct lw_nft *nft, struct strbuf *b, struct ag_error *err)
{
    int rc;
    if (!strbuf_ok(b))
        rc = ag_error_set(err, AG_ENOMEM, "nft: out of memory");
    else if (nft->run)
        rc = nft->run(nft->ctx, strbuf_str(b), err);
    else
        rc = lw_nft_run(strbuf_str(b), err);
    strbuf_release(b);
    return rc;
}

int lw_nft_setup(const struct lw_nft *nft, struct ag_error *err)
{
    struct strbuf b;
    int rc = begin(nft, &b, err);
    if (rc)
        return rc;
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
    if (!family_ok(family) || seconds <= 0)
        return ag_error_set(err, AG_EINVAL, "nft: no address or no time to block for");
    struct strbuf b;
    int rc = begin(nft, &b, err);
    if (rc)
        return rc;
    add_element(&b, nft->table, family, addr, seconds);
    return run_buf(nft, &b, err);
}

int lw_nft_unblock(const struct lw_nft *nft, int family, const uint8_t addr[16],
                   struct ag_error *err)
{
    if (!family_ok(family))
        return ag_error_set(err, AG_EINVAL, "nft: not an IPv4 or IPv6 address");
    struct strbuf b;
    int rc = begin(nft, &b, err);
    if (rc)
        return rc;
    char a[48];
    lw_addr_format(family, addr, a);
    const char *set = family == 6 ? "blocked6" : "blocked4";
    /* deleting a missing element is an error to nft: make sure it is there first */
    strbuf_addf(&b, "add element inet %s %s { %s timeout 1s }\n", nft->table, set, a);
    strbuf_addf(&b, "delete element inet %s %s { %s }\n", nft->table, set, a);
    return run_buf(nft, &b, err);
}

int lw_nft_flush(const struct lw_nft *nft, struct ag_error *err)
{
    struct strbuf b;
    int rc = begin(nft, &b, err);
    if (rc)
        return rc;
    strbuf_addf(&b, "flush set inet %s blocked4\nflush set inet %s blocked6\n", nft->table,
                nft->table);
    return run_buf(nft, &b, err);
}

int lw_nft_restore(const struct lw_nft *nft, const struct lw_blocklist *bl, int64_t now,
                   struct ag_error *err)
{
    struct strbuf b;
    int rc = begin(nft, &b, err);
    if (rc)
        return rc;
    add_chain(&b, nft->table);
    for (size_t i = 0; i < lw_blocklist_count(bl); i++) {
        const struct lw_block_entry *e = lw_blocklist_at(bl, i);
        if (e->expires > now)
            add_element(&b, nft->table, e->family, e->addr, e->expires - now);
    }
    return run_buf(nft, &b, err);
}
