/**
 * The risk register as a report section, in the shape councils publish it: the seven columns of a
 * strategic risk register appendix, with the heat map, the bands and appetite in words, risks above
 * appetite and reviews overdue. The register given is already filtered for its audience.
 */
import { formatLongDate } from '../../domain/programme/dates.js';
import { describeBands, ragLabel } from '../../domain/risk/bands.js';
import { heatGrid } from '../../domain/risk/heat.js';
import { directionText, reviewStateLabel } from '../../domain/risk/review.js';
import { heatMap } from '../charts/heat-map.js';
import type { Block, ReportDocument } from '../document.js';
import type { RegisterRisk, RegisterSection, RiskRegisterInputs } from './inputs.js';

const statusWords: Record<string, string> = {
  'not-started': 'not started',
  'in-progress': 'in progress',
  complete: 'complete',
  'on-hold': 'on hold',
  cancelled: 'cancelled',
};

export function scoreText(r: RegisterRisk): string {
  if (!r.current) return 'Not yet scored';
  const c = r.current;
  const factors =
    c.impact === null ? 'impact and likelihood not yet recorded' : `${c.impact} × ${c.likelihood}`;
  const parts = [`${c.score} (${factors}) ${ragLabel[c.rag]}`];
  if (r.direction.direction !== 'new') parts.push(directionText(r.direction));
  if (r.aboveAppetite) parts.push(`above appetite of ${r.appetite}`);
  return parts.join('; ');
}

function keyActionsText(r: RegisterRisk): string {
  if (r.keyActions.length === 0) return 'None recorded';
  return r.keyActions
    .map((k) => {
      const notes = [
        k.deadline ? `by ${formatLongDate(k.deadline)}` : '',
        k.actionReference ? `programme action ${k.actionReference}` : '',
        k.status ? (statusWords[k.status] ?? k.status) : '',
      ].filter(Boolean);
      return notes.length ? `${k.text} (${notes.join(', ')})` : k.text;
    })
    .join('; ');
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, '; ');

export function registerRows(reg: RegisterSection): string[][] {
  return reg.risks.map((r) => [
    r.exempt ? `${r.reference} (exempt)` : r.reference,
    r.themes.join(', '),
    r.description,
    r.owners.join(', '),
    [oneLine(r.controls), r.assurance ? `Sources of assurance: ${oneLine(r.assurance)}` : '']
      .filter(Boolean)
      .join('. '),
    scoreText(r),
    keyActionsText(r),
  ]);
}

export const REGISTER_HEAD = [
  'ID',
  'Theme',
  'Risk Description',
  'Risk Owner',
  'Existing Key Controls and Sources of Assurance',
  'Risk Score (current) impact x likelihood',
  'Areas for Key Actions and Deadlines',
];

/** The register section; `level` is the heading level its title takes. */
export function registerBlocks(reg: RegisterSection, councilName: string, level: 1 | 2 = 2): Block[] {
  const sub = Math.min(level + 1, 3) as 2 | 3;
  const exempt = reg.risks.filter((r) => r.exempt).length;
  const themes = Object.entries(reg.scheme.appetite.themes);
  const blocks: Block[] = [
    { kind: 'heading', level, text: 'Strategic risk assessment and register' },
    {
      kind: 'paragraph',
      content:
        reg.audience === 'published'
          ? 'This version is for publication. Risks containing exempt information are reported separately and are not included.'
          : [
              { text: 'Not for publication. ', strong: true },
              {
                text: `This internal version includes ${exempt} exempt risk${exempt === 1 ? '' : 's'}, marked "exempt" beside the ID.`,
              },
            ],
    },
    {
      kind: 'paragraph',
      content: `${councilName}'s register holds ${reg.risks.length} open risk${reg.risks.length === 1 ? '' : 's'} as at ${formatLongDate(reg.asAt)}. Each is scored as impact (1 to 5) times likelihood (1 to 5). Scores band as ${describeBands(reg.scheme.bands)} (bands set from ${reg.scheme.fromPeriod}). The council's risk appetite is a score of ${reg.scheme.appetite.overall}${themes.length ? ` (${themes.map(([t, n]) => `${t} ${n}`).join(', ')})` : ''}. Each risk keeps the colour of the bands in force when it was last reviewed; the heat map uses today's bands.`,
    },
    {
      kind: 'chart',
      caption: `Risk heat map: ${councilName}, ${formatLongDate(reg.asAt)}`,
      chart: heatMap(
        'Current risk scores by impact and likelihood',
        heatGrid(
          reg.risks.flatMap((r) => (r.current ? [{ reference: r.reference, ...r.current }] : [])),
          reg.scheme.bands,
        ),
        reg.scheme.bands,
      ),
    },
    {
      kind: 'table',
      caption: `Strategic risk register: ${councilName}`,
      head: REGISTER_HEAD,
      rows: registerRows(reg),
      rowHeaders: true,
    },
    { kind: 'heading', level: sub, text: 'Risks above appetite' },
  ];
  const above = reg.risks.filter((r) => r.aboveAppetite);
  blocks.push(
    above.length
      ? {
          kind: 'list',
          items: above.map(
            (r) =>
              `Risk ${r.reference}: score ${r.current?.score} against an appetite of ${r.appetite}. ${r.description}`,
          ),
        }
      : { kind: 'paragraph', content: 'No risk is above the council’s appetite.' },
  );
  blocks.push({ kind: 'heading', level: sub, text: 'Reviews due' });
  const due = reg.risks.filter((r) => r.reviewState !== 'in-date');
  blocks.push(
    due.length
      ? {
          kind: 'list',
          items: due.map(
            (r) =>
              `Risk ${r.reference}: ${reviewStateLabel[r.reviewState].toLowerCase()} (due ${formatLongDate(r.nextReviewOn)})`,
          ),
        }
      : { kind: 'paragraph', content: 'Every risk has been reviewed within its review period.' },
  );
  const unscored = reg.risks.filter((r) => r.current && r.current.impact === null);
  if (unscored.length)
    blocks.push({
      kind: 'paragraph',
      content: `Risks ${unscored.map((r) => r.reference).join(', ')} carry a score whose impact and likelihood were not recorded when the register was imported; each risk's next review records them, and until then they are not placed on the heat map.`,
    });
  return blocks;
}

/** The register on its own, as the appendix to a committee report or a risk committee paper. */
export function riskRegisterDocument(inputs: RiskRegisterInputs): ReportDocument {
  return {
    title: `Strategic risk register: ${inputs.council.name}`,
    subtitle: `As at ${formatLongDate(inputs.register.asAt)} · ${
      inputs.register.audience === 'published' ? 'for publication' : 'internal, includes exempt risks'
    }`,
    blocks: registerBlocks(inputs.register, inputs.council.name, 2).slice(1),
    provenance: inputs.provenance,
  };
}
