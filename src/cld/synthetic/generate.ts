/**
 * A seeded synthetic CLD extract, streamed as CSV text so that millions of rows never sit in memory.
 *
 * The output is a header line and then, council by council, each submission's rows. Without `quarters`
 * there is one submission per council covering the whole period. With `quarters` there are four per
 * council, one after another, covering the period cumulatively to the end of each quarter (Q1 is
 * April–June, Q4 the whole year): the same people and event references, later submissions restating
 * open events with their end dates. Each submission's rows are contiguous and carry their own
 * Reporting_Period_Start_Date/End_Date, which is how a reader tells them apart (or pass a file name with
 * `{submission}` to `writeSyntheticCld` for one file each). The last quarterly submission is
 * byte-for-byte the rows of the non-quarterly output.
 *
 * `rows` sizes the year-end submission: councils share it equally and each council adds people until
 * its share is reached, so the count lands within one person's rows of the target.
 */
import { CLD_HEADER } from './columns.js';
import { dayOf, isoDate, monthsLaterLessADay, weekday } from './dates.js';
import { buildHousehold, type SlotContext } from './household.js';
import type { DirtyKind, PeriodContext } from './model.js';
import { countRows, emptyDirtyCounts, RowWriter, type SubmissionView } from './render.js';
import type { Release } from './vocabulary.js';

export interface CldOptions {
  seed: number;
  /** ONS codes of English councils, e.g. 'E08000009'. */
  councils: readonly string[];
  /** Approximate data rows of the year-end submission, across all councils. */
  rows: number;
  periodStart: string;
  periodEnd: string;
  release: Release;
  /** Share of rows with a deliberate fault; 0.002 unless given. */
  dirtyRate?: number;
  /** Four cumulative quarterly submissions per council instead of one. */
  quarters?: boolean;
}

export interface CouncilSummary {
  rows: number;
  persons: number;
}

export interface CldSummary {
  /** Data rows written, every submission and duplicate included (headers not counted). */
  rows: number;
  /** Distinct synthetic people with at least one row. */
  persons: number;
  personsWithoutNhs: number;
  submissions: number;
  councils: Record<string, CouncilSummary>;
  /** Rows written with each kind of deliberate fault ('duplicate' counts the extra copies). */
  dirty: Record<DirtyKind, number>;
  dirtyRows: number;
  /** Rows that the identity rule must exclude: an LA id without an NHS number, the LA id elsewhere with one. */
  ambiguousIdentityRows: number;
}

/** Marks the start of one submission in `pieces()`. */
export interface SubmissionStart {
  council: string;
  reportingPeriodStart: string;
  reportingPeriodEnd: string;
}

// Real council codes, used as "another LA's code" in faulty rows when not among the councils generated.
const OTHER_COUNCILS = ['E06000001', 'E06000002', 'E08000001', 'E09000002', 'E10000003', 'E07000008'];
// Not a council at all: the last resort when every code above is being generated.
const NO_COUNCIL = 'E99999999';
const CHUNK_CHARS = 1 << 18;

export function generateCld(options: CldOptions): SyntheticCld {
  return new SyntheticCld(options);
}

export class SyntheticCld implements Iterable<string>, AsyncIterable<string> {
  readonly options: Readonly<Required<CldOptions>>;
  private current: CldSummary = emptySummary();

  constructor(options: CldOptions) {
    this.options = validate(options);
  }

  /** Counts of the last finished iteration (updated after each submission while one runs). */
  get summary(): CldSummary {
    return this.current;
  }

  [Symbol.iterator](): Iterator<string> {
    return textOnly(this.pieces());
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (const chunk of textOnly(this.pieces())) {
      yield chunk;
      // Let timers and I/O run between chunks when a consumer reads without awaiting anything else.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** The CSV text in chunks of whole lines (the header first, alone), with a marker before each submission. */
  *pieces(): Generator<string | SubmissionStart> {
    const o = this.options;
    const summary = emptySummary();
    this.current = summary;
    const periodStart = dayOf(o.periodStart);
    const periodEnd = dayOf(o.periodEnd);
    const period: PeriodContext = {
      periodStart,
      periodEnd,
      upliftDay: periodStart + ((7 - weekday(periodStart)) % 7),
    };
    const fullYear: SubmissionView = { start: periodStart, end: periodEnd };
    const views: SubmissionView[] = o.quarters
      ? [1, 2, 3, 4].map((q) => ({
          start: periodStart,
          end: q === 4 ? periodEnd : Math.min(periodEnd, monthsLaterLessADay(periodStart, 3 * q)),
        }))
      : [fullYear];
    const writer = new RowWriter(o.release);
    const foreign = OTHER_COUNCILS.filter((code) => !o.councils.includes(code));
    yield CLD_HEADER + '\n';
    for (const [councilIndex, council] of o.councils.entries()) {
      const target =
        Math.floor(o.rows / o.councils.length) + (councilIndex < o.rows % o.councils.length ? 1 : 0);
      const sc: SlotContext = {
        seed: o.seed,
        councilIndex,
        councilCount: o.councils.length,
        period,
        dirtyRate: o.dirtyRate,
      };
      const foreignCouncil = foreign[councilIndex % foreign.length] ?? NO_COUNCIL;
      // With several submissions the people must be the same in each, so count the year-end rows first.
      const slots = views.length > 1 ? slotsFor(sc, target, fullYear) : Infinity;
      const tally: CouncilSummary = { rows: 0, persons: 0 };
      summary.councils[council] = tally;
      for (const view of views) {
        const last = view === views[views.length - 1];
        yield { council, reportingPeriodStart: isoDate(view.start), reportingPeriodEnd: isoDate(view.end) };
        summary.submissions++;
        let written = 0;
        for (let slot = 0; slots === Infinity ? written < target : slot < slots; slot++) {
          for (const { person, events } of buildHousehold(sc, slot).members) {
            const rows = writer.write(person, events, view, council, foreignCouncil);
            written += rows;
            if (last && rows > 0) {
              tally.persons++;
              if (person.nhsNumber === '') summary.personsWithoutNhs++;
            }
          }
          if (writer.pending >= CHUNK_CHARS) yield writer.take();
        }
        tally.rows += written;
        copyCounts(writer, summary);
        if (writer.pending > 0) yield writer.take();
      }
      summary.persons += tally.persons;
    }
  }
}

function copyCounts(writer: RowWriter, summary: CldSummary): void {
  summary.rows = writer.counts.rows;
  summary.dirty = { ...writer.counts.dirty };
  summary.dirtyRows = Object.values(summary.dirty).reduce((a, b) => a + b, 0);
  summary.ambiguousIdentityRows = writer.counts.ambiguousIdentityRows;
}

function slotsFor(sc: SlotContext, target: number, view: SubmissionView): number {
  let rows = 0;
  let slot = 0;
  while (rows < target) {
    for (const { events } of buildHousehold(sc, slot).members) rows += countRows(events, view);
    slot++;
  }
  return slot;
}

function* textOnly(pieces: Iterable<string | SubmissionStart>): Generator<string> {
  for (const piece of pieces) if (typeof piece === 'string') yield piece;
}

function emptySummary(): CldSummary {
  return {
    rows: 0,
    persons: 0,
    personsWithoutNhs: 0,
    submissions: 0,
    councils: {},
    dirty: emptyDirtyCounts(),
    dirtyRows: 0,
    ambiguousIdentityRows: 0,
  };
}

function validate(options: CldOptions): Required<CldOptions> {
  const { seed, councils, rows, periodStart, periodEnd, release } = options;
  const dirtyRate = options.dirtyRate ?? 0.002;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, not ${seed}`);
  if (councils.length === 0) throw new RangeError('councils must name at least one council');
  for (const code of councils) {
    if (!/^E\d{8}$/.test(code)) throw new RangeError(`Not an English council's ONS code: ${code}`);
  }
  if (new Set(councils).size !== councils.length) throw new RangeError('councils lists a council twice');
  if (!Number.isSafeInteger(rows) || rows < 0)
    throw new RangeError(`rows must be a whole number, not ${rows}`);
  if (dayOf(periodEnd) < dayOf(periodStart)) throw new RangeError('periodEnd is before periodStart');
  if (options.quarters && monthsLaterLessADay(dayOf(periodStart), 9) >= dayOf(periodEnd)) {
    throw new RangeError('quarters needs a period of more than nine months');
  }
  if (release !== 1 && release !== 2) throw new RangeError(`release must be 1 or 2, not ${String(release)}`);
  if (!(dirtyRate >= 0 && dirtyRate <= 1))
    throw new RangeError(`dirtyRate must be within 0–1, not ${dirtyRate}`);
  return {
    seed,
    councils: [...councils],
    rows,
    periodStart,
    periodEnd,
    release,
    dirtyRate,
    quarters: !!options.quarters,
  };
}
