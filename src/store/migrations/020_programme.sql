-- Improvement programmes: a programme has plans (a re-plan supersedes the current plan and keeps it
-- as history), each plan has workstreams (themes, projects, enablers) with actions and milestones,
-- dated progress updates, links to measures, and governance: boards, groups, meetings and papers.
-- Also workforce capacity (posts planned and recruited) and the record of plan and register imports.

CREATE TABLE programmes (
  id bigserial PRIMARY KEY,
  org_code text NOT NULL REFERENCES organisations (code),
  name text NOT NULL,
  purpose text NOT NULL DEFAULT '',
  sponsor text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  started_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_code, name)
);

CREATE TABLE programme_plans (
  id bigserial PRIMARY KEY,
  programme_id bigint NOT NULL REFERENCES programmes (id),
  version integer NOT NULL,
  title text NOT NULL,
  summary text NOT NULL DEFAULT '',
  adopted_on date NOT NULL,
  superseded_on date,
  superseded_reason text NOT NULL DEFAULT '',
  UNIQUE (programme_id, version)
);
CREATE UNIQUE INDEX programme_plans_current ON programme_plans (programme_id) WHERE superseded_on IS NULL;

-- Boards, workstream groups and task-and-finish groups: who meets, how often, and whom they report to.
CREATE TABLE boards (
  id bigserial PRIMARY KEY,
  programme_id bigint NOT NULL REFERENCES programmes (id),
  kind text NOT NULL CHECK (kind IN ('board', 'workstream-group', 'task-and-finish')),
  name text NOT NULL,
  purpose text NOT NULL DEFAULT '',
  chair text NOT NULL DEFAULT '',
  members text[] NOT NULL DEFAULT '{}',
  cadence text NOT NULL CHECK (cadence IN ('weekly', 'fortnightly', 'monthly', 'bimonthly', 'quarterly', 'annually', 'as-needed')),
  reports_to_board_id bigint REFERENCES boards (id),
  reports_to_text text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  ends_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (programme_id, name)
);

CREATE TABLE workstreams (
  id bigserial PRIMARY KEY,
  plan_id bigint NOT NULL REFERENCES programme_plans (id),
  kind text NOT NULL DEFAULT 'workstream' CHECK (kind IN ('workstream', 'theme', 'project', 'enabler')),
  title text NOT NULL,
  lead text NOT NULL DEFAULT '',
  purpose text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'in-progress' CHECK (status IN ('not-started', 'in-progress', 'complete', 'on-hold', 'cancelled')),
  rag text CHECK (rag IN ('red', 'amber', 'green')),
  rag_text text NOT NULL DEFAULT '',
  board_id bigint REFERENCES boards (id),
  position integer NOT NULL DEFAULT 0,
  carried_from bigint REFERENCES workstreams (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan_id, title)
);

CREATE TABLE meetings (
  id bigserial PRIMARY KEY,
  board_id bigint NOT NULL REFERENCES boards (id),
  held_on date NOT NULL,
  title text NOT NULL,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
  agenda text[] NOT NULL DEFAULT '{}',
  decisions text[] NOT NULL DEFAULT '{}',
  minutes text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meetings_board ON meetings (board_id, held_on);

CREATE TABLE meeting_papers (
  id bigserial PRIMARY KEY,
  meeting_id bigint NOT NULL REFERENCES meetings (id),
  title text NOT NULL,
  snapshot_id bigint REFERENCES report_snapshots (id),
  link text NOT NULL DEFAULT '',
  added_by_label text NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE actions (
  id bigserial PRIMARY KEY,
  workstream_id bigint NOT NULL REFERENCES workstreams (id),
  reference text,
  kind text NOT NULL DEFAULT 'action' CHECK (kind IN ('action', 'milestone')),
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  owner text NOT NULL DEFAULT '',
  start_on date,
  due_on date,
  baseline_due_on date,
  status text NOT NULL DEFAULT 'not-started' CHECK (status IN ('not-started', 'in-progress', 'complete', 'on-hold', 'cancelled')),
  rag text CHECK (rag IN ('red', 'amber', 'green')),
  rag_text text NOT NULL DEFAULT '',
  percent_complete smallint NOT NULL DEFAULT 0 CHECK (percent_complete BETWEEN 0 AND 100),
  completed_on date,
  carried_from bigint REFERENCES actions (id),
  arising_from_meeting_id bigint REFERENCES meetings (id),
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (due_on IS NULL OR start_on IS NULL OR due_on >= start_on)
);
CREATE INDEX actions_workstream ON actions (workstream_id, position);

-- A dated progress update on a workstream (action_id null) or on one of its actions; it also records
-- the state the update set, so the history says what the status, RAG and due date were at each point.
CREATE TABLE plan_updates (
  id bigserial PRIMARY KEY,
  workstream_id bigint NOT NULL REFERENCES workstreams (id),
  action_id bigint REFERENCES actions (id),
  update_on date NOT NULL,
  progress text NOT NULL,
  next_steps text NOT NULL DEFAULT '',
  status text,
  rag text,
  rag_text text NOT NULL DEFAULT '',
  percent_complete smallint,
  due_on date,
  recorded_by bigint REFERENCES users (id) ON DELETE SET NULL,
  recorded_by_label text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_updates_workstream ON plan_updates (workstream_id, update_on);
CREATE INDEX plan_updates_action ON plan_updates (action_id, update_on);

CREATE TABLE action_measures (
  action_id bigint NOT NULL REFERENCES actions (id),
  measure_id text NOT NULL REFERENCES measures (id),
  PRIMARY KEY (action_id, measure_id)
);
CREATE INDEX action_measures_measure ON action_measures (measure_id);

CREATE TABLE workforce_posts (
  id bigserial PRIMARY KEY,
  programme_id bigint NOT NULL REFERENCES programmes (id),
  area text NOT NULL,
  employment text NOT NULL CHECK (employment IN ('permanent', 'time-limited')),
  planned numeric(8, 2) NOT NULL CHECK (planned >= 0),
  in_post numeric(8, 2) NOT NULL DEFAULT 0 CHECK (in_post >= 0),
  appointed numeric(8, 2) NOT NULL DEFAULT 0 CHECK (appointed >= 0),
  interviewing numeric(8, 2) NOT NULL DEFAULT 0 CHECK (interviewing >= 0),
  as_at date NOT NULL,
  note text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (programme_id, area, employment)
);

-- Each imported register or action plan, with its row-level report; the same bytes twice change nothing.
CREATE TABLE plan_imports (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('risks', 'actions')),
  org_code text NOT NULL REFERENCES organisations (code),
  target_id bigint NOT NULL DEFAULT 0,
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  imported_by bigint REFERENCES users (id) ON DELETE SET NULL,
  imported_by_label text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  rows_read integer NOT NULL,
  rows_loaded integer NOT NULL,
  rows_rejected integer NOT NULL,
  report jsonb NOT NULL,
  UNIQUE (kind, org_code, target_id, file_sha256)
);
