/**
 * How each CLD field is read in bulk: the SQL that gives its typed value and its state (blank, valid
 * or invalid) from the trimmed text of its column. The rules mirror `parseCldRow` in the domain, which
 * stays the executable specification; a conformance test runs both over the same dirty extract.
 */
import { CLD_FIELDS, type CldField, type CldFieldKey } from '../../domain/cld/fields.js';

/** Column of the staging table holding a field's trimmed text (NULL when blank). */
export const textColumn = (key: CldFieldKey): string => `t_${key}`;
/** Column holding the typed value (canonical code, DATE, number). */
export const valueColumn = (key: CldFieldKey): string => `v_${key}`;
/** Column holding 0 (blank), 1 (valid) or 2 (invalid). */
export const stateColumn = (key: CldFieldKey): string => `s_${key}`;

export type FieldReader = 'text' | 'date' | 'code' | 'nhs' | 'postcode' | 'count' | 'cost' | 'units';

export function readerOf(field: CldField): FieldReader {
  if (field.key === 'nhsNumber') return 'nhs';
  if (field.key === 'postcode') return 'postcode';
  if (field.key === 'numberOfAdultsCaredFor') return 'count';
  if (field.key === 'unitCost') return 'cost';
  if (field.key === 'plannedUnitsPerWeek') return 'units';
  if (field.type === 'code') return 'code';
  if (field.type === 'date') return 'date';
  return 'text';
}

const ISO_DATE = String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$`;
const UK_DATE = String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})( \d{1,2}:\d{2}(:\d{2})?)?$`;
const FULL_POSTCODE = String.raw`^([A-Z]{1,2}\d[A-Z\d]?)\s*\d[A-Z]{2}$`;
const DISTRICT_ONLY = String.raw`^([A-Z]{1,2}\d[A-Z\d]?)$`;
const UNIT_COST = String.raw`^\+?\d+(\.\d{1,2}0*)?$`;
const UNITS = String.raw`^\+?\d+(\.\d{1,6}0*)?$`;

/**
 * DuckDB macros used by the bulk reader. Dates accept ISO (optionally with a time) and UK day-first
 * forms, as the domain parser does; impossible days (31/02) are invalid.
 */
export const MACROS = [
  `CREATE OR REPLACE TEMP MACRO cld_iso(y, m, d) AS
     try_cast(lpad(y, 4, '0') || '-' || lpad(m, 2, '0') || '-' || lpad(d, 2, '0') AS DATE)`,
  `CREATE OR REPLACE TEMP MACRO cld_date(s) AS CASE
     WHEN regexp_matches(s, '${ISO_DATE}')
       THEN cld_iso(regexp_extract(s, '${ISO_DATE}', 1), regexp_extract(s, '${ISO_DATE}', 2), regexp_extract(s, '${ISO_DATE}', 3))
     WHEN regexp_matches(s, '${UK_DATE}')
       THEN cld_iso(regexp_extract(s, '${UK_DATE}', 3), regexp_extract(s, '${UK_DATE}', 2), regexp_extract(s, '${UK_DATE}', 1))
     END`,
  // The check digit: weights 10..2 over the first nine digits, 11 - sum mod 11, 11 meaning 0, 10 invalid.
  `CREATE OR REPLACE TEMP MACRO cld_nhs_digits(s) AS
     CASE WHEN regexp_matches(s, '^[0-9]{10}$') THEN s ELSE regexp_replace(s, '[\\s-]', '', 'g') END`,
  `CREATE OR REPLACE TEMP MACRO cld_nhs_check(d) AS 11 - ((${Array.from({ length: 9 }, (_, i) => `CAST(substr(d, ${i + 1}, 1) AS INTEGER) * ${10 - i}`).join(' + ')}) % 11)`,
  `CREATE OR REPLACE TEMP MACRO cld_nhs_valid_digits(d) AS
     regexp_matches(d, '^[0-9]{10}$')
     AND NOT regexp_matches(d, '^(0{10}|1{10}|2{10}|3{10}|4{10}|5{10}|6{10}|7{10}|8{10}|9{10})$')
     AND cld_nhs_check(d) <> 10
     AND (cld_nhs_check(d) % 11) = CAST(substr(d, 10, 1) AS INTEGER)`,
  `CREATE OR REPLACE TEMP MACRO cld_postcode(s) AS coalesce(
     nullif(regexp_extract(upper(s), '${FULL_POSTCODE}', 1), ''),
     nullif(regexp_extract(upper(s), '${DISTRICT_ONLY}', 1), ''))`,
  // Thousands separators go (three passes cover any realistic amount), then a leading £.
  `CREATE OR REPLACE TEMP MACRO cld_plain(s) AS regexp_replace(regexp_replace(regexp_replace(
     regexp_replace(s, '^(-)?\\s*£', '\\1'),
     ',(\\d{3})(\\D|$)', '\\1\\2', 'g'), ',(\\d{3})(\\D|$)', '\\1\\2', 'g'), ',(\\d{3})(\\D|$)', '\\1\\2', 'g')`,
  `CREATE OR REPLACE TEMP MACRO cld_pence(s) AS CASE WHEN regexp_matches(trim(cld_plain(s)), '${UNIT_COST}')
     THEN CAST(round(CAST(trim(cld_plain(s)) AS DECIMAL(18, 6)) * 100) AS BIGINT) END`,
  `CREATE OR REPLACE TEMP MACRO cld_units(s) AS CASE WHEN regexp_matches(trim(regexp_replace(s, ',', '', 'g')), '${UNITS}')
     THEN CAST(trim(regexp_replace(s, ',', '', 'g')) AS DECIMAL(18, 6)) END`,
];

/** Typed value of one field, as SQL over `t`, the SQL of its trimmed text (NULL when blank). */
export function valueSql(field: CldField, t: string): string {
  switch (readerOf(field)) {
    case 'text':
      return t;
    case 'date':
      // Most dates are plain ISO: the fast parser first, the full rules for anything else.
      return `coalesce(CAST(try_strptime(${t}, '%Y-%m-%d') AS DATE), cld_date(${t}))`;
    case 'code':
      return `m_${field.key}.code`;
    case 'nhs':
      return `CASE WHEN cld_nhs_valid_digits(cld_nhs_digits(${t})) THEN cld_nhs_digits(${t}) END`;
    case 'postcode':
      return `cld_postcode(${t})`;
    case 'count':
      return `CASE WHEN regexp_matches(${t}, '^\\d{1,3}$') THEN CAST(${t} AS INTEGER) END`;
    case 'cost':
      return `cld_pence(${t})`;
    case 'units':
      return `cld_units(${t})`;
  }
}

/** 0 blank, 1 valid, 2 invalid (text given but no value), over the text SQL and the value column. */
export const stateSql = (field: CldField, t: string): string =>
  readerOf(field) === 'text'
    ? `CASE WHEN ${t} IS NULL THEN 0 ELSE 1 END`
    : `CASE WHEN ${t} IS NULL THEN 0 WHEN ${valueSql(field, t)} IS NOT NULL THEN 1 ELSE 2 END`;

export const CODED_FIELDS = CLD_FIELDS.filter((f) => readerOf(f) === 'code');
