-- Where a council's SPC chart of a measure recalculates its process limits: a known change in the process
-- (a new service model, a change of definition), with the reason recorded beside it.
CREATE TABLE spc_phase_starts (
  org_code text NOT NULL REFERENCES organisations (code),
  measure_id text NOT NULL REFERENCES measures (id),
  period text NOT NULL,
  reason text NOT NULL,
  set_by bigint REFERENCES users (id) ON DELETE SET NULL,
  set_by_label text NOT NULL,
  set_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_code, measure_id, period)
);
