/*
 * cmd_org.c — `airguard org …`: the organisation model (sites, departments, people and their
 * guideline roles, systems, assets, information assets) and its lists.
 */
#include "cli/cli.h"
#include "isms/isms.h"
#include "store/store.h"

struct org_args {
    const char *name, *name_en, *kind, *parent, *site, *dept, *email, *phone, *system, *category,
        *vendor, *model, *location, *ip, *mac, *owner, *impact, *impact_en, *fallback, *description,
        *handling, *c, *i, *a;
    bool critical, control;
};

static int org_list(struct cli *cli, struct store *st, const char *what)
{
    static const struct {
        const char *what, *sql;
    } lists[] = {
        {"sites", "SELECT s.code, s.kind, s.name_ja AS name, s.name_en, p.code AS parent FROM "
                  "sites s LEFT JOIN sites p ON p.id = s.parent_id ORDER BY s.id"},
        {"departments", "SELECT d.code, d.name_ja AS name, d.name_en, s.code AS site, p.code AS "
                        "parent FROM departments d LEFT JOIN sites s ON s.id = d.site_id LEFT "
                        "JOIN departments p ON p.id = d.parent_id ORDER BY d.id"},
        {"people", "SELECT p.login, p.name, d.code AS department, p.email, (SELECT "
                   "group_concat(r.role || coalesce('@' || rd.code, ''), ' ') FROM person_roles "
                   "r LEFT JOIN departments rd ON rd.id = r.department_id WHERE r.person_id = "
                   "p.id) AS roles, p.active FROM people p LEFT JOIN departments d ON d.id = "
                   "p.department_id ORDER BY p.id"},
        {"systems", "SELECT s.code, s.kind, s.name_ja AS name, s.critical, s.control_system, "
                    "d.code AS department, s.service_impact_ja AS impact FROM systems s LEFT "
                    "JOIN departments d ON d.id = s.owner_department_id ORDER BY s.id"},
        {"assets",
         "SELECT a.code, a.category, a.name, s.code AS information_system, a.ip, a.mac, p.login AS "
         "owner, a.status FROM assets a LEFT JOIN systems s ON s.id = a.system_id LEFT JOIN "
         "people p ON p.id = a.owner_person_id ORDER BY a.id"},
        {"info-assets", "SELECT i.id, i.name, i.confidentiality AS c, i.integrity AS i, "
                        "i.availability AS a, i.handling_restrictions AS handling, d.code AS "
                        "department FROM info_assets i LEFT JOIN departments d ON d.id = "
                        "i.owner_department_id ORDER BY i.id"},
    };
    for (size_t k = 0; k < AG_ARRAY_LEN(lists); k++)
        if (strcmp(what, lists[k].what) == 0)
            return cli_query_print(cli, st, lists[k].sql, NULL, 0);
    return cli_fail(cli, AG_EXIT_BADINPUT,
                    "org list: \"%s\" is not one of: sites, departments, people, systems, assets, "
                    "info-assets",
                    what);
}

static int level(const char *field, const char *v, int max, int *out, struct ag_error *err)
{
    long long n;
    int rc = isms_check_int(field, v, 1, max, &n, err);
    *out = (int)n;
    return rc;
}

int cmd_org(struct cli *cli, int argc, char **argv)
{
    struct org_args a = {0};
    const char *pos[4];
    size_t npos;
    const struct cli_opt opts[] = {
        {"--name", &a.name, NULL},
        {"--name-en", &a.name_en, NULL},
        {"--kind", &a.kind, NULL},
        {"--parent", &a.parent, NULL},
        {"--site", &a.site, NULL},
        {"--dept", &a.dept, NULL},
        {"--email", &a.email, NULL},
        {"--phone", &a.phone, NULL},
        {"--system", &a.system, NULL},
        {"--category", &a.category, NULL},
        {"--vendor", &a.vendor, NULL},
        {"--model", &a.model, NULL},
        {"--location", &a.location, NULL},
        {"--ip", &a.ip, NULL},
        {"--mac", &a.mac, NULL},
        {"--owner", &a.owner, NULL},
        {"--impact", &a.impact, NULL},
        {"--impact-en", &a.impact_en, NULL},
        {"--fallback", &a.fallback, NULL},
        {"--description", &a.description, NULL},
        {"--handling", &a.handling, NULL},
        {"--c", &a.c, NULL},
        {"--i", &a.i, NULL},
        {"--a", &a.a, NULL},
        {"--critical", NULL, &a.critical},
        {"--control-system", NULL, &a.control},
    };
    if (argc < 2 ||
        cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, AG_ARRAY_LEN(pos), &npos))
        goto usage;
    struct store *st;
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    struct ag_error err;
    int rc = AG_EUSAGE, status;
    const char *obj = argv[1], *verb = npos ? pos[0] : "";
    if (strcmp(obj, "list") == 0 && npos == 1) {
        status = org_list(cli, st, pos[0]);
        store_free(st);
        return status;
    }
    if (strcmp(obj, "site") == 0 && strcmp(verb, "add") == 0 && npos == 2) {
        rc = isms_site_add(st, pos[1], a.kind, a.name, a.name_en, a.parent, &err);
    } else if (strcmp(obj, "dept") == 0 && strcmp(verb, "add") == 0 && npos == 2) {
        rc = isms_department_add(st, pos[1], a.name, a.name_en, a.site, a.parent, &err);
    } else if (strcmp(obj, "person") == 0 && strcmp(verb, "add") == 0 && npos == 2) {
        struct isms_person_new p = {pos[1], a.name, a.name_en, a.email, a.phone, a.dept};
        long long id;
        rc = isms_person_add(st, &p, &id, &err);
    } else if (strcmp(obj, "person") == 0 &&
               (strcmp(verb, "leave") == 0 || strcmp(verb, "return") == 0) && npos == 2) {
        rc = isms_person_set_active(st, pos[1], strcmp(verb, "return") == 0, &err);
    } else if (strcmp(obj, "role") == 0 &&
               (strcmp(verb, "grant") == 0 || strcmp(verb, "revoke") == 0) && npos == 3) {
        rc = strcmp(verb, "grant") == 0 ? isms_role_grant(st, pos[1], pos[2], a.dept, &err)
                                        : isms_role_revoke(st, pos[1], pos[2], a.dept, &err);
    } else if (strcmp(obj, "system") == 0 && strcmp(verb, "add") == 0 && npos == 2) {
        struct isms_system_new s = {pos[1],     a.kind, a.name, a.name_en,  a.impact, a.impact_en,
                                    a.fallback, a.dept, a.site, a.critical, a.control};
        rc = isms_system_add(st, &s, &err);
    } else if (strcmp(obj, "asset") == 0 && strcmp(verb, "add") == 0 && npos == 2) {
        struct isms_asset_new s = {pos[1],  a.system,   a.category, a.name, a.vendor,
                                   a.model, a.location, a.ip,       a.mac,  a.owner};
        rc = isms_asset_add(st, &s, &err);
    } else if (strcmp(obj, "info-asset") == 0 && strcmp(verb, "add") == 0 && npos == 1) {
        struct isms_info_asset_new s = {a.name, a.description, a.dept, a.system, a.handling, 0, 0,
                                        0};
        long long id;
        if ((rc = level("--c (confidentiality)", a.c, 3, &s.confidentiality, &err)) == AG_OK &&
            (rc = level("--i (integrity)", a.i, 2, &s.integrity, &err)) == AG_OK &&
            (rc = level("--a (availability)", a.a, 2, &s.availability, &err)) == AG_OK)
            rc = isms_info_asset_add(st, &s, &id, &err);
    } else {
        store_free(st);
        goto usage;
    }
    store_free(st);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    printf("%s\n", cli_tr(cli, "ok"));
    return AG_EXIT_OK;
usage:
    fputs(cli_tr(cli, "org-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
