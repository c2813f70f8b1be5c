/*
 * i18n.c — languages and the bilingual message table. Every user-facing text of the CLI exists
 * in Japanese and English; the key is the English text (or a short id for long texts), so code
 * reads naturally and an unknown key still prints something sensible. The table is small and
 * the CLI prints a few dozen messages at most, so look-up is a linear scan.
 * Invariant (tests/unit/common/test_i18n.c): every entry has both texts and the same printf
 * conversions in the same order.
 */
#include "common/common.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct ag_msg messages[] = {
    /* usage */
    {"main-usage",
     "使い方: airguard [--lang ja|en] [--catalog FILE] <コマンド> [引数]\n"
     "空港分野における情報セキュリティ確保に係る安全ガイドライン（第2版）の実施を支援します。\n\n"
     "  --version  版とカタログの SHA-256 を表示\n"
     "  --lang     表示言語（ja または en。既定は環境変数 AIRGUARD_LANG、なければ ja）\n"
     "  --catalog  組み込みの代わりに使うカタログ JSON\n\n"
     "コマンド:\n",
     "usage: airguard [--lang ja|en] [--catalog FILE] <command> [arguments]\n"
     "Helps an airport operator carry out MLIT's Information Security Safety Guideline for the\n"
     "Airport Sector (2nd edition).\n\n"
     "  --version  print the version and the catalog's SHA-256\n"
     "  --lang     output language (ja or en; default $AIRGUARD_LANG, else ja)\n"
     "  --catalog  catalog JSON to use instead of the built-in one\n\n"
     "commands:\n"},
    {"catalog-usage",
     "使い方:\n"
     "  airguard catalog stats [--json]            種類・フェーズ・役割ごとの件数、版、SHA-256\n"
     "  airguard catalog tree [--depth N] [--all]  章・節の構成（--all で全ノード）\n"
     "  airguard catalog show ID|REF [--json]      項目とその対策項目・具体例（例: "
     "3.1.5.1(2)(e)）\n"
     "  airguard catalog search TEXT...            日本語・英語の全文検索\n"
     "  airguard catalog export --format json|csv|oscal [-o FILE]\n"
     "  airguard catalog validate FILE             カタログ JSON の検証（誤りは終了コード 2）\n"
     "共通オプション: --lang ja|en, --catalog FILE\n",
     "usage:\n"
     "  airguard catalog stats [--json]            counts by kind, phase and role; version, "
     "SHA-256\n"
     "  airguard catalog tree [--depth N] [--all]  chapters and sections (--all: every node)\n"
     "  airguard catalog show ID|REF [--json]      an item with its measures and examples (e.g. "
     "3.1.5.1(2)(e))\n"
     "  airguard catalog search TEXT...            full-text search in Japanese and English\n"
     "  airguard catalog export --format json|csv|oscal [-o FILE]\n"
     "  airguard catalog validate FILE             check a catalog JSON (exit status 2 if "
     "invalid)\n"
     "options of every command: --lang ja|en, --catalog FILE\n"},
    {"help-usage", "使い方: airguard help [コマンド]\n", "usage: airguard help [command]\n"},
    {"Browse, search, validate and export the guideline catalog",
     "ガイドラインのカタログの閲覧・検索・検証・エクスポート",
     "Browse, search, validate and export the guideline catalog"},
    {"Show help for a command", "コマンドの使い方を表示", "Show help for a command"},
    /* errors */
    {"--lang: unknown language \"%s\" (use ja or en)",
     "--lang: 未対応の言語「%s」です（ja または en を指定してください）",
     "--lang: unknown language \"%s\" (use ja or en)"},
    {"unexpected argument \"%s\"", "余分な引数「%s」があります", "unexpected argument \"%s\""},
    {"unknown option \"%s\"", "不明なオプション「%s」です", "unknown option \"%s\""},
    {"option \"%.*s\" takes no value", "オプション「%.*s」は値をとりません",
     "option \"%.*s\" takes no value"},
    {"option \"%s\" needs a value", "オプション「%s」には値が必要です",
     "option \"%s\" needs a value"},
    {"unknown command \"%s\"", "不明なコマンド「%s」です", "unknown command \"%s\""},
    {"no catalog item with id or reference \"%s\"", "ID または参照番号「%s」の項目はありません",
     "no catalog item with id or reference \"%s\""},
    {"the search text is empty", "検索語が空です", "the search text is empty"},
    {"--format: unknown format \"%s\" (use json, csv or oscal)",
     "--format: 未対応の形式「%s」です（json, csv, oscal のいずれか）",
     "--format: unknown format \"%s\" (use json, csv or oscal)"},
    {"--depth: \"%s\" is not a number from 0 to 100", "--depth: 「%s」は 0〜100 の数ではありません",
     "--depth: \"%s\" is not a number from 0 to 100"},
    /* output */
    {"%s: valid catalog %s %s, %zu nodes, sha256 %s\n",
     "%s: 有効なカタログです（%s 版 %s、ノード %zu 件、sha256 %s）\n",
     "%s: valid catalog %s %s, %zu nodes, sha256 %s\n"},
    {"%zu matches\n", "%zu 件見つかりました\n", "%zu matches\n"},
    {"Catalog:", "カタログ:", "Catalog:"},
    {"Nodes:", "ノード数:", "Nodes:"},
    {"By kind:", "種類別:", "By kind:"},
    {"Measures by PDCA phase:", "PDCA フェーズ別の対策項目:", "Measures by PDCA phase:"},
    {"Measures by responsible role:", "責任者・組織別の対策項目:", "Measures by responsible role:"},
    {"Assessable measures:", "自己点検の対象となる対策項目:", "Assessable measures:"},
    {"Measures specific to control systems:", "制御システム等に関する対策項目:",
     "Measures specific to control systems:"},
    {"measures", "対策項目", "measures"},
    {"kind", "種類", "kind"},
    {"phase", "フェーズ", "phase"},
    {"perspective", "観点", "perspective"},
    {"roles", "担当", "roles"},
    {"control systems", "制御システム等", "control systems"},
    {"Note:", "注記:", "Note:"},
    {"Glossary:", "用語:", "Glossary:"},
    {"References:", "参考文献:", "References:"},
    /* node kinds */
    {"preface", "はじめに", "preface"},
    {"chapter", "章", "chapter"},
    {"section", "節", "section"},
    {"guidance", "対策の指針", "guidance"},
    {"purpose", "主旨・目的", "purpose"},
    {"measure", "対策項目", "measure"},
    {"example", "具体例", "example"},
    {"note", "注記", "note"},
    {"definition", "用語の定義", "definition"},
    {"role", "役割", "role"},
    {"scheme", "評価制度", "scheme"},
    {"challenge", "課題", "challenge"},
    {"system", "重要システム", "system"},
    {"reference", "参考文献", "reference"},
    {"term", "専門用語", "term"},
    {"revision", "改訂履歴", "revision"},
    {"paragraph", "本文", "paragraph"},
    /* PDCA phases */
    {"plan", "Plan（計画）", "plan"},
    {"do", "Do（実行）", "do"},
    {"check", "Check（評価）", "check"},
    {"act", "Act（改善）", "act"},
    /* dynlib.c: a library loaded on first use is missing or broken */
    {"cannot load %s (Debian package %s): %s", "%s を読み込めません（Debian パッケージ %s）: %s",
     "cannot load %s (Debian package %s): %s"},
};

int ag_lang_parse(const char *s, enum ag_lang *out)
{
    if (!s)
        return AG_EINVAL;
    if (strncmp(s, "ja", 2) == 0 && (s[2] == '\0' || s[2] == '_' || s[2] == '-' || s[2] == '.')) {
        *out = AG_LANG_JA;
        return AG_OK;
    }
    if (strncmp(s, "en", 2) == 0 && (s[2] == '\0' || s[2] == '_' || s[2] == '-' || s[2] == '.')) {
        *out = AG_LANG_EN;
        return AG_OK;
    }
    return AG_EINVAL;
}

enum ag_lang ag_lang_default(void)
{
    enum ag_lang l;
    if (ag_lang_parse(getenv("AIRGUARD_LANG"), &l) == AG_OK)
        return l;
    return AG_LANG_JA;
}

const char *ag_lang_code(enum ag_lang lang)
{
    return lang == AG_LANG_EN ? "en" : "ja";
}

#define AG_MAX_MSG_TABLES 64

static struct {
    const struct ag_msg *table;
    size_t count;
} tables[AG_MAX_MSG_TABLES] = {{messages, AG_ARRAY_LEN(messages)}};
static size_t ntables = 1;

/* An open-addressing index over every registered key (FNV-1a), built at the first look-up
 * after a registration (main registers ~20 tables: building it at each one was 2.5 % of a
 * `logwatch run` start). Registration happens at start-up before any thread looks messages up;
 * afterwards the index is read-only, so ag_tr is safe from many threads (the build is under a
 * lock should two threads make the first look-up at once). The web pages call ag_tr dozens of
 * times per request: a hash look-up instead of a scan over ~2,000 keys. */
static const struct ag_msg **index_slots;
static size_t index_cap;               /* power of two, or 0 before the first build */
static atomic_bool index_stale = true; /* a table was registered since the last build */
static pthread_mutex_t index_lock = PTHREAD_MUTEX_INITIALIZER;

static uint32_t key_hash(const char *k)
{
    uint32_t h = 2166136261u;
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * 16777619u;
    return h;
}

static void index_build(void)
{
    size_t n = 0;
    for (size_t t = 0; t < ntables; t++)
        n += tables[t].count;
    size_t cap = 64;
    while (cap < n * 2)
        cap *= 2;
    const struct ag_msg **slots = calloc(cap, sizeof(*slots));
    if (!slots)
        return; /* keep the old index (or none): ag_tr falls back to scanning */
    for (size_t t = 0; t < ntables; t++)
        for (size_t i = 0; i < tables[t].count; i++) {
            const struct ag_msg *m = &tables[t].table[i];
            size_t j = key_hash(m->key) & (cap - 1);
            while (slots[j] && strcmp(slots[j]->key, m->key) != 0)
                j = (j + 1) & (cap - 1);
            if (!slots[j]) /* the first definition of a key wins, as in the scan */
                slots[j] = m;
        }
    free(index_slots);
    index_slots = slots;
    index_cap = cap;
}

void ag_tr_register(const struct ag_msg *table, size_t count)
{
    for (size_t t = 0; t < ntables; t++)
        if (tables[t].table == table)
            return;
    if (ntables == AG_MAX_MSG_TABLES) { /* a programming error: raise the limit */
        fprintf(stderr, "airguard: more than %d message tables\n", AG_MAX_MSG_TABLES);
        abort();
    }
    tables[ntables].table = table;
    tables[ntables].count = count;
    ntables++;
    atomic_store(&index_stale, true);
}

static const struct ag_msg *entry_at(size_t i)
{
    for (size_t t = 0; t < ntables; t++) {
        if (i < tables[t].count)
            return &tables[t].table[i];
        i -= tables[t].count;
    }
    return NULL;
}

const char *ag_tr(enum ag_lang lang, const char *key)
{
    if (atomic_load(&index_stale)) {
        pthread_mutex_lock(&index_lock);
        if (atomic_load(&index_stale)) {
            index_build();
            atomic_store(&index_stale, false);
        }
        pthread_mutex_unlock(&index_lock);
    }
    if (index_cap) {
        for (size_t j = key_hash(key) & (index_cap - 1); index_slots[j];
             j = (j + 1) & (index_cap - 1))
            if (strcmp(index_slots[j]->key, key) == 0)
                return lang == AG_LANG_EN ? index_slots[j]->en : index_slots[j]->ja;
        return key;
    }
    for (size_t t = 0; t < ntables; t++)
        for (size_t i = 0; i < tables[t].count; i++)
            if (strcmp(tables[t].table[i].key, key) == 0)
                return lang == AG_LANG_EN ? tables[t].table[i].en : tables[t].table[i].ja;
    return key;
}

size_t ag_tr_count(void)
{
    size_t n = 0;
    for (size_t t = 0; t < ntables; t++)
        n += tables[t].count;
    return n;
}

void ag_tr_entry(size_t i, const char **key, const char **ja, const char **en)
{
    const struct ag_msg *m = entry_at(i);
    *key = m ? m->key : "";
    *ja = m ? m->ja : "";
    *en = m ? m->en : "";
}
