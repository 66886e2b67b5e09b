import type { CouncilBenchmark } from '../../domain/benchmark/engine.js';
import { formatOrDash, quartileLabel, travelLabel } from '../../domain/benchmark/labels.js';
import { generateStatements, type Statement } from '../../domain/statements/statements.js';
import { measureTrendChart } from '../charts/measure-chart.js';
import type { Block, ReportDocument, Run } from '../document.js';
import type { PackInputs, ProfileInputs } from './inputs.js';

export function figureHref(ref: { orgCode: string; measureId: string; period: string }): string {
  return `/organisations/${ref.orgCode}/benchmark?year=${ref.period}#m-${ref.measureId}`;
}

function statementRuns(s: Statement): Run[] {
  return s.runs.map((r) =>
    r.ref ? { text: r.text, href: figureHref(r.ref), strong: true } : { text: r.text },
  );
}

export function profileStatements(inputs: ProfileInputs): Statement[] {
  return generateStatements({
    council: inputs.council,
    region: inputs.region,
    period: inputs.period,
    current: inputs.current,
    previous: inputs.previous,
    measures: new Map(inputs.measures.map((m) => [m.id, m])),
  });
}

function measureTable(inputs: ProfileInputs): Block {
  const measures = new Map(inputs.measures.map((m) => [m.id, m]));
  const rows = inputs.current.flatMap((r: CouncilBenchmark) => {
    const m = measures.get(r.measureId);
    if (!m) return [];
    const rank = r.england.rank ? `${r.england.rank.rank} of ${r.england.rank.n}` : '–';
    const quartile = r.england.quartile ? quartileLabel[r.england.quartile.quartile] : '–';
    const since =
      r.direction.previousPeriod && r.direction.direction !== 'not-comparable'
        ? ` since ${r.direction.previousPeriod}`
        : '';
    const travel = `${travelLabel[r.direction.direction]}${since}`;
    return [
      [
        `${m.code} ${m.shortTitle}${m.polarity === 'lower-is-better' ? ' (lower is better)' : ''}`,
        r.suppressed ? 'suppressed' : formatOrDash(m, r.value),
        formatOrDash(m, r.region?.aggregate.value),
        formatOrDash(m, r.england.aggregate.value),
        ...(inputs.comparatorGroup ? [formatOrDash(m, r.comparator?.aggregate.value)] : []),
        rank,
        quartile,
        travel,
      ],
    ];
  });
  const head = [
    'Measure',
    inputs.council.name,
    inputs.region.name,
    'England',
    ...(inputs.comparatorGroup ? [`${inputs.comparatorGroup.name} (median or pooled)`] : []),
    'National rank',
    'National quartile',
    'Direction of travel',
  ];
  return {
    kind: 'table',
    caption: `${inputs.council.name}: ASCOF measures ${inputs.period}`,
    head,
    rows,
    numeric: head.map((_, i) => i >= 1 && i <= (inputs.comparatorGroup ? 4 : 3)),
    rowHeaders: true,
  };
}

/** The blocks of one profile; `level` is 1 for a single profile and 2 inside the regional pack. */
export function profileBlocks(inputs: ProfileInputs, level: 1 | 2): Block[] {
  const sub = (level + 1) as 2 | 3;
  const statements = profileStatements(inputs);
  const blocks: Block[] = [];
  if (level === 2)
    blocks.push({
      kind: 'heading',
      level: 2,
      text: inputs.council.name,
      id: `council-${inputs.council.code}`,
    });
  blocks.push({
    kind: 'heading',
    level: sub,
    text: level === 2 ? `${inputs.council.name}: highlights` : 'Highlights',
  });
  blocks.push({
    kind: 'list',
    items: [
      ...statements.map(statementRuns),
      ...(inputs.narrative?.extraHighlights ?? []).map((h) => [{ text: h }]),
    ],
  });
  blocks.push({
    kind: 'paragraph',
    content: `Ranks are out of the councils with a published value (1 = best, taking into account whether higher or lower is better). Regional and England averages are the published figures unless marked otherwise. Directions of travel compare each measure with the council's previous published value.`,
  });
  for (const t of inputs.trends) {
    const m = inputs.measures.find((x) => x.id === t.measureId);
    if (!m) continue;
    blocks.push({
      kind: 'chart',
      caption: `${m.code} ${m.shortTitle}: ${inputs.council.name}, ${inputs.region.name} and England`,
      chart: measureTrendChart(m, t.title, t.series),
    });
  }
  blocks.push(measureTable(inputs));
  blocks.push({
    kind: 'heading',
    level: sub,
    text: level === 2 ? `${inputs.council.name}: the director's view` : "The director's view",
  });
  const paragraphs = (inputs.narrative?.narrative ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (paragraphs.length === 0)
    blocks.push({ kind: 'paragraph', content: 'No narrative has been written for this year yet.' });
  for (const p of paragraphs) blocks.push({ kind: 'paragraph', content: p.replace(/\s*\n\s*/g, ' ') });
  if (inputs.narrative?.signatoryName) {
    blocks.push({
      kind: 'paragraph',
      content: [
        { text: inputs.narrative.signatoryName, strong: true },
        { text: inputs.narrative.signatoryTitle ? `, ${inputs.narrative.signatoryTitle}` : '' },
      ],
    });
  }
  return blocks;
}

export function profileDocument(inputs: ProfileInputs): ReportDocument {
  return {
    title: `Council Improvement Profile: ${inputs.council.name}`,
    subtitle: `${inputs.period} · ${inputs.region.name}`,
    blocks: profileBlocks(inputs, 1),
    provenance: inputs.provenance,
  };
}

/** All councils of a region in one document, with a contents page, one profile after another. */
export function packDocument(inputs: PackInputs): ReportDocument {
  const blocks: Block[] = [{ kind: 'contents' }, { kind: 'pageBreak' }];
  inputs.profiles.forEach((p, i) => {
    blocks.push(...profileBlocks(p, 2));
    if (i < inputs.profiles.length - 1) blocks.push({ kind: 'pageBreak' });
  });
  return {
    title: `Council Improvement Profiles: ${inputs.region.name}`,
    subtitle: `${inputs.period} · ${inputs.profiles.length} councils`,
    blocks,
    provenance: inputs.provenance,
  };
}
