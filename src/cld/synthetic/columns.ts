/**
 * The column layout of a synthetic CLD file: the release 1 field names, in the order of the
 * specification's record, spelt as in the field names NHS England's central transformation uses
 * (`LA_Code`, `Service_Type`, `Delivery_Mechanism` … in the appendix of the Central Transformation
 * Principles documents, and the same names throughout DHSC's published CLD SQL, e.g. its `CLD_R1_Raw`
 * view, which is where the full list and `Planned_Units_Per_Week` come from).
 *
 * Left out on purpose: First_Name, Last_Name, GP_Practice_Name, GP_Practice_Code, Postcode and
 * Provider_CQC_Location_Name. They identify people (or are free-text names) and no derivation needs them;
 * a synthetic file never carries names, and an importer must accept a file without these columns.
 * Release 2 keeps the same field names here; only values are respelt.
 */
export const CLD_COLUMNS = [
  'LA_Code',
  'Reporting_Period_Start_Date',
  'Reporting_Period_End_Date',
  'NHS_Number',
  'LA_Person_Unique_Identifier',
  'Gender',
  'Ethnicity',
  'Date_of_Birth',
  'Date_of_Death',
  'Client_Type',
  'Primary_Support_Reason',
  'Accommodation_Status',
  'Employment_Status',
  'Has_Unpaid_Carer',
  'Autism_Spectrum_Disorder_ASD',
  'Visual_Impairment',
  'Hearing_Impairment',
  'Dementia',
  'Client_Funding_Status',
  'Event_Type',
  'Event_Reference',
  'Event_Start_Date',
  'Event_End_Date',
  'Event_Description',
  'Event_Outcome',
  'Request_Route_of_Access',
  'Assessment_Type',
  'Eligible_Needs_Identified',
  'Method_of_Assessment',
  'Total_Hrs_Caring_Per_Week',
  'No_of_adults_being_cared_for',
  'Adult_1_Linked_Person_ID',
  'Adult_2_Linked_Person_ID',
  'Adult_3_Linked_Person_ID',
  'Service_Type',
  'Service_Component',
  'Delivery_Mechanism',
  'Provider_CQC_Location_ID',
  'Review_Reason',
  'Review_Outcomes_Achieved',
  'Method_of_Review',
  'Unit_Cost',
  'Cost_Frequency_Unit_Type',
  'Planned_Units_Per_Week',
] as const;

export type CldColumn = (typeof CLD_COLUMNS)[number];

export const COLUMN_COUNT = CLD_COLUMNS.length;

/** Column positions by name, for the row writer and for tests. */
export const COL = Object.fromEntries(CLD_COLUMNS.map((name, i) => [name, i])) as Record<CldColumn, number>;

export const CLD_HEADER = CLD_COLUMNS.join(',');
