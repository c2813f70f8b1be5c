/*
 * notice.c — notices of sign-ins from addresses an account never signed in from (guideline
 * 3.1.5.1(2)(e): detecting unauthorised login attempts, 「通常とは異なる IP
 * アドレスからのアクセス時に メールで通知」). auth_signed_in (session.c) writes them; the person
 * sees them in the application until dismissed, and auth_notice_dispatch mails them when SMTP is
 * configured.
 */
#include "auth/auth_int.h"

#include <sodium.h>

int auth_notices(struct store *st, long long account_id, struct auth_notice *out, size_t max,
                 size_t *count, struct ag_error *err)
{
    sqlite3_stmt *s;
    *count = 0;
    int rc = store_cached(st, &s, /* on every dashboard: kept prepared */
                          "SELECT id, at, address FROM login_notices WHERE account_id = ? "
                          "AND dismissed_at IS NULL ORDER BY at DESC, id DESC LIMIT ?",
                          err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, account_id);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)max);
    while (*count < max && sqlite3_step(s) == SQLITE_ROW) {
        struct auth_notice *n = &out[(*count)++];
        n->id = sqlite3_column_int64(s, 0);
        snprintf(n->at, sizeof(n->at), "%s", store_col_text(s, 1));
        snprintf(n->address, sizeof(n->address), "%s", store_col_text(s, 2));
    }
    store_cached_done(st, s);
    return AG_OK;
}

int auth_notice_dismiss(struct store *st, long long account_id, long long notice_id,
                        struct ag_error *err)
{
    char now[21];
    auth_time(0, now);
    /* the account is part of the condition: nobody dismisses another person's notice */
    int rc = store_run(st, "login_notices", err,
                       "UPDATE login_notices SET dismissed_at = ? WHERE id = ? AND account_id = ? "
                       "AND dismissed_at IS NULL",
                       "sii", now, notice_id, account_id);
    if (rc)
        return rc;
    if (sqlite3_changes(store_db(st)) != 1)
        return ag_error_set(err, AG_ENOTFOUND, "no such notice");
    return AG_OK;
}

/* The message of one notice: fixed headers, the person's data only in the body. */
static int notice_message(const char *from, const char *to, const char *login, const char *name,
                          const char *name_en, const char *at, const char *address,
                          struct strbuf *out, struct ag_error *err)
{
    struct strbuf body;
    strbuf_init(&body, 16384);
    strbuf_addf(&body,
                "%s さん（ログイン名 %s）のアカウントに、これまでサインインしたことのない"
                "アドレスからのサインインがありました。\n\n"
                "  日時（UTC）: %s\n  アドレス: %s\n\n"
                "心当たりがない場合は、直ちにパスワードを変更し（マイアカウント）、システム管理者に"
                "報告してください（ガイドライン 3.1.5.1(1)(a)②）。\n"
                "この通知はサインイン後の画面にも表示されます。\n\n"
                "----\n\n"
                "Someone signed in to the account of %s (login %s) from an address this account "
                "had never signed in from.\n\n"
                "  Time (UTC): %s\n  Address: %s\n\n"
                "If this was not you, change your password at once (My account) and report it "
                "to the system administrator (guideline 3.1.5.1(1)(a)2).\n"
                "The notice is also shown in airguard after you sign in.\n",
                name, login, at, address, *name_en ? name_en : name, login, at, address);
    struct auth_mail m = {from,
                          to,
                          "[airguard] 新しいアドレスからのサインイン / Sign-in from a new address",
                          strbuf_str(&body),
                          ag_now(),
                          NULL};
    int rc = strbuf_ok(&body) ? auth_mail_compose(&m, out, err)
                              : ag_error_set(err, AG_ENOMEM, "out of memory");
    strbuf_release(&body);
    return rc;
}

#define DISPATCH_MAX 16

int auth_notice_dispatch(struct store *st, struct ag_error *err)
{
    char url[520] = "", from[260] = "";
    bool own;
    sqlite3_stmt *s = NULL;
    struct {
        struct strbuf msg;
        char to[256];
    } out[DISPATCH_MAX];
    size_t n = 0;
    if (store_meta_get(st, "smtp.url", url, sizeof(url)) != AG_OK)
        url[0] = '\0';
    if (store_meta_get(st, "smtp.from", from, sizeof(from)) != AG_OK)
        from[0] = '\0';
    bool smtp = *url && *from;
    int rc = auth_tx_begin(st, &own, err);
    if (rc)
        return rc;
    if (!smtp) { /* nothing to send with: the notices stay in the application only */
        rc = store_exec(st, "UPDATE login_notices SET mail = 'none' WHERE mail = 'pending'", err);
        goto out;
    }
    if ((rc = store_prepare(st, &s,
                            "SELECT n.id, n.at, n.address, p.email, p.login, p.name, p.name_en "
                            "FROM login_notices n JOIN accounts a ON a.id = n.account_id "
                            "JOIN people p ON p.id = a.person_id WHERE n.mail = 'pending' "
                            "ORDER BY n.id LIMIT ?",
                            err)))
        goto out;
    sqlite3_bind_int(s, 1, DISPATCH_MAX);
    while (rc == AG_OK && sqlite3_step(s) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(s, 0);
        const char *email = store_col_text(s, 3), *state = "queued";
        struct ag_error e;
        if (!*email) {
            state = "none";
        } else {
            strbuf_init(&out[n].msg, 65536);
            if (notice_message(from, email, store_col_text(s, 4), store_col_text(s, 5),
                               store_col_text(s, 6), store_col_text(s, 1), store_col_text(s, 2),
                               &out[n].msg, &e) != AG_OK) {
                state = "refused"; /* an address failed the header checks: never sent */
                strbuf_release(&out[n].msg);
            } else {
                snprintf(out[n].to, sizeof(out[n].to), "%s", email);
                n++;
            }
        }
        rc = store_run(st, "login_notices", err, "UPDATE login_notices SET mail = ? WHERE id = ?",
                       "si", state, id);
    }
out:
    sqlite3_finalize(s);
    rc = auth_tx_end(st, own, rc, err);
    for (size_t i = 0; i < n; i++) {
        struct ag_error e;
        if (rc == AG_OK &&
            auth_mail_enqueue(url, from, out[i].to, strbuf_str(&out[i].msg), &e) != AG_OK)
            fprintf(stderr, "airguard: sign-in notice to %s not queued: %s\n", out[i].to, e.msg);
        strbuf_release(&out[i].msg);
    }
    return rc;
}
