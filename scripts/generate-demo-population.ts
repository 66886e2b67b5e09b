// Writes demo/population-mid-2024.csv: ILLUSTRATIVE population figures in the layout of the ONS MYE2
// "Persons" table, for every council in the register that existed on 30 June 2024, plus England and the
// regions as sums of their councils. They are NOT ONS estimates: each council's numbers come from a hash
// of its code, so the file is the same on every run. Run: npx tsx scripts/generate-demo-population.ts
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadValidOrganisations } from '../src/catalogue/organisations.js';
import { councilsActiveOn, type Organisation } from '../src/domain/organisation.js';
import { midYearDate } from '../src/domain/population.js';
import { paths } from '../src/paths.js';

const YEAR = 2024;
const OLDEST = 90;
// The two sui generis councils have a few thousand residents; hash-sized figures would look absurd.
const VERY_SMALL = new Set(['E09000001', 'E06000053']);

const geographyOf: Record<string, string> = {
  'CT-UNITARY': 'Unitary Authority',
  'CT-MET': 'Metropolitan District',
  'CT-INNER-LONDON': 'London Borough',
  'CT-OUTER-LONDON': 'London Borough',
  'CT-SHIRE': 'County',
};

/** Deterministic fractions in [0, 1) from a code. */
function fractions(code: string): number[] {
  const digest = createHash('sha256').update(code).digest();
  return [0, 4, 8].map((at) => digest.readUInt32BE(at) / 2 ** 32);
}

/** Splits a total over ages by weight, keeping the total exact (largest remainders get the spare ones). */
function spread(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => (total * w) / sum);
  const counts = shares.map(Math.floor);
  const order = shares.map((s, i) => ({ i, rest: s - Math.floor(s) })).sort((a, b) => b.rest - a.rest);
  const spare = total - counts.reduce((a, b) => a + b, 0);
  for (const { i } of order.slice(0, spare)) counts[i]! += 1;
  return counts;
}

/** Single-year counts 0..90+ for one council; most councils are small, a few very large (a ** 4). */
function councilAges(code: string): number[] {
  const [a = 0, b = 0, c = 0] = fractions(code);
  const adults = VERY_SMALL.has(code) ? Math.round(1_000 + a * 7_000) : Math.round(90_000 + a ** 4 * 810_000);
  const older = Math.round(adults * (0.2 + b * 0.1));
  const children = Math.round(adults * (0.33 + c * 0.05));
  // Older ages thin out; the last column holds everyone aged 90 and over.
  const oldWeights = Array.from({ length: OLDEST - 64 }, (_, i) => (i === 25 ? 1.6 : Math.exp(-i / 11)));
  return [
    ...spread(children, Array<number>(18).fill(1)),
    ...spread(adults, Array<number>(47).fill(1)),
    ...spread(older, oldWeights),
  ];
}

const csvCell = (v: string | number) =>
  /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
const csvLine = (cells: (string | number)[]) => cells.map(csvCell).join(',');
const total = (ages: number[]) => ages.reduce((x, y) => x + y, 0);
const addAges = (a: number[], b: number[]) => a.map((n, i) => n + (b[i] ?? 0));

function aggregateRows(councils: Organisation[], ages: Map<string, number[]>, regions: Organisation[]) {
  const zero = Array<number>(OLDEST + 1).fill(0);
  const sumOf = (members: Organisation[]) =>
    members.reduce((acc, c) => addAges(acc, ages.get(c.code)!), zero);
  const england = sumOf(councils);
  return [
    ['E92000001', 'ENGLAND', 'Country', england] as const,
    ...regions.map(
      (r) =>
        [
          r.code,
          r.name.toUpperCase(),
          'Region',
          sumOf(councils.filter((c) => c.regionCode === r.code)),
        ] as const,
    ),
  ];
}

async function main(): Promise<void> {
  const register = await loadValidOrganisations();
  const councils = councilsActiveOn(register, midYearDate(YEAR)).sort((a, b) => a.code.localeCompare(b.code));
  const regions = register.organisations.filter((o) => o.kind === 'region');
  const ages = new Map(councils.map((c) => [c.code, councilAges(c.code)]));
  const header = [
    'Code',
    'Name',
    'Geography',
    'All ages',
    ...Array.from({ length: OLDEST }, (_, a) => a),
    `${OLDEST}+`,
  ];
  const rows = [
    ...aggregateRows(councils, ages, regions),
    ...councils.map(
      (c) =>
        [
          c.code,
          c.name,
          geographyOf[c.councilTypeCode ?? ''] ?? 'Unitary Authority',
          ages.get(c.code)!,
        ] as const,
    ),
  ];
  const lines = [
    csvLine([
      `ILLUSTRATIVE DEMO FIGURES, NOT ONS ESTIMATES: generated from a hash of each council code by scripts/generate-demo-population.ts, in the layout of the ONS MYE2 Persons table, mid-${YEAR}.`,
    ]),
    csvLine([
      'Real figures: import the ONS mid-year estimates file with: ascent import population <file> --year <yyyy>',
    ]),
    '',
    csvLine(header),
    ...rows.map(([code, name, geography, counts]) =>
      csvLine([code, name, geography, total(counts), ...counts]),
    ),
  ];
  const file = path.join(paths.demo, `population-mid-${YEAR}.csv`);
  await writeFile(file, `${lines.join('\n')}\n`);
  process.stdout.write(`Wrote ${councils.length} councils to ${file}\n`);
}

await main();
