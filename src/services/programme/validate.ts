import type { z } from 'zod';
import { ValidationError } from '../actor.js';
import { fieldErrorsOf } from '../users.js';

/** Parses input with a schema, or throws the field errors a form's error summary shows. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, message: string): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw new ValidationError(message, fieldErrorsOf(parsed.error));
  return parsed.data;
}

export function failIf(problems: { field: string; message: string }[], message: string): void {
  if (problems.length) throw new ValidationError(message, problems);
}
