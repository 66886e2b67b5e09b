import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Converts a .docx with headless LibreOffice (to 'txt:Text' or 'html'); throws if LibreOffice cannot open it. */
export function convertDocx(soffice: string, docx: Buffer, to: 'txt' | 'html'): string {
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
        to === 'txt' ? 'txt:Text' : 'html:HTML (StarWriter)',
        '--outdir',
        dir,
        file,
      ],
      {
        stdio: 'pipe',
        timeout: 120_000,
      },
    );
    return fs.readFileSync(path.join(dir, `report.${to}`), 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const docxToText = (soffice: string, docx: Buffer): string => convertDocx(soffice, docx, 'txt');

/** The text of a PDF as pdftotext lays it out (columns kept on their lines). */
export function pdfToText(pdftotext: string, pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-pdf-'));
  try {
    const file = path.join(dir, 'report.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync(pdftotext, ['-layout', file, '-'], { encoding: 'utf8', timeout: 60_000 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
