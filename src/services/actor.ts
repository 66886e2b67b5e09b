import type { Role } from '../domain/access.js';

/** Whoever is acting: a signed-in user, an API token's owner, or the command line. */
export interface Actor {
  userId: number | null;
  label: string;
  role: Role;
}

export const systemActor = (label = 'system'): Actor => ({ userId: null, label, role: 'admin' });

export class NotAllowedError extends Error {
  override readonly name = 'NotAllowedError';
}

/** Bad input a person can fix: the message says what and where. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    message: string,
    readonly fieldErrors: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}
