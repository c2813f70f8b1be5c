/*
 * admin.c — account changes made by the administrator of airguard from the web (guideline
 * 3.1.5.1(1)(a)(c): IDs issued, changed and withdrawn by the administrator under rules).
 *
 * Two rules on top of account.c and unused.c: an administrator does not change their own
 * account here (admin flag, lock, TOTP, password, roles — a second administrator or the
 * operator's shell does; so nobody locks themselves out or raises their own privileges), and
 * the store always keeps at least one usable administrator (admin flag, not locked, not disabled,
 * a password, an active person). Each function is one transaction or joins the caller's; the
 * last-administrator check runs after the change inside it, so two concurrent demotions cannot
 * both pass.
 */
#include "auth/auth_int.h"

int auth_admin_usable_count(struct store *st, int *n, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "SELECT count(*) FROM accounts a JOIN people p ON p.id = a.person_id "
                           "WHERE a.admin = 1 AND a.locked = 0 AND a.disabled_at IS NULL AND "
                           "a.password_hash <> '' AND p.active = 1",
                           err);
    if (rc)
        return rc;
    *n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    return AG_OK;
}

int auth_admin_not_self(const char *actor, const char *login, struct ag_error *err)
{
    if (actor && strcmp(actor, login) == 0)
        return ag_error_set(err, AG_EDENIED,
                            "you cannot change your own account here; another administrator must "
                            "(so that nobody locks themselves out or raises their own rights)");
    return AG_OK;
}

/* Ends the transaction with a refusal if no usable administrator is left. */
static int keep_one_admin(struct store *st, int rc, struct ag_error *err)
{
    int n = 0;
    if (rc || (rc = auth_admin_usable_count(st, &n, err)))
        return rc;
    if (n < 1)
        return ag_error_set(err, AG_EDENIED,
                            "refused: airguard would have no usable administrator left");
    return AG_OK;
}

int auth_admin_set_flag(struct store *st, const char *actor, const char *login, bool admin,
                        struct ag_error *err)
{
    bool own;
    long long id;
    int rc;
    if ((rc = auth_admin_not_self(actor, login, err)) || (rc = auth_tx_begin(st, &own, err)))
        return rc;
    if ((rc = auth_account_id(st, login, &id, err)) == AG_OK)
        rc = store_run(st, "accounts", err, "UPDATE accounts SET admin = ? WHERE id = ?", "ii",
                       (long long)admin, id);
    rc = keep_one_admin(st, rc, err);
    return auth_tx_end(st, own, rc, err);
}

int auth_admin_lock(struct store *st, const char *actor, const char *login, bool locked,
                    struct ag_error *err)
{
    bool own;
    int rc;
    if ((rc = auth_admin_not_self(actor, login, err)) || (rc = auth_tx_begin(st, &own, err)))
        return rc;
    if (locked)
        rc = keep_one_admin(st, auth_account_lock(st, login, true, err), err);
    else
        rc = auth_account_enable(st, login, err);
    return auth_tx_end(st, own, rc, err);
}

int auth_account_mfa_sessions(struct store *st, const char *login, struct ag_error *err)
{
    long long id;
    int rc = auth_account_id(st, login, &id, err);
    if (rc)
        return rc;
    /* the roles that need TOTP are AUTH_ROLES_NEED_MFA: admin, ciso, auditor */
    return store_run(st, "sessions", err,
                     "DELETE FROM sessions WHERE account_id = ?1 AND EXISTS (SELECT 1 FROM "
                     "accounts a WHERE a.id = ?1 AND a.totp_secret = '' AND (a.admin = 1 OR "
                     "EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = a.person_id AND "
                     "r.role IN ('ciso', 'auditor'))))",
                     "i", id);
}
