/**
 * Imports of an existing risk register and an existing action plan (CSV or Excel), with the same
 * report every import gives: rows read, loaded and rejected with row and reason. Each import is one
 * transaction (all loadable rows land, or none); the same file again changes nothing; a changed file
 * updates what changed, and a changed risk score is recorded as a new review.
 */
import { createHash } from 'node:crypto';
import { parseActionRows, isActionHeader, type ActionRow } from '../importers/plans/actions.js';
import { parseRiskRows, isRiskHeader } from '../importers/plans/risks.js';
import { readTable } from '../importers/plans/table.js';
import type { Rejection } from '../importers/report.js';
import type { Db, Queryable } from '../store/db.js';
import { ValidationError, type Actor } from './actor.js';
import { recordAudit } from './audit.js';
import type { Measure, MeasureService } from './measures.js';
import type { OrganisationService } from './organisations.js';
import type { ProgrammeService } from './programme/programmes.js';
import type { RiskService } from './risks/risks.js';

export interface PlanImportReport {
  source: 'risk-register' | 'action-plan';
  fileName: string;
  fileSha256: string;
  encoding?: string;
  sheet?: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  rejections: Rejection[];
  fileErrors: string[];
  notes: string[];
  /** 'loaded': stored; 'duplicate': this exact file was imported before; 'failed': nothing stored. */
  outcome: 'loaded' | 'duplicate' | 'failed';
  importId?: number;
  previousImportId?: number;
  added: number;
  changed: number;
  unchanged: number;
}

export function summarisePlanImport(r: PlanImportReport): string {
  const what = r.source === 'risk-register' ? 'risks' : 'actions';
  const lines = [
    `${r.fileName}: ${r.rowsRead} rows read, ${r.rowsLoaded} loaded, ${r.rowsRejected} rejected`,
  ];
  if (r.outcome === 'duplicate')
    lines.push(`This file was already imported (import ${r.previousImportId}); nothing changed.`);
  if (r.outcome === 'loaded')
    lines.push(
      `Import ${r.importId}: ${r.added} ${what} added, ${r.changed} changed, ${r.unchanged} unchanged.`,
    );
  for (const e of r.fileErrors) lines.push(`File error: ${e}`);
  for (const n of r.notes) lines.push(`Note: ${n}`);
  return lines.join('\n');
}

/** A measure named in a plan: its id, or its code (the newest edition that has the code wins). */
export function measureResolver(all: readonly Measure[]): (text: string) => string | undefined {
  const byId = new Map(all.map((m) => [m.id.toLowerCase(), m.id]));
  const familyOrder = ['local', 'ascof', 'cld', 'safeguarding'];
  const byCode = new Map<string, string>();
  const ranked = [...all].sort(
    (a, b) =>
      familyOrder.indexOf(b.family) - familyOrder.indexOf(a.family) || a.edition.localeCompare(b.edition),
  );
  for (const m of ranked) byCode.set(m.code.toLowerCase(), m.id);
  return (text) => byId.get(text.toLowerCase()) ?? byCode.get(text.toLowerCase());
}

export function planImportService(
  db: Db,
  organisations: OrganisationService,
  programmes: ProgrammeService,
  risks: RiskService,
  measures: MeasureService,
) {
  function blank(source: PlanImportReport['source'], fileName: string, sha: string): PlanImportReport {
    return {
      source,
      fileName,
      fileSha256: sha,
      rowsRead: 0,
      rowsLoaded: 0,
      rowsRejected: 0,
      rejections: [],
      fileErrors: [],
      notes: [],
      outcome: 'failed',
      added: 0,
      changed: 0,
      unchanged: 0,
    };
  }

  async function previous(kind: string, orgCode: string, targetId: number, sha: string) {
    const [row] = await db.query<{ id: number }>(
      'SELECT id FROM plan_imports WHERE kind = $1 AND org_code = $2 AND target_id = $3 AND file_sha256 = $4',
      [kind, orgCode, targetId, sha],
    );
    return row?.id;
  }

  async function record(
    tx: Queryable,
    actor: Actor,
    kind: 'risks' | 'actions',
    orgCode: string,
    targetId: number,
    report: PlanImportReport,
  ) {
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO plan_imports (kind, org_code, target_id, file_name, file_sha256, imported_by, imported_by_label,
         rows_read, rows_loaded, rows_rejected, report)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        kind,
        orgCode,
        targetId,
        report.fileName,
        report.fileSha256,
        actor.userId,
        actor.label,
        report.rowsRead,
        report.rowsLoaded,
        report.rowsRejected,
        JSON.stringify({ ...report, outcome: 'loaded' }),
      ],
    );
    report.importId = row!.id;
    await tx.query('UPDATE plan_imports SET report = $2 WHERE id = $1', [row!.id, JSON.stringify(report)]);
    await recordAudit(tx, actor, `plan-import.${kind}`, { type: 'plan-import', id: row!.id }, null, {
      orgCode,
      targetId,
      fileName: report.fileName,
      fileSha256: report.fileSha256,
      rowsRead: report.rowsRead,
      rowsLoaded: report.rowsLoaded,
      rowsRejected: report.rowsRejected,
      added: report.added,
      changed: report.changed,
    });
  }

  async function readInto(
    report: PlanImportReport,
    bytes: Uint8Array,
    isHeader: (cells: string[]) => boolean,
    expected: string,
  ) {
    const table = await readTable(report.fileName, bytes, isHeader);
    if (table.encoding) report.encoding = table.encoding;
    if (table.sheet) report.sheet = table.sheet;
    report.notes.push(...table.notes);
    report.fileErrors.push(...table.fileErrors);
    if (!table.fileErrors.length && table.header.length === 0)
      report.fileErrors.push(
        `No header row was found in the first 15 rows: expected columns such as ${expected}.`,
      );
    report.rowsRead = table.rows.length;
    return table;
  }

  const service = {
    /** Imports a council's risk register (the layout of a published register appendix). */
    async importRisks(
      actor: Actor,
      orgCode: string,
      fileName: string,
      bytes: Uint8Array,
    ): Promise<PlanImportReport> {
      const org = organisations.get(orgCode);
      if (org.kind !== 'council') throw new ValidationError(`${org.name} is not a council`);
      const sha = createHash('sha256').update(bytes).digest('hex');
      const report = blank('risk-register', fileName, sha);
      const table = await readInto(
        report,
        bytes,
        isRiskHeader,
        'ID, Theme, Risk Description, Risk Owner, Existing Key Controls and Sources of Assurance, Risk Score (current) impact x likelihood, Areas for Key Actions and Deadlines',
      );
      if (report.fileErrors.length) return report;
      const parsed = parseRiskRows(table.header, table.rows);
      report.fileErrors.push(...parsed.fileErrors);
      report.rejections = parsed.rejections;
      report.rowsRejected = parsed.fileErrors.length ? report.rowsRead : parsed.rejections.length;
      report.rowsLoaded = parsed.fileErrors.length ? 0 : parsed.rows.length;
      if (report.fileErrors.length) return report;
      const before = await previous('risks', orgCode, 0, sha);
      if (before !== undefined) {
        report.outcome = 'duplicate';
        report.previousImportId = before;
        return report;
      }
      if (parsed.rows.length === 0) {
        report.fileErrors.push('No row could be loaded, so nothing was stored.');
        return report;
      }
      const withoutFactors = parsed.rows.filter((r) => r.current.impact === null).length;
      if (withoutFactors)
        report.notes.push(
          `${withoutFactors} score(s) came without their impact and likelihood: they are kept as given, and each risk's next review records the two factors.`,
        );
      const schemesBefore = (await risks.schemes(orgCode)).length;
      await db.transaction(async (tx) => {
        for (const row of parsed.rows) {
          const outcome = await risks.writeImported(tx, actor, orgCode, row);
          report[outcome]++;
        }
        const [schemes] = await tx.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM risk_schemes WHERE org_code = $1',
          [orgCode],
        );
        if (schemesBefore === 0 && (schemes?.n ?? 0) > 0)
          report.notes.push(
            'No RAG bands had been set, so scores were banded with the default bands (1 to 4 Green, 5 to 14 Amber, 15 to 25 Red).',
          );
        report.outcome = 'loaded';
        await record(tx, actor, 'risks', orgCode, 0, report);
      });
      return report;
    },

    /** Imports an action plan into a programme's current plan: workstreams by name, actions by reference. */
    async importActions(
      actor: Actor,
      programmeId: number,
      fileName: string,
      bytes: Uint8Array,
    ): Promise<PlanImportReport> {
      const programme = await programmes.get(programmeId);
      const plan = await programmes.currentPlan(programmeId);
      const sha = createHash('sha256').update(bytes).digest('hex');
      const report = blank('action-plan', fileName, sha);
      const table = await readInto(
        report,
        bytes,
        isActionHeader,
        'Ref, Workstream, Action, Owner, Start date, Due date, Status, RAG, % complete',
      );
      if (report.fileErrors.length) return report;
      const parsed = parseActionRows(table.header, table.rows);
      report.fileErrors.push(...parsed.fileErrors);
      if (report.fileErrors.length) {
        report.rowsRejected = report.rowsRead;
        return report;
      }
      const resolveMeasure = measureResolver(await measures.all());
      const riskIds = new Map(
        (await risks.choices(programme.orgCode, 'internal')).map((r) => [r.reference.toLowerCase(), r.id]),
      );
      const rows: (ActionRow & { measureIds: string[]; riskIds: number[] })[] = [];
      const rejections = [...parsed.rejections];
      for (const row of parsed.rows) {
        const label = row.reference ? `Action ${row.reference}` : `"${row.title.slice(0, 40)}"`;
        const unknownMeasures = row.measureCodes.filter((c) => !resolveMeasure(c));
        const unknownRisks = row.riskReferences.filter((r) => !riskIds.has(r.toLowerCase()));
        if (unknownMeasures.length) {
          rejections.push({
            row: row.row,
            reason: `${label}: no measure ${unknownMeasures.join(', ')} in the catalogue`,
          });
          continue;
        }
        if (unknownRisks.length) {
          rejections.push({
            row: row.row,
            reason: `${label}: no risk ${unknownRisks.join(', ')} in the register`,
          });
          continue;
        }
        rows.push({
          ...row,
          measureIds: row.measureCodes.map((c) => resolveMeasure(c)!),
          riskIds: row.riskReferences.map((r) => riskIds.get(r.toLowerCase())!),
        });
      }
      report.rejections = rejections.sort((a, b) => a.row - b.row);
      report.rowsRejected = rejections.length;
      report.rowsLoaded = rows.length;
      const before = await previous('actions', programme.orgCode, programmeId, sha);
      if (before !== undefined) {
        report.outcome = 'duplicate';
        report.previousImportId = before;
        return report;
      }
      if (rows.length === 0) {
        report.fileErrors.push('No row could be loaded, so nothing was stored.');
        return report;
      }
      await db.transaction(async (tx) => {
        for (const row of rows) report[await writeAction(tx, actor, plan.id, row)]++;
        report.outcome = 'loaded';
        await record(tx, actor, 'actions', programme.orgCode, programmeId, report);
      });
      return report;
    },

    async list(orgCode: string) {
      return db.query<{
        id: number;
        kind: string;
        file_name: string;
        imported_by_label: string;
        imported_at: Date;
        rows_read: number;
        rows_loaded: number;
        rows_rejected: number;
      }>(
        'SELECT id, kind, file_name, imported_by_label, imported_at, rows_read, rows_loaded, rows_rejected FROM plan_imports WHERE org_code = $1 ORDER BY id DESC',
        [orgCode],
      );
    },
  };
  return service;
}
export type PlanImportService = ReturnType<typeof planImportService>;

const ACTION_FIELDS = [
  'reference',
  'kind',
  'title',
  'description',
  'owner',
  'start_on',
  'due_on',
  'status',
  'rag',
  'rag_text',
  'percent_complete',
] as const;

/** Adds or updates one imported action (matched by reference, else by workstream and title). */
async function writeAction(
  tx: Queryable,
  actor: Actor,
  planId: number,
  row: ActionRow & { measureIds: string[]; riskIds: number[] },
): Promise<'added' | 'changed' | 'unchanged'> {
  let [ws] = await tx.query<{ id: number }>('SELECT id FROM workstreams WHERE plan_id = $1 AND title = $2', [
    planId,
    row.workstream,
  ]);
  if (!ws) {
    [ws] = await tx.query<{ id: number }>(
      `INSERT INTO workstreams (plan_id, title, lead, position)
       VALUES ($1, $2, $3, (SELECT COALESCE(max(position), 0) + 1 FROM workstreams WHERE plan_id = $1)) RETURNING id`,
      [planId, row.workstream, row.workstreamLead],
    );
    await recordAudit(tx, actor, 'workstream.import', { type: 'workstream', id: ws!.id }, null, {
      title: row.workstream,
      lead: row.workstreamLead,
    });
  }
  const values = [
    row.reference,
    row.kind,
    row.title,
    row.description,
    row.owner,
    row.startOn,
    row.dueOn,
    row.status,
    row.rag,
    row.ragText,
    row.percentComplete,
  ];
  const [existing] = row.reference
    ? await tx.query<Record<string, unknown>>(
        'SELECT a.* FROM actions a JOIN workstreams w ON w.id = a.workstream_id WHERE w.plan_id = $1 AND a.reference = $2',
        [planId, row.reference],
      )
    : await tx.query<Record<string, unknown>>(
        'SELECT * FROM actions WHERE workstream_id = $1 AND title = $2',
        [ws!.id, row.title],
      );
  let id: number;
  let outcome: 'added' | 'changed' | 'unchanged';
  if (!existing) {
    const [inserted] = await tx.query<{ id: number }>(
      `INSERT INTO actions (workstream_id, ${ACTION_FIELDS.join(', ')}, baseline_due_on, completed_on, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $8, CASE WHEN $9 = 'complete' THEN $8::date END,
         (SELECT COALESCE(max(position), 0) + 1 FROM actions WHERE workstream_id = $1)) RETURNING id`,
      [ws!.id, ...values],
    );
    id = inserted!.id;
    outcome = 'added';
    await recordAudit(tx, actor, 'action.import', { type: 'action', id }, null, {
      ...row,
      workstreamId: ws!.id,
    });
  } else {
    id = Number(existing.id);
    const before = ACTION_FIELDS.map((f) => existing[f] ?? null);
    const same =
      Number(existing.workstream_id) === ws!.id &&
      before.every((v, i) => String(v ?? '') === String(values[i] ?? ''));
    outcome = same ? 'unchanged' : 'changed';
    if (!same) {
      await tx.query(
        `UPDATE actions SET workstream_id = $1, ${ACTION_FIELDS.map((f, i) => `${f} = $${i + 2}`).join(', ')},
           baseline_due_on = COALESCE(baseline_due_on, $8), updated_at = now() WHERE id = $13`,
        [ws!.id, ...values, id],
      );
      await recordAudit(tx, actor, 'action.import', { type: 'action', id }, existing, {
        ...row,
        workstreamId: ws!.id,
      });
    }
  }
  const links = await tx.query<{ measure_id: string }>(
    'SELECT measure_id FROM action_measures WHERE action_id = $1',
    [id],
  );
  const had = new Set(links.map((l) => l.measure_id));
  for (const m of row.measureIds)
    if (!had.has(m)) {
      await tx.query('INSERT INTO action_measures (action_id, measure_id) VALUES ($1, $2)', [id, m]);
      if (outcome === 'unchanged') outcome = 'changed';
    }
  for (const riskId of row.riskIds) {
    const [linked] = await tx.query('SELECT id FROM risk_key_actions WHERE risk_id = $1 AND action_id = $2', [
      riskId,
      id,
    ]);
    if (linked) continue;
    await tx.query(
      `INSERT INTO risk_key_actions (risk_id, text, action_id, position)
       VALUES ($1, $2, $3, (SELECT COALESCE(max(position), 0) + 1 FROM risk_key_actions WHERE risk_id = $1))`,
      [riskId, row.title, id],
    );
    await recordAudit(tx, actor, 'risk.key-action', { type: 'risk', id: riskId }, null, {
      text: row.title,
      actionId: id,
    });
    if (outcome === 'unchanged') outcome = 'changed';
  }
  return outcome;
}
