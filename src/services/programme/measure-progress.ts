/**
 * The measures an action should move, as the action page and reports show them beside it: the
 * council's latest value, the one before, the direction of travel and the target.
 */
import { directionOfTravel, type Travel } from '../../domain/benchmark/direction.js';
import { formatOrDash, travelLabel } from '../../domain/benchmark/labels.js';
import { latestAndPrevious } from '../../domain/programme/measure-progress.js';
import type { BenchmarkingService } from '../benchmarking.js';
import type { Measure, MeasureService } from '../measures.js';
import type { TargetService } from '../targets.js';
import { parsePeriod } from '../../domain/period.js';
import { shortTarget } from '../../domain/targets/target.js';

export interface MeasureTarget {
  period: string;
  value: number | null;
  /** As the target is written, e.g. '54%' or 'Maintain or reduce'. */
  text: string;
}

/** Where a council's target for a measure is looked up. */
export type TargetLookup = (
  orgCode: string,
  measureId: string,
  period: string,
) => Promise<MeasureTarget | undefined>;

/**
 * The one place an action's measures find their targets: the target in force for the period of the
 * latest figure (frozen with its rule, as the scorecard judges it), written as the plan writes it.
 */
export function lookUpTarget(targets: Pick<TargetService, 'book'>): TargetLookup {
  return async (orgCode, measureId, period) => {
    const p = parsePeriod(period);
    const version = p ? (await targets.book(orgCode)).inForce(measureId, p) : undefined;
    if (!version?.target) return undefined;
    const { spec, measure } = version.target;
    return {
      period: version.period,
      value: spec.kind === 'value' ? spec.value : null,
      text: shortTarget(spec, measure),
    };
  };
}

export interface MeasureProgress {
  measureId: string;
  code: string;
  title: string;
  polarity: Measure['polarity'];
  latest: { period: string; value: number; text: string } | null;
  previous: { period: string; value: number; text: string } | null;
  direction: Travel;
  directionText: string;
  target: MeasureTarget | null;
}

export function measureProgressService(
  benchmarking: BenchmarkingService,
  measures: MeasureService,
  targetFor: TargetLookup,
) {
  return {
    async forCouncil(orgCode: string, measureIds: readonly string[]): Promise<MeasureProgress[]> {
      const out: MeasureProgress[] = [];
      for (const id of measureIds) {
        const m = await measures.get(id);
        const trend = (await benchmarking.trend(orgCode, id)).council;
        const { latest, previous, comparable } = latestAndPrevious(trend?.points ?? []);
        const point = (p: typeof latest) =>
          p && p.value !== null ? { period: p.period, value: p.value, text: formatOrDash(m, p.value) } : null;
        const { direction } = directionOfTravel(latest?.value ?? null, previous?.value ?? null, m, {
          comparable,
        });
        const since = direction !== 'not-comparable' && previous ? ` since ${previous.period}` : '';
        out.push({
          measureId: id,
          code: m.code,
          title: m.shortTitle,
          polarity: m.polarity,
          latest: point(latest),
          previous: point(previous),
          direction,
          directionText: latest ? `${travelLabel[direction]}${since}` : 'No figure yet',
          target: latest ? ((await targetFor(orgCode, id, latest.period)) ?? null) : null,
        });
      }
      return out;
    },
  };
}
export type MeasureProgressService = ReturnType<typeof measureProgressService>;
