-- Dialogue service storage: script versions, call records, consent and opt-out evidence, dialer outbox.
CREATE TABLE IF NOT EXISTS dialogue_scripts (
  script_id   text    NOT NULL,
  version     integer NOT NULL,
  source      text    NOT NULL,
  sha256      text    NOT NULL,
  title       text    NOT NULL,
  language    text    NOT NULL,
  created_at_ms bigint NOT NULL,
  PRIMARY KEY (script_id, version)
);

-- One row per call, written at call start and replaced as the call progresses; `record` holds turns, slots, path.
CREATE TABLE IF NOT EXISTS dialogue_calls (
  call_id        text    PRIMARY KEY,
  campaign_id    text    NOT NULL,
  lead_id        text    NOT NULL,
  script_id      text    NOT NULL,
  script_version integer NOT NULL,
  grade          text,
  end_reason     text,
  started_at_ms  bigint  NOT NULL,
  ended_at_ms    bigint,
  record         jsonb   NOT NULL
);
CREATE INDEX IF NOT EXISTS dialogue_calls_campaign_started ON dialogue_calls (campaign_id, started_at_ms DESC, call_id DESC);
CREATE INDEX IF NOT EXISTS dialogue_calls_grade_started ON dialogue_calls (grade, started_at_ms DESC);

-- Evidence: append-only (rules below turn UPDATE and DELETE into no-ops).
CREATE TABLE IF NOT EXISTS dialogue_consents (
  id             bigserial PRIMARY KEY,
  call_id        text    NOT NULL,
  campaign_id    text    NOT NULL,
  lead_id        text    NOT NULL,
  script_id      text    NOT NULL,
  script_version integer NOT NULL,
  node_id        text    NOT NULL,
  utterance      text    NOT NULL,
  start_ms       integer NOT NULL,
  end_ms         integer NOT NULL,
  recorded_at_ms bigint  NOT NULL
);
CREATE INDEX IF NOT EXISTS dialogue_consents_call ON dialogue_consents (call_id);
CREATE RULE dialogue_consents_no_update AS ON UPDATE TO dialogue_consents DO INSTEAD NOTHING;
CREATE RULE dialogue_consents_no_delete AS ON DELETE TO dialogue_consents DO INSTEAD NOTHING;

CREATE TABLE IF NOT EXISTS dialogue_opt_outs (
  id             bigserial PRIMARY KEY,
  call_id        text    NOT NULL,
  campaign_id    text    NOT NULL,
  lead_id        text    NOT NULL,
  evidence       text    NOT NULL,
  recorded_at_ms bigint  NOT NULL
);
CREATE INDEX IF NOT EXISTS dialogue_opt_outs_call ON dialogue_opt_outs (call_id);
CREATE RULE dialogue_opt_outs_no_update AS ON UPDATE TO dialogue_opt_outs DO INSTEAD NOTHING;
CREATE RULE dialogue_opt_outs_no_delete AS ON DELETE TO dialogue_opt_outs DO INSTEAD NOTHING;

-- Messages for the dialer (AddDoNotCall, ReportCallOutcome), delivered at least once with backoff.
CREATE TABLE IF NOT EXISTS dialogue_outbox (
  id              bigserial PRIMARY KEY,
  kind            text    NOT NULL,
  call_id         text    NOT NULL,
  payload         jsonb   NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_ms bigint  NOT NULL,
  last_error      text,
  created_at_ms   bigint  NOT NULL,
  delivered_at_ms bigint,
  UNIQUE (kind, call_id)
);
CREATE INDEX IF NOT EXISTS dialogue_outbox_due ON dialogue_outbox (next_attempt_ms) WHERE delivered_at_ms IS NULL;
