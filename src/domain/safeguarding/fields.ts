/**
 * The safeguarding record: one row per concern, with the enquiry it led to, if any. Each field says which
 * headers name it and which rows it applies to, so completeness is measured only where an answer is
 * expected (an enquiry end date on a concern that led to no enquiry is not "missing").
 */
import { isEnquiry, type Decision, type DesiredOutcomeAsked } from './vocabulary.js';

export const SG_FIELD_KEYS = [
  'laCode',
  'laPersonId',
  'nhsNumber',
  'concernReference',
  'concernReceived',
  'decisionDate',
  'decision',
  'enquiryStart',
  'enquiryEnd',
  'enquiryOutcome',
  'desiredOutcomeAsked',
  'desiredOutcomeExpressed',
  'outcomesMet',
] as const;

export type SgFieldKey = (typeof SG_FIELD_KEYS)[number];

/** What a row says about itself, as far as it could be read: enough to tell which fields apply. */
export interface RowFacts {
  decision: Decision | null;
  hasEnquiryEnd: boolean;
  asked: DesiredOutcomeAsked | null;
  expressed: boolean | null;
}

export interface SgField {
  key: SgFieldKey;
  /** The header this project writes. */
  header: string;
  /** Other headers seen in councils' extracts; all compare without case, spaces or punctuation. */
  aliases: readonly string[];
  /** 'person-id': either identifier column may be left out, but not both. */
  column: 'required' | 'person-id';
  /** Codes and dates, not identifiers, so their invalid values may be shown back to the council. */
  showInvalid: boolean;
  appliesTo(row: RowFacts): boolean;
}

const always = () => true;

export const SG_FIELDS: readonly SgField[] = [
  field('laCode', 'LA Code', ['Local Authority Code', 'Council Code'], 'required', true, always),
  field(
    'laPersonId',
    'LA Person Unique Identifier',
    ['LA Person ID', 'Person ID'],
    'person-id',
    false,
    always,
  ),
  field('nhsNumber', 'NHS Number', ['NHS No'], 'person-id', false, always),
  field(
    'concernReference',
    'Concern Reference',
    ['Concern ID', 'Safeguarding Reference'],
    'required',
    false,
    always,
  ),
  field(
    'concernReceived',
    'Date Concern Received',
    ['Concern Date', 'Concern Received Date'],
    'required',
    true,
    always,
  ),
  // Blank on a concern still awaiting a decision, which is a legitimate state at the extract date.
  field('decisionDate', 'Date of Decision', ['Decision Date'], 'required', true, always),
  field('decision', 'Decision', ['Concern Decision', 'Decision Outcome'], 'required', true, always),
  field('enquiryStart', 'Enquiry Start Date', ['Enquiry Start'], 'required', true, (r) =>
    isEnquiry(r.decision),
  ),
  field('enquiryEnd', 'Enquiry End Date', ['Enquiry Concluded Date', 'Enquiry End'], 'required', true, (r) =>
    isEnquiry(r.decision),
  ),
  field('enquiryOutcome', 'Enquiry Outcome', ['Risk Outcome'], 'required', true, (r) => r.hasEnquiryEnd),
  field(
    'desiredOutcomeAsked',
    'Desired Outcomes Asked',
    ['Asked Desired Outcomes', 'MSP Asked'],
    'required',
    true,
    (r) => isEnquiry(r.decision),
  ),
  field(
    'desiredOutcomeExpressed',
    'Desired Outcomes Expressed',
    ['MSP Expressed'],
    'required',
    true,
    (r) => isEnquiry(r.decision) && r.asked === 'yes',
  ),
  field(
    'outcomesMet',
    'Outcomes Met',
    ['Desired Outcomes Met', 'MSP Outcomes Met'],
    'required',
    true,
    (r) => r.hasEnquiryEnd && r.expressed === true,
  ),
];

function field(
  key: SgFieldKey,
  header: string,
  aliases: readonly string[],
  column: SgField['column'],
  showInvalid: boolean,
  appliesTo: SgField['appliesTo'],
): SgField {
  return { key, header, aliases, column, showInvalid, appliesTo };
}

const BY_KEY = new Map(SG_FIELDS.map((f) => [f.key, f]));

/** The header row this project writes, in field order. */
export const SG_HEADERS: readonly string[] = SG_FIELDS.map((f) => f.header);

export function sgField(key: SgFieldKey): SgField {
  const f = BY_KEY.get(key);
  if (!f) throw new Error(`No safeguarding field ${key}`);
  return f;
}
