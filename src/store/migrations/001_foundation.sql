-- Foundation schema: people who use Ascent, the audit trail, the organisation register,
-- the measure catalogue, and observations grouped into releases.

CREATE TABLE users (
  id bigserial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'analyst', 'editor', 'viewer')),
  password_hash text NOT NULL,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE sign_in_attempts (
  id bigserial PRIMARY KEY,
  attempt_key text NOT NULL,
  succeeded boolean NOT NULL,
  attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_attempts_key ON sign_in_attempts (attempt_key, attempted_at);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id bigint REFERENCES users (id) ON DELETE SET NULL,
  actor_label text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  before jsonb,
  after jsonb
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_at ON audit_log (at DESC);

CREATE TABLE organisations (
  code text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('country', 'region', 'council_type', 'council')),
  region_code text REFERENCES organisations (code),
  council_type_code text REFERENCES organisations (code),
  valid_from date,
  valid_to date,
  aliases text[] NOT NULL DEFAULT '{}',
  definition jsonb NOT NULL
);
CREATE INDEX organisations_kind ON organisations (kind);

CREATE TABLE organisation_successions (
  predecessor_code text NOT NULL REFERENCES organisations (code),
  successor_code text NOT NULL REFERENCES organisations (code),
  effective date NOT NULL,
  PRIMARY KEY (predecessor_code, successor_code)
);

CREATE TABLE comparator_groups (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  owner_code text REFERENCES organisations (code),
  version integer NOT NULL DEFAULT 1,
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (name)
);

CREATE TABLE comparator_group_members (
  group_id bigint NOT NULL REFERENCES comparator_groups (id) ON DELETE CASCADE,
  org_code text NOT NULL REFERENCES organisations (code),
  valid_from date NOT NULL,
  valid_to date,
  PRIMARY KEY (group_id, org_code, valid_from),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

CREATE TABLE measures (
  id text PRIMARY KEY,
  family text NOT NULL,
  edition text NOT NULL,
  code text NOT NULL,
  title text NOT NULL,
  origin text NOT NULL CHECK (origin IN ('catalogue', 'local')),
  definition jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (family, edition, code)
);

CREATE TABLE releases (
  id bigserial PRIMARY KEY,
  source text NOT NULL,
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  imported_by bigint REFERENCES users (id) ON DELETE SET NULL,
  imported_by_label text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  rows_read integer NOT NULL,
  rows_loaded integer NOT NULL,
  rows_rejected integer NOT NULL,
  observations_added integer NOT NULL,
  observations_unchanged integer NOT NULL,
  observations_superseded integer NOT NULL,
  report jsonb NOT NULL,
  UNIQUE (source, file_sha256)
);

-- A value belongs to an organisation, a measure, a period and a release. A restated figure
-- supersedes the current one (superseded_by is set) and the old row stays as history.
CREATE TABLE observations (
  id bigserial PRIMARY KEY,
  release_id bigint NOT NULL REFERENCES releases (id),
  org_code text NOT NULL REFERENCES organisations (code),
  measure_id text NOT NULL REFERENCES measures (id),
  period text NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  disaggregation text NOT NULL DEFAULT 'Total',
  value numeric,
  numerator numeric,
  denominator numeric,
  suppression text,
  superseded_by bigint REFERENCES releases (id),
  -- A suppressed figure has a marker and no value; a row may also carry only a numerator and denominator.
  CHECK (value IS NULL OR suppression IS NULL)
);
CREATE UNIQUE INDEX observations_current
  ON observations (org_code, measure_id, period, disaggregation) WHERE superseded_by IS NULL;
CREATE INDEX observations_measure_period ON observations (measure_id, period) WHERE superseded_by IS NULL;
CREATE INDEX observations_release ON observations (release_id);
