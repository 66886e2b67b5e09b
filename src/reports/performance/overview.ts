/**
 * The quarterly ASC overview, laid out as Sefton's cabinet update (section 7): measures down the side, four
 * quarters across, the direction of travel (the change on the previous quarter, its arrow and whether that
 * is better or worse) and the trend. Built from the CLD engine's activity figures and the safeguarding
 * extract.
 */
import { formatOrDash } from '../../domain/benchmark/labels.js';
import { travelPhrase } from '../../domain/performance/travel.js';
import { sparkline } from '../charts/sparkline.js';
import { formatValue } from '../../domain/measure.js';
import type { Block, ReportDocument, TableCell } from '../document.js';
import { commentaryBlocks } from './commentary.js';
import type { OverviewInputs } from './inputs.js';

/** The overview's rows: which figure, in the words of a committee paper. */
export const OVERVIEW_ROWS: readonly { measureId: string; label: string }[] = [
  { measureId: 'cld-OPEN-LT', label: 'Open long-term support at quarter end (number)' },
  { measureId: 'cld-OPEN-CARER', label: 'Open carer services at quarter end (number)' },
  { measureId: 'cld-REQUESTS', label: 'Requests for support received in quarter (number)' },
  { measureId: 'cld-ASSESSMENTS', label: 'Assessments completed in quarter (number)' },
  { measureId: 'cld-REVIEWS', label: 'Reviews completed in quarter (number)' },
  { measureId: 'local-sg-concerns-received', label: 'Safeguarding concerns received in quarter (number)' },
  {
    measureId: 'local-sg-decision-7-days',
    label: 'Safeguarding concerns decided within 7 days in quarter (percentage)',
  },
  { measureId: 'local-sg-s42-concluded', label: 'Safeguarding enquiries concluded in quarter (number)' },
  {
    measureId: 'local-sg-s42-concluded-28-days',
    label: 'Safeguarding enquiries concluded within 28 days in quarter (percentage)',
  },
  {
    measureId: 'local-sg-msp-outcomes-met',
    label:
      'Safeguarding enquiries where the desired outcome was fully or partially met in quarter (percentage)',
  },
];

export function overviewTable(inputs: OverviewInputs): Extract<Block, { kind: 'table' }> {
  const rows: TableCell[][] = inputs.rows.map((r) => {
    const image = sparkline({
      periods: inputs.quarters,
      values: r.values,
      format: (v) => formatValue(r.measure, v),
    });
    return [
      r.label,
      ...r.values.map((v) => formatOrDash(r.measure, v)),
      travelPhrase(r.travel, r.measure),
      // The trend's words are the sparkline's text alternative, so CSV and Excel carry them too.
      { text: image.altText, image, textHidden: true },
    ];
  });
  return {
    kind: 'table',
    caption: `${inputs.council.name}: ASC overview, four quarters to ${inputs.quarter}`,
    exportName: 'ASC overview',
    head: ['ASC overview', ...inputs.quarters, 'Direction of travel', 'Trend'],
    rows,
    numeric: [false, ...inputs.quarters.map(() => true), false, false],
    rowHeaders: true,
  };
}

export function overviewDocument(inputs: OverviewInputs): ReportDocument {
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: 'ASC overview' },
    {
      kind: 'paragraph',
      content:
        'Activity figures are derived from the council’s Client Level Data and safeguarding figures from its ' +
        'safeguarding extract, each for the quarter shown. Direction of travel is the change on the previous ' +
        'quarter: the arrow shows which way the number moved, and the words whether that is an improvement, a ' +
        'worsening, or neither (for counts, where more is not in itself better or worse).',
    },
    overviewTable(inputs),
    ...commentaryBlocks(
      inputs.rows.map((r) => ({ title: r.label, commentary: r.commentary })),
      `Commentary for ${inputs.quarter}`,
    ),
  ];
  return {
    title: `ASC quarterly overview: ${inputs.council.name}`,
    subtitle: `Four quarters to ${inputs.quarter}`,
    landscape: true,
    blocks,
    provenance: inputs.provenance,
  };
}
