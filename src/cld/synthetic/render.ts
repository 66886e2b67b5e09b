/**
 * Writes a household's rows as one submission sees them. A submission shows an event that started by
 * its reporting period end and had not ended before its reporting period start; an end date (and with it
 * the outcome) only once it has passed, and a date of death only once it has happened. So a later
 * submission restates an open event with its end date, and the event keeps its reference.
 */
import { COL, COLUMN_COUNT } from './columns.js';
import { isoDate, type Day } from './dates.js';
import { DIRTY_KINDS, type DirtyKind, type SyntheticEvent, type SyntheticPerson } from './model.js';
import {
  ACCOMMODATION_STATUS,
  ASSESSMENT_METHOD,
  ASSESSMENT_TYPE,
  CLIENT_FUNDING_STATUS,
  CLIENT_TYPE,
  COST_FREQUENCY,
  DELIVERY_MECHANISM,
  EMPLOYMENT_STATUS,
  ETHNICITY,
  EVENT_OUTCOME,
  EVENT_TYPE,
  GENDER,
  HEARING_IMPAIRMENT,
  PRIMARY_SUPPORT_REASON,
  REVIEW_METHOD,
  REVIEW_OUTCOMES_ACHIEVED,
  REVIEW_REASON,
  ROUTE_OF_ACCESS,
  SERVICE_COMPONENT,
  SERVICE_TYPE,
  spellings,
  VISUAL_IMPAIRMENT,
  YES_NO,
  type Release,
} from './vocabulary.js';

/** One submission: the reporting period every row of it carries. */
export interface SubmissionView {
  start: Day;
  end: Day;
}

export function isVisible(e: SyntheticEvent, view: SubmissionView): boolean {
  return e.start <= view.end && (e.end === null || e.end >= view.start);
}

/** Rows a person's events make in a submission, duplicates included, without writing them. */
export function countRows(events: readonly SyntheticEvent[], view: SubmissionView): number {
  let rows = 0;
  for (const e of events) if (isVisible(e, view)) rows += e.dirt === 'duplicate' ? 2 : 1;
  return rows;
}

function vocabularyFor(release: Release) {
  return {
    gender: spellings(GENDER, release),
    ethnicity: spellings(ETHNICITY, release),
    clientType: spellings(CLIENT_TYPE, release),
    psr: spellings(PRIMARY_SUPPORT_REASON, release),
    accommodation: spellings(ACCOMMODATION_STATUS, release),
    employment: spellings(EMPLOYMENT_STATUS, release),
    yesNo: spellings(YES_NO, release),
    visual: spellings(VISUAL_IMPAIRMENT, release),
    hearing: spellings(HEARING_IMPAIRMENT, release),
    funding: spellings(CLIENT_FUNDING_STATUS, release),
    eventType: spellings(EVENT_TYPE, release),
    outcome: spellings(EVENT_OUTCOME, release),
    route: spellings(ROUTE_OF_ACCESS, release),
    assessmentType: spellings(ASSESSMENT_TYPE, release),
    assessmentMethod: spellings(ASSESSMENT_METHOD, release),
    serviceType: spellings(SERVICE_TYPE, release),
    component: spellings(SERVICE_COMPONENT, release),
    mechanism: spellings(DELIVERY_MECHANISM, release),
    reviewReason: spellings(REVIEW_REASON, release),
    achieved: spellings(REVIEW_OUTCOMES_ACHIEVED, release),
    reviewMethod: spellings(REVIEW_METHOD, release),
    frequency: spellings(COST_FREQUENCY, release),
  };
}

type Vocabulary = ReturnType<typeof vocabularyFor>;

// None of these is a value of any list, in either release, in any letter case.
const BAD_CODES = ['N/K', 'Not recorded', '99', 'See case notes', 'LEGACY CODE 7', 'Z'];
const BAD_DATES = ['2023-02-30', '2024-13-01', '30/02/2024', '0000-00-00', 'TBC', '31-06-2023'];
const CODED = [
  COL.Gender,
  COL.Ethnicity,
  COL.Client_Type,
  COL.Primary_Support_Reason,
  COL.Event_Type,
  COL.Event_Outcome,
  COL.Request_Route_of_Access,
  COL.Assessment_Type,
  COL.Service_Type,
  COL.Service_Component,
  COL.Delivery_Mechanism,
  COL.Review_Reason,
  COL.Cost_Frequency_Unit_Type,
];
const MANDATORY = [
  COL.LA_Person_Unique_Identifier,
  COL.Gender,
  COL.Date_of_Birth,
  COL.Client_Type,
  COL.Event_Type,
  COL.Event_Reference,
  COL.Event_Start_Date,
];

export interface RenderCounts {
  rows: number;
  dirty: Record<DirtyKind, number>;
  /** Rows with an LA id and no NHS number whose LA id has an NHS number on another row of the person. */
  ambiguousIdentityRows: number;
}

export function emptyDirtyCounts(): Record<DirtyKind, number> {
  return Object.fromEntries(DIRTY_KINDS.map((kind) => [kind, 0])) as Record<DirtyKind, number>;
}

function pounds(pence: number): string {
  const p = pence % 100;
  return `${(pence - p) / 100}.${p < 10 ? '0' : ''}${p}`;
}

function halves(h: number): string {
  return h % 2 === 0 ? String(h / 2) : `${(h - 1) / 2}.5`;
}

export class RowWriter {
  private readonly v: Vocabulary;
  private readonly f: string[] = new Array<string>(COLUMN_COUNT).fill('');
  private text = '';
  readonly counts: RenderCounts = { rows: 0, dirty: emptyDirtyCounts(), ambiguousIdentityRows: 0 };

  constructor(release: Release) {
    this.v = vocabularyFor(release);
  }

  /** Characters written since the last `take`. */
  get pending(): number {
    return this.text.length;
  }

  take(): string {
    const out = this.text;
    this.text = '';
    return out;
  }

  /** Writes the person's rows in this submission; returns how many. */
  write(
    person: SyntheticPerson,
    events: readonly SyntheticEvent[],
    view: SubmissionView,
    council: string,
    foreignCouncil: string,
  ): number {
    const f = this.f;
    const v = this.v;
    let rows = 0;
    let withNhs = 0;
    let withoutNhs = 0;
    let personDone = false;
    for (const e of events) {
      if (!isVisible(e, view)) continue;
      if (!personDone) {
        this.personFields(person, view, council);
        personDone = true;
      }
      const ended = e.end !== null && e.end <= view.end;
      f[COL.NHS_Number] = e.withoutNhs ? '' : person.nhsNumber;
      f[COL.Event_Type] = v.eventType[e.type];
      f[COL.Event_Reference] = e.ref;
      f[COL.Event_Start_Date] = isoDate(e.start);
      f[COL.Event_End_Date] = ended ? isoDate(e.end as Day) : '';
      f[COL.Event_Description] = e.description;
      f[COL.Event_Outcome] = ended && e.outcome !== null ? v.outcome[e.outcome] : '';
      f[COL.Request_Route_of_Access] = e.route === null ? '' : v.route[e.route];
      f[COL.Assessment_Type] = e.assessmentType === null ? '' : v.assessmentType[e.assessmentType];
      f[COL.Eligible_Needs_Identified] = ended && e.eligible !== null ? v.yesNo[e.eligible] : '';
      f[COL.Method_of_Assessment] = e.assessmentMethod === null ? '' : v.assessmentMethod[e.assessmentMethod];
      f[COL.Service_Type] = e.serviceType === null ? '' : v.serviceType[e.serviceType];
      f[COL.Service_Component] = e.component === null ? '' : v.component[e.component];
      f[COL.Delivery_Mechanism] = e.mechanism === null ? '' : v.mechanism[e.mechanism];
      f[COL.Provider_CQC_Location_ID] = e.provider;
      f[COL.Review_Reason] = e.reviewReason === null ? '' : v.reviewReason[e.reviewReason];
      f[COL.Review_Outcomes_Achieved] =
        ended && e.reviewAchieved !== null ? v.achieved[e.reviewAchieved] : '';
      f[COL.Method_of_Review] = e.reviewMethod === null ? '' : v.reviewMethod[e.reviewMethod];
      f[COL.Unit_Cost] = e.unitCost === null ? '' : pounds(e.unitCost);
      f[COL.Cost_Frequency_Unit_Type] = e.frequency === null ? '' : v.frequency[e.frequency];
      f[COL.Planned_Units_Per_Week] = e.plannedHalfUnits === null ? '' : halves(e.plannedHalfUnits);
      const row = e.dirt === null ? f : this.dirty(e, person, foreignCouncil);
      const line = row.join(',') + '\n';
      this.text += line;
      rows++;
      if (e.dirt === 'duplicate') {
        this.text += line;
        rows++;
      }
      const copies = e.dirt === 'duplicate' ? 2 : 1;
      if (row[COL.LA_Person_Unique_Identifier] !== '') {
        if (row[COL.NHS_Number] === '') withoutNhs += copies;
        else withNhs += copies;
      }
    }
    if (withNhs > 0) this.counts.ambiguousIdentityRows += withoutNhs;
    this.counts.rows += rows;
    return rows;
  }

  private personFields(p: SyntheticPerson, view: SubmissionView, council: string): void {
    const f = this.f;
    const v = this.v;
    f[COL.LA_Code] = council;
    f[COL.Reporting_Period_Start_Date] = isoDate(view.start);
    f[COL.Reporting_Period_End_Date] = isoDate(view.end);
    f[COL.LA_Person_Unique_Identifier] = p.laId;
    f[COL.Gender] = v.gender[p.gender];
    f[COL.Ethnicity] = v.ethnicity[p.ethnicity];
    f[COL.Date_of_Birth] = isoDate(p.birth);
    f[COL.Date_of_Death] = p.death !== null && p.death <= view.end ? isoDate(p.death) : '';
    f[COL.Client_Type] = v.clientType[p.clientType];
    f[COL.Primary_Support_Reason] = p.psr === null ? '' : v.psr[p.psr];
    f[COL.Accommodation_Status] = p.accommodation === null ? '' : v.accommodation[p.accommodation];
    f[COL.Employment_Status] = p.employment === null ? '' : v.employment[p.employment];
    f[COL.Has_Unpaid_Carer] = p.hasUnpaidCarer === null ? '' : v.yesNo[p.hasUnpaidCarer];
    f[COL.Autism_Spectrum_Disorder_ASD] = p.autism === null ? '' : v.yesNo[p.autism];
    f[COL.Visual_Impairment] = p.visualImpairment === null ? '' : v.visual[p.visualImpairment];
    f[COL.Hearing_Impairment] = p.hearingImpairment === null ? '' : v.hearing[p.hearingImpairment];
    f[COL.Dementia] = p.dementia === null ? '' : v.yesNo[p.dementia];
    f[COL.Client_Funding_Status] = p.funding === null ? '' : v.funding[p.funding];
    const c = p.carer;
    f[COL.Total_Hrs_Caring_Per_Week] = c === null ? '' : String(c.hoursPerWeek);
    f[COL.No_of_adults_being_cared_for] = c === null ? '' : String(c.adultsCaredFor);
    f[COL.Adult_1_Linked_Person_ID] = c?.linkedIds[0] ?? '';
    f[COL.Adult_2_Linked_Person_ID] = c?.linkedIds[1] ?? '';
    f[COL.Adult_3_Linked_Person_ID] = c?.linkedIds[2] ?? '';
  }

  /** A copy of the row with the event's fault in it (the shared row stays clean for the next event). */
  private dirty(e: SyntheticEvent, p: SyntheticPerson, foreignCouncil: string): string[] {
    const row = this.f.slice();
    const kind = e.dirt as DirtyKind;
    const arg = e.dirtArg;
    const choose = (columns: number[]): number => columns[arg % columns.length] as number;
    this.counts.dirty[kind]++;
    switch (kind) {
      case 'unknown-code':
        row[choose(CODED.filter((c) => row[c] !== ''))] = BAD_CODES[(arg >>> 8) % BAD_CODES.length] as string;
        break;
      case 'end-before-start':
        row[COL.Event_End_Date] = isoDate(e.start - 1 - ((arg >>> 8) % 60));
        break;
      case 'unparseable-date': {
        const dates = [COL.Event_Start_Date, COL.Date_of_Birth];
        if (row[COL.Event_End_Date] !== '') dates.push(COL.Event_End_Date);
        row[choose(dates)] = BAD_DATES[(arg >>> 8) % BAD_DATES.length] as string;
        break;
      }
      case 'missing-mandatory': {
        const fields = [...MANDATORY];
        if (p.clientType === 'serviceUser' && e.type !== 'request') fields.push(COL.Primary_Support_Reason);
        row[choose(fields)] = '';
        break;
      }
      case 'foreign-la-code':
        row[COL.LA_Code] = foreignCouncil;
        break;
      case 'duplicate':
        break;
    }
    return row;
  }
}
