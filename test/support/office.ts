import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Converts a .docx to plain text with headless LibreOffice; throws if LibreOffice cannot open it. */
export function docxToText(soffice: string, docx: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-docx-'));
  try {
    const file = path.join(dir, 'report.docx');
    fs.writeFileSync(file, docx);
    execFileSync(
      soffice,
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'txt:Text',
        '--outdir',
        dir,
        file,
      ],
      {
        stdio: 'pipe',
        timeout: 120_000,
      },
    );
    return fs.readFileSync(path.join(dir, 'report.txt'), 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
