/*
 * fuzz_assess_xlsx.c — arbitrary bytes into the self-inspection XLSX readers (libzip + expat):
 * the one-sheet reader with the sheet import validation (fuzz_assess.h), and the workbook reader
 * (every worksheet, workbook.xml and its relationships) with the workbook validation against a
 * small fixed campaign: two departments, an open and a submitted sheet. A refusal must say where
 * (the sheet's name, or that there is no department sheet); an accepted workbook may only change
 * answers of open sheets, each once, to a real answer, and only where it differs from what is
 * stored.
 */
#include "fuzz_assess.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct catalog *cat;
static struct assess_wb_item it_items[2], fac_items[3];
static struct assess_wb_dept depts[2] = {{1, "it", "情報システム部", "IT"},
                                         {2, "fac", "施設部", "Facilities"}};
static struct assess_wb_sheet sheets[2];
static struct assess_wb model = {2, 1, 2026, "FY2026", "2026-06-30", depts, 2, sheets, 2};

static void item(struct assess_wb_item *it, const char *id, enum assess_answer a,
                 const char *comment)
{
    it->node = catalog_by_id(cat, id);
    if (!it->node)
        abort();
    snprintf(it->role, sizeof(it->role), "%s", "sysadmin");
    it->answer = a;
    it->comment = (char *)comment;
    it->evidence = (char *)"";
}

static void model_init(void)
{
    struct ag_error err;
    if (catalog_load_default(&cat, &err) != AG_OK)
        abort();
    item(&it_items[0], "3.1.2.4-2-c2.m1", ASSESS_IMPLEMENTED, "年次訓練で確認済み");
    item(&it_items[1], "3.2.2.1-1-c5.m1", ASSESS_PARTIAL, "");
    item(&fac_items[0], "3.1.2.4-2-c2.m1", ASSESS_NOT_IMPLEMENTED, "");
    item(&fac_items[1], "3.2.2.1-1-c5.m1", ASSESS_UNANSWERED, "");
    item(&fac_items[2], "3.3.1.1-1.m3", ASSESS_UNANSWERED, "");
    sheets[0] = (struct assess_wb_sheet){39, "suzuki", "鈴木", true, 0, it_items, 2};
    sheets[1] = (struct assess_wb_sheet){44, "yamamoto", "山本", false, 1, fac_items, 3};
}

static void fuzz_book(const uint8_t *data, size_t size)
{
    struct assess_book *b = NULL;
    struct ag_error err;
    ag_error_clear(&err);
    if (assess_xlsx_parse_book(data, size, &b, &err) != AG_OK) {
        if (!err.msg[0] || b)
            abort();
        return;
    }
    for (size_t i = 0; i < b->count; i++)
        if (!b->sheets[i].grid || !memchr(b->sheets[i].name, '\0', sizeof(b->sheets[i].name)))
            abort();
    long long plan;
    int round;
    ag_error_clear(&err);
    if (assess_wb_campaign(b, &plan, &round, &err) == AG_OK &&
        (plan < 1 || round < 1 || round > 12))
        abort();
    struct assess_wb_import imp;
    ag_error_clear(&err);
    if (assess_wb_validate(&model, b, &imp, &err) == AG_OK) {
        bool seen[2][3] = {{false}};
        if (imp.dept_sheets < 1 || imp.dept_sheets > 2)
            abort();
        for (size_t i = 0; i < imp.count; i++) {
            const struct assess_wb_change *c = &imp.changes[i];
            if (c->sheet >= 2 || c->item >= sheets[c->sheet].nitems || seen[c->sheet][c->item] ||
                sheets[c->sheet].submitted || c->answer == ASSESS_UNANSWERED ||
                c->answer > ASSESS_NOT_APPLICABLE || !c->comment ||
                (c->answer == sheets[c->sheet].items[c->item].answer &&
                 strcmp(c->comment, sheets[c->sheet].items[c->item].comment) == 0))
                abort();
            seen[c->sheet][c->item] = true;
        }
        assess_wb_import_release(&imp);
    } else if (strncmp(err.msg, "sheet \"", 7) != 0 &&
               strncmp(err.msg, "the workbook has no department sheet", 36) != 0) {
        abort(); /* every refusal says where */
    }
    assess_book_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!cat)
        model_init();
    fuzz_book(data, size);
    return fuzz_assess_grid(assess_xlsx_parse, data, size);
}
