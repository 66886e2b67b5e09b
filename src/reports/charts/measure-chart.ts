import { polarityNote } from '../../domain/benchmark/labels.js';
import { formatValue, type MeasureDefinition } from '../../domain/measure.js';
import { trendChart, type TrendChart, type TrendSeries } from './trend-chart.js';

/** A measure's trend chart: values formatted as published, and which way is better said in words. */
export function measureTrendChart(
  measure: Pick<MeasureDefinition, 'unit' | 'decimals' | 'polarity'>,
  title: string,
  series: TrendSeries[],
): TrendChart {
  return trendChart({
    title,
    format: (v) => formatValue(measure, v),
    series,
    polarityNote: polarityNote(measure.polarity),
  });
}
