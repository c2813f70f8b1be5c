-- 022_notify_personal: notifications to the person concerned (docs/compliance.md
-- "Notifications", "To the person concerned"). A rule whose target is the word `person` (e-mail
-- only) sends each event to the e-mail address of the person it concerns — the owner of a
-- corrective action, the applicant of an exception, the respondent of a self-inspection sheet —
-- read from people.email when the event is queued; recipient keeps that address on the outbox
-- row (NULL: the rule's own target), so a later change of the address does not redirect a
-- message already queued and the outbox shows who was told.
ALTER TABLE notify_outbox ADD COLUMN recipient TEXT CHECK (recipient IS NULL OR length(recipient)
    BETWEEN 3 AND 320);
