/*
 * msgs_risk.c — user-facing texts of the risk workflow (guideline 3.1.2.1), Japanese and English.
 */
#include "isms/isms.h"

/* clang-format off */
const struct ag_msg isms_msgs_risk[] = {
    {"risk-usage",
     "使い方（リスクアセスメント及びリスク対応 3.1.2.1）:\n"
     "  リスク基準（③④、変更は CISO のみ。変更すると全リスクを再評価）:\n"
     "  airguard risk criteria [show] [--json]\n"
     "  airguard risk criteria scale impact|likelihood N --label-ja 名称 --label-en NAME\n"
     "      [--description-ja 説明] [--description-en TEXT] --as LOGIN   （N = 既存の値、または最大値+1 で追加）\n"
     "  airguard risk criteria level N --label-ja 名称 --label-en NAME --as LOGIN\n"
     "  airguard risk criteria cell 影響度 発生可能性 レベル --as LOGIN\n"
     "  airguard risk criteria set [--threshold レベル] [--review-days N] [--decision-days N]\n"
     "      [--attitude リスクに対する態度・許容度（①）] --as LOGIN\n"
     "  リスク特定（②）:\n"
     "  airguard risk add --title 件名 --threat 脅威・事象 --owner LOGIN [--vulnerability 脆弱性]\n"
     "      [--consequence サービス・業務への影響] [--service 業務] [--system CODE] [--assets CODE,CODE]\n"
     "      [--measures 既存の対策項目,…] [--hse] [--review YYYY-MM-DD] [--as LOGIN]\n"
     "  分析（③）と評価（④）:\n"
     "  airguard risk assess ID --impact N --likelihood N --analysis 分析 [--select --note 個別事情] --as LOGIN\n"
     "  リスク対応（リスク所有者または CISO が決定。低減・回避・移転は是正処置を作成）:\n"
     "  airguard risk treat ID --option 低減|回避|移転|保有 (reduce|avoid|transfer|retain) --plan 計画\n"
     "      [--owner LOGIN] --due YYYY-MM-DD [--items 対策項目,…] [--residual-impact N --residual-likelihood N] --as LOGIN\n"
     "  airguard risk accept ID --note 理由 --as LOGIN   （基準値以上の保有・残留リスクの受容: CISO、所有者・決定者以外）\n"
     "  airguard risk review ID --note 所見 [--impact N] [--likelihood N] [--residual-impact N]\n"
     "      [--residual-likelihood N] [--next YYYY-MM-DD] --as LOGIN\n"
     "  一覧:\n"
     "  airguard risk list [--status S] [--system CODE] [--owner LOGIN] [--needs-decision]\n"
     "      [--due-review] [--within 日数] [--hse] [--json]\n"
     "  airguard risk matrix [--residual] [--json]      影響度×発生可能性の件数（ヒートマップ）\n"
     "  airguard risk show ID [--json]\n"
     "状態: identified 未分析, below_threshold 基準値未満, needs_decision 対応決定待ち,\n"
     "      awaiting_acceptance 受容の承認待ち, accepted 保有（受容）, treated 対応決定済み\n",
     "usage (risk assessment and risk treatment, 3.1.2.1):\n"
     "  risk criteria (③④; changed by a CISO only; every risk is re-evaluated on a change):\n"
     "  airguard risk criteria [show] [--json]\n"
     "  airguard risk criteria scale impact|likelihood N --label-ja NAME --label-en NAME\n"
     "      [--description-ja TEXT] [--description-en TEXT] --as LOGIN   (N = an existing value, or max+1 to add)\n"
     "  airguard risk criteria level N --label-ja NAME --label-en NAME --as LOGIN\n"
     "  airguard risk criteria cell IMPACT LIKELIHOOD LEVEL --as LOGIN\n"
     "  airguard risk criteria set [--threshold LEVEL] [--review-days N] [--decision-days N]\n"
     "      [--attitude TEXT (risk attitude and tolerance, ①)] --as LOGIN\n"
     "  risk identification (②):\n"
     "  airguard risk add --title TITLE --threat TEXT --owner LOGIN [--vulnerability TEXT]\n"
     "      [--consequence TEXT] [--service TEXT] [--system CODE] [--assets CODE,CODE]\n"
     "      [--measures ITEM,… (existing measures)] [--hse] [--review YYYY-MM-DD] [--as LOGIN]\n"
     "  analysis (③) and evaluation (④):\n"
     "  airguard risk assess ID --impact N --likelihood N --analysis TEXT [--select --note TEXT] --as LOGIN\n"
     "  treatment (decided by the risk owner or a CISO; reduce/avoid/transfer create a corrective action):\n"
     "  airguard risk treat ID --option reduce|avoid|transfer|retain (低減|回避|移転|保有) --plan TEXT\n"
     "      [--owner LOGIN] --due YYYY-MM-DD [--items ITEM,…] [--residual-impact N --residual-likelihood N] --as LOGIN\n"
     "  airguard risk accept ID --note TEXT --as LOGIN   (a risk kept at or above the threshold: a CISO, not the owner or decider)\n"
     "  airguard risk review ID --note TEXT [--impact N] [--likelihood N] [--residual-impact N]\n"
     "      [--residual-likelihood N] [--next YYYY-MM-DD] --as LOGIN\n"
     "  lists:\n"
     "  airguard risk list [--status S] [--system CODE] [--owner LOGIN] [--needs-decision]\n"
     "      [--due-review] [--within DAYS] [--hse] [--json]\n"
     "  airguard risk matrix [--residual] [--json]      risks per impact x likelihood cell (heat map)\n"
     "  airguard risk show ID [--json]\n"
     "statuses: identified, below_threshold, needs_decision, awaiting_acceptance, accepted, treated\n"},
    {"Risk attitude and tolerance (3.1.2.1①): %s\n", "リスクに対する態度・リスク許容度（3.1.2.1①）: %s\n",
     "Risk attitude and tolerance (3.1.2.1①): %s\n"},
    {"Review every %d days; a treatment decision is due within %d days\n",
     "見直し周期 %d 日、対応の決定期限 %d 日\n",
     "Review every %d days; a treatment decision is due within %d days\n"},
    {"Impact scale (effect on services and operations):",
     "影響度（事象の結果によるサービス・業務への影響度合い）:",
     "Impact scale (effect on services and operations):"},
    {"Likelihood scale:", "発生可能性（事象の発生可能性）:", "Likelihood scale:"},
    {"Risk levels:", "リスクレベル:", "Risk levels:"},
    {"  <- threshold (基準値): this level and above need a treatment decision",
     "  ← 基準値: このレベル以上はリスク対応の決定が必要",
     "  <- threshold: this level and above need a treatment decision"},
    {"Matrix (impact down, likelihood across):", "リスクマトリクス（縦: 影響度、横: 発生可能性）:",
     "Matrix (impact down, likelihood across):"},
    {"* at or above the threshold", "* 基準値以上", "* at or above the threshold"},
    {"Risks per cell (impact down, likelihood across; * at or above the threshold):",
     "セル別のリスク件数（縦 I: 影響度、横 L: 発生可能性、* 基準値以上）:",
     "Risks per cell (impact down, likelihood across; * at or above the threshold):"},
    {"Residual risks per cell (impact down, likelihood across; * at or above the threshold):",
     "セル別の残留リスク件数（縦 I: 影響度、横 L: 発生可能性、* 基準値以上）:",
     "Residual risks per cell (impact down, likelihood across; * at or above the threshold):"},
    {"%s does not exist", "%s は存在しません", "%s does not exist"},
    {"History:", "履歴:", "History:"},
    {"risk criteria changed; every risk re-evaluated\n",
     "リスク基準を変更し、全リスクを再評価しました\n",
     "risk criteria changed; every risk re-evaluated\n"},
    {"registered risk %lld\n", "リスク %lld を登録しました\n", "registered risk %lld\n"},
    {"corrective action %lld created for the plan\n", "対応計画の是正処置 %lld を作成しました\n",
     "corrective action %lld created for the plan\n"},
    {"risk %lld: %s\n", "リスク %lld: %s\n", "risk %lld: %s\n"},
    {"a treatment decision is due by %s (3.1.2.1④)\n",
     "基準値以上のため、%s までにリスク対応の決定が必要です（3.1.2.1④）\n",
     "a treatment decision is due by %s (3.1.2.1④)\n"},
    /* statuses */
    {"identified", "未分析", "identified (not analysed)"},
    {"below_threshold", "基準値未満", "below the threshold"},
    {"needs_decision", "対応決定待ち", "needs a treatment decision"},
    {"awaiting_acceptance", "受容の承認待ち", "awaiting acceptance"},
    {"accepted", "保有（受容）", "retained (accepted)"},
    {"treated", "対応決定済み", "treatment decided"},
    /* column headings */
    {"likelihood", "発生可能性", "likelihood"},
    {"risk_level", "リスクレベル", "risk level"},
    {"level_label", "レベル名", "level name"},
    {"above_threshold", "基準値以上", "at or above threshold"},
    {"risk_count", "件数", "risks"},
    {"inherent_risk", "リスクの大きさ", "inherent risk"},
    {"treatment", "リスク対応", "treatment"},
    {"residual_risk", "残留リスク", "residual risk"},
    {"decision_due", "対応決定期限", "decision due"},
    {"next_review", "次回見直し", "next review"},
    {"hse", "HSE", "HSE"},
    {"threat", "脅威・事象", "threat"},
    {"vulnerability", "脆弱性", "vulnerability"},
    {"consequence", "サービス・業務への影響", "consequence"},
    {"affected_service", "対象業務", "service"},
    {"risk_assets", "資産", "assets"},
    {"existing_measures", "既存の対策項目", "existing measures"},
    {"risk_analysis", "分析", "analysis"},
    {"evaluation_note", "評価の所見（個別事情）", "evaluation note"},
    {"treatment_plan", "対応計画", "treatment plan"},
    {"treatment_owner", "対応担当者", "treatment owner"},
    {"treatment_due", "対応期限", "treatment due"},
    {"decided_by", "決定者", "decided by"},
    {"action_id", "是正処置", "corrective action"},
    {"planned_measures", "計画した対策項目", "planned measures"},
    {"accepted_by", "受容承認者", "accepted by"},
    {"accepted_at", "受容日時", "accepted at"},
    {"acceptance_note", "受容の理由", "acceptance note"},
    {"reviewed_by", "見直し実施者", "reviewed by"},
    {"reviewed_at", "見直し日時", "reviewed at"},
    {"history_step", "手順", "step"},
    {"history_note", "所見", "note"},
};
/* clang-format on */
const size_t isms_msgs_risk_count = AG_ARRAY_LEN(isms_msgs_risk);
