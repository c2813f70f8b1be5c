/*
 * msgs_report.c — the texts of the report module and of `airguard report` (Japanese, English).
 */
#include "report/report_int.h"

static const struct ag_msg report_msgs[] = {
    {"report-usage",
     "使い方:\n"
     "  airguard report oscal [--campaign PLAN] [--round N] [-o FILE]\n"
     "      自己点検キャンペーンの OSCAL 1.0.6 assessment-results（対策ごとの所見、回答と証跡・\n"
     "      監視アラートの観察、関連するリスク）。PLAN 省略時は最新の計画、N 省略時は最新の回。\n"
     "  airguard report poam [-o FILE]\n"
     "      未完了の是正処置（全起点）の OSCAL "
     "plan-of-action-and-milestones（期限をマイルストーンに）。\n"
     "  airguard report stix --incident ID [--tlp LEVEL] [--strip-personal] [--blocklist FILE]\n"
     "                       [-o FILE]\n"
     "      インシデントの STIX 2.1 バンドル（セプターへの情報共有）。--tlp: white, green,\n"
     "      amber（既定）, red。--strip-personal: 氏名・ログイン名・メールアドレス・電話番号・\n"
     "      ホスト名を仮の名前に置き換える。--blocklist: logwatch のブロックリスト（遮断した\n"
     "      アドレスを対応策に含める）。\n"
     "  airguard report ministry --incident ID [--format text|json|html|pdf] [-o FILE]\n"
     "      国土交通省への情報連絡（3.2.2.2(2)）。pdf は -o が必要（ヘッドレス Chromium "
     "で印刷）。\n"
     "  airguard report management [--period YEAR] --format html|pdf [--blocklist FILE] -o FILE\n"
     "      経営層への報告（3.2.1.2）: 年度（4月〜翌年3月。--period 2026 = "
     "2026年度、既定は今年度）\n"
     "      の PDCA の取組状況、実施率とその推移、矛盾する対策項目、リスク、インシデント、\n"
     "      例外措置、監査の指摘と期限超過の是正処置、監視の概要。\n"
     "共通オプション: --db FILE, --lang ja|en（文書の言語）\n",
     "usage:\n"
     "  airguard report oscal [--campaign PLAN] [--round N] [-o FILE]\n"
     "      OSCAL 1.0.6 assessment-results of a self-inspection campaign (a finding per measure,\n"
     "      observations of the answers with their evidence and of monitor alerts, the risks\n"
     "      linked). Without PLAN the newest plan, without N its latest round.\n"
     "  airguard report poam [-o FILE]\n"
     "      OSCAL plan-of-action-and-milestones of the open corrective actions (every origin;\n"
     "      due dates as milestones).\n"
     "  airguard report stix --incident ID [--tlp LEVEL] [--strip-personal] [--blocklist FILE]\n"
     "                       [-o FILE]\n"
     "      STIX 2.1 bundle of an incident (sharing with the CEPTOAR). --tlp: white, green,\n"
     "      amber (default), red. --strip-personal: people's names, logins, e-mail addresses,\n"
     "      telephone numbers and host names replaced by placeholders. --blocklist: logwatch's\n"
     "      block list (the blocked addresses become a course of action).\n"
     "  airguard report ministry --incident ID [--format text|json|html|pdf] [-o FILE]\n"
     "      the report to MLIT (3.2.2.2(2)). pdf needs -o (printed by headless Chromium).\n"
     "  airguard report management [--period YEAR] --format html|pdf [--blocklist FILE] -o FILE\n"
     "      the report to management (3.2.1.2) of a fiscal year (April to March; --period 2026 =\n"
     "      FY2026, default the current one): PDCA status, implementation rate and its trend,\n"
     "      contradicted measures, risks, incidents, exceptions, audit findings and overdue\n"
     "      actions, monitoring summary.\n"
     "options: --db FILE, --lang ja|en (the document's language)\n"},
    {"Exports and reports: OSCAL, POA&M, STIX, the report to MLIT",
     "出力と報告: OSCAL・POA&M・STIX・国土交通省への情報連絡",
     "Exports and reports: OSCAL, POA&M, STIX, the report to MLIT"},
    {"wrote %s (%zu bytes)\n", "%s を書き出しました（%zu バイト）\n", "wrote %s (%zu bytes)\n"},
    {"the report lacks %zu required field(s)\n", "報告の必須項目が %zu 件未記入です\n",
     "the report lacks %zu required field(s)\n"},
    {"--incident: missing (the incident to report)",
     "--incident: 指定がありません（対象のインシデント）",
     "--incident: missing (the incident to report)"},
    {"--tlp: unknown level \"%s\" (use white, green, amber or red)",
     "--tlp: 不明なレベル「%s」（white, green, amber, red のいずれか）",
     "--tlp: unknown level \"%s\" (use white, green, amber or red)"},
    {"--format: unknown format \"%s\" (use text, json, html or pdf)",
     "--format: 不明な形式「%s」（text, json, html, pdf のいずれか）",
     "--format: unknown format \"%s\" (use text, json, html or pdf)"},
    {"--format pdf: give the file with -o FILE",
     "--format pdf: 出力先を -o FILE で指定してください",
     "--format pdf: give the file with -o FILE"},

    /* OSCAL */
    {"Airport operator", "空港管理者（重要インフラ事業者）", "Airport operator"},
    {"Chief information security officer", "最高情報セキュリティ責任者",
     "Chief information security officer"},
    {"Self-inspection plan %lld (fiscal year %d, revision %d): %d round(s) a year, %s.",
     "自己点検計画 %lld（%d 年度、第 %d 版）: 年 %d 回、%s。",
     "Self-inspection plan %lld (fiscal year %d, revision %d): %d round(s) a year, %s."},
    {"Self-inspection answer", "自己点検の回答", "Self-inspection answer"},
    {"Answer %s (%s) on sheet %lld by %s, department %s.",
     "回答 %s（%s）: 自己点検票 %lld、回答者 %s、部署 %s。",
     "Answer %s (%s) on sheet %lld by %s, department %s."},
    {"Answer comment", "コメント", "Comment"},
    {"Self-inspection respondent", "自己点検の回答者", "Self-inspection respondent"},
    {"Monitor alert", "監視アラート", "Monitor alert"},
    {"Alert %s (%s, level %s, %lld event(s)%s%s), status %s.",
     "アラート %s（%s、重要度 %s、イベント %lld 件%s%s）、状態 %s。",
     "Alert %s (%s, level %s, %lld event(s)%s%s), status %s."},
    {"The alert in airguard's web application", "airguard のウェブアプリケーション上のアラート",
     "The alert in airguard's web application"},
    {"Risk threat", "脅威", "Threat"},
    {"Risk vulnerability", "脆弱性", "Vulnerability"},
    {"Risk owner", "リスク所有者", "Risk owner"},
    {"Self-inspection: %ld 実施, %ld 一部実施, %ld 未実施, %ld 該当なし; %lld open monitor "
     "alert(s).",
     "自己点検: 実施 %ld、一部実施 %ld、未実施 %ld、該当なし %ld。未対応の監視アラート %lld 件。",
     "Self-inspection: %ld implemented, %ld partly, %ld not implemented, %ld not applicable; "
     "%lld open monitor alert(s)."},
    {"Not applicable (該当なし) in every answer.", "すべての回答が該当なし。",
     "Not applicable in every answer."},
    {"Self-inspection results: %s, round %d", "自己点検結果: %s 第 %d 回",
     "Self-inspection results: %s, round %d"},
    {"airguard keeps the self-inspection plan, not an OSCAL assessment plan: the reference "
     "points at its description in back-matter.",
     "airguard は OSCAL の評価計画ではなく年度自己点検計画を管理している。参照先は back-matter "
     "にあるその説明。",
     "airguard keeps the self-inspection plan, not an OSCAL assessment plan: the reference "
     "points at its description in back-matter."},
    {"Self-inspection (guideline 3.3.1.1(1)): %d of %d sheets submitted; implementation rate "
     "%s%%.",
     "自己点検（ガイドライン 3.3.1.1(1)）: 自己点検票 %d 枚を提出（全 %d 枚）、実施率 %s%%。",
     "Self-inspection (guideline 3.3.1.1(1)): %d of %d sheets submitted; implementation rate "
     "%s%%."},
    {"Self-inspection (guideline 3.3.1.1(1)).", "自己点検（ガイドライン 3.3.1.1(1)）。",
     "Self-inspection (guideline 3.3.1.1(1))."},
    {"The measures of the self-inspection plan (catalog control ids).",
     "自己点検計画の対策項目（カタログのコントロール ID）。",
     "The measures of the self-inspection plan (catalog control ids)."},
    {"Plan of action and milestones: open corrective actions", "是正処置計画（未完了の是正処置）",
     "Plan of action and milestones: open corrective actions"},
    {"Owner of a corrective action", "是正処置の担当者", "Owner of a corrective action"},
    {"Corrective action %lld was raised from %s.", "是正処置 %lld の起点: %s。",
     "Corrective action %lld was raised from %s."},
    {"Due date", "期限", "Due date"},
    {"self-inspection improvement instruction", "自己点検の改善指示",
     "self-inspection improvement instruction"},
    {"audit finding", "監査の指摘", "audit finding"},
    {"incident (recurrence prevention)", "インシデント（再発防止策）",
     "incident (recurrence prevention)"},
    {"risk treatment", "リスク対応", "risk treatment"},
    {"exception request", "例外措置の申請", "exception request"},
    {"exercise", "演習・訓練", "exercise"},
    {"other", "その他", "other"},

    /* STIX */
    {"Airport operator (critical infrastructure: aviation, airports)",
     "空港管理者（重要インフラ: 航空分野・空港）",
     "Airport operator (critical infrastructure: aviation, airports)"},
    {"Source address %s (%s)", "送信元アドレス %s（%s）", "Source address %s (%s)"},
    {"Addresses blocked", "遮断したアドレス", "Addresses blocked"},
    {"Block the source addresses at the firewall (logwatch responses, nftables set)",
     "送信元アドレスをファイアウォールで遮断（logwatch の対応、nftables セット）",
     "Block the source addresses at the firewall (logwatch responses, nftables set)"},
    {"The account %s was locked.", "アカウント %s をロックした。", "The account %s was locked."},
    {"Lock the attacked account", "攻撃を受けたアカウントのロック", "Lock the attacked account"},
    {"Emergency measure", "応急措置", "Emergency measure"},
    {"Containment", "封じ込め", "Containment"},
    {"Recovery", "復旧", "Recovery"},
    {"Incident severity", "重大度", "Severity"},
    {"Incident status", "状況", "Status"},
    {"Incident cause class", "原因の種別", "Cause class"},

    /* the report to MLIT */
    {"Incident %lld, generated %s", "インシデント %lld、作成 %s", "Incident %lld, generated %s"},
    {"%zu required field(s) missing", "必須項目の未記入 %zu 件", "%zu required field(s) missing"},
};

void report_register_messages(void)
{
    ag_tr_register(report_msgs, AG_ARRAY_LEN(report_msgs));
    report_mgmt_register_messages();
}
