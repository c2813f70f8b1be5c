/*
 * rules_load.h — rule sets for the rule engine's unit tests (test_rules_hs.c,
 * test_rules_quick.c): the default rules/ of the source tree, or a YAML text; a load error
 * fails the test with the loader's messages. Include after cmocka.h and rules_int.h.
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

#endif
