/*
 * msgs_incident.c — user-facing texts of the incident workflow (重要インフラサービス障害,
 * 3.1.2.4(2), 3.1.4.1(3), 3.2.2.2(2), 3.2.3, 3.1.2.6(7)), Japanese and English. Keys of
 * enumerated values are "prefix:value" (kind:, class:, severity:, leak step:, action status:).
 */
#include "isms/isms.h"

const struct ag_msg isms_msgs_incident[] = {
    {"incident-usage",
     "使い方（重要インフラサービス障害: 3.1.2.4(2), 3.1.4.1(3), 3.2.2.2(2), 3.2.3, 3.1.2.6(7)）:\n"
     "  airguard incident open --title 件名 --as LOGIN [--description 概要] [--severity "
     "low|medium|high|critical]\n"
     "      [--occurred 時刻] [--detected 時刻] [--detection 認知の経緯] [--dept CODE] [--site "
     "CODE]\n"
     "  airguard incident log ID --kind 種別 --text 内容 --as LOGIN [--at 時刻] [--to LOGIN]\n"
     "      種別: detected reported emergency-measure escalated contained recovered "
     "cause-identified\n"
     "            ministry-reported authority-notified user-information note\n"
     "      （reported・escalated は報告先 --to が必要: 報告手順 3.1.2.4(2)②）\n"
     "  airguard incident system ID SYSTEM --as LOGIN [--impact 影響] [--fallback 代替運用]\n"
     "      [--outage-start 時刻] [--outage-end 時刻] [--delayed 便数] [--cancelled 便数] "
     "[--passengers 人数]\n"
     "  airguard incident cause ID --class intentional|accidental|environmental --as LOGIN\n"
     "      [--detail 詳細] [--root-cause 原因]                 （原因の種別: 3.2.2.2(2)）\n"
     "  airguard incident prevent ID --title 再発防止策 --owner LOGIN --due YYYY-MM-DD --as CISO\n"
     "      [--description] [--dept CODE] [--items ID,ID]      （是正処置になる: 3.1.2.4(2)③）\n"
     "  airguard incident leak ID --data 漏えいした個人データ [--subjects 人数] [--info-asset ID] "
     "--as LOGIN\n"
     "  airguard incident leak ID --step 手順 --date YYYY-MM-DD [--note 備考] --as LOGIN   "
     "（3.1.2.6(7)）\n"
     "      手順: source-identified leak-stopped agencies-informed spread-stopped "
     "subjects-notified\n"
     "            published no-publication（--note に理由） ppc-reported mlit-informed\n"
     "  airguard incident report ID [--json] [--lang ja|en]     "
     "国土交通省への情報連絡（3.2.2.2(2)）\n"
     "  airguard incident report ID --sent [--at 時刻] --as CISO 情報連絡の送付を記録\n"
     "  airguard incident close ID --as CISO [--note 所見]      （報告者本人は不可: 3.1.4.1(2)）\n"
     "  airguard incident list [--status open|recovered|closed] [--json]\n"
     "  airguard incident show ID [--json]\n"
     "  airguard incident form [list|sources]                   情報連絡の様式（項目の一覧）\n"
     "  airguard incident form set KEY [--label-ja] [--label-en] [--required 0|1] [--order N] "
     "[--source 参照元]\n"
     "  airguard incident form remove KEY\n"
     "時刻: YYYY-MM-DDTHH:MM[:SS] にタイムゾーン（Z、+09:00）を付けて指定（省略時は UTC）\n",
     "usage (critical infrastructure service outages: 3.1.2.4(2), 3.1.4.1(3), 3.2.2.2(2), 3.2.3, "
     "3.1.2.6(7)):\n"
     "  airguard incident open --title TITLE --as LOGIN [--description TEXT] [--severity "
     "low|medium|high|critical]\n"
     "      [--occurred TIME] [--detected TIME] [--detection HOW] [--dept CODE] [--site CODE]\n"
     "  airguard incident log ID --kind KIND --text TEXT --as LOGIN [--at TIME] [--to LOGIN]\n"
     "      KIND: detected reported emergency-measure escalated contained recovered "
     "cause-identified\n"
     "            ministry-reported authority-notified user-information note\n"
     "      (reported and escalated name the recipient with --to: the reporting chain of "
     "3.1.2.4(2)②)\n"
     "  airguard incident system ID SYSTEM --as LOGIN [--impact TEXT] [--fallback TEXT]\n"
     "      [--outage-start TIME] [--outage-end TIME] [--delayed N] [--cancelled N] [--passengers "
     "N]\n"
     "  airguard incident cause ID --class intentional|accidental|environmental --as LOGIN\n"
     "      [--detail TEXT] [--root-cause TEXT]                 (cause classes of 3.2.2.2(2))\n"
     "  airguard incident prevent ID --title MEASURE --owner LOGIN --due YYYY-MM-DD --as CISO\n"
     "      [--description] [--dept CODE] [--items ID,ID]      (a corrective action: 3.1.2.4(2)③)\n"
     "  airguard incident leak ID --data WHAT-LEAKED [--subjects N] [--info-asset ID] --as LOGIN\n"
     "  airguard incident leak ID --step STEP --date YYYY-MM-DD [--note TEXT] --as LOGIN   "
     "(3.1.2.6(7))\n"
     "      STEP: source-identified leak-stopped agencies-informed spread-stopped "
     "subjects-notified\n"
     "            published no-publication (reason in --note) ppc-reported mlit-informed\n"
     "  airguard incident report ID [--json] [--lang ja|en]     the report to MLIT (情報連絡, "
     "3.2.2.2(2))\n"
     "  airguard incident report ID --sent [--at TIME] --as CISO record that it was sent\n"
     "  airguard incident close ID --as CISO [--note TEXT]      (not by its reporter: 3.1.4.1(2))\n"
     "  airguard incident list [--status open|recovered|closed] [--json]\n"
     "  airguard incident show ID [--json]\n"
     "  airguard incident form [list|sources]                   the fields of the report to MLIT\n"
     "  airguard incident form set KEY [--label-ja] [--label-en] [--required 0|1] [--order N] "
     "[--source SRC]\n"
     "  airguard incident form remove KEY\n"
     "TIME: YYYY-MM-DDTHH:MM[:SS] with a zone (Z, +09:00); without one it is read as UTC\n"},
    /* results */
    {"opened incident %lld\n", "障害 %lld を登録しました\n", "opened incident %lld\n"},
    {"incident %lld: %s recorded\n", "障害 %lld: %s を記録しました\n",
     "incident %lld: %s recorded\n"},
    {"incident %lld: system %s recorded\n", "障害 %lld: システム %s の影響を記録しました\n",
     "incident %lld: system %s recorded\n"},
    {"incident %lld: cause recorded\n", "障害 %lld: 原因を記録しました\n",
     "incident %lld: cause recorded\n"},
    {"incident %lld: recurrence prevention is action %lld\n",
     "障害 %lld: 再発防止策を是正処置 %lld として登録しました\n",
     "incident %lld: recurrence prevention is action %lld\n"},
    {"closed incident %lld\n", "障害 %lld を終結しました\n", "closed incident %lld\n"},
    {"incident %lld: report to MLIT recorded as sent\n",
     "障害 %lld: 国土交通省への情報連絡の送付を記録しました\n",
     "incident %lld: report to MLIT recorded as sent\n"},
    {"incident %lld: personal data leak step %s recorded\n",
     "障害 %lld: 個人データ漏えい対応の手順 %s を記録しました\n",
     "incident %lld: personal data leak step %s recorded\n"},
    {"incident %lld: personal data leak recorded\n",
     "障害 %lld: 個人データの漏えいを記録しました\n",
     "incident %lld: personal data leak recorded\n"},
    {"report field %s saved\n", "情報連絡の項目 %s を保存しました\n", "report field %s saved\n"},
    {"report field %s removed\n", "情報連絡の項目 %s を削除しました\n",
     "report field %s removed\n"},
    /* show */
    {"Incident", "障害", "Incident"},
    {"Timeline", "時系列", "Timeline"},
    {"Affected systems", "影響を受けたシステム", "Affected systems"},
    {"Personal data leak (3.1.2.6(7))", "個人データの漏えい（3.1.2.6(7)）",
     "Personal data leak (3.1.2.6(7))"},
    {"Recurrence prevention (corrective actions)", "再発防止策（是正処置）",
     "Recurrence prevention (corrective actions)"},
    {"Before it can be closed:", "終結の前に必要なこと:", "Before it can be closed:"},
    /* the report to MLIT */
    {"Information liaison to MLIT: critical infrastructure service outage (guideline 3.2.2.2(2))",
     "国土交通省への情報連絡: 重要インフラサービス障害（安全ガイドライン 3.2.2.2(2)）",
     "Information liaison to MLIT: critical infrastructure service outage (guideline 3.2.2.2(2))"},
    {"first report (response ongoing)", "速報（対応中）", "first report (response ongoing)"},
    {"follow-up report (response ongoing)", "続報（対応中）",
     "follow-up report (response ongoing)"},
    {"%s: %lld alert(s), %lld event(s), ", "%s: アラート %lld 件、イベント %lld 件、",
     "%s: %lld alert(s), %lld event(s), "},
    {"source addresses", "送信元アドレス", "source addresses"},
    {"final report (recovered)", "確報（復旧済み）", "final report (recovered)"},
    {"aviation (airports)", "航空分野（空港）", "aviation (airports)"},
    {"CISO contact", "最高情報セキュリティ責任者", "CISO"},
    {"critical system", "重要システム", "critical system"},
    {"control system", "制御システム", "control system"},
    {"manual operation", "代替運用", "manual operation"},
    {"outage", "停止", "outage"},
    {" (%lld min)", "（%lld 分）", " (%lld min)"},
    {"continuing", "継続中", "continuing"},
    {"%lld delayed, %lld cancelled, about %lld passengers affected",
     "遅延 %lld 便、欠航 %lld 便、影響旅客 約 %lld 名",
     "%lld delayed, %lld cancelled, about %lld passengers affected"},
    {"recovered at", "復旧日時", "recovered at"},
    {"not recovered yet", "未復旧（対応中）", "not recovered yet"},
    {"action %lld: %s (owner %s, due %s, %s)", "是正処置 %lld: %s（担当 %s、期限 %s、%s）",
     "action %lld: %s (owner %s, due %s, %s)"},
    {"no personal data leak", "なし", "none"},
    {"%s, %lld data subjects", "%s（本人 %lld 名）", "%s, %lld data subjects"},
    {"step not taken yet", "未実施", "not yet"},
    {"not published because", "公表しない理由", "not published because"},
    {"(unknown source \"%s\")", "（不明な参照元 \"%s\"）", "(unknown source \"%s\")"},
    {"(missing: required)", "（未記入・必須）", "(missing: required)"},
    {"(none)", "（なし）", "(none)"},
    {"\n%zu required field(s) missing\n", "\n必須項目の未記入: %zu 件\n",
     "\n%zu required field(s) missing\n"},
    /* enumerated values */
    {"kind:detected", "認知", "detected"},
    {"kind:reported", "報告", "reported"},
    {"kind:emergency-measure", "応急措置", "emergency measure"},
    {"kind:escalated", "上申", "escalated"},
    {"kind:contained", "拡大防止", "contained"},
    {"kind:recovered", "復旧", "recovered"},
    {"kind:cause-identified", "原因特定", "cause identified"},
    {"kind:ministry-reported", "国土交通省へ情報連絡", "reported to MLIT"},
    {"kind:authority-notified", "事案対処省庁へ通報", "incident-handling ministry notified"},
    {"kind:user-information", "利用者への情報提供", "information to users"},
    {"kind:note", "記録", "note"},
    {"kind:closed", "終結", "closed"},
    {"class:intentional", "意図的な原因（サイバー攻撃等）", "intentional (e.g. cyber attack)"},
    {"class:accidental", "偶発的な原因（機器の故障等）", "accidental (e.g. equipment failure)"},
    {"class:environmental", "環境的な原因（自然災害等）", "environmental (e.g. natural disaster)"},
    {"severity:low", "低", "low"},
    {"severity:medium", "中", "medium"},
    {"severity:high", "高", "high"},
    {"severity:critical", "重大", "critical"},
    {"leak step:source-identified", "漏えい源の特定", "leak source identified"},
    {"leak step:leak-stopped", "漏えい継続の阻止", "leak stopped"},
    {"leak step:agencies-informed", "関係機関への周知", "relevant agencies informed"},
    {"leak step:spread-stopped", "拡散阻止", "spread stopped"},
    {"leak step:subjects-notified", "本人への通知", "data subjects notified"},
    {"leak step:published", "公表", "published"},
    {"leak step:ppc-reported", "個人情報保護委員会への報告",
     "reported to the Personal Information Protection Commission"},
    {"leak step:mlit-informed", "国土交通省への報告", "reported to MLIT"},
    {"action status:open", "未着手", "open"},
    {"action status:in_progress", "対応中", "in progress"},
    {"action status:done", "完了", "done"},
    {"action status:verified", "確認済み", "verified"},
    /* column headings */
    {"severity", "重大度", "severity"},
    {"occurred", "発生日時", "occurred"},
    {"detected", "認知日時", "detected"},
    {"detection", "認知の経緯", "detection"},
    {"reporter", "報告者", "reporter"},
    {"cause_class", "原因の種別", "cause class"},
    {"cause_detail", "原因の詳細", "cause detail"},
    {"root_cause", "根本原因", "root cause"},
    {"recurrence_prevention", "再発防止策", "recurrence prevention"},
    {"recovered", "復旧日時", "recovered"},
    {"ministry_reported", "国土交通省への情報連絡", "reported to MLIT"},
    {"closed_by", "終結者", "closed by"},
    {"closed", "終結日時", "closed"},
    {"description", "概要", "description"},
    {"who", "実施者", "who"},
    {"reported_to", "報告先", "reported to"},
    {"text", "内容", "text"},
    {"fallback_used", "代替運用", "manual operation"},
    {"outage_start", "停止開始", "outage start"},
    {"outage_end", "停止終了", "outage end"},
    {"outage_minutes", "停止時間（分）", "outage (min)"},
    {"flights_delayed", "遅延便数", "flights delayed"},
    {"flights_cancelled", "欠航便数", "flights cancelled"},
    {"passengers_affected", "影響旅客数", "passengers affected"},
    {"affected_system", "システム", "system"},
    {"critical_system", "重要システム", "critical"},
    {"systems_affected", "影響システム", "systems affected"},
    {"personal_data", "個人データ漏えい", "personal data leak"},
    {"data_description", "漏えいした個人データ", "data leaked"},
    {"subjects", "本人の数", "data subjects"},
    {"source_identified_on", "漏えい源の特定", "source identified"},
    {"leak_stopped_on", "漏えい継続の阻止", "leak stopped"},
    {"agencies_informed_on", "関係機関への周知", "agencies informed"},
    {"spread_stopped_on", "拡散阻止", "spread stopped"},
    {"subjects_notified_on", "本人への通知", "subjects notified"},
    {"published_on", "公表", "published"},
    {"no_publication", "公表しない理由", "reason for not publishing"},
    {"ppc_reported_on", "個人情報保護委員会への報告", "reported to the PPC"},
    {"mlit_informed_on", "国土交通省への報告", "reported to MLIT"},
    {"field_order", "順序", "order"},
    {"key", "キー", "key"},
    {"label_ja", "見出し（日本語）", "label (Japanese)"},
    {"label_en", "見出し（英語）", "label (English)"},
    {"required", "必須", "required"},
    {"source", "参照元", "source"},
};
const size_t isms_msgs_incident_count = AG_ARRAY_LEN(isms_msgs_incident);
