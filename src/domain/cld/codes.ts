/**
 * The machinery behind the CLD value sets: each coded value has one canonical code and the
 * spellings that release 1 and release 2 of the specification use for it.
 */
export type Release = 1 | 2;

export interface CodeValue<C extends string> {
  readonly code: C;
  /** Release 1 spellings; the first is the specification's own, any others are variants seen in returns. */
  readonly r1: readonly string[];
  /** Release 2 spellings; empty when the concept was dropped in release 2. */
  readonly r2: readonly string[];
}

export interface CodeSet<C extends string> {
  readonly name: string;
  readonly values: readonly CodeValue<C>[];
  /**
   * Set when some spellings come from secondary sources rather than the specification workbook,
   * so a data-quality screen can say the list is provisional.
   */
  readonly provisional?: true;
}

export type CodeOf<S> = S extends CodeSet<infer C> ? C : never;

export function codeSet<const C extends string>(
  name: string,
  values: readonly CodeValue<C>[],
  options: { provisional?: true } = {},
): CodeSet<C> {
  return { name, values, ...options };
}

export interface MatchOptions {
  /**
   * Defaults to true. The national transformation runs on SQL Server under a case-insensitive
   * collation, so 'Long term support: community' already counts there as a valid service type;
   * matching any other way would make this engine disagree with the published figures.
   */
  caseInsensitive?: boolean;
}

export interface CodeMatch<C extends string> {
  code: C;
  /** Whether the text is a release 1 spelling, a release 2 spelling, or both (the same text in each). */
  r1: boolean;
  r2: boolean;
}

interface Entry {
  code: string;
  r1: boolean;
  r2: boolean;
}

interface Index {
  exact: Map<string, Entry>;
  folded: Map<string, Entry>;
}

const indexes = new WeakMap<CodeSet<string>, Index>();

// Surrounding spaces never count: SQL Server ignores trailing ones in comparisons and the national
// code trims before joining to its reference tables. Inner spacing and punctuation do count.
const clean = (raw: string) => raw.trim();
const fold = (raw: string) => clean(raw).toLowerCase();

function add(map: Map<string, Entry>, key: string, code: string, release: Release) {
  const entry = map.get(key) ?? { code, r1: false, r2: false };
  if (entry.code !== code) throw new Error(`'${key}' spells both ${entry.code} and ${code}`);
  if (release === 1) entry.r1 = true;
  else entry.r2 = true;
  map.set(key, entry);
}

function indexOf(set: CodeSet<string>): Index {
  let index = indexes.get(set);
  if (!index) {
    index = { exact: new Map(), folded: new Map() };
    for (const value of set.values) {
      for (const [release, spellings] of [
        [1, value.r1],
        [2, value.r2],
      ] as const) {
        for (const spelling of spellings) {
          add(index.exact, clean(spelling), value.code, release);
          add(index.folded, fold(spelling), value.code, release);
        }
      }
    }
    indexes.set(set, index);
  }
  return index;
}

/** The canonical code and the releases whose spelling the text is, or undefined for an unknown value. */
export function matchCodeIn<C extends string>(
  set: CodeSet<C>,
  raw: string,
  options: MatchOptions = {},
): CodeMatch<C> | undefined {
  const index = indexOf(set);
  const entry = options.caseInsensitive === false ? index.exact.get(clean(raw)) : index.folded.get(fold(raw));
  return entry && { code: entry.code as C, r1: entry.r1, r2: entry.r2 };
}

/** The canonical code for a submitted value, or 'invalid' (blank included: callers test blanks first). */
export function matchCode<C extends string>(
  set: CodeSet<C>,
  raw: string,
  options: MatchOptions = {},
): C | 'invalid' {
  return matchCodeIn(set, raw, options)?.code ?? 'invalid';
}

/** A display label: the release 2 spelling where there is one. */
export function labelOf<C extends string>(set: CodeSet<C>, code: C): string {
  const value = set.values.find((v) => v.code === code);
  return value?.r2[0] ?? value?.r1[0] ?? code;
}

/** Canonical codes in specification order. */
export function codesOf<C extends string>(set: CodeSet<C>): C[] {
  return set.values.map((v) => v.code);
}
