/**
 * RAG bands for risk scores and the council's risk appetite. A council defines them once per period
 * (a financial year, from which they apply until replaced); a scheme is frozen as soon as a review is
 * scored under it, so history keeps the colours it was reported with.
 */
import { parsePeriod } from '../period.js';

export const RAGS = ['green', 'amber', 'red'] as const;
export type Rag = (typeof RAGS)[number];

export const ragLabel: Record<Rag, string> = { green: 'Green', amber: 'Amber', red: 'Red' };

export interface RagBand {
  rag: Rag;
  /** Inclusive score range. */
  min: number;
  max: number;
}

export interface Appetite {
  /** The highest current score the council accepts for any risk, unless its theme says otherwise. */
  overall: number;
  /** Per theme label, e.g. { Finance: 16, Safeguarding: 8 }. */
  themes: Record<string, number>;
}

export interface RiskScheme {
  /** Financial year from which the scheme applies, e.g. '2019-20'. */
  fromPeriod: string;
  bands: RagBand[];
  appetite: Appetite;
}

/** What most councils use: 1-4 green, 5-12 amber, 15-25 red (13 and 14 cannot occur). */
export const DEFAULT_BANDS: readonly RagBand[] = [
  { rag: 'green', min: 1, max: 4 },
  { rag: 'amber', min: 5, max: 14 },
  { rag: 'red', min: 15, max: 25 },
];

export const DEFAULT_APPETITE: Appetite = { overall: 12, themes: {} };

/** Problems with a set of bands: every score 1-25 in exactly one band, green lowest, red highest. */
export function bandProblems(bands: readonly RagBand[]): string[] {
  const problems: string[] = [];
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  for (const b of sorted) {
    if (!Number.isInteger(b.min) || !Number.isInteger(b.max) || b.min > b.max)
      problems.push(`The ${b.rag} band ${b.min} to ${b.max} is not a range of whole numbers`);
  }
  if (problems.length) return problems;
  let expected = 1;
  for (const b of sorted) {
    if (b.min > expected) problems.push(`No band covers scores ${expected} to ${b.min - 1}`);
    if (b.min < expected) problems.push(`The ${b.rag} band overlaps the band below it at ${b.min}`);
    expected = Math.max(expected, b.max + 1);
  }
  if (expected <= 25) problems.push(`No band covers scores ${expected} to 25`);
  if (sorted.length && (sorted[0]!.min < 1 || sorted.at(-1)!.max > 25))
    problems.push('Bands run from 1 to 25');
  const order = sorted.map((b) => RAGS.indexOf(b.rag));
  if (order.some((o, i) => i > 0 && o < order[i - 1]!))
    problems.push('Bands must run green, then amber, then red as the score rises');
  return problems;
}

export function appetiteProblems(a: Appetite): string[] {
  const bad = (n: number) => !Number.isInteger(n) || n < 1 || n > 25;
  return [
    ...(bad(a.overall) ? [`The risk appetite must be a score from 1 to 25, not ${a.overall}`] : []),
    ...Object.entries(a.themes)
      .filter(([, n]) => bad(n))
      .map(([t, n]) => `The appetite for ${t} must be a score from 1 to 25, not ${n}`),
  ];
}

export function bandFor(score: number, bands: readonly RagBand[]): RagBand {
  const band = bands.find((b) => score >= b.min && score <= b.max);
  if (!band) throw new RangeError(`No band covers the score ${score}`);
  return band;
}

/** The first day of a scheme's period; undefined for a label that is not a financial year. */
export function schemeStart(fromPeriod: string): string | undefined {
  const p = parsePeriod(fromPeriod);
  return p?.kind === 'year' ? p.start : undefined;
}

/**
 * The scheme in force on a date: the one with the latest start on or before it. Before the first
 * scheme, the earliest one applies (a register older than its first scheme still needs colours).
 */
export function schemeOn<S extends Pick<RiskScheme, 'fromPeriod'>>(
  schemes: readonly S[],
  isoDate: string,
): S | undefined {
  const dated = schemes
    .map((s) => ({ s, start: schemeStart(s.fromPeriod) ?? '' }))
    .sort((a, b) => a.start.localeCompare(b.start));
  return [...dated].reverse().find((d) => d.start <= isoDate)?.s ?? dated[0]?.s;
}

/** Why a scheme may not be changed, or undefined when it may: frozen once a review was scored under it. */
export function frozenReason(
  scheme: Pick<RiskScheme, 'fromPeriod'>,
  reviewsScored: number,
): string | undefined {
  return reviewsScored > 0
    ? `The bands for ${scheme.fromPeriod} are frozen: ${reviewsScored} review(s) were scored under them. Set new bands from a later year instead.`
    : undefined;
}

/** The appetite that applies to a risk: the lowest among its themes' appetites, else the overall one. */
export function appetiteFor(themes: readonly string[], appetite: Appetite): number {
  const own = themes.map((t) => appetite.themes[t]).filter((n): n is number => n !== undefined);
  return own.length ? Math.min(...own) : appetite.overall;
}

export const aboveAppetite = (score: number, themes: readonly string[], appetite: Appetite): boolean =>
  score > appetiteFor(themes, appetite);

/** '1 to 4 Green, 5 to 14 Amber, 15 to 25 Red' */
export const describeBands = (bands: readonly RagBand[]): string =>
  [...bands]
    .sort((a, b) => a.min - b.min)
    .map((b) => `${b.min} to ${b.max} ${ragLabel[b.rag]}`)
    .join(', ');
