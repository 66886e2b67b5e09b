-- Person-level extracts (CLD, safeguarding) are registered here; their rows live in the case store
-- (DuckDB by default, these same PostgreSQL tables' neighbours on the multi-council path). A
-- submission is immutable: a changed file is a new submission, and the latest covering a period wins.
CREATE TABLE case_submissions (
  id text PRIMARY KEY,
  load_order bigserial NOT NULL,
  kind text NOT NULL CHECK (kind IN ('cld', 'safeguarding')),
  la_code text NOT NULL REFERENCES organisations (code),
  period_start date NOT NULL,
  period_end date NOT NULL,
  cld_release smallint,
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  key_fingerprint text NOT NULL,
  rows_read integer NOT NULL,
  rows_loaded integer NOT NULL,
  rows_rejected integer NOT NULL,
  quality jsonb NOT NULL,
  imported_by bigint REFERENCES users (id) ON DELETE SET NULL,
  imported_by_label text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, la_code, file_sha256),
  CHECK (period_end >= period_start)
);
CREATE INDEX case_submissions_covering ON case_submissions (kind, la_code, period_end DESC);

-- A derivation is a release of observations; these are the submissions it read.
CREATE TABLE derivation_inputs (
  release_id bigint NOT NULL REFERENCES releases (id),
  submission_id text NOT NULL REFERENCES case_submissions (id),
  PRIMARY KEY (release_id, submission_id)
);
