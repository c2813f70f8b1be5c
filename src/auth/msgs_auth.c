/*
 * msgs_auth.c — user-facing texts of src/auth and `airguard user`, Japanese and English.
 * Registered by web_register_messages (src/web/msgs_web.c).
 */
#include "auth/auth.h"

const struct ag_msg auth_msgs[] = {
    {"user-usage",
     "使い方:\n"
     "  airguard user add LOGIN [--admin]   組織の人（airguard org）に Web のアカウントを作る\n"
     "                                      （--admin: airguard 自体の管理者）\n"
     "  airguard user passwd LOGIN          パスワードを設定（標準入力から。端末ではエコーなし）\n"
     "  airguard user lock LOGIN            アカウントをロック（セッションも終了）\n"
     "  airguard user unlock LOGIN          ロックと失敗回数を解除\n"
     "  airguard user mfa-reset LOGIN       TOTP の登録を削除（必須の役割は次回ログインで再登録）\n"
     "  airguard user list                  アカウントの一覧\n"
     "  airguard user role LOGIN --grant ROLE | --revoke ROLE [--department CODE]\n"
     "                                      "
     "ガイドライン上の役割を付与・解除（部署を省くと組織全体）\n"
     "  airguard user sweep                 長期間使われていないアカウントを無効化（unlock "
     "で再有効化）\n"
     "パスワード: 12 文字以上、英小文字・英大文字・数字・その他のうち 3 "
     "種類以上、ログイン名と同一不可。\n"
     "5 回続けて失敗すると 15 分ロック（meta の auth.lockout_threshold, auth.lockout_minutes）。\n"
     "最後のログイン（なければ作成または再有効化）から 90 日使われないアカウントは無効化"
     "（meta の auth.disable_after_days）。\n",
     "usage:\n"
     "  airguard user add LOGIN [--admin]   create the web account of a person (airguard org)\n"
     "                                      (--admin: administrator of airguard itself)\n"
     "  airguard user passwd LOGIN          set the password (from standard input; no echo on a "
     "terminal)\n"
     "  airguard user lock LOGIN            lock the account (and end its sessions)\n"
     "  airguard user unlock LOGIN          clear the lock and the failure count\n"
     "  airguard user mfa-reset LOGIN       remove the TOTP enrolment (mandatory roles enrol again "
     "at the next sign-in)\n"
     "  airguard user list                  list the accounts\n"
     "  airguard user role LOGIN --grant ROLE | --revoke ROLE [--department CODE]\n"
     "                                      grant or revoke a guideline role (organisation-wide "
     "without --department)\n"
     "  airguard user sweep                 disable the accounts not used for a long time (unlock "
     "enables again)\n"
     "Passwords: at least 12 characters, 3 of lower case, upper case, digits and others, not the "
     "login.\n"
     "5 failures in a row lock the account for 15 minutes (meta auth.lockout_threshold, "
     "auth.lockout_minutes).\n"
     "Accounts not used for 90 days since the last sign-in (else creation or re-enabling) are "
     "disabled (meta auth.disable_after_days).\n"},
    {"Accounts of the web application: passwords, lock, TOTP",
     "Web アプリケーションのアカウント（パスワード、ロック、TOTP）",
     "Accounts of the web application: passwords, lock, TOTP"},
    {"created the account of %s; set its password: airguard user passwd %s\n",
     "%s のアカウントを作成しました。パスワードを設定してください: airguard user passwd %s\n",
     "created the account of %s; set its password: airguard user passwd %s\n"},
    {"New password: ", "新しいパスワード: ", "New password: "},
    {"Again: ", "もう一度: ", "Again: "},
    {"password of %s changed\n", "%s のパスワードを変更しました\n", "password of %s changed\n"},
    {"%s: locked\n", "%s: ロックしました\n", "%s: locked\n"},
    {"%s: unlocked\n", "%s: ロックを解除しました\n", "%s: unlocked\n"},
    {"%s: TOTP removed; the next sign-in enrols again where required\n",
     "%s: TOTP の登録を削除しました。必須の役割では次回ログイン時に再登録します\n",
     "%s: TOTP removed; the next sign-in enrols again where required\n"},
    {"password: no password on standard input", "password: 標準入力にパスワードがありません",
     "password: no password on standard input"},
    {"password: the two entries differ", "password: 2 回の入力が一致しません",
     "password: the two entries differ"},
    /* errors of src/auth */
    {"the account is locked; try again later or ask the administrator",
     "アカウントはロックされています。時間をおいて再度試すか、管理者に連絡してください",
     "the account is locked; try again later or ask the administrator"},
    {"wrong login or password", "ログイン名またはパスワードが違います", "wrong login or password"},
    {"too many failed logins from this address; try again later",
     "このアドレスからのログイン失敗が多すぎます。時間をおいて再度試してください",
     "too many failed logins from this address; try again later"},
    {"not signed in", "ログインしていません", "not signed in"},
    {"the code is wrong or has expired", "コードが違うか、有効期限が切れています",
     "the code is wrong or has expired"},
    {"the session has expired; sign in again",
     "セッションの有効期限が切れました。もう一度ログインしてください",
     "the session has expired; sign in again"},
    {"no account with login \"%s\"", "ログイン名「%s」のアカウントはありません",
     "no account with login \"%s\""},
    {"login \"%s\" has an account already", "ログイン名「%s」のアカウントは既にあります",
     "login \"%s\" has an account already"},
    {"no active person with login \"%s\" (add the person first: airguard org person add)",
     "ログイン名「%s」の在籍者はいません（先に airguard org person add で登録してください）",
     "no active person with login \"%s\" (add the person first: airguard org person add)"},
    {"libsodium cannot be initialised", "libsodium を初期化できません",
     "libsodium cannot be initialised"},
    {"liboath cannot be initialised", "liboath を初期化できません",
     "liboath cannot be initialised"},
    {"TOTP: cannot create a secret", "TOTP: 秘密鍵を作成できません",
     "TOTP: cannot create a secret"},
    {"TOTP: the secret is not base32 of at least 80 bits",
     "TOTP: 秘密鍵が 80 ビット以上の base32 ではありません",
     "TOTP: the secret is not base32 of at least 80 bits"},
    {"TOTP: cannot compute a code", "TOTP: コードを計算できません", "TOTP: cannot compute a code"},
    {"the code must be %d digits", "コードは %d 桁の数字です", "the code must be %d digits"},
    {"%s: \"%s\" is not a number from %d to %d", "%s: 「%s」は %d〜%d の数ではありません",
     "%s: \"%s\" is not a number from %d to %d"},
    {"password: longer than %d bytes", "password: %d バイトを超えています",
     "password: longer than %d bytes"},
    {"password: control characters are not allowed", "password: 制御文字は使えません",
     "password: control characters are not allowed"},
    {"password: %zu characters, at least %d are needed",
     "password: %zu 文字です。%d 文字以上が必要です",
     "password: %zu characters, at least %d are needed"},
    {"password: uses %d of the character classes lower case, upper case, digits and others; at "
     "least %d are needed",
     "password: 英小文字・英大文字・数字・その他のうち %d 種類しか使っていません。%d "
     "種類以上が必要です",
     "password: uses %d of the character classes lower case, upper case, digits and others; at "
     "least %d are needed"},
    {"password: must not be the login", "password: ログイン名と同じパスワードは使えません",
     "password: must not be the login"},
    {"password: hashing failed (out of memory)", "password: ハッシュ化に失敗しました（メモリ不足）",
     "password: hashing failed (out of memory)"},
};
const size_t auth_msgs_count = AG_ARRAY_LEN(auth_msgs);
