-- 019_exports: the report to MLIT (情報連絡, 3.2.2.2(2)) in its final form (docs/compliance.md,
-- "Exports: OSCAL, STIX and the report to the ministry"). Two fields join the form seeded by
-- 006_audit.sql, each from a source src/isms/incident.c knows:
--   previous_reports  the reports already sent (速報・続報), so a follow-up or final report says
--                     what the ministry has had (the 報告区分 field now tells 速報 / 続報 / 最終報);
--   records           the records kept for finding the cause (3.2.3.1: ログ等の電子的記録を収集・
--                     分析): the monitor alerts linked to the incident, by category, with their
--                     time span and source addresses.
-- The rows are inserted by this migration, after the audit triggers of incident_report_fields
-- exist, so the audit trail records them.
INSERT INTO incident_report_fields(key, label_ja, label_en, required, ord, source) VALUES
 ('previous_reports', '国土交通省への情報連絡の経過', 'Reports to MLIT so far', 0, 15,
  'timeline.ministry'),
 ('records', '原因究明のための記録（ログ・監視アラート）',
  'Records for finding the cause (logs, monitor alerts)', 0, 165, 'alerts.linked');
