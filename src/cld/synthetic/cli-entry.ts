/**
 * Writes a synthetic CLD extract to disk. A file name with `{submission}` in it gets one file per
 * submission (council and reporting period end, e.g. `cld-{submission}.csv` →
 * `cld-E08000009_2023-06-30.csv`), each with its own header; otherwise everything goes to one file.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { generateCld, type CldOptions, type CldSummary } from './generate.js';

export interface WriteSummary extends CldSummary {
  files: string[];
  elapsedMs: number;
}

export async function writeSyntheticCld(file: string, options: CldOptions): Promise<WriteSummary> {
  const started = performance.now();
  const cld = generateCld(options);
  const perSubmission = file.includes('{submission}');
  const files: string[] = [];
  let out: WriteStream | undefined;
  let header: string | undefined;

  const open = async (name: string): Promise<void> => {
    await close();
    out = createWriteStream(name);
    files.push(name);
    if (header !== undefined) await write(header);
  };
  const write = async (text: string): Promise<void> => {
    if (!out) throw new Error('writeSyntheticCld: no file open');
    if (!out.write(text)) await once(out, 'drain');
  };
  const close = async (): Promise<void> => {
    if (!out) return;
    out.end();
    await finished(out);
    out = undefined;
  };

  try {
    for (const piece of cld.pieces()) {
      if (typeof piece !== 'string') {
        if (perSubmission)
          await open(file.replace('{submission}', `${piece.council}_${piece.reportingPeriodEnd}`));
      } else if (header === undefined) {
        header = piece;
        if (!perSubmission) await open(file);
      } else {
        await write(piece);
      }
    }
    await close();
  } catch (err) {
    out?.destroy();
    throw err;
  }
  return { ...cld.summary, files, elapsedMs: Math.round(performance.now() - started) };
}
