/** Table cells for a measure's status, shared by the scorecard, the plan and the measure page. */
import { quartileLabel } from '../../domain/benchmark/labels.js';
import { formatValue } from '../../domain/measure.js';
import { travelPhrase } from '../../domain/performance/travel.js';
import { assuranceShort, variationShort } from '../../domain/spc/icons.js';
import type { RagStatus } from '../../domain/targets/rag.js';
import { sparkline } from '../charts/sparkline.js';
import { assuranceIcon, assuranceTone, variationIcon, variationTone } from '../charts/spc-icons.js';
import type { RichCell, TableCell, Tone } from '../document.js';
import type { PerfMeasure, ScorecardRow, StatusSummary } from './inputs.js';

export const ragTone: Record<RagStatus, Tone> = { green: 'green', amber: 'amber', red: 'red' };

export function ragCell(rag: { status: RagStatus; label: string } | null): TableCell {
  return rag ? { text: rag.label, tone: ragTone[rag.status] } : 'No target';
}

export function latestCell(m: PerfMeasure, s: Pick<StatusSummary, 'value' | 'period'>): string {
  return s.value === null || s.period === null ? 'No figure' : `${formatValue(m, s.value)} (${s.period})`;
}

export function variationCell(s: StatusSummary): TableCell {
  if (!s.spc) return 'Too few points';
  return {
    text: variationShort[s.spc.variation],
    image: variationIcon(s.spc.variation),
    tone: variationTone(s.spc.variation),
  };
}

export function assuranceCell(s: StatusSummary): TableCell {
  if (!s.spc?.assurance) return s.spc ? 'No number target' : '–';
  const a = s.spc.assurance;
  return { text: assuranceShort[a], image: assuranceIcon(a), tone: assuranceTone(a) };
}

export function trendCell(m: PerfMeasure, s: StatusSummary): TableCell {
  if (s.trend.values.every((v) => v === null)) return 'No figures';
  const image = sparkline({ ...s.trend, format: (v) => formatValue(m, v) });
  const cell: RichCell = { text: image.altText, image, textHidden: true };
  return cell;
}

export function travelCells(m: PerfMeasure, s: StatusSummary): [string, string] {
  if (!s.travel) return ['–', '–'];
  const p = s.travel.previous;
  const y = s.travel.lastYear;
  return [
    p.direction === 'not-comparable' ? 'not comparable' : `${travelPhrase(p, m)} since ${p.period}`,
    y.direction === 'not-comparable' ? 'not comparable' : `${travelPhrase(y, m)} since ${y.period}`,
  ];
}

export function quartileCell(r: ScorecardRow): string {
  return r.quartile
    ? `${quartileLabel[r.quartile.quartile]} (${r.quartile.period}, of ${r.quartile.n})`
    : '–';
}
