/**
 * Workforce capacity: posts planned against posts recruited, permanent and time-limited, by area,
 * with the recruitment pipeline. "Recruited" counts people in post and people appointed who are going
 * through pre-employment checks, as programme reports do.
 */
export const EMPLOYMENT_TYPES = ['permanent', 'time-limited'] as const;
export type Employment = (typeof EMPLOYMENT_TYPES)[number];

export const employmentLabel: Record<Employment, string> = {
  permanent: 'Permanent',
  'time-limited': 'Time-limited',
};

export interface PostLine {
  area: string;
  employment: Employment;
  /** Full-time equivalents. */
  planned: number;
  inPost: number;
  /** Appointed and going through pre-employment checks. */
  appointed: number;
  /** Candidates at shortlisting or interview for the remaining posts. */
  interviewing: number;
}

export interface CapacityTotals {
  planned: number;
  recruited: number;
  inPost: number;
  appointed: number;
  interviewing: number;
  vacant: number;
  /** Whole percent of planned posts recruited; null when none are planned. */
  percentRecruited: number | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function totals(lines: readonly PostLine[]): CapacityTotals {
  const sum = (f: (l: PostLine) => number) => round2(lines.reduce((n, l) => n + f(l), 0));
  const planned = sum((l) => l.planned);
  const inPost = sum((l) => l.inPost);
  const appointed = sum((l) => l.appointed);
  const recruited = round2(inPost + appointed);
  return {
    planned,
    recruited,
    inPost,
    appointed,
    interviewing: sum((l) => l.interviewing),
    vacant: round2(Math.max(0, planned - recruited)),
    percentRecruited: planned > 0 ? Math.round((100 * recruited) / planned) : null,
  };
}

export interface CapacitySummary {
  byEmployment: { employment: Employment; totals: CapacityTotals }[];
  byArea: { area: string; employment: Employment; totals: CapacityTotals }[];
  overall: CapacityTotals;
}

export function capacitySummary(lines: readonly PostLine[]): CapacitySummary {
  return {
    byEmployment: EMPLOYMENT_TYPES.map((employment) => ({
      employment,
      totals: totals(lines.filter((l) => l.employment === employment)),
    })).filter((e) => e.totals.planned > 0),
    byArea: lines.map((l) => ({ area: l.area, employment: l.employment, totals: totals([l]) })),
    overall: totals(lines),
  };
}

/** 'In total, 63% of permanent roles and 86% of time-limited roles have been recruited to.' */
export function capacitySentence(s: CapacitySummary): string {
  const parts = s.byEmployment
    .filter((e) => e.totals.percentRecruited !== null)
    .map((e) => `${e.totals.percentRecruited}% of ${e.employment} roles`);
  if (parts.length === 0) return 'No posts have been planned yet.';
  return `In total, ${parts.join(' and ')} have been recruited to.`;
}

export function postProblems(l: PostLine): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const fields = ['planned', 'inPost', 'appointed', 'interviewing'] as const;
  for (const f of fields)
    if (!Number.isFinite(l[f]) || l[f] < 0)
      out.push({ field: f, message: 'Enter a number of full-time equivalents, 0 or more' });
  if (out.length === 0 && l.inPost + l.appointed > l.planned + 1e-9)
    out.push({
      field: 'inPost',
      message: 'More posts are filled than planned: raise the planned number first',
    });
  if (l.area.trim() === '') out.push({ field: 'area', message: 'Enter the area the posts are in' });
  return out;
}
