/**
 * The director's scorecard: every measure in the council's framework on one page, with its latest value,
 * target and RAG (or SPC icons where the series is long enough), direction of travel, national quartile
 * and trend, grouped by the plan's priorities.
 */
import type { Block, ReportDocument, TableCell } from '../document.js';
import { commentaryBlocks } from './commentary.js';
import type { ScorecardInputs } from './inputs.js';
import {
  assuranceCell,
  latestCell,
  quartileCell,
  ragCell,
  travelCells,
  trendCell,
  variationCell,
} from './status.js';

export const filterText = {
  all: 'all measures',
  'off-target': 'measures off target (red or amber, or consistently failing)',
  worse: 'measures getting worse (worse than the previous period, or a special cause of concern)',
} as const;

export function scorecardTable(inputs: ScorecardInputs): Extract<Block, { kind: 'table' }> {
  const head = [
    'Measure',
    'Latest',
    'Target',
    'RAG',
    'SPC variation',
    'SPC assurance',
    'Change on previous period',
    'Change on a year earlier',
    'National quartile',
    'Trend',
  ];
  const rows: TableCell[][] = inputs.rows.map((r) => {
    const [previous, lastYear] = travelCells(r.measure, r);
    return [
      {
        text: `${r.measure.code} ${r.label}`,
        href: `/organisations/${inputs.council.code}/performance/${encodeURIComponent(r.measure.id)}`,
      },
      latestCell(r.measure, r),
      r.target?.text ?? 'No target',
      ragCell(r.rag),
      variationCell(r),
      assuranceCell(r),
      previous,
      lastYear,
      quartileCell(r),
      trendCell(r.measure, r),
    ];
  });
  return {
    kind: 'table',
    caption: `${inputs.council.name}: ${filterText[inputs.filter]} (${inputs.rows.length} of ${inputs.total})`,
    exportName: 'Scorecard',
    head,
    rows,
    rowHeaders: true,
  };
}

export function scorecardDocument(inputs: ScorecardInputs): ReportDocument {
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      content:
        'RAG compares the latest value with the target in force for its period (green: met; amber: missed within ' +
        'the tolerance; red: missed by more). Where a monthly or quarterly series has 15 or more points, SPC ' +
        'shows whether the latest point is a special cause (improvement or concern) and whether the process can ' +
        'be relied on to meet the target. National quartiles are against all councils for the latest published year.',
    },
    inputs.rows.length
      ? scorecardTable(inputs)
      : {
          kind: 'paragraph',
          content:
            inputs.total === 0
              ? 'The council has no performance framework yet: add measures to its performance plan or set targets.'
              : `No measure is among the ${filterText[inputs.filter]}.`,
        },
    ...commentaryBlocks(
      inputs.rows.map((r) => ({ title: `${r.measure.code} ${r.label}`, commentary: r.commentary })),
      'Commentary',
    ),
  ];
  return {
    title: `Director's scorecard: ${inputs.council.name}`,
    subtitle: `As at ${inputs.asAt} · ${filterText[inputs.filter]}`,
    landscape: true,
    blocks,
    provenance: inputs.provenance,
  };
}
