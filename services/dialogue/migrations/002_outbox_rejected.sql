-- Dialer messages the dialer refused for good (invalid argument, unknown lead): kept as evidence, no longer retried.
ALTER TABLE dialogue_outbox ADD COLUMN IF NOT EXISTS rejected_at_ms bigint;
DROP INDEX IF EXISTS dialogue_outbox_due;
CREATE INDEX IF NOT EXISTS dialogue_outbox_due ON dialogue_outbox (next_attempt_ms) WHERE delivered_at_ms IS NULL AND rejected_at_ms IS NULL;
