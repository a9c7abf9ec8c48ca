-- Custom SQL migration file, put your code below! --
-- The mail outbox moves onto the job queue: every mail still waiting to be sent gets its
-- mail.send job (with its attempts so far and its next try), before the next migration drops
-- the outbox's own retry columns. Without this, mails queued before the upgrade would never go.
INSERT INTO "jobs" ("kind", "key", "payload", "run_at", "attempts", "max_attempts", "created_at")
SELECT 'mail.send', 'mail.send:' || "id"::text, jsonb_build_object('mailId', "id"), "next_attempt_at", "attempts", 8, "created_at"
FROM "email_outbox"
WHERE "status" = 'pending';
