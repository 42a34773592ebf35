-- Dialer storage: campaigns, leads, dial attempts, compliance evidence, caller-id usage, leases, CRM outbox.
-- Times are Unix milliseconds (bigint) taken from the dialer's clock, so pure logic and SQL agree on "now".

CREATE TABLE dialer_campaigns (
  id text PRIMARY KEY,
  spec jsonb NOT NULL,
  state text NOT NULL DEFAULT 'PAUSED',
  created_ms bigint NOT NULL,
  updated_ms bigint NOT NULL
);

CREATE TABLE dialer_leads (
  id text PRIMARY KEY,
  campaign_id text NOT NULL REFERENCES dialer_campaigns (id),
  phone text NOT NULL,
  name text NOT NULL DEFAULT '',
  timezone text NOT NULL DEFAULT '',
  consent boolean NOT NULL DEFAULT false,
  attributes jsonb NOT NULL DEFAULT '{}',
  -- pending (waiting for its next attempt) | dialing (an attempt is live) | done | blocked (final)
  state text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_ms bigint NOT NULL DEFAULT 0,
  last_attempt_end_ms bigint,
  last_outcome text NOT NULL DEFAULT '',
  final_reason text NOT NULL DEFAULT '',
  refused boolean NOT NULL DEFAULT false,
  grade text NOT NULL DEFAULT '',
  created_ms bigint NOT NULL,
  updated_ms bigint NOT NULL,
  UNIQUE (campaign_id, phone)
);
CREATE INDEX dialer_leads_claim_idx ON dialer_leads (campaign_id, state, next_attempt_ms);

-- One row per dial attempt, written before the originate request; id = call id = idempotency key.
CREATE TABLE dialer_attempts (
  id text PRIMARY KEY,
  campaign_id text NOT NULL,
  lead_id text NOT NULL REFERENCES dialer_leads (id),
  attempt_no integer NOT NULL,
  phone text NOT NULL,
  caller_id text NOT NULL,
  carrier text NOT NULL,
  carrier_sid text,
  -- originating (written, request not confirmed) | dialing | ringing | in_call | ended
  state text NOT NULL,
  -- answered | busy | no_answer | machine | failed | abandoned | unknown
  outcome text NOT NULL DEFAULT '',
  answered_by text NOT NULL DEFAULT '',
  created_ms bigint NOT NULL,
  originated_ms bigint,
  ringing_ms bigint,
  answered_ms bigint,
  ended_ms bigint,
  duration_s integer,
  last_sequence integer NOT NULL DEFAULT -1,
  grade text NOT NULL DEFAULT '',
  consent boolean NOT NULL DEFAULT false,
  opted_out boolean NOT NULL DEFAULT false,
  refused boolean NOT NULL DEFAULT false,
  end_reason text NOT NULL DEFAULT '',
  talk_ms integer,
  answer_to_audio_ms integer,
  outcome_reported boolean NOT NULL DEFAULT false,
  UNIQUE (lead_id, attempt_no)
);
CREATE UNIQUE INDEX dialer_attempts_sid_idx ON dialer_attempts (carrier_sid) WHERE carrier_sid IS NOT NULL;
CREATE INDEX dialer_attempts_phone_idx ON dialer_attempts (phone, created_ms);
CREATE INDEX dialer_attempts_live_idx ON dialer_attempts (state) WHERE state <> 'ended';
CREATE INDEX dialer_attempts_campaign_idx ON dialer_attempts (campaign_id, ended_ms);

-- Do-not-call list: append-only evidence (who, when, why).
CREATE TABLE dialer_dnc (
  id bigserial PRIMARY KEY,
  phone text NOT NULL,
  reason text NOT NULL,
  source text NOT NULL,
  evidence text NOT NULL DEFAULT '',
  call_id text NOT NULL DEFAULT '',
  lead_id text NOT NULL DEFAULT '',
  created_ms bigint NOT NULL
);
CREATE INDEX dialer_dnc_phone_idx ON dialer_dnc (phone, created_ms);

-- Consent changes: append-only evidence.
CREATE TABLE dialer_consent_events (
  id bigserial PRIMARY KEY,
  lead_id text NOT NULL,
  phone text NOT NULL,
  consent boolean NOT NULL,
  source text NOT NULL,
  call_id text NOT NULL DEFAULT '',
  created_ms bigint NOT NULL
);

-- Every compliance block, with its reason.
CREATE TABLE dialer_blocks (
  id bigserial PRIMARY KEY,
  campaign_id text NOT NULL,
  lead_id text NOT NULL,
  phone text NOT NULL,
  reason text NOT NULL,
  final boolean NOT NULL,
  detail text NOT NULL DEFAULT '',
  retry_ms bigint,
  created_ms bigint NOT NULL
);
CREATE INDEX dialer_blocks_campaign_idx ON dialer_blocks (campaign_id, reason);

CREATE TABLE dialer_caller_id_usage (
  caller_id text NOT NULL,
  day text NOT NULL,
  calls integer NOT NULL DEFAULT 0,
  PRIMARY KEY (caller_id, day)
);

CREATE TABLE dialer_caller_id_quarantine (
  id bigserial PRIMARY KEY,
  caller_id text NOT NULL,
  reason text NOT NULL,
  call_id text NOT NULL DEFAULT '',
  created_ms bigint NOT NULL,
  until_ms bigint NOT NULL
);
CREATE INDEX dialer_caller_id_quarantine_idx ON dialer_caller_id_quarantine (caller_id, until_ms);

-- Leases: one pacer per campaign across replicas (PGlite shares one session, so advisory locks cannot exclude).
CREATE TABLE dialer_leases (
  name text PRIMARY KEY,
  owner text NOT NULL,
  expires_ms bigint NOT NULL
);

-- CRM webhook outbox: written in the same transaction as the fact it reports.
CREATE TABLE dialer_outbox (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  created_ms bigint NOT NULL,
  tries integer NOT NULL DEFAULT 0,
  next_try_ms bigint NOT NULL,
  delivered_ms bigint,
  last_error text NOT NULL DEFAULT ''
);
CREATE INDEX dialer_outbox_due_idx ON dialer_outbox (next_try_ms) WHERE delivered_ms IS NULL;
