import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scanFile } from './scan.js';

async function scanText(text: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-scan-'));
  const file = path.join(dir, 'extract.csv');
  fs.writeFileSync(file, text);
  try {
    return await scanFile(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const padded = async (text: string) => {
  const { paddedColumns } = await scanText(text);
  return paddedColumns === 'all' ? 'all' : [...paddedColumns].sort((a, b) => a - b);
};

test('a file with no white space at any cell edge needs no trimming; the header line is not read', async () => {
  assert.deepEqual(await padded(' a , b ,c\n1,2,3\n4,"x,y",6\n'), []);
});

test("a space after a comma inside a quoted cell errs towards trimming that cell's column", async () => {
  assert.deepEqual(await padded('a,b,c\n1,"x, y",3\n'), [1]);
});

test('white space at either edge of a cell marks its column, first and last columns included', async () => {
  assert.deepEqual(await padded('a,b,c,d\n 1,2,3,4\n1,2 ,3,4\n1,2,3,\t4\n1,2,3,4 \r\n'), [0, 1, 3]);
});

test('multi-byte spaces count at either edge, and the last line needs no line break', async () => {
  assert.deepEqual(await padded('a,b,c\n1,\u00a02,3\n1,2,3\u3000'), [1, 2]);
});

test('commas inside quoted fields do not shift the column; padding inside quotes counts', async () => {
  assert.deepEqual(await padded('a,b,c,d\n"x,y",2," 3",4\n"p""q"",r",2,3, 4\n'), [2, 3]);
});

test('a record over several lines makes every column a candidate once any padding is seen', async () => {
  assert.equal(await padded('a,b\n"line one\nline two", 2\n'), 'all');
  assert.deepEqual(await padded('a,b\n"line one\nline two",2\n'), []);
});

test('the scan gives the file hash and where each record starts', async () => {
  const text = '\ufeffa,b\n1,2\n\n"3\n4",5\n6,7';
  const scan = await scanText(text);
  assert.equal(scan.sha256, createHash('sha256').update(text).digest('hex'));
  assert.equal(scan.records.count, 4);
  assert.deepEqual([...scan.records.physical.slice(0, 4)], [1, 2, 4, 6]);
  assert.deepEqual([...scan.records.lastPhysical.slice(0, 4)], [1, 2, 5, 6]);
  assert.deepEqual([...scan.records.logical.slice(0, 4)], [1, 2, 4, 5]);
});
