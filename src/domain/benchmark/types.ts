/**
 * The inputs the benchmark engine works on. Pure data: the services layer reads them from the store
 * (current observations, the register, comparator groups as they stood in the period) and passes them in.
 */
import type { CatalogueMeasure } from '../measure.js';

/** One organisation's published figure for one measure and period, as stored. */
export interface Figure {
  orgCode: string;
  measureId: string;
  /** Period label, e.g. '2017-18'. */
  period: string;
  /** The published outcome; null when none was published. */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** True when the source showed a marker ([c], [x], a sentinel) instead of a value. */
  suppressed: boolean;
}

/** What benchmarking needs to know about a measure. */
export type BenchmarkMeasure = Pick<
  CatalogueMeasure,
  'id' | 'code' | 'polarity' | 'multiplier' | 'decimals' | 'unit'
>;

export const peerSetKinds = ['england', 'region', 'council-type', 'comparator'] as const;
export type PeerSetKind = (typeof peerSetKinds)[number];

/** A group of councils a council is compared with: England, its region, its council type or a comparator group. */
export interface PeerGroup {
  kind: PeerSetKind;
  code: string;
  name: string;
  /** Council codes. */
  members: readonly string[];
}

/** A peer group for one measure and period, with the aggregate the source published for it, if any. */
export interface PeerSet extends PeerGroup {
  published?: number | null;
}

/** The value of a figure that may be ranked, compared and aggregated: never a suppressed one. */
export function usableValue(figure: Figure | undefined): number | null {
  if (!figure || figure.suppressed || figure.value === null || !Number.isFinite(figure.value)) return null;
  return figure.value;
}
