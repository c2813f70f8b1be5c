/*
 * msgs_bcp.c — user-facing texts of business continuity and secure areas (src/isms/bcp.h,
 * src/cli/cmd_bcp.c, src/cli/cmd_area.c), Japanese and English: the usage texts, the messages
 * and the column headings of the views (the keys are the column names of the SELECTs).
 */
#include "isms/bcp.h"

const struct ag_msg isms_msgs_bcp[] = {
    {"bcp-usage",
     "使い方: airguard bcp … 事業継続 (3.1.2.4, 3.1.4.1(4), 3.2.3.1)\n"
     "記録（台帳 register bcp-plan / bcp-command / bcp-place / bcp-exercise と同じ）:\n"
     "  airguard bcp plan add|update|list|show …   システムごとの事業継続計画\n"
     "      --system* --priority* 1-9 --rto* 分 --rpo* 分 --fallback*（手動運用への切替）\n"
     "      --backup-location* --backup-separate* yes|no [--backup-note]（no なら必須）\n"
     "      [--priority-business] [--recovery-plan] [--standby] [--liaison] [--backup-target]\n"
     "      [--backup-cycle] [--backup-media] [--backup-protection] --owner* [--test-months 1-60]\n"
     "      （show / update はシステムのコードでも指定可）\n"
     "  airguard bcp command add|update|list|show …  緊急時対応体制（指揮命令系統・代行順位）\n"
     "      --code* --title* [--parent コード] [--dept] [--duties] --holder* [--deputy1]\n"
     "      [--deputy2] [--deputy3] [--means] [--resources]\n"
     "  airguard bcp place add|update|list|show …    参集場所\n"
     "      --code* --name* --kind* primary|alternate [--rank] [--site] --address* [--equipment]\n"
     "  airguard bcp exercise add|update|list|show … 訓練・演習\n"
     "      --title* --kind* tabletop|walkthrough|functional|full-scale|call-tree --scenario*\n"
     "      --planned* 日付 [--held 日付] [--status planned|held|cancelled] --owner* [--dept]\n"
     "      [--systems] [--notes]\n"
     "  airguard bcp exercise people ID --people ログイン,…     参加者の記録\n"
     "  airguard bcp exercise finding ID --finding 内容 --owner ログイン --due 日付 --as ログイン\n"
     "復旧試験:\n"
     "  airguard bcp test add --system S --scenario 内容 --result pass|partial|fail\n"
     "      [--minutes 復旧時間] [--data-loss 分] [--date 日付] [--participants] [--notes]\n"
     "      [--finding 内容 --owner ログイン --due 日付] --as ログイン\n"
     "      （pass は RTO 以内の --minutes が必要、partial / fail は指摘事項と是正処置が必要）\n"
     "  airguard bcp test list [--system S]\n"
     "  airguard bcp test finding ID --finding 内容 --owner ログイン --due 日付 --as ログイン\n"
     "一覧・点検:\n"
     "  airguard bcp status [--months N]     システムごとの目標・バックアップ・直近の試験\n"
     "  airguard bcp overdue [--months N]    復旧試験の期限切れ（既定は計画の間隔、通常 12 か月）\n"
     "  airguard bcp structure               緊急時対応体制と連絡先、参集場所\n"
     "  airguard bcp year [--year YYYY]      訓練の予定と実施\n"
     "  airguard bcp findings [test|exercise ID]  指摘事項と是正処置\n"
     "  airguard bcp check [--months N]      不備の一覧（あれば終了コード 1）\n",
     "usage: airguard bcp … business continuity (3.1.2.4, 3.1.4.1(4), 3.2.3.1)\n"
     "records (the same as register bcp-plan / bcp-command / bcp-place / bcp-exercise):\n"
     "  airguard bcp plan add|update|list|show …   the continuity plan of a system\n"
     "      --system* --priority* 1-9 --rto* MIN --rpo* MIN --fallback* (manual operation)\n"
     "      --backup-location* --backup-separate* yes|no [--backup-note] (needed for no)\n"
     "      [--priority-business] [--recovery-plan] [--standby] [--liaison] [--backup-target]\n"
     "      [--backup-cycle] [--backup-media] [--backup-protection] --owner* [--test-months 1-60]\n"
     "      (show / update also take the system's code)\n"
     "  airguard bcp command add|update|list|show …  emergency command structure (deputies)\n"
     "      --code* --title* [--parent CODE] [--dept] [--duties] --holder* [--deputy1]\n"
     "      [--deputy2] [--deputy3] [--means] [--resources]\n"
     "  airguard bcp place add|update|list|show …    assembly places\n"
     "      --code* --name* --kind* primary|alternate [--rank] [--site] --address* [--equipment]\n"
     "  airguard bcp exercise add|update|list|show … BCP exercises\n"
     "      --title* --kind* tabletop|walkthrough|functional|full-scale|call-tree --scenario*\n"
     "      --planned* DATE [--held DATE] [--status planned|held|cancelled] --owner* [--dept]\n"
     "      [--systems] [--notes]\n"
     "  airguard bcp exercise people ID --people LOGIN,…   participants\n"
     "  airguard bcp exercise finding ID --finding TEXT --owner LOGIN --due DATE --as LOGIN\n"
     "recovery tests:\n"
     "  airguard bcp test add --system S --scenario TEXT --result pass|partial|fail\n"
     "      [--minutes TIME-TO-RECOVER] [--data-loss MIN] [--date DATE] [--participants]\n"
     "      [--notes] [--finding TEXT --owner LOGIN --due DATE] --as LOGIN\n"
     "      (a pass needs --minutes within the RTO; partial and fail need a finding, which\n"
     "      raises a corrective action)\n"
     "  airguard bcp test list [--system S]\n"
     "  airguard bcp test finding ID --finding TEXT --owner LOGIN --due DATE --as LOGIN\n"
     "views and checks:\n"
     "  airguard bcp status [--months N]     objectives, backups and last test per system\n"
     "  airguard bcp overdue [--months N]    overdue recovery tests (the plan's interval, 12\n"
     "                                       months unless set, or N)\n"
     "  airguard bcp structure               command structure with contacts, assembly places\n"
     "  airguard bcp year [--year YYYY]      exercises planned against held\n"
     "  airguard bcp findings [test|exercise ID]  findings and their corrective actions\n"
     "  airguard bcp check [--months N]      problems (exit status 1 when there are any)\n"},
    {"area-usage",
     "使い方: airguard area … 要管理対策区域 (3.1.5.1(3))\n"
     "  airguard area add|update|list|show …  区域（台帳 register area と同じ）\n"
     "      --code* --name* [--site] [--dept] --manager* --boundary*（セキュリティ境界）\n"
     "      --entry-control*（入退管理策） [--physical] [--visitor-badge] [--escort yes|no]\n"
     "      [--device-rule] [--review-months 1-24]\n"
     "  airguard area equip|unequip 区域 資産        設置機器の登録・削除\n"
     "  airguard area equipment 区域\n"
     "立入りの許可:\n"
     "  airguard area grant 区域 ログイン --reason 業務上の必要 [--until 日付] --as 承認者\n"
     "  airguard area revoke 区域 ログイン --reason 理由 [--date 日付] --as ログイン\n"
     "  airguard area review 区域 [--note] --as 確認者   定期的な見直し（自分の許可は確認不可）\n"
     "  airguard area people 区域                     許可者と注意（期限切れ・退職・見直し期限）\n"
     "入退出:\n"
     "  airguard area enter 区域 --person ログイン|--visitor ID [--badge] [--escort ログイン]\n"
     "      [--at 時刻] [--override 理由] --as 記録者\n"
     "      （許可のない者は拒否。やむを得ず入室させた場合は --override で理由を記録し注意扱い）\n"
     "  airguard area exit 入室記録ID | 区域 --person ログイン|--visitor ID [--at 時刻] --as "
     "ログイン\n"
     "  airguard area now [区域]                      在室者\n"
     "  airguard area log 区域 [--date 日付]           入退出の記録\n"
     "訪問者:\n"
     "  airguard area visitor add 区域 --name --org --purpose --host ログイン [--date]\n"
     "      [--id-check 方法] [--badge 番号] --as ログイン\n"
     "  airguard area visitor badge ID --badge 番号 [--at]   airguard area visitor return ID "
     "[--at]\n"
     "  airguard area visitor list [区域] [--date 日付]\n"
     "機器の持込み・持出し:\n"
     "  airguard area move request 区域 --direction in|out --item 品名 [--asset 資産]\n"
     "      --category system|media|personal|other --person ログイン --reason 理由 [--date]\n"
     "      --as ログイン\n"
     "  airguard area move approve|reject ID [--note] --as システム管理者（申請者本人は不可）\n"
     "  airguard area move done ID [--at 時刻] --as ログイン   （未承認なら注意として記録）\n"
     "  airguard area move list [区域]\n"
     "  airguard area flags                           注意事項の一覧\n"
     "時刻は YYYY-MM-DDTHH:MM[:SS]（UTC）、省略時は現在時刻。\n",
     "usage: airguard area … secure areas (要管理対策区域, 3.1.5.1(3))\n"
     "  airguard area add|update|list|show …  areas (the same as register area)\n"
     "      --code* --name* [--site] [--dept] --manager* --boundary* --entry-control*\n"
     "      [--physical] [--visitor-badge] [--escort yes|no] [--device-rule]\n"
     "      [--review-months 1-24]\n"
     "  airguard area equip|unequip AREA ASSET      list or unlist installed equipment\n"
     "  airguard area equipment AREA\n"
     "who may enter:\n"
     "  airguard area grant AREA LOGIN --reason NEED [--until DATE] --as APPROVER\n"
     "  airguard area revoke AREA LOGIN --reason WHY [--date DATE] --as LOGIN\n"
     "  airguard area review AREA [--note] --as REVIEWER  periodic review (not of oneself)\n"
     "  airguard area people AREA                   authorised people with flags\n"
     "entry and exit:\n"
     "  airguard area enter AREA --person LOGIN|--visitor ID [--badge] [--escort LOGIN]\n"
     "      [--at TIME] [--override REASON] --as RECORDER\n"
     "      (people without authorisation are refused; someone let in all the same is recorded\n"
     "      with --override and the reason, and flagged)\n"
     "  airguard area exit ENTRY | AREA --person LOGIN|--visitor ID [--at TIME] --as LOGIN\n"
     "  airguard area now [AREA]                    who is inside now\n"
     "  airguard area log AREA [--date DATE]        the entry and exit log\n"
     "visitors:\n"
     "  airguard area visitor add AREA --name --org --purpose --host LOGIN [--date]\n"
     "      [--id-check HOW] [--badge NO] --as LOGIN\n"
     "  airguard area visitor badge ID --badge NO [--at]   airguard area visitor return ID [--at]\n"
     "  airguard area visitor list [AREA] [--date DATE]\n"
     "equipment brought in or taken out:\n"
     "  airguard area move request AREA --direction in|out --item WHAT [--asset ASSET]\n"
     "      --category system|media|personal|other --person LOGIN --reason WHY [--date]\n"
     "      --as LOGIN\n"
     "  airguard area move approve|reject ID [--note] --as SYSADMIN (never the requester)\n"
     "  airguard area move done ID [--at TIME] --as LOGIN  (flagged when not approved)\n"
     "  airguard area move list [AREA]\n"
     "  airguard area flags                         everything that needs attention\n"
     "Times are YYYY-MM-DDTHH:MM[:SS] (UTC); the current time when left out.\n"},
    {"bcp: too many arguments", "bcp: 引数が多すぎます", "too many arguments"},
    {"bcp: assembly places (3.2.3.1(1)):\n", "参集場所 (3.2.3.1(1)):\n",
     "assembly places (3.2.3.1(1)):\n"},
    {"business continuity: %d problem(s)\n", "事業継続: 不備 %d 件\n",
     "business continuity: %d problem(s)\n"},
    {"business continuity: no problems found\n", "事業継続: 不備はありません\n",
     "business continuity: no problems found\n"},
    {"recorded recovery test %lld\n", "復旧試験 %lld を記録しました\n",
     "recorded recovery test %lld\n"},
    {"corrective action %lld raised\n", "是正処置 %lld を起票しました\n",
     "corrective action %lld raised\n"},
    {"recorded finding %lld; corrective action %lld raised\n",
     "指摘事項 %lld を記録し、是正処置 %lld を起票しました\n",
     "recorded finding %lld; corrective action %lld raised\n"},
    {"exercise %lld: participants recorded\n", "訓練 %lld: 参加者を記録しました\n",
     "exercise %lld: participants recorded\n"},
    {"bcp: unknown command or wrong arguments \"%s %s\"",
     "bcp: 不明なコマンド又は引数の誤り「%s %s」",
     "bcp: unknown command or wrong arguments \"%s %s\""},
    {"area: unknown command or wrong arguments \"%s %s\"",
     "area: 不明なコマンド又は引数の誤り「%s %s」",
     "area: unknown command or wrong arguments \"%s %s\""},
    {"area %s: %s listed\n", "区域 %s: %s を設置機器に登録しました\n", "area %s: %s listed\n"},
    {"area %s: %s removed from the list\n", "区域 %s: %s を設置機器から外しました\n",
     "area %s: %s removed from the list\n"},
    {"area %s: %s authorised\n", "区域 %s: %s の立入りを許可しました\n",
     "area %s: %s authorised\n"},
    {"area %s: authorisation of %s removed\n", "区域 %s: %s の立入許可を解除しました\n",
     "area %s: authorisation of %s removed\n"},
    {"area %s reviewed: %d confirmed, %d removed, %d left for another reviewer\n",
     "区域 %s を見直しました: 確認 %d 件、解除 %d 件、他の確認者に残したもの %d 件\n",
     "area %s reviewed: %d confirmed, %d removed, %d left for another reviewer\n"},
    {"entry %lld recorded\n", "入室記録 %lld を登録しました\n", "entry %lld recorded\n"},
    {"flagged: entry without authorisation\n", "注意: 許可のない入室として記録しました\n",
     "flagged: entry without authorisation\n"},
    {"exit of entry %lld recorded\n", "入室記録 %lld の退室を記録しました\n",
     "exit of entry %lld recorded\n"},
    {"visitor %lld registered\n", "訪問者 %lld を登録しました\n", "visitor %lld registered\n"},
    {"visitor %lld: badge issued\n", "訪問者 %lld: 入館カードを貸与しました\n",
     "visitor %lld: badge issued\n"},
    {"visitor %lld: badge returned\n", "訪問者 %lld: 入館カードを回収しました\n",
     "visitor %lld: badge returned\n"},
    {"movement %lld requested; it needs a system administrator's approval\n",
     "持込み・持出し %lld を申請しました。システム管理者の承認が必要です\n",
     "movement %lld requested; it needs a system administrator's approval\n"},
    {"movement %lld: %s\n", "持込み・持出し %lld: %s\n", "movement %lld: %s\n"},
    {"movement %lld recorded\n", "持込み・持出し %lld を記録しました\n",
     "movement %lld recorded\n"},
    {"flagged: moved without a system administrator's approval\n",
     "注意: システム管理者の承認なく持込み・持出しされました\n",
     "flagged: moved without a system administrator's approval\n"},
    /* messages of the library (bcp.c, area.c) */
    {"--system: no system \"%.64s\"", "--system: システム「%.64s」はありません",
     "--system: no system \"%.64s\""},
    {"--system: %s has no continuity plan, so there is no RTO to measure the test against "
     "(airguard bcp plan add --system %s …)",
     "--system: %s には事業継続計画がないため、試験結果と比べる目標復旧時間がありません（airguard "
     "bcp plan add --system %s …）",
     "--system: %s has no continuity plan, so there is no RTO to measure the test against "
     "(airguard bcp plan add --system %s …)"},
    {"--owner: the corrective action needs an owner", "--owner: 是正処置の担当者が必要です",
     "--owner: the corrective action needs an owner"},
    {"--due: the corrective action needs a due date", "--due: 是正処置の期限が必要です",
     "--due: the corrective action needs a due date"},
    {"--date: %s is in the future; record a test after it",
     "--date: %s は未来の日付です。試験の実施後に記録してください",
     "--date: %s is in the future; record a test after it"},
    {"--minutes: a pass needs the measured time to recover, to compare with the RTO of %lld "
     "minutes",
     "--minutes: 合格とするには、目標復旧時間 %lld 分と比べる実測の復旧時間が必要です",
     "--minutes: a pass needs the measured time to recover, to compare with the RTO of %lld "
     "minutes"},
    {"--result pass: the recovery took %lld minutes, more than the RTO of %lld minutes; record "
     "partial or fail with the finding",
     "--result pass: 復旧に %lld 分かかり、目標復旧時間 %lld 分を超えています。partial 又は fail "
     "として指摘事項とともに記録してください",
     "--result pass: the recovery took %lld minutes, more than the RTO of %lld minutes; record "
     "partial or fail with the finding"},
    {"--result pass: %lld minutes of data were lost, more than the RPO of %lld minutes; record "
     "partial or fail with the finding",
     "--result pass: %lld 分のデータが失われ、目標復旧時点 %lld 分を超えています。partial 又は "
     "fail として指摘事項とともに記録してください",
     "--result pass: %lld minutes of data were lost, more than the RPO of %lld minutes; record "
     "partial or fail with the finding"},
    {"--finding: a test that is not a pass needs what was found, with --owner and --due for its "
     "corrective action",
     "--finding: 合格でない試験には指摘事項と、是正処置の --owner と --due が必要です",
     "--finding: a test that is not a pass needs what was found, with --owner and --due for its "
     "corrective action"},
    {"%s %lld does not exist", "%s %lld は存在しません", "%s %lld does not exist"},
    {"exercise %lld is %s: findings come from a held exercise (set --held DATE first)",
     "訓練 %lld は %s です: 指摘事項は実施済みの訓練について記録します（先に --held 日付 を設定）",
     "exercise %lld is %s: findings come from a held exercise (set --held DATE first)"},
    {"--people: give at least one login", "--people: ログイン名を1つ以上指定してください",
     "--people: give at least one login"},
    {"exercise %lld does not exist", "訓練 %lld は存在しません", "exercise %lld does not exist"},
    {"--people: no person with the login \"%.64s\"",
     "--people: ログイン名「%.64s」の人員はいません",
     "--people: no person with the login \"%.64s\""},
    {"%s: \"%.40s\" is not a time YYYY-MM-DDTHH:MM[:SS] (UTC)",
     "%s: 「%.40s」は時刻 YYYY-MM-DDTHH:MM[:SS]（UTC）ではありません",
     "%s: \"%.40s\" is not a time YYYY-MM-DDTHH:MM[:SS] (UTC)"},
    {"area %lld does not exist", "区域 %lld は存在しません", "area %lld does not exist"},
    {"asset: no asset \"%.64s\"", "資産: 資産「%.64s」はありません", "asset: no asset \"%.64s\""},
    {"asset %s is already listed in area %s", "資産 %s は既に区域 %s に登録されています",
     "asset %s is already listed in area %s"},
    {"asset %s is not listed in this area", "資産 %s はこの区域に登録されていません",
     "asset %s is not listed in this area"},
    {"person: no person with the login \"%.64s\"", "人員: ログイン名「%.64s」の人員はいません",
     "person: no person with the login \"%.64s\""},
    {"--reason: the business need to enter is required (3.1.5.1(3)① 業務上必要な者に限定)",
     "--reason: 立入りの業務上の必要性が必要です（3.1.5.1(3)① 業務上必要な者に限定）",
     "--reason: the business need to enter is required (3.1.5.1(3)① 業務上必要な者に限定)"},
    {"--until: %s is already past", "--until: %s は既に過ぎています",
     "--until: %s is already past"},
    {"%s has left (inactive): no authorisation to enter",
     "%s は退職・異動済みです: 立入りは許可できません",
     "%s has left (inactive): no authorisation to enter"},
    {"%s is already authorised for area %s (since %s)",
     "%s は既に区域 %s への立入りを許可されています（%s から）",
     "%s is already authorised for area %s (since %s)"},
    {"--reason: say why the authorisation ends", "--reason: 許可を解除する理由を記入してください",
     "--reason: say why the authorisation ends"},
    {"--date: %s is in the future", "--date: %s は未来の日付です", "--date: %s is in the future"},
    {"%s is not authorised for area %s", "%s は区域 %s への立入りを許可されていません",
     "%s is not authorised for area %s"},
    {"--host: no person with the login \"%.64s\"", "--host: ログイン名「%.64s」の人員はいません",
     "--host: no person with the login \"%.64s\""},
    {"--host: %s is not authorised for area %s on %s, so cannot receive and accompany a visitor "
     "there (3.1.5.1(3)②)",
     "--host: %s は区域 %s への立入りを %s "
     "の時点で許可されていないため、訪問者を受け入れ付き添うことができません（3.1.5.1(3)②）",
     "--host: %s is not authorised for area %s on %s, so cannot receive and accompany a visitor "
     "there (3.1.5.1(3)②)"},
    {"visitor %lld does not exist", "訪問者 %lld は存在しません", "visitor %lld does not exist"},
    {"visitor %lld already holds badge %s (issued %s); record its return first",
     "訪問者 %lld は入館カード %s を貸与中です（%s に貸与）。先に回収を記録してください",
     "visitor %lld already holds badge %s (issued %s); record its return first"},
    {"visitor %lld was given no badge", "訪問者 %lld には入館カードが貸与されていません",
     "visitor %lld was given no badge"},
    {"badge %s of visitor %lld was returned at %s",
     "入館カード %s（訪問者 %lld）は %s に回収済みです",
     "badge %s of visitor %lld was returned at %s"},
    {"--at: %s is before the badge was issued (%s)", "--at: %s は入館カードの貸与（%s）より前です",
     "--at: %s is before the badge was issued (%s)"},
    {"--person: no person with the login \"%.64s\"",
     "--person: ログイン名「%.64s」の人員はいません",
     "--person: no person with the login \"%.64s\""},
    {"%s%s is not inside the area", "%s%s は区域内にいません", "%s%s is not inside the area"},
    {"give either --person LOGIN or --visitor ID",
     "--person ログイン名 又は --visitor ID のどちらか一方を指定してください",
     "give either --person LOGIN or --visitor ID"},
    {"--at: %s is in the future", "--at: %s は未来の時刻です", "--at: %s is in the future"},
    {"--escort: no person with the login \"%.64s\"",
     "--escort: ログイン名「%.64s」の人員はいません",
     "--escort: no person with the login \"%.64s\""},
    {"%s is not authorised to enter area %s on %s (3.1.5.1(3)); authorise them, register them as a "
     "visitor, or give --override REASON if they were let in all the same",
     "%s は区域 %s への立入りを %s の時点で許可されていません（3.1.5.1(3)"
     "）。立入りを許可するか、訪問者として登録するか、やむを得ず入室させた場合は --override "
     "で理由を記録してください",
     "%s is not authorised to enter area %s on %s (3.1.5.1(3)); authorise them, register them as a "
     "visitor, or give --override REASON if they were let in all the same"},
    {"visitor %lld is registered for another area (3.1.5.1(3)); authorise them, register them as a "
     "visitor, or give --override REASON if they were let in all the same",
     "訪問者 %lld "
     "は別の区域の訪問者として登録されています（3.1.5.1(3)"
     "）。立入りを許可するか、訪問者として登録するか、やむを得ず入室させた場合は --override "
     "で理由を記録してください",
     "visitor %lld is registered for another area (3.1.5.1(3)); authorise them, register them as a "
     "visitor, or give --override REASON if they were let in all the same"},
    {"visitor %lld is registered for %s, not %s (3.1.5.1(3)); authorise them, register them as a "
     "visitor, or give --override REASON if they were let in all the same",
     "訪問者 %lld の訪問日は %s で、%s "
     "ではありません（3.1.5.1(3)"
     "）。立入りを許可するか、訪問者として登録するか、やむを得ず入室させた場合は --override "
     "で理由を記録してください",
     "visitor %lld is registered for %s, not %s (3.1.5.1(3)); authorise them, register them as a "
     "visitor, or give --override REASON if they were let in all the same"},
    {"visitor %lld holds no badge (入館カード等を貸与) (3.1.5.1(3)); authorise them, register them "
     "as a visitor, or give --override REASON if they were let in all the same",
     "訪問者 %lld "
     "は入館カードを貸与されていません（入館カード等を貸与）（3.1.5.1(3)"
     "）。立入りを許可するか、訪問者として登録するか、やむを得ず入室させた場合は --override "
     "で理由を記録してください",
     "visitor %lld holds no badge (入館カード等を貸与) (3.1.5.1(3)); authorise them, register them "
     "as a visitor, or give --override REASON if they were let in all the same"},
    {"the escort is not authorised for area %s (3.1.5.1(3)); authorise them, register them as a "
     "visitor, or give --override REASON if they were let in all the same",
     "付添者は区域 %s "
     "への立入りを許可されていません（3.1.5.1(3)"
     "）。立入りを許可するか、訪問者として登録するか、やむを得ず入室させた場合は --override "
     "で理由を記録してください",
     "the escort is not authorised for area %s (3.1.5.1(3)); authorise them, register them as a "
     "visitor, or give --override REASON if they were let in all the same"},
    {"already inside area %s (entry %lld has no exit yet)",
     "既に区域 %s の中にいます（入室記録 %lld に退室がありません）",
     "already inside area %s (entry %lld has no exit yet)"},
    {"entry %lld does not exist", "入室記録 %lld は存在しません", "entry %lld does not exist"},
    {"entry %lld already has its exit (%s)", "入室記録 %lld には既に退室が記録されています（%s）",
     "entry %lld already has its exit (%s)"},
    {"--at: %s is before the entry (%s)", "--at: %s は入室（%s）より前です",
     "--at: %s is before the entry (%s)"},
    {"--asset: no asset \"%.64s\"", "--asset: 資産「%.64s」はありません",
     "--asset: no asset \"%.64s\""},
    {"movement %lld does not exist", "持込み・持出し %lld は存在しません",
     "movement %lld does not exist"},
    {"movement %lld was %s already", "持込み・持出し %lld は既に %s です",
     "movement %lld was %s already"},
    {"--note: a rejection needs the reason", "--note: 却下には理由が必要です",
     "--note: a rejection needs the reason"},
    {"movement %lld was recorded already (%s)", "持込み・持出し %lld は既に記録されています（%s）",
     "movement %lld was recorded already (%s)"},
    /* column headings */
    {"priority", "優先順位", "priority"},
    {"rto_minutes", "目標復旧時間（分）", "RTO (minutes)"},
    {"rpo_minutes", "目標復旧時点（分）", "RPO (minutes)"},
    {"last_test", "直近の復旧試験", "last recovery test"},
    {"last_result", "直近の結果", "last result"},
    {"priority_business", "優先業務", "priority business"},
    {"fallback", "手動運用への切替", "manual fallback"},
    {"recovery_plan", "詳細な復旧計画", "recovery plan"},
    {"standby", "バックアップシステム・代替設備", "standby system"},
    {"liaison", "連携を要する関連部門", "departments to coordinate with"},
    {"backup_target", "バックアップの対象", "backup scope"},
    {"backup_cycle", "周期・世代管理", "backup frequency and generations"},
    {"backup_media", "媒体・ツール", "backup media and tools"},
    {"backup_location", "バックアップの保存場所", "backup location"},
    {"backup_separate", "同時に被災しない場所か", "not exposed to the same failure"},
    {"backup_note", "保存場所についての注記", "note on the backup location"},
    {"backup_protection", "秘匿性確保・改ざん防止", "confidentiality and tamper protection"},
    {"test_months", "復旧試験の間隔（月）", "test interval (months)"},
    {"reports_to", "指揮命令系統上の上位", "reports to"},
    {"holder", "責任者", "holder"},
    {"deputy1", "代行者（第1順位）", "deputy 1"},
    {"deputy2", "代行者（第2順位）", "deputy 2"},
    {"deputy3", "代行者（第3順位）", "deputy 3"},
    {"duties", "役割", "duties"},
    {"resources", "必要な経営資源", "resources needed"},
    {"place_kind", "種別", "kind"},
    {"rank", "順位", "rank"},
    {"address", "所在地", "address"},
    {"equipment", "設置機器・備品", "equipment"},
    {"exercise_kind", "訓練の種類", "kind of exercise"},
    {"planned_on", "予定日", "planned on"},
    {"scenario", "想定シナリオ", "scenario"},
    {"notes", "備考", "notes"},
    {"participants", "参加者", "participants"},
    {"findings", "指摘事項", "findings"},
    {"authorised", "立入許可者数", "authorised"},
    {"inside_now", "在室者数", "inside now"},
    {"boundary", "セキュリティ境界", "boundary"},
    {"entry_control", "入退管理策", "entry control"},
    {"physical_measures", "物理的対策", "physical measures"},
    {"visitor_badge", "訪問者の識別（入館カード等）", "visitor badge"},
    {"escort_required", "付添いの要否", "escort required"},
    {"device_rule", "機器持込みの制限", "device rule"},
    {"system_name", "システム名", "system name"},
    {"last_minutes", "直近の復旧時間（分）", "last recovery time (minutes)"},
    {"next_test", "次回試験期限", "next test due"},
    {"test_state", "試験の状況", "test state"},
    {"tested_on", "試験日", "tested on"},
    {"recovery_minutes", "復旧に要した時間（分）", "time to recover (minutes)"},
    {"data_loss_minutes", "データ損失（分）", "data loss (minutes)"},
    {"conducted_by", "実施者", "conducted by"},
    {"actions", "是正処置", "corrective actions"},
    {"finding_of", "指摘の出所", "finding of"},
    {"of_id", "番号", "number"},
    {"recorded_on", "記録日", "recorded on"},
    {"action_status", "是正処置の状況", "action status"},
    {"action_owner", "是正処置の担当者", "action owner"},
    {"due_date", "期限", "due date"},
    {"planned", "予定", "planned"},
    {"held", "実施", "held"},
    {"cancelled", "中止", "cancelled"},
    {"past_not_held", "予定日を過ぎて未実施", "past and not held"},
    {"reason", "理由", "reason"},
    {"granted_on", "許可日", "granted on"},
    {"granted_by", "許可者", "granted by"},
    {"flag", "注意", "flag"},
    {"entry", "入室記録", "entry"},
    {"entry_kind", "区分", "kind"},
    {"in_at", "入室時刻", "in"},
    {"out_at", "退室時刻", "out"},
    {"badge", "入館カード", "badge"},
    {"escort", "付添者", "escort"},
    {"visit_on", "訪問日", "visit on"},
    {"organisation", "所属", "organisation"},
    {"host_department", "訪問相手の所属", "host's department"},
    {"id_checked", "本人確認", "identity checked"},
    {"badge_issued_at", "入館カード貸与", "badge issued"},
    {"badge_returned_at", "入館カード回収", "badge returned"},
    {"direction", "持込み/持出し", "direction"},
    {"asset", "資産", "asset"},
    {"moved_at", "搬出入の時刻", "moved at"},
    {"since", "時点", "since"},
};
const size_t isms_msgs_bcp_count = AG_ARRAY_LEN(isms_msgs_bcp);
