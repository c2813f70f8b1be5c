/*
 * rules_load.h — rule sets for the rule engine's unit tests (test_rules_hs.c,
 * test_rules_quick.c, test_engine_flat.c): the default rules/ of the source tree, or a YAML
 * text; a load error fails the test with the loader's messages; lines of every decoder. Include
 * after cmocka.h and rules_int.h.
 */
#ifndef AG_TEST_RULES_LOAD_H
#define AG_TEST_RULES_LOAD_H

static struct lw_ruleset *load_default(void)
{
    const char *src = getenv("AG_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof(path), "%s/rules", src ? src : ".");
    const char *paths[1] = {path};
    struct strbuf errs;
    strbuf_init(&errs, 0);
    struct lw_ruleset *rs = NULL;
    if (lw_rules_load(paths, 1, false, AG_LANG_EN, &rs, &errs) != AG_OK)
        fail_msg("default rules did not load: %s", strbuf_str(&errs));
    strbuf_release(&errs);
    return rs;
}

static struct lw_ruleset *load_text(const char *yaml)
{
    struct strbuf errs;
    strbuf_init(&errs, 0);
    struct lw_ruleset *rs = NULL;
    if (lw_rules_load_buffer("t.yml", yaml, strlen(yaml), false, AG_LANG_EN, &rs, &errs) != AG_OK)
        fail_msg("rules did not load: %s", strbuf_str(&errs));
    strbuf_release(&errs);
    return rs;
}

/* lines of every decoder, and of none */
static const char *const rule_lines[] = {
    "2026-03-05T01:00:00Z gw01 sshd[1]: Failed password for root from 203.0.113.9 port 22 ssh2",
    "2026-03-05T01:00:00Z gw01 sshd[1]: Failed password for invalid user admin from "
    "203.0.113.9 port 22 ssh2",
    "2026-03-05T01:00:00Z gw01 sshd[1]: Accepted publickey for ito from 10.0.0.1 port 2 ssh2",
    "2026-03-05T01:00:00Z gw01 sshd[1]: Connection closed by authenticating user root "
    "203.0.113.9 port 22 [preauth]",
    "2026-03-05T01:00:00Z gw01 sshd[1]: Did not receive identification string from 198.51.100.7",
    "2026-03-05T01:00:00Z gw01 sudo: ito : TTY=pts/0 ; PWD=/home/ito ; USER=root ; "
    "COMMAND=/bin/ls",
    "2026-03-05T01:00:00Z gw01 useradd[5]: new user: name=eve, UID=1001, GID=1001, "
    "home=/home/eve, shell=/bin/bash",
    "2026-03-05T01:00:00Z gw01 gpasswd[5]: user eve added by root to group wheel",
    "2026-03-05T01:00:00Z gw01 login[5]: FAILED LOGIN (1) on '/dev/tty1' FOR 'UNKNOWN', "
    "Authentication failure",
    "2026-03-05T01:00:00Z web1 nginx: 203.0.113.5 - - [05/Mar/2026:01:00:00 +0000] \"GET "
    "/search?q=1%27%20OR%201=1-- HTTP/1.1\" 200 512 \"-\" \"curl\"",
    "2026-03-05T01:00:00Z web1 nginx: 203.0.113.5 - - [05/Mar/2026:01:00:00 +0000] \"GET "
    "/../../etc/passwd HTTP/1.1\" 404 12 \"-\" \"curl\"",
    "2026-03-05T01:00:00Z web1 nginx: 10.0.0.3 - bob [05/Mar/2026:01:00:00 +0000] \"POST "
    "/wp-login.php HTTP/1.1\" 200 12 \"-\" \"Mozilla\"",
    "2026-03-05T01:00:00Z gw01 kernel: some message no decoder knows",
    "a bare line without a header",
    "",
};

/* PCRE2's answer for |re value v on s[0..n) (the reference Vectorscan's answers are held to). */
static inline bool pcre_says(const struct lw_value *v, const char *s, size_t n)
{
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    assert_non_null(md);
    int rc = pcre2_match(v->re, (PCRE2_SPTR)s, n, 0, 0, md, NULL);
    pcre2_match_data_free(md);
    return rc >= 0;
}

/* xorshift64: the hostile strings' fixed-seed generator */
static inline uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* A hostile string into buf[0..cap): 1 to maxparts of the pieces drawn with *seed, a NUL byte
 * after a piece one time in 40; returns its length. */
static inline size_t hostile_string(uint64_t *seed, const char *const *pieces, size_t np,
                                    size_t maxparts, char *buf, size_t cap)
{
    size_t n = 0, parts = 1 + next(seed) % maxparts;
    for (size_t k = 0; k < parts; k++) {
        const char *p = pieces[next(seed) % np];
        size_t l = strlen(p);
        if (n + l + 1 >= cap)
            break;
        memcpy(buf + n, p, l);
        n += l;
        if (next(seed) % 40 == 0)
            buf[n++] = '\0'; /* NUL bytes inside the target */
    }
    return n;
}

#endif
