-- Performance framework: a manager role; local values entered in batches that go draft → submitted →
-- approved before they become observations; validation rules per measure; targets with every version kept;
-- commentary per measure and period; the council's performance plan as a versioned document.

ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('admin', 'analyst', 'manager', 'editor', 'viewer'));

-- One upload or form entry. Approval writes its values as one release of observations (release_id).
CREATE TABLE value_batches (
  id bigserial PRIMARY KEY,
  org_code text NOT NULL REFERENCES organisations (code),
  source text NOT NULL CHECK (source IN ('upload', 'form', 'api')),
  file_name text NOT NULL,
  file_sha256 text,
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned', 'withdrawn')),
  rows_read integer NOT NULL,
  report jsonb NOT NULL,
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  submitted_by bigint REFERENCES users (id) ON DELETE SET NULL,
  submitted_by_label text,
  submitted_at timestamptz,
  decided_by bigint REFERENCES users (id) ON DELETE SET NULL,
  decided_by_label text,
  decided_at timestamptz,
  decision_note text,
  release_id bigint REFERENCES releases (id)
);
CREATE INDEX value_batches_org ON value_batches (org_code, status);
-- The same file twice for a council is one batch, unless the first was returned or withdrawn.
CREATE UNIQUE INDEX value_batches_file ON value_batches (org_code, file_sha256)
  WHERE file_sha256 IS NOT NULL AND status IN ('draft', 'submitted', 'approved');

CREATE TABLE value_entries (
  id bigserial PRIMARY KEY,
  batch_id bigint NOT NULL REFERENCES value_batches (id) ON DELETE CASCADE,
  row_number integer NOT NULL,
  measure_id text NOT NULL REFERENCES measures (id),
  period text NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  value numeric NOT NULL,
  numerator numeric,
  denominator numeric,
  note text NOT NULL DEFAULT '',
  warnings text[] NOT NULL DEFAULT '{}',
  -- The published value this entry would replace, when it is a correction.
  replaces numeric
);
CREATE INDEX value_entries_batch ON value_entries (batch_id);
CREATE INDEX value_entries_measure ON value_entries (measure_id, period);

CREATE TABLE measure_value_rules (
  measure_id text PRIMARY KEY REFERENCES measures (id),
  rules jsonb NOT NULL,
  updated_by bigint REFERENCES users (id) ON DELETE SET NULL,
  updated_by_label text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Each change of a target is a new version; a period is judged by the version in force on its last day.
-- target holds the frozen target (spec, the measure's polarity, unit and decimals, the RAG rule version);
-- null when the target was removed.
CREATE TABLE targets (
  id bigserial PRIMARY KEY,
  org_code text NOT NULL REFERENCES organisations (code),
  measure_id text NOT NULL REFERENCES measures (id),
  period text NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  version integer NOT NULL,
  target jsonb,
  set_on date NOT NULL,
  set_by bigint REFERENCES users (id) ON DELETE SET NULL,
  set_by_label text NOT NULL,
  set_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_code, measure_id, period, version)
);
CREATE INDEX targets_org ON targets (org_code, measure_id);

CREATE TABLE commentaries (
  id bigserial PRIMARY KEY,
  org_code text NOT NULL REFERENCES organisations (code),
  measure_id text NOT NULL REFERENCES measures (id),
  period text NOT NULL,
  happening text NOT NULL,
  why text NOT NULL,
  action text NOT NULL,
  version integer NOT NULL,
  updated_by bigint REFERENCES users (id) ON DELETE SET NULL,
  updated_by_label text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  superseded_at timestamptz
);
CREATE UNIQUE INDEX commentaries_current ON commentaries (org_code, measure_id, period) WHERE superseded_at IS NULL;

CREATE TABLE performance_plans (
  id bigserial PRIMARY KEY,
  org_code text NOT NULL REFERENCES organisations (code),
  version integer NOT NULL,
  plan jsonb NOT NULL,
  updated_by bigint REFERENCES users (id) ON DELETE SET NULL,
  updated_by_label text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  superseded_at timestamptz,
  UNIQUE (org_code, version)
);
CREATE UNIQUE INDEX performance_plans_current ON performance_plans (org_code) WHERE superseded_at IS NULL;
