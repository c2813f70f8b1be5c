/*
 * cmd_i18n.c — `airguard i18n export-po DIR | check-po FILE`: the translators' interface to the
 * message tables (docs/i18n.md).
 *
 * export-po writes DIR/airguard.pot (the template: every key, empty translations), DIR/ja.po and
 * DIR/en.po from the tables registered with ag_tr_register, in registration order, so the output
 * is deterministic and po/ in the repository can be compared with a fresh export. msgid is the
 * English text, as gettext expects. Most keys are the English text themselves (keys are unique
 * across all tables, test_msgs checks), so they need nothing more; where the key differs from the
 * English text (an id such as "serve-usage", or a module-prefixed short phrase such as
 * "risks: Owner") the key is the msgctxt, which keeps every entry unique and lets gettext's own
 * checks work (msgfmt refuses a msgid "serve-usage" whose translation ends with a newline the
 * msgid lacks). Entries with printf conversions are marked c-format, so msgfmt --check compares
 * the translation's conversions with the English ones.
 *
 * check-po reads a translator's edited catalog with gettext's own PO reader (libgettextpo) and
 * lists what differs from the tables: changed translations (old and new text, to be reviewed and
 * copied into the C table), untranslated and fuzzy entries, keys the tables do not have, and
 * translations whose printf conversions differ from the English text (which would crash or
 * misprint at run time). Exit status: 0 identical, 1 differences to review, 2 errors.
 */
#include "cli/cli.h"

#include <errno.h>
#include "cli/dl_gettextpo.h"
#include <stdlib.h>
#include <sys/stat.h>

#if defined(__SANITIZE_ADDRESS__)
/* LeakSanitizer (asan builds): libgettextpo 0.21 does not free the msgctxt strings and one header
 * copy it allocates while reading, even after po_file_free; the leak is inside the library (each
 * stack starts in libgettextpo_xmalloc), once per process. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libgettextpo\n";
}
#endif

/* ---- writing ---- */

/* One PO string: "…" with \\, \", \n, \t and other control characters escaped; a text with
 * inner newlines is written as "" followed by one quoted line per text line. */
static void po_string(struct strbuf *sb, const char *kw, const char *s)
{
    const char *nl = strchr(s, '\n');
    bool multi = nl && nl[1];
    strbuf_addf(sb, "%s ", kw);
    if (multi)
        strbuf_adds(sb, "\"\"\n");
    strbuf_adds(sb, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '\\':
            strbuf_adds(sb, "\\\\");
            break;
        case '"':
            strbuf_adds(sb, "\\\"");
            break;
        case '\t':
            strbuf_adds(sb, "\\t");
            break;
        case '\r':
            strbuf_adds(sb, "\\r");
            break;
        case '\n':
            strbuf_adds(sb, "\\n");
            if (p[1])
                strbuf_adds(sb, "\"\n\"");
            break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                strbuf_addf(sb, "\\%03o", *p);
            else
                strbuf_add(sb, (const char *)p, 1);
        }
    }
    strbuf_adds(sb, "\"\n");
}

/* The printf conversions of s, e.g. "%s%d%zu", into out (capped). */
static void conversions(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = strchr(s, '%'); p; p = strchr(p, '%')) {
        size_t l = strspn(p + 1, "0123456789.*-+ #lzh");
        if (p[1 + l] == '\0')
            break;
        if (p[1] != '%') {
            for (size_t i = 0; i < l + 2 && n + 1 < cap; i++)
                out[n++] = p[i];
        }
        p += l + 2;
    }
    out[n] = '\0';
}

enum po_kind { PO_TEMPLATE, PO_JA, PO_EN };

static void po_header(struct strbuf *sb, enum po_kind kind)
{
    strbuf_adds(sb, "# airguard's messages: the translators' catalog, generated from the message "
                    "tables of the\n# source (struct ag_msg) by `airguard i18n export-po po` "
                    "(make po). See docs/i18n.md.\n");
    if (kind == PO_TEMPLATE)
        strbuf_adds(sb, "# The template: every key with an empty translation.\n");
    else
        strbuf_adds(sb, "# Edit the msgstr texts, then review them with `airguard i18n check-po "
                        "FILE`.\n");
    strbuf_adds(sb, "msgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: airguard\\n\"\n");
    strbuf_adds(sb, "\"Report-Msgid-Bugs-To: \\n\"\n"
                    "\"Last-Translator: airguard\\n\"\n"
                    "\"Language-Team: airguard\\n\"\n");
    if (kind == PO_TEMPLATE)
        strbuf_adds(sb, "\"Language: \\n\"\n");
    else
        strbuf_addf(sb, "\"Language: %s\\n\"\n", kind == PO_JA ? "ja" : "en");
    strbuf_adds(sb, "\"MIME-Version: 1.0\\n\"\n"
                    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
                    "\"Content-Transfer-Encoding: 8bit\\n\"\n");
    /* Japanese has one form; English two (the tables hold no plural entries yet, the header
     * states the rule for the tools) */
    if (kind == PO_JA)
        strbuf_adds(sb, "\"Plural-Forms: nplurals=1; plural=0;\\n\"\n");
    else
        strbuf_adds(sb, "\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n");
}

static void po_export(struct strbuf *sb, enum po_kind kind)
{
    po_header(sb, kind);
    size_t n = ag_tr_count();
    for (size_t i = 0; i < n; i++) {
        const char *key, *ja, *en;
        char ce[128];
        ag_tr_entry(i, &key, &ja, &en);
        strbuf_adds(sb, "\n");
        conversions(en, ce, sizeof(ce));
        if (*ce)
            strbuf_adds(sb, "#, c-format\n");
        else if (strchr(ja, '%') || strchr(en, '%'))
            strbuf_adds(sb, "#, no-c-format\n");
        if (strcmp(key, en) != 0)
            po_string(sb, "msgctxt", key);
        po_string(sb, "msgid", en);
        po_string(sb, "msgstr", kind == PO_TEMPLATE ? "" : kind == PO_JA ? ja : en);
    }
}

static int export_po(struct cli *cli, const char *dir)
{
    static const struct {
        const char *name;
        enum po_kind kind;
    } files[] = {{"airguard.pot", PO_TEMPLATE}, {"ja.po", PO_JA}, {"en.po", PO_EN}};
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return cli_fail(cli, AG_EXIT_FAIL, cli_tr(cli, "cannot create %s: %s"), dir,
                        strerror(errno));
    for (size_t f = 0; f < AG_ARRAY_LEN(files); f++) {
        struct strbuf sb;
        struct ag_error err;
        strbuf_init(&sb, (size_t)16 << 20);
        po_export(&sb, files[f].kind);
        char *path = NULL;
        size_t plen = strlen(dir) + strlen(files[f].name) + 2;
        int rc = AG_ENOMEM;
        if (strbuf_ok(&sb) && (path = malloc(plen))) {
            snprintf(path, plen, "%s/%s", dir, files[f].name);
            rc = ag_file_write_atomic(path, strbuf_str(&sb), sb.len, &err);
            if (rc == AG_OK)
                printf(cli_tr(cli, "wrote %s (%zu messages)\n"), path, ag_tr_count());
        } else {
            ag_error_set(&err, rc, "out of memory");
        }
        free(path);
        strbuf_release(&sb);
        if (rc)
            return cli_fail(cli, cli_status(rc), "%s", err.msg);
    }
    return AG_EXIT_OK;
}

/* ---- checking a translator's catalog ---- */

static char po_error_buf[512];
static int po_error_count;

static void po_xerror(int severity, po_message_t message, const char *filename, size_t lineno,
                      size_t column, int multiline_p, const char *message_text)
{
    (void)message, (void)column, (void)multiline_p;
    if (severity != PO_SEVERITY_WARNING) {
        if (!po_error_count++)
            snprintf(po_error_buf, sizeof(po_error_buf), "%s:%zu: %s", filename ? filename : "?",
                     lineno, message_text ? message_text : "");
    }
    if (severity == PO_SEVERITY_FATAL_ERROR) { /* libgettextpo requires that this not return */
        fprintf(stderr, "airguard: %s\n", po_error_buf);
        exit(AG_EXIT_BADINPUT);
    }
}

static void po_xerror2(int severity, po_message_t message1, const char *filename1, size_t lineno1,
                       size_t column1, int multiline_p1, const char *message_text1,
                       po_message_t message2, const char *filename2, size_t lineno2, size_t column2,
                       int multiline_p2, const char *message_text2)
{
    (void)message2, (void)filename2, (void)lineno2, (void)column2, (void)multiline_p2,
        (void)message_text2;
    po_xerror(severity, message1, filename1, lineno1, column1, multiline_p1, message_text1);
}

static bool lookup(const char *key, const char **ja, const char **en)
{
    size_t n = ag_tr_count();
    for (size_t i = 0; i < n; i++) {
        const char *k;
        ag_tr_entry(i, &k, ja, en);
        if (strcmp(k, key) == 0)
            return true;
    }
    return false;
}

static void show_text(const char *label, const char *s)
{
    printf("    %s ", label);
    for (; *s; s++) {
        if (*s == '\n')
            fputs(s[1] ? "\\n\n         " : "\\n", stdout);
        else
            putchar(*s);
    }
    putchar('\n');
}

static int check_po(struct cli *cli, const char *path)
{
    const struct po_xerror_handler handler = {po_xerror, po_xerror2};
    struct ag_error err;
    if (ag_dynlib_load(&ag_gettextpo_lib, &err))
        return cli_fail(cli, AG_EXIT_FAIL, "%s", err.msg);
    po_error_count = 0;
    po_file_t file = po_file_read(path, &handler);
    if (!file || po_error_count)
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s",
                        po_error_count ? po_error_buf : cli_tr(cli, "cannot read the file"));
    const char *header = po_file_domain_header(file, NULL);
    char *lang_field = header ? po_header_field(header, "Language") : NULL;
    enum ag_lang lang;
    if (!lang_field || ag_lang_parse(lang_field, &lang) != AG_OK) {
        free(lang_field);
        po_file_free(file);
        return cli_fail(cli, AG_EXIT_BADINPUT,
                        cli_tr(cli, "%s: the header's Language field must be ja or en"), path);
    }
    free(lang_field);
    size_t same = 0, changed = 0, untranslated = 0, fuzzy = 0, unknown = 0, bad = 0;
    size_t total = ag_tr_count(), seen = 0;
    po_message_iterator_t it = po_message_iterator(file, NULL);
    po_message_t m;
    while ((m = po_next_message(it)) != NULL) {
        const char *ctxt = po_message_msgctxt(m), *msgid = po_message_msgid(m);
        const char *key = ctxt ? ctxt : msgid, *str = po_message_msgstr(m), *ja, *en;
        if ((!*msgid && !ctxt) || po_message_is_obsolete(m))
            continue;
        if (!lookup(key, &ja, &en)) {
            unknown++;
            printf(cli_tr(cli, "unknown key (not in the tables): %s\n"), key);
            continue;
        }
        if (strcmp(msgid, en) != 0) { /* the English text changed since the export */
            fuzzy++;
            printf(cli_tr(cli, "outdated (the English text has changed since the export): %s\n"),
                   key);
            continue;
        }
        seen++;
        const char *cur = lang == AG_LANG_JA ? ja : en;
        if (!*str) {
            untranslated++;
            printf(cli_tr(cli, "untranslated: %s\n"), key);
            continue;
        }
        if (po_message_is_fuzzy(m)) {
            fuzzy++;
            printf(cli_tr(cli, "fuzzy (not to be applied until reviewed): %s\n"), key);
            continue;
        }
        char c1[128], c2[128];
        conversions(en, c1, sizeof(c1));
        conversions(str, c2, sizeof(c2));
        if (strcmp(c1, c2) != 0) {
            bad++;
            printf(cli_tr(cli, "error: the printf conversions differ from the English text "
                               "(\"%s\" instead of \"%s\"): %s\n"),
                   c2, c1, key);
            continue;
        }
        if (strcmp(str, cur) == 0) {
            same++;
            continue;
        }
        changed++;
        printf(cli_tr(cli, "changed: %s\n"), key);
        show_text("-", cur);
        show_text("+", str);
    }
    po_message_iterator_free(it);
    po_file_free(file);
    printf(cli_tr(cli, "%s (%s): %zu the same, %zu changed, %zu untranslated, %zu fuzzy, %zu "
                       "unknown, %zu with wrong conversions; %zu of the tables' %zu keys are "
                       "missing from the file\n"),
           path, ag_lang_code(lang), same, changed, untranslated, fuzzy, unknown, bad, total - seen,
           total);
    if (bad || unknown)
        return AG_EXIT_BADINPUT;
    return changed || untranslated || fuzzy || seen != total ? AG_EXIT_FAIL : AG_EXIT_OK;
}

int cmd_i18n(struct cli *cli, int argc, char **argv)
{
    const char *pos[1];
    size_t npos;
    if (argc < 2 || cli_parse(cli, argc, argv, 2, NULL, 0, pos, 1, &npos) || npos != 1)
        goto usage;
    if (strcmp(argv[1], "export-po") == 0)
        return export_po(cli, pos[0]);
    if (strcmp(argv[1], "check-po") == 0)
        return check_po(cli, pos[0]);
usage:
    fputs(cli_tr(cli, "i18n-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
