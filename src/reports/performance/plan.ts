/**
 * The performance plan as in Manchester's delivery plan appendix: priority, objective, indicator, baseline
 * and a target column per year; then where each indicator stands against this year's target.
 */
import { formatValue } from '../../domain/measure.js';
import type { Block, ReportDocument, TableCell } from '../document.js';
import type { PlanInputs } from './inputs.js';
import { ragCell } from './status.js';

export function planTable(inputs: PlanInputs): Extract<Block, { kind: 'table' }> {
  let lastPriority = '';
  let lastObjective = '';
  const rows: TableCell[][] = inputs.rows.map((r) => {
    // As in the printed plan, a priority and an objective are named once, on their first row.
    const priority = r.priority === lastPriority ? '' : r.priority;
    const objective = r.priority === lastPriority && r.objective === lastObjective ? '' : r.objective;
    lastPriority = r.priority;
    lastObjective = r.objective;
    const baseline = r.baseline
      ? [
          r.baseline.value === null ? 'not published' : formatValue(r.measure, r.baseline.value),
          `(${r.baseline.note ?? r.baseline.period})`,
        ].join(' ')
      : 'New metric';
    return [priority, objective, r.indicator, baseline, ...r.targets.map((t) => t.short ?? '–')];
  });
  return {
    kind: 'table',
    caption: `${inputs.title}: priorities, objectives, indicators, baselines and targets`,
    exportName: 'Performance plan',
    head: [
      'Our plan priority',
      'Objective',
      'Indicator',
      'Baseline',
      ...inputs.years.map((y) => `${y} target`),
    ],
    rows,
  };
}

export function progressTable(inputs: PlanInputs): Extract<Block, { kind: 'table' }> {
  return {
    kind: 'table',
    caption: 'Where each indicator stands',
    exportName: 'Progress',
    head: ['Indicator', 'Latest', 'Against the target in force'],
    rows: inputs.rows.map((r) => [
      `${r.measure.code} ${r.indicator}`,
      r.latest ? `${formatValue(r.measure, r.latest.value)} (${r.latest.period})` : 'No figure yet',
      r.latest ? ragCell(r.latest.rag) : 'No figure yet',
    ]),
    rowHeaders: true,
  };
}

export function planDocument(inputs: PlanInputs): ReportDocument {
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: 'Performance plan' },
    {
      kind: 'paragraph',
      content:
        'Targets are a number to reach, a range to be within, or a direction from the baseline ("Maintain or ' +
        'reduce", "Increase"). A target for a year also judges its quarters and months.',
    },
    inputs.rows.length
      ? planTable(inputs)
      : { kind: 'paragraph', content: 'The plan has no indicators yet.' },
  ];
  if (inputs.rows.length) blocks.push({ kind: 'heading', level: 2, text: 'Progress' }, progressTable(inputs));
  return {
    title: inputs.title,
    subtitle: `${inputs.council.name} · ${inputs.years.join(', ')} · version ${inputs.planVersion}`,
    blocks,
    provenance: inputs.provenance,
  };
}
