/**
 * How each CLD field is read in bulk: the SQL that gives its typed value and its state (blank, valid
 * or invalid) from the trimmed text of its column. The rules mirror `parseCldRow` in the domain, which
 * stays the executable specification; test/cld/conformance.test.ts runs both over the same dirty
 * extracts and compares each reader with the domain function it mirrors, value by value.
 */
import { MAX_UNIT_COST_PENCE, PLANNED_UNITS_LIMIT } from '../../domain/cld/cost.js';
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

/**
 * What JavaScript's `trim()` and `\s` treat as white space (ECMAScript WhiteSpace and LineTerminator):
 * the domain trims every cell with it, and allows it inside an NHS number or a postcode. DuckDB's own
 * `trim()` strips only spaces and RE2's `\s` only ASCII white space, so a tab or an ideographic space
 * would otherwise read differently in bulk.
 */
const JS_SPACE_CODES = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
  0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];
/** The white space above as the inside of an RE2 character class. */
const SPACE = JS_SPACE_CODES.map((c) => `\\x{${c.toString(16)}}`).join('');

const ISO_DATE = String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$`;
const UK_DATE = String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})( \d{1,2}:\d{2}(:\d{2})?)?$`;
const FULL_POSTCODE = `^([A-Z]{1,2}\\d[A-Z\\d]?)[${SPACE}]*\\d[A-Z]{2}$`;
const DISTRICT_ONLY = String.raw`^([A-Z]{1,2}\d[A-Z\d]?)$`;
/**
 * A decimal as the domain's `parseDecimal` reads it. A comma is a thousands separator, dropped, only when
 * three digits and then no further digit follow it (anywhere, as the domain's look-ahead has it), and
 * what is left must be an optional sign, digits, and an optional point with digits.
 */
const GROUPS = String.raw`(\d+(,\d{3})*|(,\d{3})+)`;
const DECIMAL = `^[-+]?${GROUPS}(\\.${GROUPS})?$`;
/** Comma-free decimals with at most two (a cost) or six (units) decimals once trailing zeros go. */
const TWO_DECIMALS = String.raw`^[-+]?\d+(\.\d{0,2}0*)?$`;
const SIX_DECIMALS = String.raw`^[-+]?\d+(\.\d{0,6}0*)?$`;

/**
 * DuckDB macros used by the bulk reader. Cells are trimmed as JavaScript trims them. Dates accept ISO
 * (optionally with a time) and UK day-first forms, as the domain parser does; impossible days (31/02)
 * and the year 0000 are invalid. Nothing here can fail on bad input: every cast is a `try_cast`.
 */
export const MACROS = [
  // Most cells have no white space at either end: the regular expression is cheaper than trim(s, set).
  // Most cells start and end with a printable ASCII character: they skip the regular expression.
  `CREATE OR REPLACE TEMP MACRO cld_trim(s) AS CASE
     WHEN ord(left(s, 1)) BETWEEN 33 AND 126 AND ord(right(s, 1)) BETWEEN 33 AND 126 THEN s
     WHEN regexp_matches(s, '^[${SPACE}]|[${SPACE}]$')
     THEN trim(s, '${String.fromCodePoint(...JS_SPACE_CODES)}') ELSE s END`,
  `CREATE OR REPLACE TEMP MACRO cld_ad(d) AS CASE WHEN d >= DATE '0001-01-01' THEN d END`,
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
     CASE WHEN regexp_matches(s, '^[0-9]{10}$') THEN s ELSE regexp_replace(s, '[${SPACE}-]', '', 'g') END`,
  `CREATE OR REPLACE TEMP MACRO cld_nhs_check(d) AS 11 - ((${Array.from({ length: 9 }, (_, i) => `try_cast(substr(d, ${i + 1}, 1) AS INTEGER) * ${10 - i}`).join(' + ')}) % 11)`,
  `CREATE OR REPLACE TEMP MACRO cld_nhs_valid_digits(d) AS
     regexp_matches(d, '^[0-9]{10}$')
     AND NOT regexp_matches(d, '^(0{10}|1{10}|2{10}|3{10}|4{10}|5{10}|6{10}|7{10}|8{10}|9{10})$')
     AND cld_nhs_check(d) <> 10
     AND (cld_nhs_check(d) % 11) = try_cast(substr(d, 10, 1) AS INTEGER)`,
  // Letters a to z only are upper-cased, as the pattern admits no other letter.
  `CREATE OR REPLACE TEMP MACRO cld_upper_ascii(s) AS
     translate(s, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')`,
  `CREATE OR REPLACE TEMP MACRO cld_postcode(s) AS coalesce(
     nullif(regexp_extract(cld_upper_ascii(s), '${FULL_POSTCODE}', 1), ''),
     nullif(regexp_extract(cld_upper_ascii(s), '${DISTRICT_ONLY}', 1), ''))`,
  // A decimal's text without its thousands separators, or NULL when it is not a decimal.
  `CREATE OR REPLACE TEMP MACRO cld_decimal_text(s) AS
     CASE WHEN regexp_matches(s, '${DECIMAL}') THEN replace(s, ',', '') END`,
  // A unit cost: a leading £ (after any minus) goes first, then the cell is read as a decimal of at most
  // two decimals, not negative and not above the domain's ceiling.
  `CREATE OR REPLACE TEMP MACRO cld_cost_text(s) AS
     cld_decimal_text(cld_trim(regexp_replace(s, '^(-)?[${SPACE}]*£', '\\1')))`,
  `CREATE OR REPLACE TEMP MACRO cld_cost_number(t) AS
     CASE WHEN regexp_matches(t, '${TWO_DECIMALS}') THEN try_cast(t AS DECIMAL(38, 6)) END`,
  // Compared before multiplying, so that a huge number cannot overflow the decimal arithmetic.
  `CREATE OR REPLACE TEMP MACRO cld_bounded_pence(d) AS
     CASE WHEN d >= 0 AND d <= ${MAX_UNIT_COST_PENCE / 100n}.${String(MAX_UNIT_COST_PENCE % 100n).padStart(2, '0')}
     THEN CAST(d * 100 AS BIGINT) END`,
  `CREATE OR REPLACE TEMP MACRO cld_pence(s) AS cld_bounded_pence(cld_cost_number(cld_cost_text(s)))`,
  `CREATE OR REPLACE TEMP MACRO cld_units_number(t) AS
     CASE WHEN regexp_matches(t, '${SIX_DECIMALS}') THEN try_cast(t AS DECIMAL(38, 6)) END`,
  `CREATE OR REPLACE TEMP MACRO cld_bounded_units(d) AS
     CASE WHEN d >= 0 AND d < ${PLANNED_UNITS_LIMIT} THEN CAST(d AS DECIMAL(18, 6)) END`,
  `CREATE OR REPLACE TEMP MACRO cld_units(s) AS cld_bounded_units(cld_units_number(cld_decimal_text(s)))`,
];

/**
 * Most cells are blank or in the plain form (an ISO date, a ten-digit NHS number, a decimal without
 * signs or separators): those take a cheap path, and only the rest go through the full rules above,
 * which accept the same plain forms with the same results.
 */
const plainOrFull = (t: string, plain: string, value: string, full: string) =>
  `CASE WHEN ${t} IS NULL THEN NULL WHEN ${plain} THEN ${value} ELSE ${full} END`;

/**
 * Plain costs and units have fewer whole digits than their ceilings, so they need no bound check, and
 * fit DECIMAL(18, …), which DuckDB reads far faster than the DECIMAL(38, 6) of the full rules.
 */
const PLAIN_COST_DIGITS = String(MAX_UNIT_COST_PENCE / 100n).length - 1;
const PLAIN_UNITS_DIGITS = String(PLANNED_UNITS_LIMIT).length - 1;

/** The NHS number check over a ten-digit BIGINT: not one digit repeated, and the check digit right. */
const nhsCheckSql = (n: string) => {
  const weighted = Array.from({ length: 9 }, (_, i) => `(${n} // ${10 ** (9 - i)} % 10) * ${10 - i}`);
  return `${n} % 1111111111 <> 0 AND (11 - (${weighted.join(' + ')}) % 11) % 11 = ${n} % 10`;
};

/** Typed value of one field, as SQL over `t`, the SQL of its trimmed text (NULL when blank). */
export function valueSql(field: CldField, t: string): string {
  switch (readerOf(field)) {
    case 'text':
      return t;
    case 'date':
      return plainOrFull(
        t,
        `strlen(${t}) = 10 AND ${t} LIKE '____-__-__'`,
        `cld_ad(try_cast(${t} AS DATE))`,
        `cld_ad(cld_date(${t}))`,
      );
    case 'code':
      return `m_${field.key}.code`;
    case 'nhs':
      return plainOrFull(
        t,
        `strlen(${t}) = 10 AND regexp_full_match(${t}, '[0-9]{10}')`,
        `CASE WHEN ${nhsCheckSql(`CAST(${t} AS BIGINT)`)} THEN ${t} END`,
        `CASE WHEN cld_nhs_valid_digits(cld_nhs_digits(${t})) THEN cld_nhs_digits(${t}) END`,
      );
    case 'postcode':
      return `cld_postcode(${t})`;
    case 'count':
      return `CASE WHEN regexp_matches(${t}, '^\\d{1,3}$') THEN CAST(${t} AS INTEGER) END`;
    case 'cost':
      return plainOrFull(
        t,
        `regexp_full_match(${t}, '[0-9]{1,${PLAIN_COST_DIGITS}}([.][0-9]{1,2})?')`,
        `CAST(CAST(${t} AS DECIMAL(18, 2)) * 100 AS BIGINT)`,
        `cld_pence(${t})`,
      );
    case 'units':
      return plainOrFull(
        t,
        `regexp_full_match(${t}, '[0-9]{1,${PLAIN_UNITS_DIGITS}}([.][0-9]{1,6})?')`,
        `CAST(${t} AS DECIMAL(18, 6))`,
        `cld_units(${t})`,
      );
  }
}

/** 0 blank, 1 valid, 2 invalid (text given but no value), over the text SQL and the value column. */
/** Column saying whether the field had any text (before typing), so blank and invalid differ. */
export const presentColumn = (key: CldFieldKey): string => `p_${key}`;

/** 0 blank, 1 valid, 2 invalid (text given but no value), from the presence flag and the value. */
export const stateSql = (field: CldField): string =>
  readerOf(field) === 'text'
    ? `CASE WHEN ${valueColumn(field.key)} IS NULL THEN 0 ELSE 1 END`
    : `CASE WHEN NOT ${presentColumn(field.key)} THEN 0 WHEN ${valueColumn(field.key)} IS NOT NULL THEN 1 ELSE 2 END`;

export const CODED_FIELDS = CLD_FIELDS.filter((f) => readerOf(f) === 'code');
