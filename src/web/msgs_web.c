/*
 * msgs_web.c — user-facing texts of the web application and `airguard serve`, Japanese and
 * English (keys are the English text, as everywhere). tests/unit/web/test_msgs.c checks every
 * entry has both texts with the same printf conversions and no key is defined twice.
 */
#include "web/web_int.h"

const struct ag_msg web_msgs[] = {
    {"serve-usage",
     "使い方: airguard serve [--config FILE] [--listen ADDR:PORT] [--db FILE] [--threads N] "
     "[--cert PEM --key PEM] [監視のオプション]\n"
     "Web アプリケーションを起動します（SIGTERM または Ctrl-C "
     "で、処理中の要求を終えてから停止）。\n"
     "  --listen   待ち受けアドレス（既定 127.0.0.1:8080。ポート 0 は空いているポート）。\n"
     "             TLS なしの HTTP はループバック（127.0.0.1, ::1）だけで使えます\n"
     "  --db       ストア（既定 $AIRGUARD_DB、なければ data/airguard.db）\n"
     "  --threads  ワーカースレッド数 1〜4（既定 2）\n"
     "  --cert, --key  HTTPS の証明書と秘密鍵（PEM。初回用の自己署名は airguard tls init）\n"
     "  --config   設定ファイル（キー = 値 の行。docs/web/running.md）。コマンドラインの指定が"
     "優先します\n"
     "監視（設定ファイルのキーでも指定可）:\n"
     "  --syslog-udp, --syslog-tcp ADDR:PORT  syslog を受けて logwatch の検知ルールを適用し、"
     "警報をストアへ\n"
     "  --rules DIR, --logwatch-config FILE  logwatch のルールと設定（既定 rules/）\n"
     "  --capture IFACE [--baseline FILE] [--internal CIDR,...] [--capture-filter BPF]\n"
     "             netwatch のライブキャプチャ（警報と機器一覧をストアへ）\n"
     "  --capture-syn-rate N, --capture-window S, --capture-ipv6, --capture-timezone +09:00 …\n"
     "             netwatch capture の検知と取得のオプションに --capture- を付けたもの（コマンド"
     "ラインのみ。時間帯は既定で --logwatch-config の site.timezone）\n"
     "  --user USER  待ち受けとキャプチャを開いた後にこの利用者へ権限を下げる\n"
     "  --notify-every 秒  通知（airguard notify scan と send）をこの間隔で実行（10〜86400）\n"
     "起動すると「listening on http://ADDR:PORT/」と表示します。\n",
     "usage: airguard serve [--config FILE] [--listen ADDR:PORT] [--db FILE] [--threads N] "
     "[--cert PEM --key PEM] [monitor options]\n"
     "Runs the web application (SIGTERM or Ctrl-C stops it after running requests finish).\n"
     "  --listen   address to listen on (default 127.0.0.1:8080; port 0 = any free port).\n"
     "             Plain HTTP only on a loopback address (127.0.0.1, ::1)\n"
     "  --db       the store (default $AIRGUARD_DB, else data/airguard.db)\n"
     "  --threads  worker threads, 1 to 4 (default 2)\n"
     "  --cert, --key  certificate and private key for HTTPS (PEM; a self-signed pair for a "
     "first start:\n"
     "             airguard tls init)\n"
     "  --config   configuration file (key = value lines, docs/web/running.md); the options above "
     "override it\n"
     "Monitors (also keys of the configuration file):\n"
     "  --syslog-udp, --syslog-tcp ADDR:PORT  receive syslog, apply logwatch's rules, alerts "
     "to the store\n"
     "  --rules DIR, --logwatch-config FILE  logwatch's rules and configuration (default "
     "rules/)\n"
     "  --capture IFACE [--baseline FILE] [--internal CIDR,...] [--capture-filter BPF]\n"
     "             netwatch's live capture (alerts and the inventory to the store)\n"
     "  --capture-syn-rate N, --capture-window S, --capture-ipv6, --capture-timezone +09:00 …\n"
     "             netwatch capture's detector and capture options prefixed --capture- (command "
     "line only;\n"
     "             the hours' zone defaults to site.timezone of --logwatch-config)\n"
     "  --user USER  drop privileges to USER once the listeners and the capture are open\n"
     "  --notify-every SECONDS  run the notifications (airguard notify scan and send) this often "
     "(10 to 86400)\n"
     "Prints \"listening on http://ADDR:PORT/\" once it is ready.\n"},
    {"Run the web application", "Web アプリケーションを起動", "Run the web application"},
    {"--threads: \"%s\" is not a number from 1 to 4", "--threads: 「%s」は 1〜4 の数ではありません",
     "--threads: \"%s\" is not a number from 1 to 4"},
    {"--listen: \"%s\" is not ADDRESS:PORT (e.g. 127.0.0.1:8080)",
     "--listen: 「%s」は アドレス:ポート の形ではありません（例 127.0.0.1:8080）",
     "--listen: \"%s\" is not ADDRESS:PORT (e.g. 127.0.0.1:8080)"},
    {"--listen: \"%s\" is not a port from 0 to 65535",
     "--listen: 「%s」は 0〜65535 のポート番号ではありません",
     "--listen: \"%s\" is not a port from 0 to 65535"},
    {"--listen: \"%s\" is not an IP address", "--listen: 「%s」は IP アドレスではありません",
     "--listen: \"%s\" is not an IP address"},
    {"TLS needs both a certificate and a key (--cert, --key)",
     "TLS には証明書と秘密鍵の両方が必要です（--cert, --key）",
     "TLS needs both a certificate and a key (--cert, --key)"},
    {"--listen %s: plain HTTP is allowed only on a loopback address (127.0.0.1, ::1); give a "
     "certificate and key for HTTPS",
     "--listen %s: TLS なしの HTTP はループバックアドレス（127.0.0.1, ::1）でしか使えません。"
     "HTTPS の証明書と秘密鍵を指定してください",
     "--listen %s: plain HTTP is allowed only on a loopback address (127.0.0.1, ::1); give a "
     "certificate and key for HTTPS"},
    {"cannot listen on %s (in use, or not allowed)",
     "%s で待ち受けできません（使用中か、許可されていません）",
     "cannot listen on %s (in use, or not allowed)"},
    {"form: bad %%-escape at byte %zu", "form: %%-エスケープが不正です（%zu バイト目）",
     "form: bad %%-escape at byte %zu"},
    {"form: a field is not valid UTF-8 text", "form: 正しい UTF-8 のテキストでない項目があります",
     "form: a field is not valid UTF-8 text"},
    {"form: more than %d fields", "form: 項目が %d 個を超えています", "form: more than %d fields"},
    {"the request is too large", "要求が大きすぎます", "the request is too large"},
    /* status pages */
    {"Not found", "ページが見つかりません", "Not found"},
    {"Back to the start page", "トップページへ戻る", "Back to the start page"},
    {"Bad request: the address is not valid text",
     "不正な要求です: アドレスが正しいテキストではありません",
     "Bad request: the address is not valid text"},
    {"Method not allowed", "このメソッドは使えません", "Method not allowed"},
    {"Internal error", "内部エラーが発生しました", "Internal error"},
    {"The store cannot be opened", "ストアを開けません", "The store cannot be opened"},
    {"Sign in first", "先にログインしてください", "Sign in first"},
    {"Your roles do not allow this page", "あなたの役割ではこのページを使えません",
     "Your roles do not allow this page"},
    {"Unsupported media type: send a form (application/x-www-form-urlencoded)",
     "未対応の形式です: フォーム（application/x-www-form-urlencoded）で送ってください",
     "Unsupported media type: send a form (application/x-www-form-urlencoded)"},
    {"Bad request: the form is not valid text",
     "不正な要求です: フォームが正しいテキストではありません",
     "Bad request: the form is not valid text"},
    {"The form has expired or did not come from this site; reload the page",
     "フォームの有効期限が切れたか、このサイトから送られたものではありません。ページを再読み込みし"
     "てください",
     "The form has expired or did not come from this site; reload the page"},
    {"The request is too large", "要求が大きすぎます（上限を超えています）",
     "The request is too large"},
    /* frame */
    {"Skip to the content", "本文へ移動", "Skip to the content"},
    {"Main menu", "メインメニュー", "Main menu"},
    {"Dashboard", "ダッシュボード", "Dashboard"},
    {"Guideline", "ガイドライン", "Guideline"},
    {"Sign out", "ログアウト", "Sign out"},
    {"airguard — MLIT Information Security Safety Guideline for the Airport Sector (2nd edition)",
     "airguard — 空港分野における情報セキュリティ確保に係る安全ガイドライン（第2版）",
     "airguard — MLIT Information Security Safety Guideline for the Airport Sector (2nd edition)"},
    /* sign in */
    {"Sign in", "ログイン", "Sign in"},
    {"Login", "ログイン名", "Login"},
    {"Password", "パスワード", "Password"},
    {"Enter your login and password", "ログイン名とパスワードを入力してください",
     "Enter your login and password"},
    {"6-digit code from your authenticator app", "認証アプリに表示される 6 桁のコード",
     "6-digit code from your authenticator app"},
    {"Confirm", "確認", "Confirm"},
    {"Second step: one-time code", "2 段階目: ワンタイムコード", "Second step: one-time code"},
    {"Set up the second factor", "2 要素認証の設定", "Set up the second factor"},
    {"Your role requires a one-time code at every sign-in (guideline 5.2). Add this key to an "
     "authenticator app (TOTP, 30 seconds, 6 digits), then enter the code it shows.",
     "あなたの役割では、ログインのたびにワンタイムコードが必要です（ガイドライン 5.2）。"
     "この鍵を認証アプリ（TOTP、30 秒、6 桁）に登録し、表示されたコードを入力してください。",
     "Your role requires a one-time code at every sign-in (guideline 5.2). Add this key to an "
     "authenticator app (TOTP, 30 seconds, 6 digits), then enter the code it shows."},
    /* dashboard */
    {"Roles:", "役割:", "Roles:"},
    {"administrator of airguard", "airguard 管理者", "administrator of airguard"},
    {"none", "なし", "none"},
    {"Your recent sign-ins", "最近のログイン", "Your recent sign-ins"},
    {"If you do not recognise an attempt, tell the administrator.",
     "心当たりのないログインがあれば、管理者に連絡してください。",
     "If you do not recognise an attempt, tell the administrator."},
    {"Time (UTC)", "日時（UTC）", "Time (UTC)"},
    {"Address", "アドレス", "Address"},
    {"Result", "結果", "Result"},
    {"signed in", "ログイン成功", "signed in"},
    {"refused: account locked", "拒否: アカウントのロック", "refused: account locked"},
    {"refused: wrong one-time code", "拒否: ワンタイムコードの誤り",
     "refused: wrong one-time code"},
    {"refused: wrong password", "拒否: パスワードの誤り", "refused: wrong password"},
    /* dashboard figures (pages_dashboard.c) */
    {"My self-inspection sheets", "自分の自己点検票", "My self-inspection sheets"},
    {"Self-inspection: implementation rate (実施率)", "自己点検: 実施率",
     "Self-inspection: implementation rate (実施率)"},
    {"No self-inspection campaign yet.", "自己点検はまだ実施されていません。",
     "No self-inspection campaign yet."},
    {"no answers yet", "回答なし", "no answers yet"},
    {"Latest campaign: plan %lld, round %d", "最新: 計画 %lld 第 %d 回",
     "Latest campaign: plan %lld, round %d"},
    {"Previous campaign: plan %lld, round %d", "前回: 計画 %lld 第 %d 回",
     "Previous campaign: plan %lld, round %d"},
    {"%d of %d sheets submitted", "点検票 %d / %d 件提出済み", "%d of %d sheets submitted"},
    {"Change", "増減", "Change"},
    {"%+.1f points", "%+.1f ポイント", "%+.1f points"},
    {"実施率 = implemented / (answered - not applicable); partially implemented counts as not "
     "implemented; submitted sheets only.",
     "実施率 = 実施 ÷（回答 − 該当なし）。一部実施は未実施として数える。提出済みの点検票のみ集計。",
     "Implementation rate = implemented / (answered - not applicable); partially implemented "
     "counts as not implemented; submitted sheets only."},
    {"Needs attention", "対応が必要なもの", "Needs attention"},
    {"Risks at or above the threshold awaiting a decision", "対応の決定を待つ基準以上のリスク",
     "Risks at or above the threshold awaiting a decision"},
    {"Incidents not yet closed", "終結していないインシデント", "Incidents not yet closed"},
    {"Exceptions ending within 30 days", "30 日以内に期間が終わる例外措置",
     "Exceptions ending within 30 days"},
    {"Overdue corrective actions", "期限を過ぎた是正処置", "Overdue corrective actions"},
    {"Your self-inspection sheets not yet submitted", "未提出の自分の自己点検票",
     "Your self-inspection sheets not yet submitted"},
    /* self-inspection sheets (pages_assess.c) */
    /* "implemented" (実施) is in src/isms/msgs_assess.c */
    {"partially implemented", "一部実施", "partially implemented"},
    {"not implemented", "未実施", "not implemented"},
    {"not applicable", "該当なし", "not applicable"},
    {"not answered", "未回答", "not answered"},
    {"submitted", "提出済み", "submitted"},
    {"not submitted", "未提出", "not submitted"},
    {"No such self-inspection sheet", "該当する自己点検票はありません",
     "No such self-inspection sheet"},
    {"This self-inspection sheet is not yours", "この自己点検票はあなたのものではありません",
     "This self-inspection sheet is not yours"},
    {"Self-inspection (guideline 3.3.1.1(1)): answer every item of your sheet, then submit it. A "
     "submitted sheet is final.",
     "自己点検（ガイドライン 3.3.1.1(1)）: 点検票のすべての項目に回答してから提出してください。"
     "提出した点検票は変更できません。",
     "Self-inspection (guideline 3.3.1.1(1)): answer every item of your sheet, then submit it. A "
     "submitted sheet is final."},
    {"Sheet", "点検票", "Sheet"},
    {"Plan", "計画", "Plan"},
    {"Round", "回", "Round"},
    {"Status", "状態", "Status"},
    {"Due", "期限", "Due"},
    {"Answered", "回答済み", "Answered"},
    {"Department", "部署", "Department"},
    {"You have no self-inspection sheets.", "あなたの自己点検票はありません。",
     "You have no self-inspection sheets."},
    {"Answer", "回答", "Answer"},
    {"choose", "選択してください", "choose"},
    {"Comment", "コメント", "Comment"},
    {"Save", "保存", "Save"},
    {"Self-inspection sheet %lld", "自己点検票 %lld", "Self-inspection sheet %lld"},
    {"The answer is saved.", "回答を保存しました。", "The answer is saved."},
    {"The sheet is submitted.", "点検票を提出しました。", "The sheet is submitted."},
    {"Ref", "項番", "Ref"},
    {"Measure", "対策", "Measure"},
    {"%zu of %zu items answered. A submitted sheet is final.",
     "%zu / %zu 項目に回答済み。提出した点検票は変更できません。",
     "%zu of %zu items answered. A submitted sheet is final."},
    {"Submit the sheet", "点検票を提出", "Submit the sheet"},
    /* catalog */
    {"Search the guideline", "ガイドラインを検索", "Search the guideline"},
    {"Search", "検索", "Search"},
    {"Contents", "目次", "Contents"},
    {"Responsible:", "担当:", "Responsible:"},
    {"Location in the guideline", "ガイドライン内の位置", "Location in the guideline"},
    {"See also", "関連項目", "See also"},
    {"%zu matches for \"%s\"", "検索結果 %zu 件（「%s」）", "%zu matches for \"%s\""},
    {"No such guideline item", "該当するガイドラインの項目はありません", "No such guideline item"},
    {"The search text is too long (at most 200 bytes)", "検索語が長すぎます（200 バイトまで）",
     "The search text is too long (at most 200 bytes)"},
    {"dashboard: PDCA status", "PDCA の状況", "PDCA status"},
    {"dashboard: Plan", "計画（Plan）", "Plan"},
    {"dashboard: Do", "実施（Do）", "Do"},
    {"dashboard: Check", "点検・評価（Check）", "Check"},
    {"dashboard: Act", "改善（Act）", "Act"},
    {"dashboard: risks awaiting a decision", "対応の決定待ちのリスク", "risks awaiting a decision"},
    {"dashboard: register items overdue", "期限を過ぎた台帳の項目（規程の見直し等）",
     "register items overdue (policy reviews, …)"},
    {"dashboard: trainings held this fiscal year", "今年度に実施した教育・訓練",
     "trainings held this fiscal year"},
    {"dashboard: exceptions in force", "適用中の例外措置", "exceptions in force"},
    {"dashboard: sheets submitted in the latest campaign", "最新の自己点検で提出された点検票",
     "sheets submitted in the latest campaign"},
    {"dashboard: audits not closed", "完了していない監査", "audits not closed"},
    {"dashboard: corrective actions not finished", "完了していない是正処置",
     "corrective actions not finished"},
    {"dashboard: of them overdue", "うち期限超過", "of them overdue"},
};
const size_t web_msgs_count = AG_ARRAY_LEN(web_msgs);

extern const struct ag_msg web_run_msgs[]; /* msgs_run.c */
extern const size_t web_run_msgs_count;

void web_register_messages(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    ag_tr_register(web_msgs, web_msgs_count);
    ag_tr_register(auth_msgs, auth_msgs_count);
    ag_tr_register(web_run_msgs, web_run_msgs_count);
    for (size_t m = 0; m < web_module_count; m++)
        if (web_modules[m]->msgs)
            ag_tr_register(web_modules[m]->msgs, web_modules[m]->nmsgs);
}
