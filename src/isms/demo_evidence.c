/*
 * demo_evidence.c — the monitor evidence of the demo airport (issue 7 item 1): logwatch ran two
 * hours ago and raised a password-list attack on the passenger Wi-Fi portal (3.1.5.1(2)(e)),
 * still open, and a brute force that CSIRT closed; the store was backed up yesterday; netwatch
 * never ran. So 3.1.5.1(2)(e) is contradicted while a submitted answer says 実施 (flagged),
 * log review 3.1.5.1(2)(a)② and backups 3.1.2.4(3) are evidenced, and IPv6 3.1.5.2(4)(d) has no
 * data. Times are relative to ag_now(). Runs inside isms_demo's transaction.
 */
#include "isms/alert.h"
#include "isms/compliance.h"
#include "store/store.h"

static json_t *demo_alert(const char *id, time_t t, const char *category, const char *rule,
                          const char *level, const char *src, const char *user, int count,
                          const char *evidence)
{
    char at[21], first[21];
    ag_time_iso(t, at);
    ag_time_iso(t - 600, first);
    return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:s,s:s,s:[s,s],s:[],s:[s],s:[s]}",
                     "id", id, "time", at, "category", category, "rule", rule, "rule_id",
                     "9b6f1e8d-2f0c-4a0e-8d63-6c1b7f3e2a10", "level", level, "src_ip", src, "user",
                     user, "host", "wifi-portal01", "count", count, "first", first, "last", at,
                     "guideline", "3.1.5.1(2)(e)", "3.2.2.1(1)④", "catalog", "attack",
                     "attack.t1110.004", "evidence", evidence);
}

int isms_demo_evidence(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    time_t now = ag_now();
    char t1[21], t2[21], t3[21];
    int rc;
    /* logwatch: a run over the day's logs, two hours ago */
    ag_time_iso(now - 2 * 3600 - 300, t1);
    ag_time_iso(now - 2 * 3600, t2);
    if ((rc = store_monitor_run_add(st, "logwatch", t1, t2, "ok",
                                    "{\"lines\":48211,\"alerts\":2,\"inputs\":[\"/var/log/"
                                    "wifi-portal/auth.log\"]}",
                                    NULL, err)))
        return rc;
    /* a backup of the store, yesterday */
    ag_time_iso(now - 86400 - 120, t1);
    ag_time_iso(now - 86400, t3);
    if ((rc = store_monitor_run_add(st, "backup", t1, t3, "ok",
                                    "{\"file\":\"/var/backups/airguard/airguard.db\"}", NULL, err)))
        return rc;
    /* the alerts: a password-list attack still open, a brute force closed by CSIRT */
    json_t *alerts[2] = {
        demo_alert("lw-demo00000000000e01", now - 3 * 3600, "password_list_attack",
                   "Password-list attack (one source, many user names)", "high", "198.51.100.23",
                   "", 41,
                   "wifi-portal01 portal[812]: login failed user=k.sato from 198.51.100.23"),
        demo_alert("lw-demo00000000000e02", now - 26 * 3600, "brute_force",
                   "Brute force on one account from one source", "high", "203.0.113.77", "admin",
                   18, "wifi-portal01 portal[812]: login failed user=admin from 203.0.113.77"),
    };
    if (!alerts[0] || !alerts[1]) {
        json_decref(alerts[0]);
        json_decref(alerts[1]);
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    }
    json_object_del(alerts[0], "user"); /* a list attack has many users */
    rc = isms_alert_add_batch(st, cat, alerts, 2, NULL, NULL, err);
    json_decref(alerts[0]);
    json_decref(alerts[1]);
    if (rc)
        return rc;
    if ((rc = store_run(st, "alerts", err,
                        "UPDATE alerts SET status = 'closed' WHERE id = 'lw-demo00000000000e02'",
                        "")) ||
        (rc = store_run(
             st, "alert_actions", err,
             "INSERT INTO alert_actions(alert_seq, alert_id, action, person_id, note, "
             "at) SELECT seq, id, 'closed', (SELECT id FROM people WHERE login = "
             "'watanabe'), '送信元を遮断リストに追加済み / source added to the block list', "
             "? FROM alerts WHERE id = 'lw-demo00000000000e02'",
             "s", t2)))
        return rc;
    /* the current campaign: one submitted answer on 3.1.5.1(2)(e) says 実施 */
    long long plan;
    int round;
    if ((rc = isms_ev_campaign(st, &plan, &round, err)) || !plan)
        return rc;
    return store_run(st, "assess_answers", err,
                     "UPDATE assess_answers SET answer = 'implemented' WHERE id = (SELECT a.id "
                     "FROM assess_answers a JOIN assess_sheets s ON s.id = a.sheet_id WHERE "
                     "a.item_id = '3.1.5.1-2-e.m1' AND s.plan_id = ? AND s.round = ? AND "
                     "s.status = 'submitted' ORDER BY a.answer = 'implemented' DESC, a.id LIMIT "
                     "1)",
                     "ii", plan, (long long)round);
}
