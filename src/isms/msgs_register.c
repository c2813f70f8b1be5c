/*
 * msgs_register.c — user-facing texts of the register workflow (src/isms/registers.h,
 * src/cli/cmd_register.c), Japanese and English: the usage text, messages and the column
 * headings of the registers (the keys are the column names of the SELECTs in registers.c).
 */
#include "isms/isms.h"

const struct ag_msg isms_msgs_register[] = {
    {"register-usage",
     "使い方: airguard register 台帳 操作 …（ガイドラインが求める台帳・記録）\n"
     "台帳:\n"
     "  pdata       個人データ取扱台帳 (3.1.2.6(3)①②③)\n"
     "  contractor  外部委託先と契約事項のチェックリスト (3.1.4.3(1)(2)(3))\n"
     "  cloud       クラウドサービスと要件のチェックリスト (3.1.4.3(4))\n"
     "  training    教育・訓練の記録 (3.1.4.2, 3.2.2.1(2))\n"
     "  contact     重要システムごとの緊急連絡網 (3.1.4.1(3)(a), 3.1.4.1(4))\n"
     "  policy      情報セキュリティ方針・規程・手順と見直し (3.1.2.2, 3.1.2.3(1))\n"
     "  milestone   ロードマップ及び計画のマイルストーン (3.1.3(1))\n"
     "  bcp-plan, bcp-command, bcp-place, bcp-exercise  事業継続（airguard bcp を参照）\n"
     "  area        要管理対策区域（airguard area を参照）\n"
     "共通の操作:\n"
     "  airguard register 台帳 add --項目 値 …          登録（必須項目は下記）\n"
     "  airguard register 台帳 update コード|#ID --項目 値 … 変更（値 \"\" で任意項目を消去）\n"
     "  airguard register 台帳 list [--format table|csv] [--json]  一覧（csv は RFC 4180）\n"
     "  airguard register 台帳 show コード|#ID [--json]\n"
     "  airguard register due [--days N]                 期限切れ・期限間近（既定 30 "
     "日）の全台帳の一覧\n"
     "項目（* は add で必須）:\n"
     "  pdata: --code* --name* --dept* --manager* [--system] --items*（取得する項目）\n"
     "      --purpose*（利用目的） --purpose-notice* "
     "stated|published|notified|other（明示・公表等）\n"
     "      --location*（保管場所） --method*（保管方法） --access*（アクセス権限を有する者）\n"
     "      --use-period*（利用期限） [--other] [--subjects 人数] --level* "
     "high|medium|low（類型）\n"
     "      [--leak-impact] [--overseas 外国の規則] [--contractor コード] [--reviewed 日付]\n"
     "      [--review-months 1-60] [--status active|retired]\n"
     "  contractor: --code* --name* --service* --kind* development|application|operation|support|\n"
     "      project-management|research|leasing|other --owner* --start* --end* --access-scope*\n"
     "      --selection* [--system] [--dept] [--personal-data yes|no] [--subcontracting yes|no]\n"
     "      [--location] [--outage-procedure] [--contact]\n"
     "  cloud: --code* --name* --provider* --owner* --class* 1-3 --data-location* --law*\n"
     "      --jurisdiction* --foreign-law-risk* --exit-plan* --start* --end* [--contractor]\n"
     "      [--system] [--dept] [--handling] [--rpo] [--evaluation]\n"
     "  training: --title* --kind* awareness|technical|exercise --date* --owner* [--dept]\n"
     "      [--trainer] [--topics handling,policy,threats,outage] [--materials] [--items ID,…]\n"
     "      [--status planned|held|cancelled]\n"
     "  contact: --system* --position* 1-99 --party* "
     "internal|ministry|ceptoar|vendor|police|other\n"
     "      --means*（連絡手段） [--person LOGIN（internal は必須）] [--name（外部は必須）] "
     "[--role]\n"
     "      [--phone] [--email] [--report 連絡項目] [--hours] [--deputy-for 順位]\n"
     "  policy: --code* --title* --kind* policy|regulation|procedure --owner* [--parent コード]\n"
     "      [--dept] [--version] [--purpose] [--authority] [--members] [--review-triggers]\n"
     "      [--review-months 1-60] [--status draft|retired]\n"
     "  milestone: --code* --level* roadmap|plan --title* --goal* --owner* --target* [--parent]\n"
     "      [--status planned|in_progress|done|cancelled] [--done 日付] [--items ID,…]\n"
     "手続（--as LOGIN が必要）:\n"
     "  airguard register contractor|cloud checklist コード        チェックリストと回答\n"
     "  airguard register contractor|cloud check コード キー met|not_met|na [--note 理由]\n"
     "  airguard register contractor approve コード   "
     "契約の承認（所有者以外の部署の情報セキュリティ責任者又は CISO、\n"
     "                                               契約時の全項目が met か na）\n"
     "  airguard register contractor end コード       契約終了（終了時の確認 end-inspection が "
     "met）\n"
     "  airguard register cloud approve|reject コード [--note]  利用の判断（所有者以外の CISO "
     "又は委員会）\n"
     "  airguard register policy approve コード       承認（所有者以外の CISO 又は委員会）\n"
     "  airguard register policy review コード --outcome confirmed|revise [--occasion "
     "periodic|change] [--note]\n"
     "  airguard register training invite|attend ID --people LOGIN,…\n"
     "  airguard register contact check              "
     "全重要システムの緊急連絡網を検査（不備があれば終了コード 1）\n",
     "usage: airguard register REGISTER STEP … (the registers the guideline asks to keep)\n"
     "registers:\n"
     "  pdata       personal-data handling ledger (3.1.2.6(3)①②③)\n"
     "  contractor  outsourcing contractors with the contract checklist (3.1.4.3(1)(2)(3))\n"
     "  cloud       cloud services with the requirements checklist (3.1.4.3(4))\n"
     "  training    training and exercise records (3.1.4.2, 3.2.2.1(2))\n"
     "  contact     emergency contact network per critical system (3.1.4.1(3)(a), 3.1.4.1(4))\n"
     "  policy      information security policy, regulations, procedures and their reviews "
     "(3.1.2.2, 3.1.2.3(1))\n"
     "  milestone   roadmap and plan milestones (3.1.3(1))\n"
     "  bcp-plan, bcp-command, bcp-place, bcp-exercise  business continuity (see airguard bcp)\n"
     "  area        secure areas (see airguard area)\n"
     "common steps:\n"
     "  airguard register REGISTER add --FIELD VALUE …          add (required fields below)\n"
     "  airguard register REGISTER update CODE|#ID --FIELD VALUE … change (\"\" clears an optional "
     "field)\n"
     "  airguard register REGISTER list [--format table|csv] [--json]  list (csv: RFC 4180)\n"
     "  airguard register REGISTER show CODE|#ID [--json]\n"
     "  airguard register due [--days N]          everything overdue or due within N days (default "
     "30)\n"
     "fields (* required by add):\n"
     "  pdata: --code* --name* --dept* --manager* [--system] --items* (items acquired)\n"
     "      --purpose* (purpose of use) --purpose-notice* stated|published|notified|other\n"
     "      --location* (storage location) --method* (storage method) --access* (who has access)\n"
     "      --use-period* (period of use) [--other] [--subjects COUNT] --level* high|medium|low\n"
     "      [--leak-impact] [--overseas FOREIGN-RULES] [--contractor CODE] [--reviewed DATE]\n"
     "      [--review-months 1-60] [--status active|retired]\n"
     "  contractor: --code* --name* --service* --kind* development|application|operation|support|\n"
     "      project-management|research|leasing|other --owner* --start* --end* --access-scope*\n"
     "      --selection* [--system] [--dept] [--personal-data yes|no] [--subcontracting yes|no]\n"
     "      [--location] [--outage-procedure] [--contact]\n"
     "  cloud: --code* --name* --provider* --owner* --class* 1-3 --data-location* --law*\n"
     "      --jurisdiction* --foreign-law-risk* --exit-plan* --start* --end* [--contractor]\n"
     "      [--system] [--dept] [--handling] [--rpo] [--evaluation]\n"
     "  training: --title* --kind* awareness|technical|exercise --date* --owner* [--dept]\n"
     "      [--trainer] [--topics handling,policy,threats,outage] [--materials] [--items ID,…]\n"
     "      [--status planned|held|cancelled]\n"
     "  contact: --system* --position* 1-99 --party* "
     "internal|ministry|ceptoar|vendor|police|other\n"
     "      --means* (means of contact) [--person LOGIN (internal)] [--name (external)] [--role]\n"
     "      [--phone] [--email] [--report ITEMS-TO-REPORT] [--hours] [--deputy-for POSITION]\n"
     "  policy: --code* --title* --kind* policy|regulation|procedure --owner* [--parent CODE]\n"
     "      [--dept] [--version] [--purpose] [--authority] [--members] [--review-triggers]\n"
     "      [--review-months 1-60] [--status draft|retired]\n"
     "  milestone: --code* --level* roadmap|plan --title* --goal* --owner* --target* [--parent]\n"
     "      [--status planned|in_progress|done|cancelled] [--done DATE] [--items ID,…]\n"
     "steps (need --as LOGIN):\n"
     "  airguard register contractor|cloud checklist CODE        the checklist and its answers\n"
     "  airguard register contractor|cloud check CODE KEY met|not_met|na [--note REASON]\n"
     "  airguard register contractor approve CODE   approve the contract (not its owner; the\n"
     "                                              department's manager or the CISO; every "
     "contract item met or na)\n"
     "  airguard register contractor end CODE       end the contract (end-inspection met)\n"
     "  airguard register cloud approve|reject CODE [--note]  decide on the use (not the owner; "
     "CISO or committee)\n"
     "  airguard register policy approve CODE       approve (not the owner; CISO or committee)\n"
     "  airguard register policy review CODE --outcome confirmed|revise [--occasion "
     "periodic|change] [--note]\n"
     "  airguard register training invite|attend ID --people LOGIN,…\n"
     "  airguard register contact check             check every critical system's chain (exit "
     "status 1 if not)\n"},
    {"register: \"%s\" is not one of: pdata, contractor, cloud, training, contact, policy, "
     "milestone, due",
     "register: \"%s\" は pdata, contractor, cloud, training, contact, policy, milestone, due "
     "のいずれでもありません",
     "register: \"%s\" is not one of: pdata, contractor, cloud, training, contact, policy, "
     "milestone, due"},
    {"register %s: unknown step or wrong arguments \"%s\"",
     "register %s: 操作 \"%s\" が不明か、引数が正しくありません",
     "register %s: unknown step or wrong arguments \"%s\""},
    {"--format: \"%s\" is not one of: table, csv",
     "--format: \"%s\" は table, csv のいずれでもありません",
     "--format: \"%s\" is not one of: table, csv"},
    {"added %s %lld\n", "%s %lld を登録しました\n", "added %s %lld\n"},
    {"updated %s %lld\n", "%s %lld を更新しました\n", "updated %s %lld\n"},
    {"%s %s: %s\n", "%s %s: %s を記録しました\n", "%s %s: %s\n"},
    {"emergency contact network: %d problem(s)\n", "緊急連絡網: 不備 %d 件\n",
     "emergency contact network: %d problem(s)\n"},
    {"emergency contact network: every critical system has a complete chain\n",
     "緊急連絡網: すべての重要システムに連絡網が整備されています\n",
     "emergency contact network: every critical system has a complete chain\n"},
    /* column headings (keys not already in the core table) */
    {"manager", "情報セキュリティ責任者", "manager"},
    {"items_acquired", "取得する項目", "items acquired"},
    {"purpose_notice", "明示・公表等", "purpose made known by"},
    {"storage_location", "保管場所", "storage location"},
    {"storage_method", "保管方法", "storage method"},
    {"access_holders", "アクセス権限を有する者", "persons with access"},
    {"use_period", "利用期限", "period of use"},
    {"other_info", "その他", "other"},
    {"data_subjects", "本人の数", "data subjects"},
    {"protection_level", "類型（保護の程度）", "protection level"},
    {"leak_impact", "漏えい時の影響度", "impact of a leak"},
    {"overseas_rules", "海外の個人情報の規則", "foreign data rules"},
    {"contractor", "委託先", "contractor"},
    {"reviewed_on", "更新日", "reviewed on"},
    {"review_months", "見直し間隔（月）", "review interval (months)"},
    {"next_review_on", "次回見直し", "next review"},
    {"service", "委託業務の内容", "service"},
    {"contract_start", "契約開始", "contract start"},
    {"contract_end", "契約終了", "contract end"},
    {"handles_personal_data", "個人データの取扱い", "personal data"},
    {"subcontracting", "再委託", "subcontracting"},
    {"access_scope", "アクセスを認める範囲", "access scope"},
    {"selection_basis", "選定の根拠", "selection basis"},
    {"work_location", "委託事業の実施場所", "work location"},
    {"outage_procedure", "障害時の対処手順", "outage procedure"},
    {"contact", "窓口", "contact"},
    {"approved_by", "承認者", "approved by"},
    {"approved_on", "承認日", "approved on"},
    {"end_checked_on", "終了時確認日", "end inspection on"},
    {"checklist", "チェックリスト", "checklist"},
    {"provider", "事業者", "provider"},
    {"info_class", "格付（機密性）", "information class"},
    {"data_location", "データの所在", "data location"},
    {"governing_law", "準拠法", "governing law"},
    {"jurisdiction", "裁判管轄", "jurisdiction"},
    {"foreign_law_risk", "国内法以外の法令のリスク", "foreign-law risk"},
    {"exit_plan", "中断・終了時の移行策", "exit plan"},
    {"rpo", "復旧時点目標", "RPO"},
    {"evaluation", "監査報告書・認証", "evaluation"},
    {"decision", "利用の判断", "decision"},
    {"use_decided_by", "判断者", "decided by"},
    {"decided_on", "判断日", "decided on"},
    {"decision_note", "判断の理由", "decision note"},
    {"held_on", "実施日", "date"},
    {"trainer", "講師", "trainer"},
    {"topics", "教育内容", "topics"},
    {"materials", "教材", "materials"},
    {"invited", "対象者数", "invited"},
    {"attendees", "受講者", "attendees"},
    {"position", "順位", "order"},
    {"party", "連絡先の区分", "party"},
    {"person", "担当者（ログイン名）", "person"},
    {"phone", "電話", "phone"},
    {"means", "連絡手段", "means"},
    {"report_items", "連絡項目", "items to report"},
    {"hours", "対応時間", "hours"},
    {"deputy_for", "代行する順位", "deputy for"},
    {"version", "版", "version"},
    {"authority", "権限", "authority"},
    {"members", "構成員", "members"},
    {"review_triggers", "見直し要件", "review triggers"},
    {"last_review", "前回見直し", "last review"},
    {"level", "区分", "level"},
    {"goal", "達成目標", "goal"},
    {"target", "目標日", "target"},
    {"done_on", "完了日", "done on"},
    {"register", "台帳", "register"},
    {"ref", "参照", "ref"},
    {"state", "状況", "state"},
    {"what", "内容", "what"},
    {"item_key", "キー", "key"},
    {"item_text", "項目の内容", "text"},
    {"answer", "回答", "answer"},
};
const size_t isms_msgs_register_count = AG_ARRAY_LEN(isms_msgs_register);
