/*
 * demo_vuln.c — the demo airport's vulnerability handling (3.1.5.1(1)(e), 3.2.2.1①): the software
 * on the BHS PLCs, SCADA server and HMI, the cameras and recorder, the FIDS server and displays
 * and the core switch; three advisories imported through the same parser as a downloaded file
 * (a CSAF advisory of the BHS vendor, a CVE JSON 5 record for the camera firmware, an NVD API
 * response for OpenSSL); and their handling in every state: accepted with compensating measures
 * on a PLC that cannot be patched, planned and awaiting approval, approved with an overdue
 * schedule, done, and open. Dates are relative to today so the demo stays current. Runs inside
 * isms_demo's transaction.
 */
#include "isms/vuln.h"

/* clang-format off */
static const char csaf_northwind[] =
    "{\"document\": {\"category\": \"csaf_security_advisory\", \"csaf_version\": \"2.0\","
    " \"title\": \"NWSA-2025-004: Vulnerabilities in NW-PLC 300 firmware and BHS-Control\","
    " \"publisher\": {\"category\": \"vendor\", \"name\": \"Northwind PSIRT\", \"namespace\": \"https://northwind.example\"},"
    " \"tracking\": {\"id\": \"NWSA-2025-004\", \"status\": \"final\", \"version\": \"1\","
    "  \"initial_release_date\": \"2025-03-11T00:00:00Z\", \"current_release_date\": \"2025-03-11T00:00:00Z\","
    "  \"revision_history\": [{\"date\": \"2025-03-11T00:00:00Z\", \"number\": \"1\", \"summary\": \"Initial\"}]},"
    " \"references\": [{\"category\": \"self\", \"url\": \"https://northwind.example/psirt/NWSA-2025-004.json\"}]},"
    " \"product_tree\": {\"branches\": [{\"category\": \"vendor\", \"name\": \"Northwind\", \"branches\": ["
    "  {\"category\": \"product_name\", \"name\": \"NW-PLC 300 firmware\", \"branches\": ["
    "   {\"category\": \"product_version_range\", \"name\": \"vers:intdot/<2.6.0\", \"product\": {\"name\": \"NW-PLC 300 firmware < 2.6.0\", \"product_id\": \"NW-1\"}},"
    "   {\"category\": \"product_version\", \"name\": \"2.6.0\", \"product\": {\"name\": \"NW-PLC 300 firmware 2.6.0\", \"product_id\": \"NW-2\"}}]},"
    "  {\"category\": \"product_name\", \"name\": \"BHS-Control\", \"branches\": ["
    "   {\"category\": \"product_version_range\", \"name\": \"vers:generic/>=7.0|<7.3.1\", \"product\": {\"name\": \"BHS-Control 7.0 - 7.3.0\", \"product_id\": \"NW-3\"}}]}]}]},"
    " \"vulnerabilities\": ["
    "  {\"cve\": \"CVE-2025-31410\", \"title\": \"Denial of service of the PLC through crafted S7-class packets\","
    "   \"notes\": [{\"category\": \"summary\", \"text\": \"A crafted packet to port 102/tcp stops the PLC; a cold restart is needed.\"}],"
    "   \"product_status\": {\"known_affected\": [\"NW-1\"], \"fixed\": [\"NW-2\"]},"
    "   \"scores\": [{\"products\": [\"NW-1\"], \"cvss_v3\": {\"baseScore\": 7.5, \"baseSeverity\": \"HIGH\", \"vectorString\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H\"}}],"
    "   \"remediations\": [{\"category\": \"vendor_fix\", \"details\": \"Update to firmware 2.6.0 (requires a line stop)\", \"product_ids\": [\"NW-1\"]},"
    "    {\"category\": \"mitigation\", \"details\": \"Allow port 102/tcp only from the SCADA server\", \"product_ids\": [\"NW-1\"]}]},"
    "  {\"cve\": \"CVE-2025-31411\", \"title\": \"Authentication bypass in the BHS-Control operator web interface\","
    "   \"notes\": [{\"category\": \"description\", \"text\": \"A path traversal in the operator web interface bypasses the login.\"}],"
    "   \"product_status\": {\"known_affected\": [\"NW-3\"]},"
    "   \"scores\": [{\"products\": [\"NW-3\"], \"cvss_v3\": {\"baseScore\": 8.1, \"baseSeverity\": \"HIGH\", \"vectorString\": \"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N\"}}],"
    "   \"remediations\": [{\"category\": \"vendor_fix\", \"details\": \"Update BHS-Control to 7.3.1\", \"product_ids\": [\"NW-3\"]}]}]}";

static const char cve5_fabrikam[] =
    "{\"dataType\": \"CVE_RECORD\", \"dataVersion\": \"5.1\","
    " \"cveMetadata\": {\"cveId\": \"CVE-2025-20931\", \"state\": \"PUBLISHED\", \"assignerShortName\": \"Fabrikam\"},"
    " \"containers\": {\"cna\": {\"title\": \"Hard-coded maintenance account in Fabrikam IPC camera firmware\","
    "  \"descriptions\": [{\"lang\": \"en\", \"value\": \"Fabrikam IPC-220 firmware before 2.9.1 contains a hard-coded maintenance account reachable over Telnet.\"}],"
    "  \"affected\": [{\"vendor\": \"Fabrikam\", \"product\": \"IPC-220 firmware\", \"defaultStatus\": \"unaffected\","
    "   \"versions\": [{\"version\": \"0\", \"lessThan\": \"2.9.1\", \"status\": \"affected\", \"versionType\": \"custom\"}]}],"
    "  \"metrics\": [{\"cvssV3_1\": {\"version\": \"3.1\", \"baseScore\": 9.8, \"baseSeverity\": \"CRITICAL\", \"vectorString\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}}],"
    "  \"solutions\": [{\"lang\": \"en\", \"value\": \"Update the firmware to 2.9.1.\"}],"
    "  \"workarounds\": [{\"lang\": \"en\", \"value\": \"Block 23/tcp to the cameras.\"}],"
    "  \"references\": [{\"url\": \"https://www.fabrikam.example/security/FAB-SA-2025-02\"}]}}}";

static const char nvd_openssl[] =
    "{\"resultsPerPage\": 1, \"format\": \"NVD_CVE\", \"version\": \"2.0\", \"vulnerabilities\": [{\"cve\": {"
    " \"id\": \"CVE-2023-0286\","
    " \"descriptions\": [{\"lang\": \"en\", \"value\": \"There is a type confusion vulnerability relating to X.400 address processing inside an X.509 GeneralName.\"}],"
    " \"metrics\": {\"cvssMetricV31\": [{\"cvssData\": {\"baseScore\": 7.4, \"baseSeverity\": \"HIGH\", \"vectorString\": \"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H\"}}]},"
    " \"configurations\": [{\"nodes\": [{\"operator\": \"OR\", \"cpeMatch\": ["
    "  {\"vulnerable\": true, \"criteria\": \"cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*\", \"versionStartIncluding\": \"1.1.1\", \"versionEndExcluding\": \"1.1.1t\"}]}]}],"
    " \"references\": [{\"url\": \"https://www.openssl.org/news/secadv/20230207.txt\"}]}}]}";
/* clang-format on */

struct demo_sw {
    const char *asset, *vendor, *product, *version, *who;
};

static const struct demo_sw inventory[] = {
    {"BHS-PLC1", "Northwind", "NW-PLC 300 firmware", "2.4.1", "nakamura"},
    {"BHS-PLC2", "Northwind", "NW-PLC 300 firmware", "2.4.1", "nakamura"},
    {"BHS-SCADA1", "Northwind", "BHS-Control", "7.2.0", "nakamura"},
    {"BHS-SCADA1", "Microsoft", "Windows Server 2016", "10.0.14393.7336", "nakamura"},
    {"BHS-HMI1", "Northwind", "HMI Runtime", "15.1 SP2", "nakamura"},
    {"SURV-CAM-T1-001", "Fabrikam", "IPC-220 firmware", "2.8.7", "yoshida"},
    {"SURV-CAM-T1-002", "Fabrikam", "IPC-220 firmware", "2.8.7", "yoshida"},
    {"SURV-REC1", "Fabrikam", "NVR-8800 firmware", "5.2.0", "yoshida"},
    {"FIDS-SRV1", "Red Hat", "Enterprise Linux", "8.6", "yamaguchi"},
    {"FIDS-SRV1", "OpenSSL", "OpenSSL", "1.1.1k", "yamaguchi"},
    {"FIDS-SRV1", "Contoso", "FIS-5 server", "5.3.2", "yamaguchi"},
    {"FIDS-DSP-T2-01", "Contoso", "SignBox player", "2.1", "yamaguchi"},
    {"NET-CORE1", "Tailspin", "CS-9000 OS", "12.2.4", "tanaka"},
};

static long long person(struct store *st, const char *login)
{
    long long id = 0;
    struct ag_error ignore;
    if (isms_person_id(st, login, &id, &ignore) != AG_OK)
        return 0;
    return id;
}

static long long match_of(struct store *st, const char *ident, const char *asset)
{
    sqlite3_stmt *s;
    struct ag_error ignore;
    long long id = 0;
    if (store_prepare(st, &s,
                      "SELECT m.id FROM vuln_matches m JOIN vulns v ON v.id = m.vuln_id JOIN "
                      "assets a ON a.id = m.asset_id WHERE v.ident = ? AND a.code = ?",
                      &ignore) != AG_OK)
        return 0;
    sqlite3_bind_text(s, 1, ident, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, asset, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW)
        id = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return id;
}

static int need_match(long long id, const char *ident, const char *asset, struct ag_error *err)
{
    return id ? AG_OK
              : ag_error_set(err, AG_EINVAL, "demo: %s does not match asset %s", ident, asset);
}

int isms_demo_vuln(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    (void)cat;
    int rc;
    char today[11], d[6][11];
    ag_date_iso(ag_now(), today);
    static const long offsets[] = {-12, -5, 14, 30, 45, 60};
    for (size_t i = 0; i < AG_ARRAY_LEN(offsets); i++)
        ag_date_add(today, offsets[i], d[i]);
    for (size_t i = 0; i < AG_ARRAY_LEN(inventory); i++) {
        const struct demo_sw *w = &inventory[i];
        struct vuln_software_new n = {w->asset, w->vendor, w->product, w->version, NULL, "entered"};
        long long id;
        if ((rc = vuln_software_add(st, person(st, w->who), &n, &id, NULL, err)))
            return rc;
    }
    struct vuln_import_result res;
    long long nakamura = person(st, "nakamura"), yamamoto = person(st, "yamamoto"),
              yoshida = person(st, "yoshida"), kato = person(st, "kato"),
              yamaguchi = person(st, "yamaguchi"), sasaki = person(st, "sasaki");
    if ((rc = vuln_import_mem(st, nakamura, "NWSA-2025-004.json", csaf_northwind,
                              sizeof(csaf_northwind) - 1, &res, err)) ||
        (rc = vuln_import_mem(st, yoshida, "CVE-2025-20931.json", cve5_fabrikam,
                              sizeof(cve5_fabrikam) - 1, &res, err)) ||
        (rc = vuln_import_mem(st, yamaguchi, "nvdcve-2.0-openssl.json", nvd_openssl,
                              sizeof(nvd_openssl) - 1, &res, err)))
        return rc;

    /* BHS PLCs: a control system that runs round the clock — no patch before the winter line
     * stop; compensating measures instead (3.1.5.1(1)(e) 制御システム等). */
    long long plc1 = match_of(st, "CVE-2025-31410", "BHS-PLC1"),
              plc2 = match_of(st, "CVE-2025-31410", "BHS-PLC2"),
              scada = match_of(st, "CVE-2025-31411", "BHS-SCADA1"),
              cam1 = match_of(st, "CVE-2025-20931", "SURV-CAM-T1-001"),
              ssl = match_of(st, "CVE-2023-0286", "FIDS-SRV1");
    if ((rc = need_match(plc1, "CVE-2025-31410", "BHS-PLC1", err)) ||
        (rc = need_match(plc2, "CVE-2025-31410", "BHS-PLC2", err)) ||
        (rc = need_match(scada, "CVE-2025-31411", "BHS-SCADA1", err)) ||
        (rc = need_match(cam1, "CVE-2025-20931", "SURV-CAM-T1-001", err)) ||
        (rc = need_match(ssl, "CVE-2023-0286", "FIDS-SRV1", err)))
        return rc;
    const char *plc_risk =
        "PLC は BHS 制御 LAN 内のみから到達可能。停止すると仕分けラインが止まり手仕分けと"
        "なる（処理能力約3割）。";
    struct vuln_plan no_patch = {plc_risk, "no", NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    if ((rc = vuln_plan_set(st, nakamura, plc1, &no_patch, err)) ||
        (rc = vuln_compensate(st, nakamura, plc1, "isolation",
                              "BHS 制御 LAN と事務系 LAN の間のファイアウォールで 102/tcp を SCADA "
                              "サーバからのみに制限",
                              err)) ||
        (rc = vuln_compensate(st, nakamura, plc1, "monitoring",
                              "netwatch で PLC への S7 通信を監視し、許可リスト外の通信を警報",
                              err)) ||
        (rc = vuln_approve(st, yamamoto, plc1, err)) ||
        (rc = vuln_close(st, nakamura, plc1, "accepted",
                         "冬季の計画停止（ファーム 2.6.0 へ更新）まで代替策でリスクを受容", err)))
        return rc;
    if ((rc = vuln_compensate(st, nakamura, plc2, "allowlist",
                              "PLC2 のプログラム書込みは保守端末 BHS-HMI1 からのみ許可", err)))
        return rc;
    /* the SCADA server: update planned and approved, in the next maintenance window */
    struct vuln_plan scada_plan = {
        "操作用 Web 画面は BHS 制御室の端末からのみ利用。認証回避で仕分け設定の改ざんのおそれ。",
        "yes",
        "BHS-Control 7.3.1 へ更新（ベンダ作業）",
        "更新まで Web 画面を無効化し、操作はローカル端末で行う",
        "更新中の 40 分間は監視制御が止まるため、夜間の運用停止時間帯に実施",
        d[3],
        "yes",
        "検証環境で仕分けシナリオ試験を実施し、ベンダ立会いで確認",
        d[2]};
    if ((rc = vuln_plan_set(st, nakamura, scada, &scada_plan, err)) ||
        (rc = vuln_approve(st, yamamoto, scada, err)))
        return rc;
    /* camera 1: planned and approved, but the schedule has passed (overdue on the dashboard) */
    struct vuln_plan cam_plan = {
        "カメラは監視 VLAN 内。保守用アカウント経由で映像の改ざん・停止のおそれ。",
        "yes",
        "ファームウェア 2.9.1 へ更新",
        "23/tcp を監視 VLAN のスイッチで遮断",
        "1 台ずつ更新し、更新中（約 10 分）は隣接カメラで補う",
        d[1],
        "no",
        NULL,
        NULL};
    if ((rc = vuln_plan_set(st, yoshida, cam1, &cam_plan, err)) ||
        (rc = vuln_approve(st, kato, cam1, err)))
        return rc;
    /* FIDS: OpenSSL updated and tested; the inventory then shows the new version */
    struct vuln_plan ssl_plan = {
        "FIDS 配信サーバは TLS で運航情報を受信。細工した証明書でサービス停止のおそれ。",
        "yes",
        "OS の更新で OpenSSL 1.1.1w へ",
        "なし（更新まで 7 日間）",
        "再起動 5 分。深夜帯に実施し、表示は手書き掲示で補う",
        d[0],
        "yes",
        "検証サーバで運航情報の受信と表示を確認",
        d[0]};
    struct vuln_software_new updated = {"FIDS-SRV1", "OpenSSL", "OpenSSL",
                                        "1.1.1w",    NULL,      "entered"};
    long long sw_id;
    if ((rc = vuln_plan_set(st, yamaguchi, ssl, &ssl_plan, err)) ||
        (rc = vuln_approve(st, sasaki, ssl, err)) ||
        (rc = vuln_close(st, yamaguchi, ssl, "done", "1.1.1w へ更新、表示確認済み", err)) ||
        (rc = vuln_software_add(st, yamaguchi, &updated, &sw_id, NULL, err)))
        return rc;
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            "SELECT w.id FROM vuln_software w JOIN assets a ON a.id = w.asset_id "
                            "WHERE a.code = 'FIDS-SRV1' AND w.product = 'OpenSSL' AND w.version = "
                            "'1.1.1k'",
                            err)))
        return rc;
    long long old = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    if (old && (rc = vuln_software_remove(st, yamaguchi, old, err)))
        return rc;
    long long review;
    return vuln_review(st, nakamura, "月次の脆弱性対策状況の確認。PLC は冬季停止で更新予定。",
                       &review, err);
}
