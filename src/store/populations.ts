import type { Queryable } from './db.js';

export interface PopulationInput {
  orgCode: string;
  ageBand: string;
  population: number;
}

export interface PopulationRow {
  org_code: string;
  year: number;
  age_band: string;
  population: number;
  release_id: number;
}

/** A stored figure a new file changed: the value it had and the release that had set it. */
export interface ReplacedPopulation {
  orgCode: string;
  ageBand: string;
  before: number;
  after: number;
  previousReleaseId: number;
}

export interface PopulationChanges {
  added: PopulationInput[];
  replaced: ReplacedPopulation[];
  unchanged: number;
}

/** Sorts incoming figures for a mid-year into new, different from the stored one, and identical. */
export async function comparePopulations(
  q: Queryable,
  year: number,
  figures: PopulationInput[],
): Promise<PopulationChanges> {
  const stored = await q.query<PopulationRow>(
    'SELECT * FROM populations WHERE year = $1 AND org_code = ANY($2::text[])',
    [year, [...new Set(figures.map((f) => f.orgCode))]],
  );
  const current = new Map(stored.map((r) => [`${r.org_code}|${r.age_band}`, r]));
  const changes: PopulationChanges = { added: [], replaced: [], unchanged: 0 };
  for (const f of figures) {
    const was = current.get(`${f.orgCode}|${f.ageBand}`);
    if (!was) changes.added.push(f);
    else if (was.population === f.population) changes.unchanged++;
    else
      changes.replaced.push({
        orgCode: f.orgCode,
        ageBand: f.ageBand,
        before: was.population,
        after: f.population,
        previousReleaseId: was.release_id,
      });
  }
  return changes;
}

/** Writes figures for a mid-year in one statement, each pointing at the release that set it. */
export async function upsertPopulations(
  q: Queryable,
  year: number,
  releaseId: number,
  figures: PopulationInput[],
): Promise<void> {
  if (figures.length === 0) return;
  await q.query(
    `INSERT INTO populations (org_code, year, age_band, population, release_id)
     SELECT s.org_code, $1, s.age_band, s.population, $2
     FROM unnest($3::text[], $4::text[], $5::integer[]) AS s(org_code, age_band, population)
     ON CONFLICT (org_code, year, age_band)
       DO UPDATE SET population = EXCLUDED.population, release_id = EXCLUDED.release_id`,
    [
      year,
      releaseId,
      figures.map((f) => f.orgCode),
      figures.map((f) => f.ageBand),
      figures.map((f) => f.population),
    ],
  );
}

export async function findPopulations(
  q: Queryable,
  filter: { year: number; orgCode?: string; ageBand?: string },
): Promise<PopulationRow[]> {
  return q.query<PopulationRow>(
    `SELECT * FROM populations
     WHERE year = $1 AND ($2::text IS NULL OR org_code = $2) AND ($3::text IS NULL OR age_band = $3)
     ORDER BY org_code, array_position(ARRAY['18-64', '65+', '18+'], age_band)`,
    [filter.year, filter.orgCode ?? null, filter.ageBand ?? null],
  );
}
