/**
 * The coded values of a safeguarding extract. Case systems spell the same answer many ways ('Section 42
 * Enquiry', 'S42', 's.42 enquiry'), so a value is matched after folding case, dropping apostrophes and
 * turning any other punctuation into a space. Each set maps every accepted spelling to one stable code,
 * which is what the case store keeps.
 */

export const DECISIONS = ['s42-enquiry', 'other-enquiry', 'no-further-action'] as const;
export const ENQUIRY_OUTCOMES = ['risk-removed', 'risk-reduced', 'risk-remains', 'not-applicable'] as const;
export const DESIRED_OUTCOME_ASKED = ['yes', 'no', 'lacked-capacity', 'dont-know'] as const;
export const OUTCOMES_MET = ['fully', 'partially', 'not-met'] as const;

export type Decision = (typeof DECISIONS)[number];
export type EnquiryOutcome = (typeof ENQUIRY_OUTCOMES)[number];
export type DesiredOutcomeAsked = (typeof DESIRED_OUTCOME_ASKED)[number];
export type OutcomesMet = (typeof OUTCOMES_MET)[number];

/** 'Don't know' → 'dont know'; 'S.42  Enquiry' → 's 42 enquiry'; 'N/A' → 'n a'. */
export const foldValue = (raw: string): string =>
  raw
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export interface Vocabulary<C extends string> {
  readonly name: string;
  readonly codes: readonly C[];
  /** The code for a submitted value, or undefined when no spelling matches. */
  match(raw: string): C | undefined;
}

function vocabulary<C extends string>(name: string, spellings: Record<C, readonly string[]>): Vocabulary<C> {
  const byFolded = new Map<string, C>();
  for (const [code, words] of Object.entries(spellings) as [C, readonly string[]][]) {
    for (const word of [code, ...words]) {
      const key = foldValue(word);
      const existing = byFolded.get(key);
      if (existing && existing !== code) throw new Error(`${name}: '${word}' spells ${existing} and ${code}`);
      byFolded.set(key, code);
    }
  }
  return { name, codes: Object.keys(spellings) as C[], match: (raw) => byFolded.get(foldValue(raw)) };
}

export const decision = vocabulary<Decision>('decision', {
  's42-enquiry': [
    'Section 42 enquiry',
    'Section 42',
    'S42 enquiry',
    'S42',
    'S.42 enquiry',
    'S.42',
    'Statutory enquiry',
    'Section 42 safeguarding enquiry',
  ],
  'other-enquiry': [
    'Other enquiry',
    'Other safeguarding enquiry',
    'Non-statutory enquiry',
    'Non statutory enquiry',
    'Other',
  ],
  'no-further-action': ['No further action', 'NFA', 'No enquiry', 'No further safeguarding action'],
});

export const enquiryOutcome = vocabulary<EnquiryOutcome>('enquiry outcome', {
  'risk-removed': ['Risk removed', 'Removed'],
  'risk-reduced': ['Risk reduced', 'Reduced'],
  'risk-remains': ['Risk remains', 'Remains', 'Risk remained'],
  'not-applicable': ['Not applicable', 'N/A', 'NA'],
});

export const desiredOutcomeAsked = vocabulary<DesiredOutcomeAsked>('desired outcomes asked', {
  yes: ['Yes', 'Y', 'Asked'],
  no: ['No', 'N', 'Not asked'],
  'lacked-capacity': [
    'Not asked because lacked capacity',
    'Not asked - lacked capacity',
    'No - lacked capacity',
    'Lacked capacity',
    'Lacks capacity',
  ],
  'dont-know': ["Don't know", 'Not known', 'Unknown'],
});

export const yesNo = vocabulary<'yes' | 'no'>('yes or no', {
  yes: ['Yes', 'Y', 'True'],
  no: ['No', 'N', 'False'],
});

export const outcomesMet = vocabulary<OutcomesMet>('outcomes met', {
  fully: ['Fully met', 'Fully', 'Fully achieved', 'Met fully'],
  partially: ['Partially met', 'Partially', 'Partially achieved', 'Partly met'],
  'not-met': ['Not met', 'Not achieved', 'Unmet'],
});

/** Decisions that open an enquiry, and so need an enquiry start date. */
export const isEnquiry = (d: Decision | null): boolean => d === 's42-enquiry' || d === 'other-enquiry';
