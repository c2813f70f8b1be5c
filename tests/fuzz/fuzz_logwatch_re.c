/*
 * fuzz_logwatch_re.c — arbitrary bytes as a web request's target (and as a user name) through
 * the |re values of a rule set evaluated by Vectorscan (rules_hs.c), each checked against
 * PCRE2's answer on the same bytes: any difference aborts. The rule set is the default
 * web-attack expressions (rules/web/web_attack.yml at the time of writing) and expressions
 * with the m and s modifiers, `$` and one Vectorscan refuses (a back-reference).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "logwatch/rules_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char rules[] =
    "title: r\nname: r\nlogsource: {category: webserver}\ndetection:\n"
    "  a: {target|re|i: '(union(\\s|%20|\\+|/\\*.*?\\*/)+(all(\\s|%20|\\+)+)?select|(%27|''|%22)"
    "(\\s|%20|\\+)*(or|and)(\\s|%20|\\+)+[^&]{0,20}?(=|%3d|like)|sleep(\\s|%20)*(\\(|%28)"
    "(\\s|%20)*\\d|benchmark(\\(|%28)|information_schema|waitfor(\\s|%20|\\+)+delay|(%27|'')"
    "(\\s|%20|\\+)*(;|%3b|--|%23))'}\n"
    "  b: {target|re|i: '(;|%3b|\\||%7c|`|%60|\\$(\\(|%28)|%24(\\(|%28)|&&|%26%26)(\\s|%20|\\+)*"
    "(cat|id|whoami|uname|wget|curl|nc|ncat|bash|sh|ping|nslookup|powershell|cmd(\\.exe)?)"
    "((\\s|%20|\\+|;|%3b|\\||%7c|`|%60)|$)'}\n"
    "  c: {target|re|i: '(\\.\\.(/|\\\\|%2f|%5c)|%2e%2e(%2f|/|%5c|\\\\)|%252e%252e|\\.%2e|%2e\\.|"
    "/etc/(passwd|shadow)|c:(\\\\|%5c)windows|win\\.ini|boot\\.ini)'}\n"
    "  d: {target|re|i: '((<|%3c)(\\s|%20)*/?(\\s|%20)*(script|img|svg|iframe|body|object|embed)|"
    "javascript(:|%3a)|on(error|load|mouseover|focus)(\\s|%20)*(=|%3d)|document\\.cookie|"
    "alert(\\(|%28))'}\n"
    "  e: {target|re|i: '(%0d|%0a|%250d|%250a)+(\\s|%20)*(set-cookie|location|content-(type|"
    "length)|refresh|x-[a-z-]+|http/1)(\\s|%20)*(:|%3a|/)'}\n"
    "  f: {target|re|m: '^[a-z]+$'}\n"
    "  g: {target|re|s: 'a.b\\b'}\n"
    "  h: {target|re: '(ab)\\1'}\n"
    "  i: {user|re: '^(root|adm[a-z]*)\\s?$'}\n"
    "  condition: 1 of them\nlevel: low\n";

static struct lw_ruleset *rs;
static struct lw_value *vals[16];
static enum lw_field fields[16];
static size_t nvals;

static void setup(void)
{
    struct strbuf errs;
    strbuf_init(&errs, 0);
    if (lw_rules_load_buffer("re.yml", rules, strlen(rules), false, AG_LANG_EN, &rs, &errs) !=
            AG_OK ||
        rs->nhs != 2)
        abort(); /* the expressions above load, and two fields have databases */
    strbuf_release(&errs);
    for (size_t s = 0; s < rs->r[0].nsel; s++)
        for (size_t m = 0; m < rs->r[0].sel[s].nm; m++)
            for (size_t t = 0; t < rs->r[0].sel[s].m[m].nt; t++) {
                struct lw_test *te = &rs->r[0].sel[s].m[m].t[t];
                for (size_t k = 0; k < te->nv && nvals < 16; k++)
                    if (te->v[k].op == LW_OP_RE) {
                        fields[nvals] = te->field;
                        vals[nvals++] = &te->v[k];
                    }
            }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!rs)
        setup();
    static pcre2_match_data *md;
    if (!md && !(md = pcre2_match_data_create(1, NULL)))
        abort();
    struct lw_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.target = (struct lw_slice){(const char *)data, size};
    ev.user = ev.target;
    struct lw_evx x = {.ev = &ev};
    for (size_t k = 0; k < nvals; k++) {
        struct lw_slice s = fields[k] == LW_FLD_USER ? ev.user : ev.target;
        bool want =
            pcre2_match(vals[k]->re, (PCRE2_SPTR)(s.p ? s.p : ""), s.n, 0, 0, md, NULL) >= 0;
        bool got = vals[k]->hs_db ? lw_rules_hs_match(vals[k], &x, s) : want;
        if (got != want)
            abort();
    }
    return 0;
}
