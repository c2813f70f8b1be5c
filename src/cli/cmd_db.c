/*
 * cmd_db.c — `airguard db init [--demo] | migrate | check | backup FILE | restore FILE [--force]
 * | info`. The store is data/airguard.db unless --db or $AIRGUARD_DB says otherwise.
 */
#include "cli/cli.h"
#include "auth/auth.h"
#include "isms/isms.h"
#include "store/store.h"

#include <jansson.h>
#include <unistd.h>

static const char *db_path(const struct cli *cli)
{
    return cli->db_path ? cli->db_path : store_default_path();
}

static int db_init(struct cli *cli, bool demo)
{
    struct store *st = NULL;
    struct catalog *cat = NULL;
    struct ag_error err;
    int version, rc;
    const char *path = db_path(cli);
    if ((rc = store_open(&st, path, STORE_CREATE, &err)))
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    if (store_schema_version(st, &version) == AG_OK && version > 0) {
        store_free(st);
        return cli_fail(cli, AG_EXIT_BADINPUT,
                        cli_tr(cli, "%s exists already (schema version %d); to upgrade it: "
                                    "airguard db migrate"),
                        path, version);
    }
    store_set_actor(st, "system");
    if ((rc = cli_load_catalog(cli, &cat)))
        goto out;
    if ((rc = store_migrate(st, NULL, &err)))
        goto fail;
    char now[21];
    ag_time_iso(ag_now(), now);
    if ((rc = store_begin(st, &err)) || (rc = store_meta_set(st, "created_at", now, &err)) ||
        (rc = store_meta_set(st, "catalog_id", catalog_id(cat), &err)) ||
        (rc = store_meta_set(st, "catalog_sha256", catalog_sha256(cat), &err)) ||
        (rc = store_commit(st, &err)))
        goto fail;
    /* the demo airport's records, then accounts for its people (auth is above isms) */
    if (demo && ((rc = isms_demo(st, cat, &err)) || (rc = auth_demo(st, &err))))
        goto fail;
    if (store_schema_version(st, &version) != AG_OK)
        version = -1;
    printf(cli_tr(cli, "created %s (schema version %d)%s\n"), path, version,
           demo ? cli_tr(cli, " with the demo airport") : "");
    goto out;
fail:
    cli_fail(cli, 0, "%s", err.msg);
    store_free(st);
    st = NULL;
    unlink(path); /* a store that could not be initialised is not left half-made */
out:
    store_free(st);
    catalog_free(cat);
    return cli_status(rc);
}

static int db_migrate(struct cli *cli)
{
    struct store *st;
    struct ag_error err;
    int applied, version, rc;
    if ((rc = store_open(&st, db_path(cli), 0, &err)))
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    store_set_actor(st, "system");
    rc = store_migrate(st, &applied, &err);
    if (rc == AG_OK) {
        if (store_schema_version(st, &version) != AG_OK)
            version = -1;
        printf(cli_tr(cli, "%s: %d migration(s) applied, schema version %d\n"), db_path(cli),
               applied, version);
    } else {
        cli_fail(cli, 0, "%s", err.msg);
    }
    store_free(st);
    return cli_status(rc);
}

static int db_check(struct cli *cli)
{
    struct store *st;
    struct ag_error err;
    struct strbuf report;
    bool ok;
    int rc;
    if ((rc = store_open(&st, db_path(cli), STORE_READONLY, &err)))
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    strbuf_init(&report, 1 << 20);
    rc = store_check(st, &ok, &report, &err);
    if (rc)
        cli_fail(cli, 0, "%s", err.msg);
    else if (ok)
        printf(cli_tr(cli, "%s: integrity and foreign keys ok\n"), db_path(cli));
    else
        fprintf(stderr, "%s:\n%s", db_path(cli), strbuf_str(&report));
    strbuf_release(&report);
    store_free(st);
    return rc ? cli_status(rc) : ok ? AG_EXIT_OK : AG_EXIT_FAIL;
}

static int db_backup(struct cli *cli, const char *dest)
{
    struct store *st;
    struct ag_error err;
    int rc;
    if ((rc = store_open(&st, db_path(cli), 0, &err)))
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    store_set_actor(st, cli->actor ? cli->actor : "cli");
    time_t started = ag_now();
    rc = store_backup(st, dest, &err);
    /* the run is the evidence of 3.1.2.4(3) backups (compliance.h); a failure is too */
    cli_monitor_run_record(
        cli, st, "backup", started, rc == AG_OK,
        json_pack("{s:s,s:s}", "file", dest, "error", rc == AG_OK ? "" : err.msg));
    if (rc == AG_OK) {
        struct ag_error ignore;
        if (store_audit(st, "backup", "store", dest, NULL, &ignore) != AG_OK)
            fprintf(stderr, "%s: %s\n", cli->prog, ignore.msg);
        printf(cli_tr(cli, "backed up %s to %s\n"), db_path(cli), dest);
    } else {
        cli_fail(cli, 0, "%s", err.msg);
    }
    store_free(st);
    return cli_status(rc);
}

static int db_restore(struct cli *cli, const char *src, bool force)
{
    struct ag_error err;
    int rc = store_restore(db_path(cli), src, force, &err);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    printf(cli_tr(cli, "restored %s from %s\n"), db_path(cli), src);
    return AG_EXIT_OK;
}

static int db_info(struct cli *cli)
{
    struct store *st;
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    static const char sql[] =
        "SELECT (SELECT value FROM meta WHERE key = 'created_at') AS created_at, "
        "(SELECT value FROM meta WHERE key = 'catalog_id') AS catalog, "
        "(SELECT count(*) FROM people) AS people, (SELECT count(*) FROM systems) AS systems, "
        "(SELECT count(*) FROM audit_log) AS audit_rows";
    int status = cli_query_print(cli, st, sql, NULL, 0);
    store_free(st);
    return status;
}

int cmd_db(struct cli *cli, int argc, char **argv)
{
    const char *pos[2];
    size_t npos;
    bool demo = false, force = false;
    const char *tls_dir = NULL;
    const struct cli_opt opts[] = {
        {"--demo", NULL, &demo}, {"--force", NULL, &force}, {"--tls", &tls_dir, NULL}};
    if (argc < 2 || cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, 2, &npos))
        goto usage;
    const char *sub = argv[1];
    if (strcmp(sub, "init") == 0 && npos == 0) {
        int status = db_init(cli, demo);
        if (status != AG_EXIT_OK || !tls_dir)
            return status;
        /* --tls DIR: a self-signed pair for the first HTTPS start, as `airguard tls init DIR` */
        char *targv[] = {"tls", "init", (char *)tls_dir};
        return cmd_tls(cli, 3, targv);
    }
    if (strcmp(sub, "migrate") == 0 && npos == 0)
        return db_migrate(cli);
    if (strcmp(sub, "check") == 0 && npos == 0)
        return db_check(cli);
    if (strcmp(sub, "backup") == 0 && npos == 1)
        return db_backup(cli, pos[0]);
    if (strcmp(sub, "restore") == 0 && npos == 1)
        return db_restore(cli, pos[0], force);
    if (strcmp(sub, "info") == 0 && npos == 0)
        return db_info(cli);
usage:
    fputs(cli_tr(cli, "db-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
