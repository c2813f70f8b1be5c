-- 012_item_indexes: look-ups by guideline item. A guideline item's page shows this airport's
-- records on the item and the measures below it (src/web/pages_catalog.c): answers, risks,
-- exceptions and findings found by one range of item ids each. Without these indexes each
-- query scanned its whole table (the answers of a campaign: 454 µs per page on the demo).
CREATE INDEX assess_answers_by_item ON assess_answers(item_id);
CREATE INDEX risk_measures_by_item ON risk_measures(item_id);
CREATE INDEX exceptions_by_item ON exceptions(item_id);
CREATE INDEX audit_findings_by_item ON audit_findings(item_id);
