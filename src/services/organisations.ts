import { canonicalJson } from '../domain/canonical.js';
import { resolveByNameOrCode, type Organisation, type OrganisationRegister } from '../domain/organisation.js';
import type { Period } from '../domain/period.js';
import type { Db } from '../store/db.js';
import { NotFoundError, systemActor } from './actor.js';
import { recordAudit } from './audit.js';

/**
 * The organisation register is shipped data (validated on load); the database keeps a copy so that
 * observations and comparator groups can refer to organisations by key.
 */
export function organisationService(db: Db, register: OrganisationRegister) {
  return {
    register,

    all(): readonly Organisation[] {
      return register.organisations;
    },

    get(code: string): Organisation {
      const org = register.byCode.get(code);
      if (!org) throw new NotFoundError(`There is no organisation with the code ${code}`);
      return org;
    },

    councils(): Organisation[] {
      return register.organisations
        .filter((o) => o.kind === 'council')
        .sort((a, b) => a.name.localeCompare(b.name));
    },

    /** Maps a national-file row to an organisation active in its period, or gives the reason it cannot. */
    resolveForPeriod(row: {
      code: string;
      name: string;
      level: string;
      period: Period;
    }): { ok: string } | { error: string } {
      const r = resolveByNameOrCode(register, {
        code: row.code,
        name: row.name,
        level: row.level,
        on: row.period.end,
      });
      if (r.ok) return { ok: r.organisation.code };
      const who = [row.code, row.name].filter(Boolean).join(' ');
      return { error: `unknown organisation ${who ? `"${who}" ` : ''}at level ${row.level}: ${r.reason}` };
    },

    /** Brings the stored copy of the register up to date with the shipped files. */
    async sync(): Promise<{ added: number; changed: number }> {
      let added = 0;
      let changed = 0;
      const ordered = [...register.organisations].sort((a, b) => order(a) - order(b));
      await db.transaction(async (tx) => {
        const existing = new Map(
          (
            await tx.query<{ code: string; definition: Organisation }>(
              'SELECT code, definition FROM organisations',
            )
          ).map((r) => [r.code, r.definition]),
        );
        for (const o of ordered) {
          const before = existing.get(o.code);
          if (before && canonicalJson(before) === canonicalJson(o)) continue;
          await tx.query(
            `INSERT INTO organisations (code, name, kind, region_code, council_type_code, valid_from, valid_to, aliases, definition)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, region_code = EXCLUDED.region_code,
               council_type_code = EXCLUDED.council_type_code, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to,
               aliases = EXCLUDED.aliases, definition = EXCLUDED.definition`,
            [
              o.code,
              o.name,
              o.kind,
              o.regionCode ?? null,
              o.councilTypeCode ?? null,
              o.validFrom ?? null,
              o.validTo ?? null,
              o.aliases,
              JSON.stringify(o),
            ],
          );
          await recordAudit(
            tx,
            systemActor('register sync'),
            before ? 'organisation.update' : 'organisation.create',
            { type: 'organisation', id: o.code },
            before ?? null,
            o,
          );
          if (before) changed++;
          else added++;
        }
        await tx.query('DELETE FROM organisation_successions');
        for (const o of register.organisations) {
          for (const s of o.successors) {
            await tx.query(
              'INSERT INTO organisation_successions (predecessor_code, successor_code, effective) VALUES ($1, $2, $3)',
              [o.code, s.code, s.effective],
            );
          }
        }
      });
      return { added, changed };
    },
  };
}
export type OrganisationService = ReturnType<typeof organisationService>;

const kindOrder = { country: 0, region: 1, council_type: 2, council: 3 } as const;
const order = (o: Organisation) => kindOrder[o.kind];
