import type { CouncilBenchmark } from '../../domain/benchmark/engine.js';
import type { StatementMeasure } from '../../domain/statements/statements.js';
import type { Provenance } from '../document.js';
import type { PerformanceInputs } from '../performance/inputs.js';

/** A trend as plain points, for a chart: the council, its region and England. */
export interface TrendInput {
  measureId: string;
  title: string;
  series: { name: string; points: { period: string; value: number | null; breakBefore?: boolean }[] }[];
}

/**
 * Everything one council profile is drawn from. It is plain JSON, so a snapshot of it re-renders
 * the same document later, whatever has been imported since.
 */
export interface ProfileInputs {
  kind: 'council-profile';
  version: 1;
  council: { code: string; name: string };
  region: { code: string; name: string };
  period: string;
  previousPeriod: string | null;
  measures: (StatementMeasure & { multiplier: number })[];
  current: CouncilBenchmark[];
  previous: CouncilBenchmark[];
  comparatorGroup: { id: number; name: string; version: number; members: string[] } | null;
  narrative: {
    narrative: string;
    extraHighlights: string[];
    signatoryName: string;
    signatoryTitle: string;
    version: number;
  } | null;
  trends: TrendInput[];
  provenance: Provenance;
}

export interface PackInputs {
  kind: 'regional-pack';
  version: 1;
  region: { code: string; name: string };
  period: string;
  profiles: ProfileInputs[];
  provenance: Provenance;
}

/** Every report the pipeline renders: profiles and packs, and the performance reports. */
export type ReportInputs = ProfileInputs | PackInputs | PerformanceInputs;
