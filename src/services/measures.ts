import { canonicalJson } from '../domain/canonical.js';
import { z } from 'zod';
import { financialYearStart, measureDefinitionSchema, type CatalogueMeasure } from '../domain/measure.js';
import type { Period } from '../domain/period.js';
import type { Db } from '../store/db.js';
import { NotFoundError, ValidationError, systemActor, type Actor } from './actor.js';
import { recordAudit } from './audit.js';
import { fieldErrorsOf } from './users.js';

export type Measure = CatalogueMeasure & { origin: 'catalogue' | 'local' };

export const LOCAL_FAMILY = 'local';
export const LOCAL_EDITION = 'local';

interface MeasureRow {
  id: string;
  family: string;
  edition: string;
  origin: 'catalogue' | 'local';
  definition: CatalogueMeasure;
}

const toMeasure = (r: MeasureRow): Measure => ({
  ...r.definition,
  family: r.family,
  edition: r.edition,
  origin: r.origin,
});

/** The national ASCOF edition in force for a year: codes changed from 2023-24. */
export function ascofEditionFor(period: Period): '2014' | '2023' {
  return period.start < '2023-04-01' ? '2014' : '2023';
}

function inForce(m: CatalogueMeasure, period: Period): boolean {
  const year = Number(period.start.slice(0, 4)) - (Number(period.start.slice(5, 7)) < 4 ? 1 : 0);
  const from = financialYearStart(m.validFrom) ?? -Infinity;
  const to = m.validTo ? (financialYearStart(m.validTo) ?? Infinity) : Infinity;
  return year >= from && year <= to;
}

export function measureService(db: Db) {
  let cache: Measure[] | undefined;
  const invalidate = () => (cache = undefined);

  async function all(): Promise<Measure[]> {
    cache ??= (
      await db.query<MeasureRow>(
        'SELECT id, family, edition, origin, definition FROM measures ORDER BY family, edition, code',
      )
    ).map(toMeasure);
    return cache;
  }

  return {
    all,

    async get(id: string): Promise<Measure> {
      const m = (await all()).find((x) => x.id === id);
      if (!m) throw new NotFoundError(`There is no measure ${id}`);
      return m;
    },

    /** Makes the stored catalogue match the shipped files; each change is audited. */
    async syncCatalogue(measures: readonly CatalogueMeasure[]): Promise<{ added: number; changed: number }> {
      let added = 0;
      let changed = 0;
      await db.transaction(async (tx) => {
        const existing = new Map(
          (
            await tx.query<MeasureRow>(
              "SELECT id, family, edition, origin, definition FROM measures WHERE origin = 'catalogue'",
            )
          ).map((r) => [r.id, r]),
        );
        for (const m of measures) {
          const before = existing.get(m.id);
          if (before && canonicalJson(before.definition) === canonicalJson(m)) continue;
          await tx.query(
            `INSERT INTO measures (id, family, edition, code, title, origin, definition) VALUES ($1, $2, $3, $4, $5, 'catalogue', $6)
             ON CONFLICT (id) DO UPDATE SET family = EXCLUDED.family, edition = EXCLUDED.edition, code = EXCLUDED.code,
               title = EXCLUDED.title, definition = EXCLUDED.definition, updated_at = now()`,
            [m.id, m.family, m.edition, m.code, m.title, JSON.stringify(m)],
          );
          await recordAudit(
            tx,
            systemActor('catalogue sync'),
            before ? 'measure.update' : 'measure.create',
            { type: 'measure', id: m.id },
            before?.definition ?? null,
            m,
          );
          if (before) changed++;
          else added++;
        }
      });
      invalidate();
      return { added, changed };
    },

    /** Adds a council's own measure, validated by the same schema as the national catalogue. */
    async createLocal(actor: Actor, input: unknown): Promise<Measure> {
      const parsed = measureDefinitionSchema.safeParse(input);
      if (!parsed.success)
        throw new ValidationError(
          'The measure definition is not valid',
          fieldErrorsOf(parsed.error as z.ZodError),
        );
      const def = parsed.data;
      if (!def.id.startsWith('local-')) {
        throw new ValidationError('Local measure ids start with local-', [
          {
            field: 'id',
            message: "A local measure's id must start with local-, for example local-homecare-hours",
          },
        ]);
      }
      const clash = (await all()).find(
        (m) =>
          m.id === def.id || (m.family === LOCAL_FAMILY && m.code.toUpperCase() === def.code.toUpperCase()),
      );
      if (clash) {
        throw new ValidationError('A measure with that id or code already exists', [
          {
            field: clash.id === def.id ? 'id' : 'code',
            message: `${clash.id === def.id ? 'The id' : 'The code'} is already used by ${clash.id} (${clash.title})`,
          },
        ]);
      }
      const measure: Measure = { ...def, family: LOCAL_FAMILY, edition: LOCAL_EDITION, origin: 'local' };
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO measures (id, family, edition, code, title, origin, definition) VALUES ($1, $2, $3, $4, $5, 'local', $6)`,
          [
            def.id,
            LOCAL_FAMILY,
            LOCAL_EDITION,
            def.code,
            def.title,
            JSON.stringify({ ...def, family: LOCAL_FAMILY, edition: LOCAL_EDITION }),
          ],
        );
        await recordAudit(tx, actor, 'measure.create', { type: 'measure', id: def.id }, null, def);
      });
      invalidate();
      return measure;
    },

    /** The national measure a published code means in a given year, or why there is none. */
    async resolveAscof(): Promise<(code: string, period: Period) => { ok: string } | { error: string }> {
      const measures = (await all()).filter((m) => m.family === 'ascof');
      return (code, period) => {
        const edition = ascofEditionFor(period);
        const m = measures.find((x) => x.edition === edition && x.code.toUpperCase() === code.toUpperCase());
        if (!m)
          return { error: `unknown measure code "${code}" for ${period.label} (ASCOF edition ${edition})` };
        if (!inForce(m, period))
          return {
            error: `measure ${code} was not in force in ${period.label} (valid ${m.validFrom} to ${m.validTo ?? 'now'})`,
          };
        return { ok: m.id };
      };
    },
  };
}
export type MeasureService = ReturnType<typeof measureService>;
