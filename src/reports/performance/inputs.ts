/**
 * What the performance reports (scorecard, quarterly overview, performance plan) are drawn from: plain
 * JSON, like the profile's inputs, so a saved snapshot re-renders the same document later.
 */
import type { MeasureDefinition } from '../../domain/measure.js';
import type { TravelAgainst, TravelResult } from '../../domain/performance/travel.js';
import type { Assurance, Variation } from '../../domain/spc/icons.js';
import type { RagStatus } from '../../domain/targets/rag.js';
import type { Provenance } from '../document.js';

export type PerfMeasure = Pick<
  MeasureDefinition,
  'id' | 'code' | 'title' | 'shortTitle' | 'unit' | 'decimals' | 'polarity' | 'multiplier'
>;

export interface CommentaryInput {
  period: string;
  happening: string;
  why: string;
  action: string;
  version: number;
}

/** Where a measure stands at its latest period. */
export interface StatusSummary {
  period: string | null;
  value: number | null;
  target: { text: string; short: string; version: number; setOn: string } | null;
  rag: { status: RagStatus; label: string; reason: string } | null;
  spc: { variation: Variation; assurance: Assurance | null; points: number } | null;
  travel: TravelResult | null;
  trend: { periods: string[]; values: (number | null)[] };
}

export const scorecardFilters = ['all', 'off-target', 'worse'] as const;
export type ScorecardFilter = (typeof scorecardFilters)[number];

export interface ScorecardRow extends StatusSummary {
  measure: PerfMeasure;
  label: string;
  group: string;
  quartile: { quartile: 1 | 2 | 3 | 4; n: number; period: string } | null;
  commentary: CommentaryInput | null;
  offTarget: boolean;
  worse: boolean;
}

export interface ScorecardInputs {
  kind: 'scorecard';
  version: 1;
  council: { code: string; name: string };
  asAt: string;
  filter: ScorecardFilter;
  /** How many measures the framework has, before the filter. */
  total: number;
  rows: ScorecardRow[];
  provenance: Provenance;
}

export interface OverviewRow {
  measure: PerfMeasure;
  label: string;
  values: (number | null)[];
  travel: TravelAgainst;
  commentary: CommentaryInput | null;
}

export interface OverviewInputs {
  kind: 'quarterly-overview';
  version: 1;
  council: { code: string; name: string };
  quarter: string;
  quarters: string[];
  rows: OverviewRow[];
  provenance: Provenance;
}

export interface PlanRow {
  priority: string;
  objective: string;
  indicator: string;
  measure: PerfMeasure;
  baseline: { period: string; value: number | null; note: string | null } | null;
  targets: { year: string; short: string | null; text: string | null }[];
  latest: { period: string; value: number; rag: { status: RagStatus; label: string } | null } | null;
}

export interface PlanInputs {
  kind: 'performance-plan';
  version: 1;
  council: { code: string; name: string };
  title: string;
  years: string[];
  planVersion: number;
  rows: PlanRow[];
  provenance: Provenance;
}

export type PerformanceInputs = ScorecardInputs | OverviewInputs | PlanInputs;
