import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'golden');

/**
 * Compares text with test/golden/<name>. On a mismatch the actual text is written beside it as
 * <name>-changed for review; the expected file is only written when UPDATE_GOLDEN=1, never in CI.
 */
export function checkGolden(name: string, actual: string): void {
  const file = path.join(dir, name);
  if (process.env.UPDATE_GOLDEN === '1' && process.env.CI !== 'true') fs.writeFileSync(file, actual);
  if (!fs.existsSync(file)) {
    fs.writeFileSync(`${file}-changed`, actual);
    assert.fail(
      `No golden file ${name}; the output is in ${name}-changed (review it, then run with UPDATE_GOLDEN=1)`,
    );
  }
  const expected = fs.readFileSync(file, 'utf8');
  if (expected !== actual) fs.writeFileSync(`${file}-changed`, actual);
  else fs.rmSync(`${file}-changed`, { force: true });
  assert.equal(actual, expected, `${name} differs from its golden file; see ${name}-changed`);
}
