/**
 * Reads an improvement action plan: one row per action or milestone with its workstream, owner,
 * dates, status, RAG and percentage complete, and optionally the risks it mitigates and the
 * measures it should move. Each row is an action or a rejection with its row and reason.
 */
import {
  actionProblems,
  ACTION_STATUSES,
  type ActionKind,
  type ActionStatus,
  type PlanRag,
} from '../../domain/programme/action.js';
import type { Rejection } from '../report.js';
import { dateCell, listCell } from './cells.js';
import { mapColumns, type ColumnSpec } from './table.js';

export const actionColumns = {
  reference: {
    names: ['ref', 'ref.', 'reference', 'action ref', 'action reference', 'id', 'action id', 'no', 'no.'],
  },
  workstream: {
    names: ['workstream', 'work stream', 'theme', 'project', 'workstream/theme', 'project plan'],
  },
  workstreamLead: { names: ['workstream lead', 'lead', 'theme lead', 'project lead'] },
  kind: { names: ['type', 'kind', 'action or milestone'] },
  title: {
    names: [
      'action',
      'action title',
      'actions',
      'milestone',
      'action/milestone',
      'title',
      'description of action',
    ],
  },
  description: { names: ['description', 'detail', 'details', 'notes'] },
  owner: { names: ['owner', 'action owner', 'responsible officer', 'responsible', 'lead officer'] },
  startOn: { names: ['start', 'start date', 'from'] },
  dueOn: { names: ['due', 'due date', 'deadline', 'target date', 'end date', 'completion date', 'by when'] },
  status: { names: ['status', 'progress status'] },
  rag: { names: ['rag', 'rag status', 'rag rating'] },
  ragText: {
    names: [
      'rag commentary',
      'rag reason',
      'rag text',
      'commentary',
      'comments',
      'progress commentary',
      'update',
    ],
  },
  percentComplete: {
    names: ['% complete', 'percent complete', 'percentage complete', 'progress %', 'complete %', '%'],
  },
  risks: { names: ['risk ids', 'risks', 'risk', 'mitigates risks', 'risk refs', 'linked risks'] },
  measures: { names: ['measures', 'measure', 'measure codes', 'indicators', 'kpis', 'linked measures'] },
} satisfies Record<string, ColumnSpec>;
type ActionColumn = keyof typeof actionColumns;

export function isActionHeader(cells: string[]): boolean {
  const at = mapColumns(cells, actionColumns);
  return at.workstream >= 0 && at.title >= 0;
}

export interface ActionRow {
  row: number;
  reference: string | null;
  workstream: string;
  workstreamLead: string;
  kind: ActionKind;
  title: string;
  description: string;
  owner: string;
  startOn: string | null;
  dueOn: string | null;
  status: ActionStatus;
  rag: PlanRag | null;
  ragText: string;
  percentComplete: number;
  riskReferences: string[];
  measureCodes: string[];
}

const statusWords: Record<string, ActionStatus> = {
  'not started': 'not-started',
  'not yet started': 'not-started',
  planned: 'not-started',
  'in progress': 'in-progress',
  underway: 'in-progress',
  'on track': 'in-progress',
  ongoing: 'in-progress',
  delayed: 'in-progress',
  'at risk': 'in-progress',
  complete: 'complete',
  completed: 'complete',
  done: 'complete',
  'on hold': 'on-hold',
  paused: 'on-hold',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  withdrawn: 'cancelled',
};

function statusOf(text: string): ActionStatus | undefined {
  const t = text.trim().toLowerCase().replace(/[-_]/g, ' ');
  if (t === '') return 'not-started';
  return (
    statusWords[t] ??
    ((ACTION_STATUSES as readonly string[]).find((s) => s === t.replace(/ /g, '-')) as
      ActionStatus | undefined)
  );
}

function ragOf(text: string): PlanRag | null | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  if (t === 'r' || t === 'red') return 'red';
  if (t === 'a' || t === 'amber') return 'amber';
  if (t === 'g' || t === 'green' || t === 'b' || t === 'blue') return 'green';
  return undefined;
}

function percentOf(text: string): number | undefined {
  const t = text.trim().replace(/%$/, '').trim();
  if (t === '') return 0;
  const n = Number(t);
  return Number.isInteger(n) && n >= 0 && n <= 100 ? n : undefined;
}

export function parseActionRows(
  header: readonly string[],
  rows: readonly { line: number; cells: string[] }[],
): { rows: ActionRow[]; rejections: Rejection[]; fileErrors: string[] } {
  const at = mapColumns(header, actionColumns);
  const fileErrors: string[] = [];
  if (at.workstream < 0) fileErrors.push('No workstream column (a column headed "Workstream" or "Theme").');
  if (at.title < 0) fileErrors.push('No action column (a column headed "Action").');
  if (fileErrors.length) return { rows: [], rejections: [], fileErrors };
  const out: ActionRow[] = [];
  const rejections: Rejection[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    const get = (c: ActionColumn) => (at[c] >= 0 ? (cells[at[c]] ?? '').trim() : '');
    const reject = (reason: string) => rejections.push({ row: line, reason });
    const reference = get('reference').replace(/\s+/g, '') || null;
    const title = get('title').replace(/\s*\n\s*/g, ' ');
    const workstream = get('workstream').replace(/\s+/g, ' ');
    if (!workstream) {
      reject(`${reference ? `Action ${reference}: t` : 'T'}he workstream is missing`);
      continue;
    }
    if (!title) {
      reject(`${reference ? `Action ${reference}: t` : 'T'}he action is missing`);
      continue;
    }
    const label = reference ? `Action ${reference}` : `"${title.slice(0, 40)}"`;
    if (reference) {
      const first = seen.get(reference.toLowerCase());
      if (first !== undefined) {
        reject(`${label} appears again (first on row ${first})`);
        continue;
      }
      seen.set(reference.toLowerCase(), line);
    }
    const kindText = get('kind').toLowerCase();
    const kind: ActionKind | undefined =
      kindText === '' || kindText === 'action'
        ? 'action'
        : kindText === 'milestone'
          ? 'milestone'
          : undefined;
    const status = statusOf(get('status'));
    const rag = ragOf(get('rag'));
    const percent = percentOf(get('percentComplete'));
    const start = dateCell(get('startOn'), 'Start date');
    const due = dateCell(get('dueOn'), 'Due date');
    const problem =
      kind === undefined
        ? `Type "${get('kind')}" should be Action or Milestone`
        : status === undefined
          ? `Status "${get('status')}" is not one of: not started, in progress, complete, on hold, cancelled`
          : rag === undefined
            ? `RAG "${get('rag')}" should be Red, Amber or Green`
            : percent === undefined
              ? `% complete "${get('percentComplete')}" should be a whole number from 0 to 100`
              : 'error' in start
                ? start.error
                : 'error' in due
                  ? due.error
                  : undefined;
    if (problem) {
      reject(`${label}: ${problem}`);
      continue;
    }
    const row: ActionRow = {
      row: line,
      reference,
      workstream,
      workstreamLead: get('workstreamLead'),
      kind: kind!,
      title,
      description: get('description'),
      owner: get('owner'),
      startOn: (start as { ok: string | null }).ok,
      dueOn: (due as { ok: string | null }).ok,
      status: status!,
      rag: rag ?? null,
      ragText: get('ragText'),
      percentComplete: status === 'complete' && get('percentComplete') === '' ? 100 : percent!,
      riskReferences: listCell(get('risks')).map((r) => r.replace(/\s+/g, '')),
      measureCodes: listCell(get('measures')),
    };
    const problems = actionProblems(row);
    if (problems.length) {
      reject(`${label}: ${problems.map((p) => p.message).join('; ')}`);
      continue;
    }
    out.push(row);
  }
  return { rows: out, rejections, fileErrors };
}
