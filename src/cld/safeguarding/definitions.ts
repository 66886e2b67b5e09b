/**
 * The safeguarding measures as catalogue definitions (the shape of src/domain/measure.ts), so another
 * module can register them as a council's local measures. How each is counted lives in measures.ts,
 * keyed by the same id; the notes here say the same in words.
 */
import type { MeasureDefinitionInput } from '../../domain/measure.js';

export const SAFEGUARDING_MEASURE_IDS = [
  'local-sg-concerns-received',
  'local-sg-decision-7-days',
  'local-sg-s42-concluded',
  'local-sg-s42-concluded-28-days',
  'local-sg-s42-open-at-end',
  'local-sg-msp-outcomes-met',
] as const;

export type SafeguardingMeasureId = (typeof SAFEGUARDING_MEASURE_IDS)[number];

export type SafeguardingMeasureDefinition = MeasureDefinitionInput & { id: SafeguardingMeasureId };

const common: Pick<MeasureDefinitionInput, 'source' | 'frequency' | 'validFrom' | 'tags'> = {
  source: 'Local',
  frequency: 'quarterly',
  // Section 42 of the Care Act 2014 came into force in April 2015.
  validFrom: '2015-16',
  tags: ['safeguarding'],
};

const SEVEN_DAYS =
  'Day 7 is inclusive: days are counted from the date received (day 0), so a concern received on a Monday ' +
  'and decided on the following Monday is within 7 days.';

const CONCLUDED_S42 =
  'Section 42 enquiries whose end (concluded) date falls in the period, whenever the concern was received.';

export const SAFEGUARDING_MEASURES: readonly SafeguardingMeasureDefinition[] = [
  {
    ...common,
    id: 'local-sg-concerns-received',
    code: 'SG01',
    title: 'Safeguarding concerns received',
    shortTitle: 'Concerns received',
    description: 'How many safeguarding concerns about adults the council received in the period.',
    unit: 'count',
    multiplier: 1,
    decimals: 0,
    polarity: 'neutral',
    notes: [
      'Counts concerns, not people: a person with two concerns counts twice.',
      'More concerns can mean better awareness among partners as much as more abuse or neglect.',
    ],
  },
  {
    ...common,
    id: 'local-sg-decision-7-days',
    code: 'SG02',
    title: 'Safeguarding concerns with a decision within 7 days of receipt',
    shortTitle: 'Concerns decided within 7 days',
    description:
      'The share of concerns received in the period where the council decided within 7 days whether the ' +
      'concern needed a section 42 enquiry, another enquiry or no further action.',
    unit: 'percent',
    multiplier: 100,
    decimals: 1,
    polarity: 'higher-is-better',
    numerator: {
      definition: 'Concerns in the denominator decided on or before the period end and within 7 days.',
    },
    denominator: {
      definition:
        'Concerns received in the period, leaving out those received in its last 7 days that were still ' +
        'undecided at the period end (their 7 days had not run out).',
    },
    notes: [
      SEVEN_DAYS,
      'As known at the period end: a decision dated after the period end does not count, even from a later submission.',
    ],
  },
  {
    ...common,
    id: 'local-sg-s42-concluded',
    code: 'SG03',
    title: 'Section 42 safeguarding enquiries concluded',
    shortTitle: 'S42 enquiries concluded',
    description: 'How many section 42 safeguarding enquiries the council concluded in the period.',
    unit: 'count',
    multiplier: 1,
    decimals: 0,
    polarity: 'neutral',
    notes: [CONCLUDED_S42, 'Other (non-statutory) enquiries are not counted.'],
  },
  {
    ...common,
    id: 'local-sg-s42-concluded-28-days',
    code: 'SG04',
    title: 'Section 42 enquiries concluded within 28 days of starting',
    shortTitle: 'S42 enquiries concluded in 28 days',
    description: 'The share of section 42 enquiries concluded in the period that took 28 days or less.',
    unit: 'percent',
    multiplier: 100,
    decimals: 1,
    polarity: 'higher-is-better',
    numerator: {
      definition:
        'Enquiries in the denominator whose end date is no more than 28 days after their start date.',
    },
    denominator: { definition: CONCLUDED_S42 },
    notes: [
      'Day 28 is inclusive, counted from the enquiry start date (day 0).',
      'Long enquiries still open are not in the denominator until they conclude; read this with the count of enquiries open at the period end.',
    ],
  },
  {
    ...common,
    id: 'local-sg-s42-open-at-end',
    code: 'SG05',
    title: 'Section 42 enquiries open at the end of the period',
    shortTitle: 'S42 enquiries open at period end',
    description: 'How many section 42 enquiries had started but not concluded by the last day of the period.',
    unit: 'count',
    multiplier: 1,
    decimals: 0,
    polarity: 'lower-is-better',
    notes: [
      'Started on or before the period end, with no end date or an end date after it.',
      'Relies on the extract carrying open enquiries from earlier years as well as this one.',
    ],
  },
  {
    ...common,
    id: 'local-sg-msp-outcomes-met',
    code: 'SG06',
    title: 'Making Safeguarding Personal: desired outcomes fully or partially met',
    shortTitle: 'MSP outcomes met',
    description:
      'Of the people in concluded section 42 enquiries who were asked about and expressed the outcomes ' +
      'they wanted, the share whose outcomes were fully or partially met.',
    unit: 'percent',
    multiplier: 100,
    decimals: 1,
    polarity: 'higher-is-better',
    numerator: { definition: "Enquiries in the denominator whose outcomes were 'fully' or 'partially' met." },
    denominator: {
      definition:
        `${CONCLUDED_S42} Only those where the person was asked, expressed desired outcomes, and whether ` +
        'they were met is recorded.',
    },
    notes: [
      'People who lacked capacity to be asked, were not asked, or expressed no outcomes are outside the measure.',
      'An enquiry with no readable answer on outcomes met is left out (it shows in the data-quality report), ' +
        'not counted as not met.',
    ],
  },
];

export function safeguardingDefinition(id: SafeguardingMeasureId): SafeguardingMeasureDefinition {
  const found = SAFEGUARDING_MEASURES.find((m) => m.id === id);
  if (!found) throw new Error(`No safeguarding measure ${id}`);
  return found;
}
