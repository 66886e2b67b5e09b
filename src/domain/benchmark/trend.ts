/**
 * A council's trend for a measure across the years, following the measure back through its predecessors
 * (the 2023-24 change of codes: 2C continues 2A2) and marking where the series breaks: a link that is not
 * comparable, or a change of definition under the same code. A chart must not join points across a break.
 */
import { seriesChain, type MeasureDefinition, type SeriesBreak } from '../measure.js';
import { parsePeriod } from '../period.js';
import { usableValue, type Figure } from './types.js';

export type TrendMeasure = Pick<MeasureDefinition, 'id' | 'code' | 'series' | 'breaks'>;

export interface TrendPoint {
  period: string;
  measureId: string;
  /** The code the value was published under, e.g. '2A2' before 2023-24 and '2C' after. */
  code: string;
  /** Null when suppressed or not published. */
  value: number | null;
  suppressed: boolean;
  /** Increases at each break: only points of the same segment may be joined. */
  segment: number;
  /** Breaks between the previous point and this one. */
  breaksBefore: SeriesBreak[];
}

export interface Trend {
  orgCode: string;
  /** Measure ids followed, oldest first. */
  measureIds: string[];
  points: TrendPoint[];
  /** Every break along the chain, oldest first, including any outside the points' years. */
  breaks: SeriesBreak[];
}

/** The trend of `orgCode` on `measureId` and its predecessors; undefined when the measure is unknown. */
export function trendSeries(
  measures: readonly TrendMeasure[],
  measureId: string,
  orgCode: string,
  figures: readonly Figure[],
): Trend | undefined {
  const chain = seriesChain(measures, measureId);
  if (!chain) return undefined;
  const codes = new Map(measures.map((measure) => [measure.id, measure.code]));
  const chainOrder = new Map(chain.ids.map((id, index) => [id, index]));
  const byPeriod = new Map<string, Figure>();
  for (const figure of figures) {
    const order = chainOrder.get(figure.measureId);
    if (figure.orgCode !== orgCode || order === undefined) continue;
    const held = byPeriod.get(figure.period);
    // Where two codes cover one year, the newer code is the one in force.
    if (!held || (chainOrder.get(held.measureId) ?? -1) < order) byPeriod.set(figure.period, figure);
  }
  const ordered = [...byPeriod.values()].sort((a, b) =>
    periodKey(a.period).localeCompare(periodKey(b.period)),
  );
  let segment = 0;
  const points = ordered.map((figure, index): TrendPoint => {
    const previous = ordered[index - 1];
    const breaksBefore = previous ? breaksBetween(chain.breaks, previous.period, figure.period) : [];
    if (breaksBefore.length > 0) segment += 1;
    return {
      period: figure.period,
      measureId: figure.measureId,
      code: codes.get(figure.measureId) ?? figure.measureId,
      value: usableValue(figure),
      suppressed: figure.suppressed,
      segment,
      breaksBefore,
    };
  });
  return { orgCode, measureIds: chain.ids, points, breaks: chain.breaks };
}

/** Breaks taking effect after period `from` and no later than period `to`. */
export function breaksBetween(breaks: readonly SeriesBreak[], from: string, to: string): SeriesBreak[] {
  const after = periodKey(from);
  const upTo = periodKey(to);
  return breaks.filter((change) => {
    const at = periodKey(change.from);
    return at > after && at <= upTo;
  });
}

/** Sortable key of a period label: its first day, so years, quarters and months interleave correctly. */
export function periodKey(label: string): string {
  return parsePeriod(label)?.start ?? label;
}
