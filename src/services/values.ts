/**
 * A council's own values for its local measures. Every value arrives in a batch (an upload or a form
 * entry) that goes draft → submitted → approved; only approval turns it into published observations, as
 * one release, so pages and reports never show an unapproved figure. A manager returns a batch with a
 * reason instead of approving it, and never approves a batch they submitted. A value for a period that
 * already has one is a correction: on approval it supersedes the old figure, which stays as history.
 */
import { createHash } from 'node:crypto';
import { valueRulesSchema, type ValueRules, type ValueRulesInput } from '../domain/values/rules.js';
import type { Rejection } from '../importers/report.js';
import { validateRows, type RowRejection, type ValueMeasure } from '../importers/values/rows.js';
import { readSheet, type Sheet } from '../importers/values/sheet.js';
import { csvTemplate, xlsxTemplate } from '../importers/values/template.js';
import type { Db, Queryable } from '../store/db.js';
import { writeRelease } from '../store/releases.js';
import { NotAllowedError, NotFoundError, ValidationError, type Actor } from './actor.js';
import { recordAudit } from './audit.js';
import { todayOf, type Clock } from './clock.js';
import type { Measure, MeasureService } from './measures.js';
import type { OrganisationService } from './organisations.js';
import { fieldErrorsOf } from './users.js';

export const LOCAL_VALUES_SOURCE = 'local-values';

export const batchStatuses = ['draft', 'submitted', 'approved', 'returned', 'withdrawn'] as const;
export type BatchStatus = (typeof batchStatuses)[number];

export const statusText: Record<BatchStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted for approval',
  approved: 'Approved and published',
  returned: 'Returned',
  withdrawn: 'Withdrawn',
};

export interface ValuesUploadReport {
  orgCode: string;
  fileName: string;
  fileSha256: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  rowsSkipped: number;
  rejections: Rejection[];
  warnings: { row: number; measureId: string; period: string; message: string }[];
  fileErrors: string[];
  /** 'drafted': a new draft batch; 'duplicate': this file is already an open or approved batch; 'failed': nothing stored. */
  outcome: 'drafted' | 'duplicate' | 'failed';
  batchId?: number;
  previousBatchId?: number;
}

export interface BatchEntry {
  id: number;
  row: number;
  measureId: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  value: string;
  numerator: string | null;
  denominator: string | null;
  note: string;
  warnings: string[];
  replaces: string | null;
}

export interface ValueBatch {
  id: number;
  orgCode: string;
  source: 'upload' | 'form' | 'api';
  fileName: string;
  status: BatchStatus;
  rowsRead: number;
  report: ValuesUploadReport;
  createdBy: string;
  createdById: number | null;
  createdAt: Date;
  submittedBy: string | null;
  submittedById: number | null;
  submittedAt: Date | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  releaseId: number | null;
  entryCount: number;
}

interface BatchRow {
  id: number;
  org_code: string;
  source: ValueBatch['source'];
  file_name: string;
  status: BatchStatus;
  rows_read: number;
  report: ValuesUploadReport;
  created_by: number | null;
  created_by_label: string;
  created_at: Date;
  submitted_by: number | null;
  submitted_by_label: string | null;
  submitted_at: Date | null;
  decided_by_label: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  release_id: number | null;
  entry_count: number;
}

const toBatch = (r: BatchRow): ValueBatch => ({
  id: r.id,
  orgCode: r.org_code,
  source: r.source,
  fileName: r.file_name,
  status: r.status,
  rowsRead: r.rows_read,
  report: r.report,
  createdBy: r.created_by_label,
  createdById: r.created_by,
  createdAt: r.created_at,
  submittedBy: r.submitted_by_label,
  submittedById: r.submitted_by,
  submittedAt: r.submitted_at,
  decidedBy: r.decided_by_label,
  decidedAt: r.decided_at,
  decisionNote: r.decision_note,
  releaseId: r.release_id,
  entryCount: r.entry_count,
});

const BATCH_SELECT = `SELECT b.*, (SELECT count(*)::int FROM value_entries e WHERE e.batch_id = b.id) AS entry_count
  FROM value_batches b`;

/** A JS number as a decimal string the NUMERIC columns accept (never in exponent form). */
const decimal = (n: number) => (/e/i.test(String(n)) ? n.toFixed(12).replace(/\.?0+$/, '') : String(n));

export interface FormEntry {
  measureId: string;
  period: string;
  value: string;
  numerator?: string;
  denominator?: string;
  note?: string;
}

export function valueService(deps: {
  db: Db;
  clock: Clock;
  measures: MeasureService;
  organisations: OrganisationService;
}) {
  const { db, clock, measures, organisations } = deps;

  /** The measures a council may enter values for: its local ones. */
  async function enterable(): Promise<Measure[]> {
    return (await measures.all()).filter((m) => m.origin === 'local');
  }

  async function allRules(): Promise<Map<string, ValueRules>> {
    const rows = await db.query<{ measure_id: string; rules: ValueRules }>(
      'SELECT measure_id, rules FROM measure_value_rules',
    );
    return new Map(rows.map((r) => [r.measure_id, r.rules]));
  }

  async function publishedValues(orgCode: string, measureIds: string[]) {
    const rows = await db.query<{ measure_id: string; period: string; value: string | null }>(
      `SELECT measure_id, period, value::text FROM observations
       WHERE org_code = $1 AND measure_id = ANY($2) AND superseded_by IS NULL AND disaggregation = 'Total'`,
      [orgCode, measureIds],
    );
    const map = new Map<string, number>();
    for (const r of rows) if (r.value !== null) map.set(`${r.measure_id}|${r.period}`, Number(r.value));
    return map;
  }

  async function validate(orgCode: string, sheet: Sheet) {
    const ms: ValueMeasure[] = await enterable();
    const published = await publishedValues(
      orgCode,
      ms.map((m) => m.id),
    );
    const result = validateRows(sheet, {
      measures: ms,
      rules: await allRules(),
      published: (id, period) => published.get(`${id}|${period}`),
      today: todayOf(clock),
    });
    return { ...result, published };
  }

  async function createBatch(
    actor: Actor,
    orgCode: string,
    source: ValueBatch['source'],
    report: ValuesUploadReport,
    entries: Awaited<ReturnType<typeof validate>>['entries'],
    published: Map<string, number>,
  ): Promise<number> {
    return db.transaction(async (tx) => {
      const [b] = await tx.query<{ id: number }>(
        `INSERT INTO value_batches (org_code, source, file_name, file_sha256, status, rows_read, report, created_by, created_by_label)
         VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $8) RETURNING id`,
        [
          orgCode,
          source,
          report.fileName,
          source === 'upload' ? report.fileSha256 : null,
          report.rowsRead,
          JSON.stringify(report),
          actor.userId,
          actor.label,
        ],
      );
      const id = b!.id;
      await tx.query(
        `INSERT INTO value_entries (batch_id, row_number, measure_id, period, period_start, period_end, value,
           numerator, denominator, note, replaces)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::date[], $6::date[], $7::numeric[],
           $8::numeric[], $9::numeric[], $10::text[], $11::numeric[])`,
        [
          id,
          entries.map((e) => e.row),
          entries.map((e) => e.measureId),
          entries.map((e) => e.period.label),
          entries.map((e) => e.period.start),
          entries.map((e) => e.period.end),
          entries.map((e) => decimal(e.value)),
          entries.map((e) => (e.numerator === null ? null : decimal(e.numerator))),
          entries.map((e) => (e.denominator === null ? null : decimal(e.denominator))),
          entries.map((e) => e.note),
          entries.map((e) => {
            const old = published.get(`${e.measureId}|${e.period.label}`);
            return old === undefined ? null : decimal(old);
          }),
        ],
      );
      // Warnings are few: written per entry rather than as a ragged array through unnest.
      for (const e of entries.filter((x) => x.warnings.length > 0))
        await tx.query('UPDATE value_entries SET warnings = $3 WHERE batch_id = $1 AND row_number = $2', [
          id,
          e.row,
          e.warnings,
        ]);
      await recordAudit(tx, actor, 'values.draft', { type: 'value-batch', id }, null, {
        orgCode,
        source,
        fileName: report.fileName,
        rowsLoaded: report.rowsLoaded,
        values: entries.map((e) => ({ measureId: e.measureId, period: e.period.label, value: e.value })),
      });
      return id;
    });
  }

  async function getBatch(q: Queryable, id: number, lock = false): Promise<BatchRow> {
    const [row] = await q.query<BatchRow>(
      lock
        ? `SELECT b.*, 0 AS entry_count FROM value_batches b WHERE b.id = $1 FOR UPDATE`
        : `${BATCH_SELECT} WHERE b.id = $1`,
      [id],
    );
    if (!row) throw new NotFoundError(`There is no batch of values ${id}`);
    return row;
  }

  function expect(row: BatchRow, wanted: BatchStatus[], doing: string): void {
    if (!wanted.includes(row.status))
      throw new ValidationError(
        `Batch ${row.id} is ${statusText[row.status].toLowerCase()}, so it cannot be ${doing}`,
        [{ field: 'batch', message: `Batch ${row.id} is ${statusText[row.status].toLowerCase()}` }],
      );
  }

  /** Moves a batch from one status to the next in one transaction, audited. */
  async function transition(
    actor: Actor,
    id: number,
    from: BatchStatus[],
    to: BatchStatus,
    doing: string,
    extra: { note?: string; check?: (row: BatchRow) => void; inTx?: (tx: Queryable) => Promise<void> } = {},
  ): Promise<ValueBatch> {
    await db.transaction(async (tx) => {
      const row = await getBatch(tx, id, true);
      expect(row, from, doing);
      extra.check?.(row);
      const decided = to === 'approved' || to === 'returned';
      await tx.query(
        `UPDATE value_batches SET status = $2,
           submitted_by = CASE WHEN $2 = 'submitted' THEN $3 ELSE submitted_by END,
           submitted_by_label = CASE WHEN $2 = 'submitted' THEN $4 ELSE submitted_by_label END,
           submitted_at = CASE WHEN $2 = 'submitted' THEN now() ELSE submitted_at END,
           decided_by = CASE WHEN $5 THEN $3 ELSE decided_by END,
           decided_by_label = CASE WHEN $5 THEN $4 ELSE decided_by_label END,
           decided_at = CASE WHEN $5 THEN now() ELSE decided_at END,
           decision_note = COALESCE($6, decision_note)
         WHERE id = $1`,
        [id, to, actor.userId, actor.label, decided, extra.note ?? null],
      );
      await extra.inTx?.(tx);
      await recordAudit(
        tx,
        actor,
        `values.${to === 'submitted' ? 'submit' : to === 'approved' ? 'approve' : to === 'returned' ? 'return' : 'withdraw'}`,
        { type: 'value-batch', id },
        { status: row.status },
        { status: to, ...(extra.note ? { note: extra.note } : {}) },
      );
    });
    return toBatch(await getBatch(db, id));
  }

  async function entriesOf(q: Queryable, batchId: number): Promise<BatchEntry[]> {
    const rows = await q.query<{
      id: number;
      row_number: number;
      measure_id: string;
      period: string;
      period_start: string;
      period_end: string;
      value: string;
      numerator: string | null;
      denominator: string | null;
      note: string;
      warnings: string[];
      replaces: string | null;
    }>(
      `SELECT id, row_number, measure_id, period, period_start, period_end, value::text, numerator::text, denominator::text,
              note, warnings, replaces::text FROM value_entries WHERE batch_id = $1 ORDER BY row_number`,
      [batchId],
    );
    return rows.map((r) => ({
      id: r.id,
      row: r.row_number,
      measureId: r.measure_id,
      period: r.period,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      value: r.value,
      numerator: r.numerator,
      denominator: r.denominator,
      note: r.note,
      warnings: r.warnings,
      replaces: r.replaces,
    }));
  }

  return {
    enterable,

    /**
     * Reads an upload (CSV or Excel) into a draft batch. All or nothing: one rejected row and nothing is
     * stored, and the report lists every rejected row with its reason. The same file again is a duplicate.
     */
    async upload(
      actor: Actor,
      orgCode: string,
      file: { fileName: string; bytes: Uint8Array },
    ): Promise<ValuesUploadReport> {
      organisations.get(orgCode);
      const sha = createHash('sha256').update(file.bytes).digest('hex');
      const sheet = await readSheet(file.fileName, file.bytes);
      const { entries, rejections, skipped, published } = await validate(orgCode, sheet);
      const report: ValuesUploadReport = {
        orgCode,
        fileName: file.fileName,
        fileSha256: sha,
        rowsRead: sheet.rows.length,
        rowsLoaded: 0,
        rowsRejected: rejections.length,
        rowsSkipped: skipped,
        rejections: rejections.map(({ row, reason }) => ({ row, reason })),
        warnings: entries.flatMap((e) =>
          e.warnings.map((message) => ({
            row: e.row,
            measureId: e.measureId,
            period: e.period.label,
            message,
          })),
        ),
        fileErrors: sheet.fileErrors,
        outcome: 'failed',
      };
      if (report.fileErrors.length > 0 || rejections.length > 0) return report;
      if (entries.length === 0) {
        report.fileErrors.push('No row has a value, so there is nothing to enter.');
        return report;
      }
      const [previous] = await db.query<{ id: number }>(
        `SELECT id FROM value_batches WHERE org_code = $1 AND file_sha256 = $2
           AND status IN ('draft', 'submitted', 'approved')`,
        [orgCode, sha],
      );
      if (previous) return { ...report, outcome: 'duplicate', previousBatchId: previous.id };
      report.rowsLoaded = entries.length;
      report.outcome = 'drafted';
      report.batchId = await createBatch(actor, orgCode, 'upload', report, entries, published);
      await db.query('UPDATE value_batches SET report = $2 WHERE id = $1', [
        report.batchId,
        JSON.stringify(report),
      ]);
      return report;
    },

    /** One value from the form, as a draft batch of one; a refused value is a ValidationError on its field. */
    async enter(actor: Actor, orgCode: string, input: FormEntry): Promise<ValuesUploadReport> {
      organisations.get(orgCode);
      const sheet: Sheet = {
        rows: [
          {
            row: 1,
            cells: {
              measure: input.measureId,
              period: input.period,
              value: input.value,
              numerator: input.numerator ?? null,
              denominator: input.denominator ?? null,
              note: input.note ?? null,
            },
          },
        ],
        fileErrors: [],
      };
      const { entries, rejections, published } = await validate(orgCode, sheet);
      const fieldOf: Record<RowRejection['field'], string> = {
        measure: 'measureId',
        period: 'period',
        value: 'value',
        numerator: 'numerator',
        denominator: 'denominator',
        note: 'note',
      };
      if (rejections.length)
        throw new ValidationError(
          'The value cannot be entered',
          rejections.map((r) => ({
            field: fieldOf[r.field],
            // A sentence starts with a capital; one starting with a measure id keeps the id as written.
            message: /^[a-z]+ /.test(r.reason) ? r.reason[0]!.toUpperCase() + r.reason.slice(1) : r.reason,
          })),
        );
      if (entries.length === 0)
        throw new ValidationError('The value cannot be entered', [
          { field: 'value', message: 'Enter a value' },
        ]);
      const e = entries[0]!;
      const report: ValuesUploadReport = {
        orgCode,
        fileName: `form entry: ${e.measureId} ${e.period.label}`,
        fileSha256: '',
        rowsRead: 1,
        rowsLoaded: 1,
        rowsRejected: 0,
        rowsSkipped: 0,
        rejections: [],
        warnings: e.warnings.map((message) => ({
          row: 1,
          measureId: e.measureId,
          period: e.period.label,
          message,
        })),
        fileErrors: [],
        outcome: 'drafted',
      };
      report.batchId = await createBatch(actor, orgCode, 'form', report, entries, published);
      return report;
    },

    async submit(actor: Actor, id: number): Promise<ValueBatch> {
      return transition(actor, id, ['draft'], 'submitted', 'submitted');
    },

    async withdraw(actor: Actor, id: number): Promise<ValueBatch> {
      return transition(actor, id, ['draft', 'submitted'], 'withdrawn', 'withdrawn');
    },

    async returnBatch(actor: Actor, id: number, reason: string): Promise<ValueBatch> {
      const note = reason.trim();
      if (!note)
        throw new ValidationError('Say why the values are returned', [
          { field: 'note', message: 'Say why the values are returned, so the analyst can correct them' },
        ]);
      return transition(actor, id, ['submitted'], 'returned', 'returned', { note: note.slice(0, 2000) });
    },

    /** Publishes a submitted batch as one release of observations; whoever submitted it cannot approve it. */
    async approve(actor: Actor, id: number, note?: string): Promise<ValueBatch> {
      const row = await getBatch(db, id);
      expect(row, ['submitted'], 'approved');
      if (actor.userId !== null && actor.userId === row.submitted_by)
        throw new NotAllowedError(
          `You submitted batch ${id}, so someone else with approval rights must approve it.`,
        );
      const entries = await entriesOf(db, id);
      const sha = createHash('sha256')
        .update(`value-batch:${id}:${JSON.stringify(entries)}`)
        .digest('hex');
      await writeRelease(
        db,
        {
          source: LOCAL_VALUES_SOURCE,
          fileName: `batch ${id}: ${row.file_name}`,
          fileSha256: sha,
          importedBy: actor.userId,
          importedByLabel: actor.label,
          rowsRead: row.rows_read,
          rowsLoaded: entries.length,
          rowsRejected: 0,
          report: { batchId: id, submittedBy: row.submitted_by_label, approvedBy: actor.label },
        },
        entries.map((e) => ({
          orgCode: row.org_code,
          measureId: e.measureId,
          period: { label: e.period, start: e.periodStart, end: e.periodEnd },
          disaggregation: 'Total',
          value: e.value,
          numerator: e.numerator,
          denominator: e.denominator,
          suppression: null,
        })),
        async (tx, releaseId) => {
          await transitionInTx(tx, actor, row, releaseId, note);
        },
      );
      return toBatch(await getBatch(db, id));
    },

    async get(id: number): Promise<ValueBatch & { entries: BatchEntry[] }> {
      const row = await getBatch(db, id);
      return { ...toBatch(row), entries: await entriesOf(db, id) };
    },

    async list(filter: { orgCode?: string; statuses?: BatchStatus[] } = {}): Promise<ValueBatch[]> {
      const where: string[] = [];
      const params: unknown[] = [];
      if (filter.orgCode) {
        params.push(filter.orgCode);
        where.push(`b.org_code = $${params.length}`);
      }
      if (filter.statuses) {
        params.push(filter.statuses);
        where.push(`b.status = ANY($${params.length})`);
      }
      const rows = await db.query<BatchRow>(
        `${BATCH_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY b.id DESC LIMIT 200`,
        params,
      );
      return rows.map(toBatch);
    },

    /** Every value ever entered for a measure, newest period first, with its batch's status: corrections kept. */
    async history(orgCode: string, measureId: string) {
      return db.query<{
        batch_id: number;
        status: BatchStatus;
        period: string;
        value: string;
        note: string;
        replaces: string | null;
        created_by_label: string;
        created_at: Date;
        decided_by_label: string | null;
        decided_at: Date | null;
      }>(
        `SELECT b.id AS batch_id, b.status, e.period, e.value::text, e.note, e.replaces::text, b.created_by_label,
                b.created_at, b.decided_by_label, b.decided_at
         FROM value_entries e JOIN value_batches b ON b.id = e.batch_id
         WHERE b.org_code = $1 AND e.measure_id = $2 ORDER BY e.period_start DESC, b.id DESC`,
        [orgCode, measureId],
      );
    },

    async rules(measureId: string): Promise<ValueRules | undefined> {
      return (await allRules()).get(measureId);
    },

    allRules,

    async setRules(actor: Actor, measureId: string, input: ValueRulesInput): Promise<ValueRules> {
      const measure = await measures.get(measureId);
      if (measure.origin !== 'local')
        throw new ValidationError('Rules apply to local measures', [
          {
            field: 'measureId',
            message: `${measureId} is not a local measure: its values are not entered here`,
          },
        ]);
      const parsed = valueRulesSchema.safeParse(input);
      if (!parsed.success) throw new ValidationError('The rules are not valid', fieldErrorsOf(parsed.error));
      await db.transaction(async (tx) => {
        const [before] = await tx.query<{ rules: ValueRules }>(
          'SELECT rules FROM measure_value_rules WHERE measure_id = $1 FOR UPDATE',
          [measureId],
        );
        await tx.query(
          `INSERT INTO measure_value_rules (measure_id, rules, updated_by, updated_by_label) VALUES ($1, $2, $3, $4)
           ON CONFLICT (measure_id) DO UPDATE SET rules = EXCLUDED.rules, updated_by = EXCLUDED.updated_by,
             updated_by_label = EXCLUDED.updated_by_label, updated_at = now()`,
          [measureId, JSON.stringify(parsed.data), actor.userId, actor.label],
        );
        await recordAudit(
          tx,
          actor,
          'values.rules',
          { type: 'measure', id: measureId },
          before?.rules ?? null,
          parsed.data,
        );
      });
      return parsed.data;
    },

    /** The upload template for a set of local measures (all of them, or those with a tag). */
    async template(set: string | undefined, format: 'csv' | 'xlsx') {
      const rules = await allRules();
      const chosen = (await enterable())
        .filter((m) => !set || set === 'local' || (m.tags ?? []).includes(set))
        .map((m) => ({ ...m, rules: rules.get(m.id) }));
      if (chosen.length === 0) throw new NotFoundError(`No local measures are in the set "${set}"`);
      const today = todayOf(clock);
      const name = `local-values-template-${set ?? 'local'}.${format}`;
      return format === 'csv'
        ? { fileName: name, body: csvTemplate(chosen, today), contentType: 'text/csv; charset=utf-8' }
        : {
            fileName: name,
            body: await xlsxTemplate(chosen, today, `Local values: ${set ?? 'all local measures'}`),
            contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          };
    },
  };

  async function transitionInTx(
    tx: Queryable,
    actor: Actor,
    row: BatchRow,
    releaseId: number,
    note: string | undefined,
  ): Promise<void> {
    const [updated] = await tx.query<{ id: number }>(
      `UPDATE value_batches SET status = 'approved', decided_by = $2, decided_by_label = $3, decided_at = now(),
         decision_note = $4, release_id = $5 WHERE id = $1 AND status = 'submitted' RETURNING id`,
      [row.id, actor.userId, actor.label, note?.trim() || null, releaseId],
    );
    if (!updated)
      throw new ValidationError(`Batch ${row.id} changed while it was being approved; look at it again`);
    await recordAudit(
      tx,
      actor,
      'values.approve',
      { type: 'value-batch', id: row.id },
      { status: 'submitted' },
      {
        status: 'approved',
        releaseId,
      },
    );
  }
}
export type ValueService = ReturnType<typeof valueService>;
