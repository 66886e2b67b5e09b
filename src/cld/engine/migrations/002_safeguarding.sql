-- Safeguarding concerns, pseudonymised, one row per loaded concern of a submission (kind 'safeguarding'
-- in case_submissions). Written by src/cld/safeguarding/load.ts only; a submission's rows are replaced
-- whole, never edited. Coded values are the canonical codes of src/domain/safeguarding/vocabulary.ts:
--   decision                 s42-enquiry | other-enquiry | no-further-action | NULL (awaiting decision)
--   enquiry_outcome          risk-removed | risk-reduced | risk-remains | not-applicable
--   desired_outcome_asked    yes | no | lacked-capacity | dont-know
--   outcomes_met             fully | partially | not-met
-- person_pseudonym is the keyed hash of the NHS number where one is valid, else of the LA person id.
CREATE TABLE IF NOT EXISTS sg_concerns (
  submission_id TEXT NOT NULL,
  row_number INTEGER NOT NULL,
  la_code TEXT NOT NULL,
  person_pseudonym TEXT NOT NULL,
  concern_reference TEXT NOT NULL,
  concern_received DATE NOT NULL,
  decision_date DATE,
  decision TEXT,
  enquiry_start DATE,
  enquiry_end DATE,
  enquiry_outcome TEXT,
  desired_outcome_asked TEXT,
  desired_outcome_expressed BOOLEAN,
  outcomes_met TEXT
);

-- Every read and every replacement selects by submission.
CREATE INDEX IF NOT EXISTS sg_concerns_submission ON sg_concerns (submission_id);
