/**
 * One read of a CLD file before DuckDB sees it: its SHA-256 (a file already imported is recognised
 * before any work), where each record starts (so rows are reported by the line a council sees), and
 * which columns may hold a cell with white space at either end (only those are trimmed in bulk, which
 * is the dearest step of typing when done to every cell).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * Where each record of a CSV file starts, header first: `logical` counts line breaks outside quoted
 * fields (blank lines included), which is how DuckDB numbers the lines it rejects; `physical` counts
 * every line break, which is the line a council sees in an editor; `lastPhysical` is the line a record
 * ends on (a quote left open runs to the end of the file). Blank lines are not records (DuckDB skips
 * them).
 */
export interface RecordLines {
  count: number;
  logical: Int32Array;
  physical: Int32Array;
  lastPhysical: Int32Array;
}

export interface FileScan {
  sha256: string;
  records: RecordLines;
  /** Columns (0-based) where some cell may start or end with white space: 'all' when unsure. */
  paddedColumns: ReadonlySet<number> | 'all';
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** Line breaks in bytes[from, to). */
function countLineBreaks(bytes: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = bytes.indexOf(LF, from); i !== -1 && i < to; i = bytes.indexOf(LF, i + 1)) n += 1;
  return n;
}

/** Whether bytes[from, to) holds anything but carriage returns. */
function hasContent(bytes: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== CR) return true;
  return false;
}

/**
 * Finds record starts chunk by chunk. It jumps from quote to quote and line break to line break
 * (Buffer.indexOf), so a file of plain lines costs one search per line, not one step per byte.
 */
class RecordScanner {
  private size = 1024;
  private logical = new Int32Array(this.size);
  private physical = new Int32Array(this.size);
  private lastPhysical = new Int32Array(this.size);
  private count = 0;
  private line = 1;
  private logicalLine = 1;
  private inQuote = false;
  /** A quote seen inside a quoted field: the next byte says whether it was an escaped quote or the end. */
  private quotePending = false;
  /** Whether the next byte starts a field (where a quote opens a quoted field; elsewhere it is literal). */
  private fieldStart = true;
  private open = false;
  private last = -1;

  private startRecord(): void {
    if (this.count === this.size) {
      this.size *= 2;
      const grow = (a: Int32Array) => {
        const b = new Int32Array(this.size);
        b.set(a);
        return b;
      };
      this.logical = grow(this.logical);
      this.physical = grow(this.physical);
      this.lastPhysical = grow(this.lastPhysical);
    }
    this.logical[this.count] = this.logicalLine;
    this.physical[this.count] = this.line;
    this.count += 1;
    this.open = true;
  }

  push(bytes: Buffer, from: number): void {
    const n = bytes.length;
    if (from < n) this.last = bytes[n - 1] as number;
    // The next quote at or after a position, remembered so that a line without one costs no search.
    let nextQuote = -1;
    const quoteFrom = (at: number): number => {
      if (nextQuote !== n && nextQuote < at) {
        nextQuote = bytes.indexOf(QUOTE, at);
        if (nextQuote === -1) nextQuote = n;
      }
      return nextQuote === n ? -1 : nextQuote;
    };
    let i = from;
    while (i < n) {
      if (this.inQuote) {
        if (this.quotePending) {
          this.quotePending = false;
          if (bytes[i] === QUOTE) {
            i += 1;
            continue;
          }
          this.inQuote = false;
        } else {
          const q = quoteFrom(i);
          const end = q === -1 ? n : q;
          this.line += countLineBreaks(bytes, i, end);
          this.quotePending = q !== -1;
          i = end + (q === -1 ? 0 : 1);
          continue;
        }
      }
      const lf = bytes.indexOf(LF, i);
      const segmentEnd = lf === -1 ? n : lf;
      // The first quote in this stretch of the line that opens a field, if any.
      let opening = -1;
      for (let q = quoteFrom(i); q !== -1 && q < segmentEnd; q = quoteFrom(q + 1)) {
        let j = q - 1;
        while (j >= i && bytes[j] === CR) j -= 1;
        if (j < i ? this.fieldStart : bytes[j] === COMMA) {
          opening = q;
          break;
        }
      }
      if (opening !== -1) {
        if (!this.open) this.startRecord();
        this.inQuote = true;
        this.fieldStart = false;
        i = opening + 1;
        continue;
      }
      if (!this.open && segmentEnd > i && (bytes[i] !== CR || hasContent(bytes, i, segmentEnd))) {
        this.startRecord();
      }
      if (lf === -1) {
        let j = n - 1;
        while (j >= i && bytes[j] === CR) j -= 1;
        if (j >= i) this.fieldStart = bytes[j] === COMMA;
        i = n;
        continue;
      }
      if (this.open) this.lastPhysical[this.count - 1] = this.line;
      this.open = false;
      this.fieldStart = true;
      this.line += 1;
      this.logicalLine += 1;
      i = lf + 1;
    }
  }

  finish(): RecordLines {
    // A record still open at the end (a quote never closed) ends on the last line that has anything on it.
    if (this.open) this.lastPhysical[this.count - 1] = this.last === LF ? this.line - 1 : this.line;
    return {
      count: this.count,
      logical: this.logical,
      physical: this.physical,
      lastPhysical: this.lastPhysical,
    };
  }
}

/**
 * A byte that may be white space at a cell's edge, beside a comma, line break or quote. Read as Latin-1,
 * a multi-byte UTF-8 space shows as its lead byte (C2, E1, E2, E3, EF) at a start and as a continuation
 * byte (80–BF) at an end; any such byte counts, so the test can only err towards trimming.
 */
const EDGE_SPACE = /[,\n"][\t\v\f \xC2\xE1\xE2\xE3\xEF]|[\t\v\f \x80-\xBF][,\r\n"]/g;

/**
 * The 0-based column of the cell holding `line[at]`: commas count outside quoted fields, a quote opens
 * a quoted field only at the start of a field, and a doubled quote inside one is a literal quote.
 */
function columnAt(line: string, at: number): number {
  let column = 0;
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < at; i++) {
    const c = line.charCodeAt(i);
    if (quoted) {
      if (c === QUOTE) {
        if (line.charCodeAt(i + 1) === QUOTE) i += 1;
        else quoted = false;
      }
    } else if (c === QUOTE && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (c === COMMA) {
      column += 1;
      fieldStart = true;
    } else if (c !== CR) {
      fieldStart = false;
    }
  }
  return column;
}

/** Columns with white space at a cell's edge, found line by line (the header line is skipped). */
class PaddingScanner {
  readonly columns = new Set<number>();
  private carry = '';
  private header = true;

  push(bytes: Buffer, from: number): void {
    const text = this.carry + bytes.toString('latin1', from);
    const end = text.lastIndexOf('\n');
    this.carry = end === -1 ? text : text.slice(end + 1);
    if (end !== -1) this.lines(text.slice(0, end + 1));
  }

  finish(): void {
    if (this.carry !== '') this.lines(`${this.carry}\n`);
    this.carry = '';
  }

  /** Whole lines; a line break is put in front so that the first cell has an edge before it too. */
  private lines(whole: string): void {
    const text = `\n${whole}`;
    let start = 0;
    if (this.header) {
      start = text.indexOf('\n', 1);
      this.header = false;
    }
    EDGE_SPACE.lastIndex = start;
    for (let m = EDGE_SPACE.exec(text); m; m = EDGE_SPACE.exec(text)) {
      // The white space is the second character of a leading match and the first of a trailing one.
      const lead = text.charCodeAt(m.index);
      const at = lead === COMMA || lead === LF || lead === QUOTE ? m.index + 1 : m.index;
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      const lineEnd = text.indexOf('\n', at);
      this.columns.add(columnAt(text.slice(lineStart, lineEnd), at - lineStart));
      EDGE_SPACE.lastIndex = m.index + 1;
    }
  }
}

/** Reads the file once for its hash, its record lines and the columns that may need trimming. */
export async function scanFile(file: string): Promise<FileScan> {
  const hash = createHash('sha256');
  const records = new RecordScanner();
  const padding = new PaddingScanner();
  let first = true;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    // A byte order mark is not content.
    const from = first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    first = false;
    records.push(bytes, from);
    padding.push(bytes, from);
  }
  padding.finish();
  const lines = records.finish();
  // A record over several lines defeats the line-by-line column count: then every column is trimmed.
  let multiLine = false;
  for (let i = 0; i < lines.count && !multiLine; i++) multiLine = lines.lastPhysical[i] !== lines.physical[i];
  return {
    sha256: hash.digest('hex'),
    records: lines,
    paddedColumns: multiLine && padding.columns.size > 0 ? 'all' : padding.columns,
  };
}
