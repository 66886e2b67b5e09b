-- The risk register: risks with inherent, current and target scores, every review with its scores,
-- key actions (which may be programme actions), and each council's RAG bands and risk appetite,
-- set per financial year and frozen once a review is scored under them.

CREATE TABLE risk_schemes (
  id bigserial PRIMARY KEY,
  org_code text NOT NULL REFERENCES organisations (code),
  from_period text NOT NULL,
  from_date date NOT NULL,
  bands jsonb NOT NULL,
  appetite jsonb NOT NULL,
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_code, from_period)
);

CREATE TABLE risks (
  id bigserial PRIMARY KEY,
  org_code text NOT NULL REFERENCES organisations (code),
  reference text NOT NULL,
  title text NOT NULL DEFAULT '',
  description text NOT NULL,
  themes text[] NOT NULL DEFAULT '{}',
  owners text[] NOT NULL DEFAULT '{}',
  controls text NOT NULL DEFAULT '',
  assurance text NOT NULL DEFAULT '',
  inherent_impact smallint CHECK (inherent_impact BETWEEN 1 AND 5),
  inherent_likelihood smallint CHECK (inherent_likelihood BETWEEN 1 AND 5),
  inherent_score smallint CHECK (inherent_score BETWEEN 1 AND 25),
  target_impact smallint CHECK (target_impact BETWEEN 1 AND 5),
  target_likelihood smallint CHECK (target_likelihood BETWEEN 1 AND 5),
  target_score smallint CHECK (target_score BETWEEN 1 AND 25),
  review_frequency text NOT NULL DEFAULT 'quarterly' CHECK (review_frequency IN ('monthly', 'quarterly', 'six-monthly', 'annually')),
  next_review_on date NOT NULL,
  exempt boolean NOT NULL DEFAULT false,
  exempt_reason text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  programme_id bigint REFERENCES programmes (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_code, reference)
);

-- Every review, including the score an import brought in (its factors may be unrecorded).
CREATE TABLE risk_reviews (
  id bigserial PRIMARY KEY,
  risk_id bigint NOT NULL REFERENCES risks (id),
  reviewed_on date NOT NULL,
  impact smallint CHECK (impact BETWEEN 1 AND 5),
  likelihood smallint CHECK (likelihood BETWEEN 1 AND 5),
  score smallint NOT NULL CHECK (score BETWEEN 1 AND 25),
  scheme_id bigint NOT NULL REFERENCES risk_schemes (id),
  rag text NOT NULL CHECK (rag IN ('green', 'amber', 'red')),
  source text NOT NULL CHECK (source IN ('review', 'import')),
  notes text NOT NULL DEFAULT '',
  reviewed_by bigint REFERENCES users (id) ON DELETE SET NULL,
  reviewed_by_label text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((impact IS NULL) = (likelihood IS NULL)),
  CHECK (impact IS NULL OR score = impact * likelihood)
);
CREATE INDEX risk_reviews_risk ON risk_reviews (risk_id, reviewed_on, id);

CREATE TABLE risk_key_actions (
  id bigserial PRIMARY KEY,
  risk_id bigint NOT NULL REFERENCES risks (id),
  text text NOT NULL,
  deadline date,
  action_id bigint REFERENCES actions (id),
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX risk_key_actions_risk ON risk_key_actions (risk_id, position);
CREATE INDEX risk_key_actions_action ON risk_key_actions (action_id);
