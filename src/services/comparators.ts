import { z } from 'zod';
import type { Db, Queryable } from '../store/db.js';
import { NotFoundError, ValidationError, type Actor } from './actor.js';
import { recordAudit } from './audit.js';
import type { OrganisationService } from './organisations.js';
import { fieldErrorsOf } from './users.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date like 2019-04-01');

export const comparatorGroupSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name for the group').max(120),
  description: z.string().trim().max(2000).default(''),
  ownerCode: z.string().trim().optional(),
  members: z
    .array(
      z.object({
        orgCode: z.string().trim().min(1, 'Enter an organisation code'),
        validFrom: isoDate,
        validTo: isoDate.optional(),
      }),
    )
    .min(1, 'Add at least one member'),
});
export type ComparatorGroupInput = z.input<typeof comparatorGroupSchema>;

export interface ComparatorGroup {
  id: number;
  name: string;
  description: string;
  ownerCode: string | null;
  version: number;
  members: { orgCode: string; validFrom: string; validTo: string | null }[];
}

/** Comparator groups (statistical neighbours and the like) with dated membership, versioned on each change. */
export function comparatorService(db: Db, organisations: OrganisationService) {
  async function load(q: Queryable, id: number): Promise<ComparatorGroup> {
    const [g] = await q.query<{
      id: number;
      name: string;
      description: string;
      owner_code: string | null;
      version: number;
    }>('SELECT id, name, description, owner_code, version FROM comparator_groups WHERE id = $1', [id]);
    if (!g) throw new NotFoundError(`There is no comparator group ${id}`);
    const members = await q.query<{ org_code: string; valid_from: string; valid_to: string | null }>(
      'SELECT org_code, valid_from, valid_to FROM comparator_group_members WHERE group_id = $1 ORDER BY org_code, valid_from',
      [id],
    );
    return {
      id: g.id,
      name: g.name,
      description: g.description,
      ownerCode: g.owner_code,
      version: g.version,
      members: members.map((m) => ({ orgCode: m.org_code, validFrom: m.valid_from, validTo: m.valid_to })),
    };
  }

  function validate(input: ComparatorGroupInput) {
    const parsed = comparatorGroupSchema.safeParse(input);
    if (!parsed.success)
      throw new ValidationError('The comparator group is not valid', fieldErrorsOf(parsed.error));
    const errors: { field: string; message: string }[] = [];
    const codes = [parsed.data.ownerCode, ...parsed.data.members.map((m) => m.orgCode)].filter(
      (c): c is string => !!c,
    );
    for (const code of codes) {
      const org = organisations.register.byCode.get(code);
      if (!org || org.kind !== 'council')
        errors.push({ field: 'members', message: `${code} is not a council in the register` });
    }
    parsed.data.members.forEach((m, i) => {
      if (m.validTo && m.validTo < m.validFrom)
        errors.push({
          field: `members.${i}.validTo`,
          message: `Membership of ${m.orgCode} ends before it starts`,
        });
    });
    if (errors.length) throw new ValidationError('The comparator group is not valid', errors);
    return parsed.data;
  }

  async function writeMembers(
    tx: Queryable,
    id: number,
    members: z.infer<typeof comparatorGroupSchema>['members'],
  ) {
    await tx.query('DELETE FROM comparator_group_members WHERE group_id = $1', [id]);
    for (const m of members) {
      await tx.query(
        'INSERT INTO comparator_group_members (group_id, org_code, valid_from, valid_to) VALUES ($1, $2, $3, $4)',
        [id, m.orgCode, m.validFrom, m.validTo ?? null],
      );
    }
  }

  return {
    async list(): Promise<ComparatorGroup[]> {
      const ids = await db.query<{ id: number }>('SELECT id FROM comparator_groups ORDER BY name');
      return Promise.all(ids.map((r) => load(db, r.id)));
    },

    get: (id: number) => load(db, id),

    async create(actor: Actor, input: ComparatorGroupInput): Promise<ComparatorGroup> {
      const data = validate(input);
      return db.transaction(async (tx) => {
        const [clash] = await tx.query('SELECT id FROM comparator_groups WHERE name = $1', [data.name]);
        if (clash)
          throw new ValidationError('A group with that name exists', [
            { field: 'name', message: `A comparator group called ${data.name} already exists` },
          ]);
        const [row] = await tx.query<{ id: number }>(
          'INSERT INTO comparator_groups (name, description, owner_code, created_by) VALUES ($1, $2, $3, $4) RETURNING id',
          [data.name, data.description, data.ownerCode ?? null, actor.userId],
        );
        await writeMembers(tx, row!.id, data.members);
        const group = await load(tx, row!.id);
        await recordAudit(
          tx,
          actor,
          'comparator-group.create',
          { type: 'comparator-group', id: group.id },
          null,
          group,
        );
        return group;
      });
    },

    /** Replaces the membership and bumps the version, so reports can say which version they used. */
    async update(actor: Actor, id: number, input: ComparatorGroupInput): Promise<ComparatorGroup> {
      const data = validate(input);
      return db.transaction(async (tx) => {
        const before = await load(tx, id);
        await tx.query(
          'UPDATE comparator_groups SET name = $2, description = $3, owner_code = $4, version = version + 1, updated_at = now() WHERE id = $1',
          [id, data.name, data.description, data.ownerCode ?? null],
        );
        await writeMembers(tx, id, data.members);
        const after = await load(tx, id);
        await recordAudit(
          tx,
          actor,
          'comparator-group.update',
          { type: 'comparator-group', id },
          before,
          after,
        );
        return after;
      });
    },

    /** The comparator group a council has chosen for its pages and reports, if any. */
    async chosenFor(orgCode: string): Promise<ComparatorGroup | undefined> {
      const [row] = await db.query<{ comparator_group_id: number | null }>(
        'SELECT comparator_group_id FROM council_settings WHERE org_code = $1',
        [orgCode],
      );
      return row?.comparator_group_id ? load(db, row.comparator_group_id) : undefined;
    },

    async choose(actor: Actor, orgCode: string, groupId: number | null): Promise<void> {
      organisations.get(orgCode);
      await db.transaction(async (tx) => {
        if (groupId !== null) await load(tx, groupId);
        const [before] = await tx.query<{ comparator_group_id: number | null }>(
          'SELECT comparator_group_id FROM council_settings WHERE org_code = $1',
          [orgCode],
        );
        await tx.query(
          `INSERT INTO council_settings (org_code, comparator_group_id) VALUES ($1, $2)
           ON CONFLICT (org_code) DO UPDATE SET comparator_group_id = EXCLUDED.comparator_group_id, updated_at = now()`,
          [orgCode, groupId],
        );
        await recordAudit(
          tx,
          actor,
          'council.comparator-group',
          { type: 'organisation', id: orgCode },
          { comparatorGroupId: before?.comparator_group_id ?? null },
          { comparatorGroupId: groupId },
        );
      });
    },

    /** Members on a date: the dated membership decides, not today's list. */
    membersOn(group: ComparatorGroup, isoDate: string): string[] {
      return group.members
        .filter((m) => m.validFrom <= isoDate && (m.validTo === null || m.validTo >= isoDate))
        .map((m) => m.orgCode);
    },
  };
}
export type ComparatorService = ReturnType<typeof comparatorService>;
