/*
 * msgs_notify.c — user-facing texts of the notifications (src/notify, src/cli/cmd_notify.c),
 * Japanese and English: the usage, the messages, and the subjects and bodies of the
 * notifications themselves (rendered in the rule's language, whatever --lang is).
 */
#include "notify/notify.h"

static const struct ag_msg notify_msgs[] = {
    {"notify-usage",
     "使い方: airguard notify …  メールと Webhook "
     "による通知（docs/compliance.md「Notifications」）\n"
     "  airguard notify rule add --channel email|webhook --target アドレス|person|URL\n"
     "      （person: 事象ごとに関係者本人 — 是正処置の担当者、例外の申請者、自己点検票の回答者 — "
     "の people.email へ）\n"
     "      [--kinds alert,action,exception,assessment,contradiction|all] [--min-level "
     "info|warning|high|critical]\n"
     "      [--language ja|en|both] [--secret-file ファイル]（Webhook の HMAC-SHA256 鍵）\n"
     "  airguard notify rule list | rule remove ID\n"
     "  airguard notify config [--smtp-url smtp://ホスト:ポート] [--smtp-from アドレス] "
     "[--smtp-ca-file PEM]\n"
     "      [--smtp-user 名前] [--smtp-password-file ファイル] [--webhook-ca-file PEM]（\"\" "
     "で削除）\n"
     "      [--alert-days N] [--due-soon-days N] [--expiring-days N] [--expired-days N] "
     "[--keep-days N]（期間の日数、既定 7 7 14 30 180）\n"
     "      パスワードは $AIRGUARD_SMTP_PASSWORD "
     "かファイルで渡します（コマンド行やストアには置きません）\n"
     "  airguard notify scan                  通知すべき事象を送信待ち（outbox）に入れる\n"
     "  airguard notify send [--limit N]      送信待ちを送る（STARTTLS "
     "必須、失敗は間隔を延ばして再送）\n"
     "  airguard notify list [--status queued|sent|failed]\n"
     "  airguard notify retry ID | --failed   失敗した通知を送信待ちに戻す\n"
     "  airguard notify prune [--older-than 日数]  送信済み・失敗の古い通知を消す（既定 "
     "notify.keep_days）\n"
     "  airguard notify test --channel email|webhook --target アドレス|URL [--secret-file F] "
     "[--language]\n",
     "usage: airguard notify …  notifications by e-mail and webhook (docs/compliance.md "
     "\"Notifications\")\n"
     "  airguard notify rule add --channel email|webhook --target ADDRESS|person|URL\n"
     "      (person: each event to the person it concerns — the action's owner, the exception's "
     "applicant, the sheet's respondent — at people.email)\n"
     "      [--kinds alert,action,exception,assessment,contradiction|all] [--min-level "
     "info|warning|high|critical]\n"
     "      [--language ja|en|both] [--secret-file FILE] (the webhook's HMAC-SHA256 key)\n"
     "  airguard notify rule list | rule remove ID\n"
     "  airguard notify config [--smtp-url smtp://HOST:PORT] [--smtp-from ADDRESS] [--smtp-ca-file "
     "PEM]\n"
     "      [--smtp-user NAME] [--smtp-password-file FILE] [--webhook-ca-file PEM] (\"\" removes)\n"
     "      [--alert-days N] [--due-soon-days N] [--expiring-days N] [--expired-days N] "
     "[--keep-days N] (windows in days; defaults 7 7 14 30 180)\n"
     "      the password comes from $AIRGUARD_SMTP_PASSWORD or the file (never the command line or "
     "the store)\n"
     "  airguard notify scan                  queue the events due (the outbox)\n"
     "  airguard notify send [--limit N]      deliver the queue (STARTTLS required; retries with "
     "backoff)\n"
     "  airguard notify list [--status queued|sent|failed]\n"
     "  airguard notify retry ID | --failed   put failed notifications back in the queue\n"
     "  airguard notify prune [--older-than DAYS]  remove old sent and failed notifications "
     "(default notify.keep_days)\n"
     "  airguard notify test --channel email|webhook --target ADDRESS|URL [--secret-file F] "
     "[--language]\n"},
    {"Notifications by e-mail and webhook: rules, outbox, sending",
     "メールと Webhook による通知: 規則、送信待ち、送信",
     "Notifications by e-mail and webhook: rules, outbox, sending"},
    {"notify-level-info", "情報", "info"},
    {"notify-level-warning", "注意", "warning"},
    {"notify-level-high", "高", "high"},
    {"notify-level-critical", "緊急", "critical"},
    /* the notifications */
    {"notify: Alert (%s): %s", "アラート（%s）: %s", "Alert (%s): %s"},
    {"notify: Alert \"%s\" of level %s at %s, category %s, source %s.",
     "アラート「%s」（レベル %s）が %s に発生しました。分類 %s、送信元 %s。",
     "Alert \"%s\" of level %s at %s, category %s, source %s."},
    {"notify: Corrective action due soon: %s", "是正処置の期限が近づいています: %s",
     "Corrective action due soon: %s"},
    {"notify: Corrective action %lld \"%s\" is due on %s (owner %s).",
     "是正処置 %lld「%s」の期限は %s です（担当 %s）。",
     "Corrective action %lld \"%s\" is due on %s (owner %s)."},
    {"notify: Corrective action overdue: %s", "是正処置が期限を過ぎています: %s",
     "Corrective action overdue: %s"},
    {"notify: Corrective action %lld \"%s\" was due on %s and is not done (owner %s).",
     "是正処置 %lld「%s」は期限 %s を過ぎても完了していません（担当 %s）。",
     "Corrective action %lld \"%s\" was due on %s and is not done (owner %s)."},
    {"notify: Exception expiring: %s", "例外措置の期間がまもなく終わります: %s",
     "Exception expiring: %s"},
    {"notify: Exception %lld (%s) ends on %s (applicant %s).",
     "例外措置 %lld（%s）は %s に終了します（申請者 %s）。",
     "Exception %lld (%s) ends on %s (applicant %s)."},
    {"notify: Exception expired: %s", "例外措置の期間が終了しました: %s", "Exception expired: %s"},
    {"notify: Exception %lld (%s) ended on %s (applicant %s): the end report is due.",
     "例外措置 %lld（%s）は %s に終了しました（申請者 %s）。終了の報告が必要です。",
     "Exception %lld (%s) ended on %s (applicant %s): the end report is due."},
    {"notify: Self-inspection open: %s, round %s", "自己点検を開始しました: %s 第 %s 回",
     "Self-inspection open: %s, round %s"},
    {"notify: The self-inspection \"%s\" round %s is open: %s sheets, due %s.",
     "自己点検「%s」第 %s 回を実施中です。点検票 %s 件、期限 %s。",
     "The self-inspection \"%s\" round %s is open: %s sheets, due %s."},
    {"notify: Self-inspection deadline approaching: %s, round %s",
     "自己点検の期限が近づいています: %s 第 %s 回",
     "Self-inspection deadline approaching: %s, round %s"},
    {"notify: The self-inspection \"%s\" round %s is due on %s; %s sheets are not submitted yet.",
     "自己点検「%s」第 %s 回の期限は %s です。未提出の点検票が %s 件あります。",
     "The self-inspection \"%s\" round %s is due on %s; %s sheets are not submitted yet."},
    {"notify: Self-inspection not answered: %s", "自己点検が未回答です: %s",
     "Self-inspection not answered: %s"},
    {"notify: %s has not submitted the self-inspection sheet %lld of \"%s\" round %s, due on %s.",
     "%s さんが自己点検票 %lld（「%s」第 %s 回、期限 %s）を提出していません。",
     "%s has not submitted the self-inspection sheet %lld of \"%s\" round %s, due on %s."},
    {"notify: Your self-inspection sheet: %s, round %s",
     "自己点検票の回答をお願いします: %s 第 %s 回", "Your self-inspection sheet: %s, round %s"},
    {"notify: %s, your self-inspection sheet %lld of \"%s\" round %s is waiting for your answers, "
     "due on %s. Answer it in airguard under \"My self-inspection sheets\" (/assess/sheets/%lld).",
     "%s さん、自己点検票 %lld（「%s」第 %s 回）の回答をお願いします。期限は %s です。airguard の"
     "「自分の自己点検票」（/assess/sheets/%lld）から回答してください。",
     "%s, your self-inspection sheet %lld of \"%s\" round %s is waiting for your answers, due on "
     "%s. Answer it in airguard under \"My self-inspection sheets\" (/assess/sheets/%lld)."},
    {"notify: Your self-inspection sheet is due on %s: %s",
     "自己点検票の期限が近づいています（%s）: %s", "Your self-inspection sheet is due on %s: %s"},
    {"notify: %s, your self-inspection sheet %lld of \"%s\" round %s is due on %s and not "
     "submitted yet. Answer it in airguard under \"My self-inspection sheets\" "
     "(/assess/sheets/%lld).",
     "%s さん、自己点検票 %lld（「%s」第 %s 回）の期限は %s ですが、まだ提出されていません。"
     "airguard の「自分の自己点検票」（/assess/sheets/%lld）から回答してください。",
     "%s, your self-inspection sheet %lld of \"%s\" round %s is due on %s and not submitted yet. "
     "Answer it in airguard under \"My self-inspection sheets\" (/assess/sheets/%lld)."},
    {"notify: Answer contradicted by evidence: %s", "回答が証跡と矛盾しています: %s",
     "Answer contradicted by evidence: %s"},
    {"notify: The self-inspection answer \"implemented\" for %s is contradicted by live evidence: "
     "%s (%s).",
     "%s の自己点検の回答「実施」は監視の証跡と矛盾しています: %s（%s）。",
     "The self-inspection answer \"implemented\" for %s is contradicted by live evidence: %s "
     "(%s)."},
    {"notify: airguard test notification", "airguard 通知のテスト", "airguard test notification"},
    {"notify: This is a test of the airguard notifications.", "airguard の通知のテストです。",
     "This is a test of the airguard notifications."},
    {"notify: (airguard notification, event %s)", "（airguard の通知、事象 %s）",
     "(airguard notification, event %s)"},
    /* errors */
    {"notify: --lang: \"%s\" is not ja, en or both",
     "--language: 「%s」は ja、en、both のどれでもありません",
     "--language: \"%s\" is not ja, en or both"},
    {"notify: --kinds: \"%.*s\" is not one of alert, action, exception, assessment, "
     "contradiction, all",
     "--kinds: 「%.*s」は alert、action、exception、assessment、contradiction、all "
     "のどれでもありません",
     "--kinds: \"%.*s\" is not one of alert, action, exception, assessment, contradiction, all"},
    {"notify: --kinds: no kind given", "--kinds: 種類が指定されていません",
     "--kinds: no kind given"},
    {"notify: --channel: \"%s\" is not email or webhook",
     "--channel: 「%s」は email でも webhook でもありません",
     "--channel: \"%s\" is not email or webhook"},
    {"notify: --target is required", "--target が必要です", "--target is required"},
    {"notify: --target: \"%s\" is not an e-mail address",
     "--target: 「%s」はメールアドレスではありません", "--target: \"%s\" is not an e-mail address"},
    {"notify: --target: \"%s\" is not an http:// or https:// URL",
     "--target: 「%s」は http:// または https:// の URL ではありません",
     "--target: \"%s\" is not an http:// or https:// URL"},
    {"notify: --secret-file is for webhooks only", "--secret-file は Webhook にだけ使えます",
     "--secret-file is for webhooks only"},
    {"notify: --secret-file: cannot read \"%s\"", "--secret-file: 「%s」を読めません",
     "--secret-file: cannot read \"%s\""},
    {"notify: --min-level: \"%s\" is not info, warning, high or critical",
     "--min-level: 「%s」は info、warning、high、critical のどれでもありません",
     "--min-level: \"%s\" is not info, warning, high or critical"},
    {"notify: no notification rule %lld", "通知規則 %lld はありません",
     "no notification rule %lld"},
    {"notify: event %s: its texts are not UTF-8", "事象 %s: 文字列が UTF-8 ではありません",
     "event %s: its texts are not UTF-8"},
    {"notify: unknown setting \"%s\"", "設定「%s」は不明です", "unknown setting \"%s\""},
    {"notify: %s: the value has a control character", "%s: 値に制御文字があります",
     "%s: the value has a control character"},
    {"notify: mail: smtp.url and smtp.from are not set (airguard notify config)",
     "メール: smtp.url と smtp.from が設定されていません（airguard notify config）",
     "mail: smtp.url and smtp.from are not set (airguard notify config)"},
    {"notify: mail: smtp.user is set but neither $AIRGUARD_SMTP_PASSWORD nor smtp.password_file "
     "is",
     "メール: smtp.user が設定されていますが、$AIRGUARD_SMTP_PASSWORD も smtp.password_file も"
     "ありません",
     "mail: smtp.user is set but neither $AIRGUARD_SMTP_PASSWORD nor smtp.password_file is"},
    {"notify: webhook: %s failed: %s", "Webhook: %s への送信に失敗しました: %s",
     "webhook: %s failed: %s"},
    {"notify: webhook: %s answered HTTP %ld (redirects are not followed)",
     "Webhook: %s の応答は HTTP %ld でした（リダイレクトはたどりません）",
     "webhook: %s answered HTTP %ld (redirects are not followed)"},
    {"notify: webhook: %s answered HTTP %ld", "Webhook: %s の応答は HTTP %ld でした",
     "webhook: %s answered HTTP %ld"},
    {"notify: no failed notification %lld", "失敗した通知 %lld はありません",
     "no failed notification %lld"},
    {"mail: the Message-ID is not valid", "メール: Message-ID が正しくありません",
     "mail: the Message-ID is not valid"},
    /* the command */
    {"notify: created rule %lld\n", "通知規則 %lld を作成しました\n", "created rule %lld\n"},
    {"notify: removed rule %lld\n", "通知規則 %lld を削除しました\n", "removed rule %lld\n"},
    {"notify: \"%s\" is not a rule id", "「%s」は規則の ID ではありません",
     "\"%s\" is not a rule id"},
    {"notify: \"%s\" is not a notification id", "「%s」は通知の ID ではありません",
     "\"%s\" is not a notification id"},
    {"notify: %d notification(s) queued\n", "通知 %d 件を送信待ちに入れました\n",
     "%d notification(s) queued\n"},
    {"notify: --limit: \"%s\" is not a number from 1 to 10000",
     "--limit: 「%s」は 1 から 10000 の数ではありません",
     "--limit: \"%s\" is not a number from 1 to 10000"},
    {"notify: %d sent, %d to retry later, %d failed\n", "送信 %d 件、後で再送 %d 件、失敗 %d 件\n",
     "%d sent, %d to retry later, %d failed\n"},
    {"notify: %d notification(s) to people without a usable e-mail address (people.email) not "
     "queued\n",
     "通知 %d "
     "件は、宛先の人に使えるメールアドレス（people.email）がないため送信待ちに入れていません\n",
     "%d notification(s) to people without a usable e-mail address (people.email) not queued\n"},
    {"notify: --target person: only e-mail rules write to each person",
     "--target person: 関係者本人に送れるのはメールの規則だけです",
     "--target person: only e-mail rules write to each person"},
    {"notify: %s: \"%s\" is not a number of days from 1 to 3650",
     "%s: 「%s」は 1 から 3650 の日数ではありません",
     "%s: \"%s\" is not a number of days from 1 to 3650"},
    {"notify: reading the setting %s", "設定 %s を読めません", "reading the setting %s"},
    {"notify: --older-than: \"%s\" is not a number of days from 1 to 3650",
     "--older-than: 「%s」は 1 から 3650 の日数ではありません",
     "--older-than: \"%s\" is not a number of days from 1 to 3650"},
    {"notify: %d old notification(s) removed\n", "古い通知 %d 件を削除しました\n",
     "%d old notification(s) removed\n"},
    {"notify: %d notification(s) queued again\n", "通知 %d 件を送信待ちに戻しました\n",
     "%d notification(s) queued again\n"},
    {"notify: test message sent to %s\n", "テストの通知を %s に送りました\n",
     "test message sent to %s\n"},
    {"notify: cannot start the notifier thread", "通知スレッドを開始できません",
     "cannot start the notifier thread"},
    {"--notify-every: \"%s\" is not a number of seconds from 10 to 86400",
     "--notify-every: 「%s」は 10 から 86400 の秒数ではありません",
     "--notify-every: \"%s\" is not a number of seconds from 10 to 86400"},
    /* column headings of the lists */
    {"channel", "経路", "channel"},
    {"destination", "宛先", "destination"},
    {"rule", "規則", "rule"},
    {"event", "事象", "event"},
    {"subject", "件名", "subject"},
    {"value", "値", "value"},
    {"lang", "言語", "language"},
    {"kinds", "種類", "kinds"},
    {"min_level", "最低レベル", "min level"},
    {"secret_file", "鍵ファイル", "secret file"},
    {"queued", "送信待ち", "queued"},
    {"attempts", "試行回数", "attempts"},
    {"next_attempt", "次の試行", "next attempt"},
    {"sent_at", "送信日時", "sent at"},
    {"last_error", "最後のエラー", "last error"},
    {"setting", "設定", "setting"},
};

void notify_register_messages(void)
{
    ag_tr_register(notify_msgs, AG_ARRAY_LEN(notify_msgs));
}
