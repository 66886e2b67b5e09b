import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { isRole, roles, type Role } from '../domain/access.js';
import type { Db } from '../store/db.js';
import { ValidationError, NotFoundError, type Actor } from './actor.js';
import { recordAudit } from './audit.js';

export interface User {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
}

export interface UserRow {
  id: number;
  email: string;
  display_name: string;
  role: string;
  disabled_at: Date | null;
  created_at: Date;
  password_hash: string;
}

export const MIN_PASSWORD_LENGTH = 12;

export const newUserSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'Enter an email address in the correct format, like name@example.gov.uk' })),
  displayName: z.string().trim().min(1, 'Enter a name').max(120, 'Name must be 120 characters or fewer'),
  role: z.enum(roles, { message: `Select a role: ${roles.join(', ')}` }),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Password must be ${MIN_PASSWORD_LENGTH} characters or more`)
    .max(200, 'Password must be 200 characters or fewer'),
});
export type NewUser = z.input<typeof newUserSchema>;

export function toUser(r: UserRow): User {
  if (!isRole(r.role)) throw new Error(`User ${r.id} has an unknown role ${r.role}`);
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    disabled: r.disabled_at !== null,
    createdAt: r.created_at,
  };
}

/** Turns zod issues into the field errors a GOV.UK error summary shows. */
export function fieldErrorsOf(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((i) => ({ field: i.path.join('.') || 'form', message: i.message }));
}

// A fixed hash to verify against when the account does not exist, so timing does not reveal which emails exist.
let decoyHash: Promise<string> | undefined;

export function userService(db: Db) {
  async function findRowByEmail(email: string): Promise<UserRow | undefined> {
    const [row] = await db.query<UserRow>('SELECT * FROM users WHERE email = $1', [
      email.trim().toLowerCase(),
    ]);
    return row;
  }

  return {
    async create(actor: Actor, input: NewUser): Promise<User> {
      const parsed = newUserSchema.safeParse(input);
      if (!parsed.success)
        throw new ValidationError('The user details are not valid', fieldErrorsOf(parsed.error));
      const { email, displayName, role, password } = parsed.data;
      if (await findRowByEmail(email)) {
        throw new ValidationError('A user with that email already exists', [
          { field: 'email', message: `A user with the email ${email} already exists` },
        ]);
      }
      const passwordHash = await hash(password);
      return db.transaction(async (tx) => {
        const [row] = await tx.query<UserRow>(
          `INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING *`,
          [email, displayName, role, passwordHash],
        );
        const user = toUser(row!);
        await recordAudit(tx, actor, 'user.create', { type: 'user', id: user.id }, null, publicView(user));
        return user;
      });
    },

    async list(): Promise<User[]> {
      return (await db.query<UserRow>('SELECT * FROM users ORDER BY email')).map(toUser);
    },

    async get(id: number): Promise<User> {
      const [row] = await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
      if (!row) throw new NotFoundError(`There is no user ${id}`);
      return toUser(row);
    },

    async findByEmail(email: string): Promise<User | undefined> {
      const row = await findRowByEmail(email);
      return row ? toUser(row) : undefined;
    },

    async count(): Promise<number> {
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      return row?.n ?? 0;
    },

    async update(actor: Actor, id: number, change: { role?: Role; disabled?: boolean }): Promise<User> {
      if (change.role !== undefined && !isRole(change.role)) {
        throw new ValidationError('Unknown role', [
          { field: 'role', message: `Select a role: ${roles.join(', ')}` },
        ]);
      }
      return db.transaction(async (tx) => {
        const [beforeRow] = await tx.query<UserRow>('SELECT * FROM users WHERE id = $1 FOR UPDATE', [id]);
        if (!beforeRow) throw new NotFoundError(`There is no user ${id}`);
        const [row] = await tx.query<UserRow>(
          `UPDATE users SET role = COALESCE($2, role),
             disabled_at = CASE WHEN $3::boolean IS NULL THEN disabled_at WHEN $3 THEN COALESCE(disabled_at, now()) ELSE NULL END,
             updated_at = now()
           WHERE id = $1 RETURNING *`,
          [id, change.role ?? null, change.disabled ?? null],
        );
        if (change.disabled) await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
        const before = publicView(toUser(beforeRow));
        const after = publicView(toUser(row!));
        await recordAudit(tx, actor, 'user.update', { type: 'user', id }, before, after);
        return toUser(row!);
      });
    },

    async setPassword(actor: Actor, id: number, password: string): Promise<void> {
      const parsed = newUserSchema.shape.password.safeParse(password);
      if (!parsed.success)
        throw new ValidationError('The password is not valid', fieldErrorsOf(parsed.error));
      const passwordHash = await hash(password);
      await db.transaction(async (tx) => {
        const rows = await tx.query(
          'UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1 RETURNING id',
          [id, passwordHash],
        );
        if (rows.length === 0) throw new NotFoundError(`There is no user ${id}`);
        await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
        await recordAudit(tx, actor, 'user.password', { type: 'user', id }, null, { passwordChanged: true });
      });
    },

    /** Checks a password; returns the user only when it matches an enabled account. */
    async verifyPassword(email: string, password: string): Promise<User | undefined> {
      const row = await findRowByEmail(email);
      if (!row) {
        decoyHash ??= hash('decoy password that never matches');
        await verify(await decoyHash, password).catch(() => false);
        return undefined;
      }
      const ok = await verify(row.password_hash, password).catch(() => false);
      if (!ok || row.disabled_at !== null) return undefined;
      return toUser(row);
    },
  };
}
export type UserService = ReturnType<typeof userService>;

function publicView(u: User) {
  return { email: u.email, displayName: u.displayName, role: u.role, disabled: u.disabled };
}
