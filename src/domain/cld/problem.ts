import type { CldFieldKey } from './fields.js';

export type ProblemRule =
  // file level
  | 'missing-column'
  | 'duplicate-column'
  | 'unknown-column'
  | 'mixed-release'
  // field level
  | 'missing-mandatory'
  | 'invalid-code'
  | 'wrong-release'
  | 'invalid-date'
  | 'invalid-number'
  | 'invalid-identifier'
  | 'invalid-postcode'
  // row level
  | 'malformed-line'
  | 'duplicate-row'
  | 'no-person-identifier'
  | 'other-la'
  | 'other-period'
  | 'end-before-start'
  | 'date-after-period-end'
  | 'event-after-death'
  | 'end-after-death'
  | 'event-before-birth'
  | 'death-before-birth';

/**
 * reject: the row cannot be loaded (or, for a file problem, the file). flag: the row is loaded and the
 * field counts as blank or invalid in the data-quality report, as the national method leaves invalid
 * entries out of each measure without correcting them.
 */
export type Severity = 'reject' | 'flag';

export interface Problem {
  /** null for problems of the whole row or file. */
  field: CldFieldKey | null;
  rule: ProblemRule;
  severity: Severity;
  /** Never contains an identifier, a name, a postcode or a date of birth. */
  message: string;
}

export const problem = (
  field: CldFieldKey | null,
  rule: ProblemRule,
  severity: Severity,
  message: string,
): Problem => ({ field, rule, severity, message });
