-- Resident population per council, ONS mid-year and age band: the denominators of rate measures such as
-- ASCOF 2B and 2C. year is the mid-year (2023 = the estimate for 30 June 2023). Each figure points at the
-- release that last set it, which says who imported which file and when; a restated file overwrites the
-- figure, and that release's report keeps the value it replaced.
CREATE TABLE populations (
  org_code text NOT NULL REFERENCES organisations (code),
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  age_band text NOT NULL CHECK (age_band IN ('18-64', '65+', '18+')),
  population integer NOT NULL CHECK (population >= 0),
  release_id bigint NOT NULL REFERENCES releases (id),
  PRIMARY KEY (org_code, year, age_band)
);
CREATE INDEX populations_year ON populations (year);
CREATE INDEX populations_release ON populations (release_id);
