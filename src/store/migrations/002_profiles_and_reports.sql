-- Council improvement profiles: the director's narrative per council and year (with history),
-- each council's chosen comparator group, and saved report snapshots.

CREATE TABLE profile_narratives (
  id bigserial PRIMARY KEY,
  org_code text NOT NULL REFERENCES organisations (code),
  period text NOT NULL,
  narrative text NOT NULL,
  extra_highlights text[] NOT NULL DEFAULT '{}',
  signatory_name text NOT NULL DEFAULT '',
  signatory_title text NOT NULL DEFAULT '',
  version integer NOT NULL,
  updated_by bigint REFERENCES users (id) ON DELETE SET NULL,
  updated_by_label text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  superseded_at timestamptz
);
CREATE UNIQUE INDEX profile_narratives_current ON profile_narratives (org_code, period) WHERE superseded_at IS NULL;

CREATE TABLE council_settings (
  org_code text PRIMARY KEY REFERENCES organisations (code),
  comparator_group_id bigint REFERENCES comparator_groups (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE report_snapshots (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  subject_code text NOT NULL,
  period text NOT NULL,
  title text NOT NULL,
  inputs jsonb NOT NULL,
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_snapshots_subject ON report_snapshots (kind, subject_code, period);
