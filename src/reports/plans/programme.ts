/**
 * The programme update report in the shape of a committee report on an improvement programme:
 * front sheet (report to, subject, report of, summary, recommendations, wards, contact officers,
 * background documents), then numbered sections on the programme, governance, resourcing, progress
 * to date, overdue and slipping actions, upcoming priorities and measures, with the risk register
 * as an appendix. Pure: inputs in, document out.
 */
import { formatLongDate } from '../../domain/programme/dates.js';
import { planRagLabel, statusLabel } from '../../domain/programme/action.js';
import {
  capacitySentence,
  capacitySummary,
  employmentLabel,
  totals,
} from '../../domain/programme/workforce.js';
import type { Block, ReportDocument } from '../document.js';
import type { BoardPackInputs, ProgrammeReportInputs, ProgrammeSection, ReportAction } from './inputs.js';
import { registerBlocks } from './register.js';

const fte = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const dateOr = (d: string | null, none = 'no date') => (d ? formatLongDate(d) : none);
const ragText = (rag: string | null, text = '') =>
  rag ? `${planRagLabel[rag as keyof typeof planRagLabel]}${text ? `: ${text}` : ''}` : 'Not rated';
const label = (a: ReportAction) => (a.reference ? `${a.reference} ${a.title}` : a.title);

/** Numbered paragraphs: 3.1, 3.2 … within a section. */
function numbered(section: number) {
  let n = 0;
  return (text: string): Block => ({ kind: 'paragraph', content: `${section}.${++n} ${text}` });
}

export function programmeBlocks(p: ProgrammeSection, first: number, level: 1 | 2 = 2): Block[] {
  const h = (n: number, text: string): Block => ({ kind: 'heading', level, text: `${n}.0 ${text}` });
  const blocks: Block[] = [];
  let s = first;

  // The programme and its workstreams.
  let para = numbered(s);
  blocks.push(h(s, 'The improvement programme'));
  if (p.programme.purpose) blocks.push(para(p.programme.purpose));
  blocks.push(
    para(
      `The current plan is "${p.plan.title}" (version ${p.plan.version}, adopted ${formatLongDate(p.plan.adoptedOn)}). It has ${p.workstreams.length} workstream${p.workstreams.length === 1 ? '' : 's'}:`,
    ),
  );
  blocks.push({
    kind: 'list',
    items: p.workstreams.map((w) => [
      { text: w.title, strong: true },
      { text: `${w.lead ? ` (lead: ${w.lead})` : ''}${w.purpose ? `. ${w.purpose}` : ''}` },
    ]),
  });
  for (const old of p.previousPlans)
    blocks.push(
      para(
        `On ${formatLongDate(old.supersededOn)} the plan "${old.title}" (version ${old.version}, workstreams: ${old.workstreams.join('; ')}) was replaced: ${old.reason}. Its record is kept as it stood.`,
      ),
    );
  blocks.push({
    kind: 'table',
    caption: 'Workstreams: status and RAG',
    head: ['Workstream', 'Lead', 'Status', 'RAG', 'Actions complete'],
    rows: p.workstreams.map((w) => [
      w.title,
      w.lead || '–',
      statusLabel[w.status],
      ragText(w.rag, w.ragText),
      `${w.complete} of ${w.actions}`,
    ]),
    rowHeaders: true,
  });

  // Governance.
  s++;
  para = numbered(s);
  blocks.push(h(s, 'Governance and monitoring'));
  for (const b of p.boards.filter((b) => b.status === 'active')) {
    const who = b.chair ? `, chaired by the ${b.chair},` : '';
    const up = b.reportsTo.length ? ` It reports to ${b.reportsTo.join(', then to ')}.` : '';
    const members = b.members.length ? ` Members: ${b.members.join(', ')}.` : '';
    const what = b.kind === 'task-and-finish' ? 'A task and finish group, the' : 'The';
    blocks.push(
      para(`${what} ${b.name}${who} meets ${b.cadence}.${b.purpose ? ` ${b.purpose}` : ''}${up}${members}`),
    );
  }
  if (p.boards.length === 0)
    blocks.push(para('No boards or groups have been recorded for the programme yet.'));

  // Resourcing.
  s++;
  para = numbered(s);
  blocks.push(h(s, 'Resourcing: workforce capacity'));
  const summary = capacitySummary(p.workforce.lines);
  blocks.push(
    para(
      p.workforce.lines.length
        ? `${capacitySentence(summary)} In all, ${fte(summary.overall.recruited)} of ${fte(summary.overall.planned)} planned full-time equivalent posts are filled or appointed to, with ${fte(summary.overall.interviewing)} at interview${p.workforce.asAt ? ` (as at ${formatLongDate(p.workforce.asAt)})` : ''}.`
        : 'No posts have been planned for the programme yet.',
    ),
  );
  if (p.workforce.lines.length) {
    const row = (area: string, type: string, t: ReturnType<typeof totals>) => [
      area,
      type,
      fte(t.planned),
      fte(t.inPost),
      fte(t.appointed),
      fte(t.interviewing),
      fte(t.vacant),
      t.percentRecruited === null ? '–' : `${t.percentRecruited}%`,
    ];
    blocks.push({
      kind: 'table',
      caption: 'Posts planned and recruited (full-time equivalents)',
      head: [
        'Area',
        'Type',
        'Planned',
        'In post',
        'Appointed, in pre-employment checks',
        'At interview',
        'Vacant',
        'Recruited',
      ],
      rows: [
        ...summary.byArea.map((a) => row(a.area, employmentLabel[a.employment], a.totals)),
        ...summary.byEmployment.map((e) =>
          row(`All ${e.employment} posts`, employmentLabel[e.employment], e.totals),
        ),
      ],
      numeric: [false, false, true, true, true, true, true, true],
      rowHeaders: true,
    });
  }

  // Progress to date.
  s++;
  para = numbered(s);
  blocks.push(h(s, `Progress to date: ${p.period.label}`));
  blocks.push(
    para(
      `Progress recorded between ${formatLongDate(p.period.start)} and ${formatLongDate(p.period.end < p.asAt ? p.period.end : p.asAt)}, by workstream.`,
    ),
  );
  if (p.progress.length === 0) blocks.push(para('No progress updates were recorded in this period.'));
  for (const g of p.progress) {
    blocks.push({ kind: 'heading', level: 3, text: g.workstream });
    blocks.push({
      kind: 'list',
      items: g.items.map((i) => [
        { text: `${formatLongDate(i.date)}: `, strong: true },
        { text: i.action ? `${i.action}. ${i.text}` : i.text },
      ]),
    });
  }

  // Overdue and slipping.
  s++;
  para = numbered(s);
  blocks.push(h(s, 'Overdue and slipping actions'));
  blocks.push(
    para(
      `As at ${formatLongDate(p.asAt)}, ${p.overdue.length} action${p.overdue.length === 1 ? ' is' : 's are'} overdue and ${p.slipping.length} ${p.slipping.length === 1 ? 'is' : 'are'} slipping (due date moved later, progress well behind the time elapsed, or rated red).`,
    ),
  );
  if (p.overdue.length)
    blocks.push({
      kind: 'table',
      caption: 'Overdue actions',
      head: ['Action', 'Workstream', 'Owner', 'Due', 'Days overdue', 'Status', 'RAG', 'Complete'],
      rows: p.overdue.map((a) => [
        label(a),
        a.workstream,
        a.owner || '–',
        dateOr(a.dueOn),
        String(a.daysOverdue),
        statusLabel[a.status],
        ragText(a.rag),
        `${a.percentComplete}%`,
      ]),
      numeric: [false, false, false, false, true, false, false, true],
      rowHeaders: true,
    });
  if (p.slipping.length)
    blocks.push({
      kind: 'table',
      caption: 'Slipping actions',
      head: ['Action', 'Workstream', 'Owner', 'Due', 'Why it is slipping'],
      rows: p.slipping.map((a) => [label(a), a.workstream, a.owner || '–', dateOr(a.dueOn), a.why]),
      rowHeaders: true,
    });

  // Upcoming priorities.
  s++;
  para = numbered(s);
  blocks.push(h(s, 'Upcoming priorities'));
  blocks.push(para(`The focus for ${p.nextPeriod} is on:`));
  blocks.push(
    p.upcoming.length
      ? {
          kind: 'list',
          items: p.upcoming.map((a) => [
            { text: label(a), strong: true },
            {
              text: ` (${a.workstream}; ${a.owner ? `${a.owner}; ` : ''}due ${dateOr(a.dueOn, 'date to be set')})${a.nextSteps ? `: ${a.nextSteps}` : ''}`,
            },
          ]),
        }
      : { kind: 'paragraph', content: 'No open actions fall in the next quarter.' },
  );

  // Measures.
  s++;
  para = numbered(s);
  blocks.push(h(s, 'Measures the programme aims to move'));
  if (p.measures.length === 0) blocks.push(para('No action has been linked to a measure yet.'));
  else {
    blocks.push(
      para(
        'Each measure linked to an action, with its latest published or derived value and its direction of travel.',
      ),
    );
    blocks.push({
      kind: 'table',
      caption: 'Measures linked to programme actions',
      head: ['Measure', 'Latest value', 'Direction of travel', 'Target', 'Actions'],
      rows: p.measures.map((m) => [
        `${m.code} ${m.title}`,
        m.latestPeriod ? `${m.latest} (${m.latestPeriod})` : m.latest,
        m.direction,
        m.target,
        m.actions.join('; '),
      ]),
      rowHeaders: true,
    });
  }
  return blocks;
}

export function programmeDocument(inputs: ProgrammeReportInputs): ReportDocument {
  const p = inputs.programme;
  const leads = [...new Set(p.workstreams.map((w) => w.lead).filter(Boolean))];
  const front: Block[] = [
    {
      kind: 'paragraph',
      content: [
        { text: 'Report to: ', strong: true },
        {
          text: `${inputs.committee}${inputs.meetingDate ? ` – ${formatLongDate(inputs.meetingDate)}` : ''}`,
        },
      ],
    },
    { kind: 'paragraph', content: [{ text: 'Subject: ', strong: true }, { text: p.programme.name }] },
    ...(p.programme.sponsor
      ? [
          {
            kind: 'paragraph',
            content: [{ text: 'Report of: ', strong: true }, { text: `The ${p.programme.sponsor}` }],
          } as Block,
        ]
      : []),
    { kind: 'heading', level: 2, text: 'Summary' },
    {
      kind: 'paragraph',
      content: `This report gives an overview of ${inputs.council.name}'s ${p.programme.name}, the progress made in ${p.period.label} and the priorities for ${p.nextPeriod}.`,
    },
    { kind: 'heading', level: 2, text: 'Recommendations' },
    {
      kind: 'paragraph',
      content: 'The Committee is asked to consider and comment on the contents of the report.',
    },
    { kind: 'paragraph', content: [{ text: 'Wards affected: ', strong: true }, { text: 'All' }] },
    { kind: 'heading', level: 2, text: 'Contact officers' },
    leads.length
      ? { kind: 'list', items: leads }
      : { kind: 'paragraph', content: 'The programme’s workstream leads.' },
    { kind: 'heading', level: 2, text: 'Background documents' },
    {
      kind: 'list',
      items: [
        `${p.plan.title} (version ${p.plan.version}, adopted ${formatLongDate(p.plan.adoptedOn)})`,
        ...p.previousPlans.map(
          (old) => `${old.title} (version ${old.version}, replaced ${formatLongDate(old.supersededOn)})`,
        ),
        'Adult social care strategic risk register',
      ],
    },
    { kind: 'contents' },
    { kind: 'pageBreak' },
  ];
  const intro: Block[] = [
    { kind: 'heading', level: 2, text: '1.0 Introduction' },
    {
      kind: 'paragraph',
      content: `1.1 This report provides an update on the ${p.programme.name}${p.programme.startedOn ? `, which began on ${formatLongDate(p.programme.startedOn)}` : ''}: progress made in ${p.period.label}, what is overdue or slipping, and the programme of work for ${p.nextPeriod}.`,
    },
    {
      kind: 'paragraph',
      content:
        '1.2 The strategic risk register links to the programme: key actions on each risk are programme actions where they can be. The register is at Appendix 1.',
    },
  ];
  return {
    title: p.programme.name,
    subtitle: `${inputs.council.name} · report for ${p.period.label}`,
    blocks: [
      ...front,
      ...intro,
      ...programmeBlocks(p, 2),
      { kind: 'pageBreak' },
      ...registerBlocks(inputs.register, inputs.council.name, 2).map((b, i) =>
        i === 0 && b.kind === 'heading' ? { ...b, text: `Appendix 1: ${b.text}` } : b,
      ),
    ],
    provenance: inputs.provenance,
  };
}

export function boardPackDocument(inputs: BoardPackInputs): ReportDocument {
  const m = inputs.meeting;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      content: [{ text: 'Meeting: ', strong: true }, { text: `${m.board}, ${formatLongDate(m.heldOn)}` }],
    },
    ...(m.chair
      ? [{ kind: 'paragraph', content: [{ text: 'Chair: ', strong: true }, { text: m.chair }] } as Block]
      : []),
    { kind: 'heading', level: 2, text: 'Agenda' },
    m.agenda.length
      ? { kind: 'list', items: m.agenda }
      : { kind: 'paragraph', content: 'No agenda items recorded.' },
    { kind: 'heading', level: 2, text: 'Decisions of the last meeting' },
    m.previous && m.previous.decisions.length
      ? {
          kind: 'list',
          items: m.previous.decisions.map((d) => `${formatLongDate(m.previous!.heldOn)}: ${d}`),
        }
      : { kind: 'paragraph', content: 'No decisions were recorded at the last meeting.' },
    { kind: 'heading', level: 2, text: 'Actions arising' },
    m.actionsArising.length
      ? {
          kind: 'table',
          caption: 'Actions arising from this board',
          head: ['Action', 'Owner', 'Due', 'Status'],
          rows: m.actionsArising.map((a) => [
            label(a),
            a.owner || '–',
            dateOr(a.dueOn),
            statusLabel[a.status],
          ]),
          rowHeaders: true,
        }
      : { kind: 'paragraph', content: 'No actions have arisen from this board.' },
    { kind: 'contents' },
    { kind: 'pageBreak' },
    ...programmeBlocks(inputs.programme, 1),
    { kind: 'pageBreak' },
    ...registerBlocks(inputs.register, inputs.council.name, 2),
  ];
  return {
    title: `Board pack: ${m.board}`,
    subtitle: `${formatLongDate(m.heldOn)} · ${inputs.programme.programme.name}`,
    blocks,
    provenance: inputs.provenance,
  };
}
