/*
 * demo_logs.c — the demo airport's log retention (3.1.5.1(2)(a), 3.2.2.1③; migration 015):
 * on top of the defaults (authentication and network devices one year, the rest six months),
 * the site's own periods — the central syslog collector's firewall and router records two
 * years, as the airport's rules ask of monitoring records, and the passenger web site's access
 * log 400 days, to cover a full year of the annual audit plus its review. The archive itself
 * fills as logwatch runs (`logwatch serve --archive`).
 */
#include "isms/isms.h"
#include "store/store.h"

int isms_demo_logs(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    (void)cat;
    static const struct {
        const char *kind, *source;
        long long days;
        const char *basis;
    } rows[] = {
        {"network", "0.0.0.0:514", 730,
         "3.2.2.1③ 監視記録の保管期間: ファイアウォール・ルータは 2 年（情報セキュリティ運用規程 "
         "第 14 条）"},
        {"web", "/var/log/nginx/pax-web-access.log", 400,
         "旅客向けウェブサイト: 年次監査と見直しを含めて 400 日（個人データ取扱台帳 PD-002）"},
        {"auth", "*", 365, "3.1.5.1(2)(a) 認証ログ 1 年（情報セキュリティ運用規程 第 14 条）"},
    };
    char now[21];
    ag_time_iso(ag_now(), now);
    for (size_t i = 0; i < AG_ARRAY_LEN(rows); i++) {
        int rc = store_run(st, "the demo's retention periods", err,
                           "INSERT INTO log_retention (kind, source, days, basis, updated_at, "
                           "updated_by) VALUES (?1, ?2, ?3, ?4, ?5, 'ito') ON CONFLICT(kind, "
                           "source) DO UPDATE SET days = excluded.days, basis = excluded.basis, "
                           "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                           "ssiss", rows[i].kind, rows[i].source, rows[i].days, rows[i].basis, now);
        if (rc)
            return rc;
    }
    return AG_OK;
}
