import type { SgFieldKey } from './fields.js';

export type SgRule =
  // file level: any of these rejects the whole file
  | 'empty-file'
  | 'no-rows'
  | 'unreadable-csv'
  | 'missing-column'
  // file level, noted only
  | 'duplicate-column'
  | 'unknown-column'
  // field level
  | 'missing-required'
  | 'invalid-date'
  | 'invalid-code'
  | 'invalid-identifier'
  // row level
  | 'extra-cells'
  | 'no-person-identifier'
  | 'other-la'
  | 'decision-before-concern'
  | 'enquiry-before-concern'
  | 'end-before-start'
  | 'enquiry-without-enquiry-decision'
  | 'date-after-period-end'
  | 'duplicate-reference';

/** reject: the row (or the file) cannot load. flag: the row loads and the field counts as invalid. */
export type SgSeverity = 'reject' | 'flag';

export interface SgProblem {
  /** null for a problem of the whole row or file. */
  field: SgFieldKey | null;
  rule: SgRule;
  severity: SgSeverity;
  /** Never quotes a person identifier. */
  message: string;
}

export const sgProblem = (
  field: SgFieldKey | null,
  rule: SgRule,
  severity: SgSeverity,
  message: string,
): SgProblem => ({ field, rule, severity, message });
