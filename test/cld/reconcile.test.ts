/**
 * A larger synthetic extract (four quarterly submissions, dirty rows, restated events): the SALT tables
 * reconcile with each other, breakdowns add up to their totals, and DuckDB and PostgreSQL derive exactly
 * the same figures from the same submissions.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import type { CaseStore } from '../../src/cld/engine/case-store.js';
import { openDuckCaseStore } from '../../src/cld/engine/duckdb.js';
import { inspectFile, stageFile, writeSubmission } from '../../src/cld/import/load.js';
import { DERIVATIONS } from '../../src/cld/derive/catalogue.js';
import { deriveFigures, drill, type DerivedFigure } from '../../src/cld/derive/run.js';
import { writeSyntheticCld } from '../../src/cld/synthetic/cli-entry.js';
import { caseStoreKinds, openCaseStore, pseudonymiser } from './support.js';

const YEAR = { label: '2024-25', start: '2024-04-01', end: '2025-03-31' };

async function quarterlyFiles(t: TestContext): Promise<string[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ascent-cld-reconcile-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  const { files } = await writeSyntheticCld(path.join(dir, 'q-{submission}.csv'), {
    seed: 99,
    councils: ['E08000009'],
    rows: 12_000,
    periodStart: YEAR.start,
    periodEnd: YEAR.end,
    release: 1,
    quarters: true,
  });
  return files.sort();
}

async function loadAll(store: CaseStore, files: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, file] of files.entries()) {
    const staging = store.kind === 'duckdb' ? store : await openDuckCaseStore(':memory:');
    try {
      const staged = await stageFile(staging, file, await inspectFile(file));
      const report = await writeSubmission(staging, store, staged, `q${i + 1}`, pseudonymiser);
      assert.equal(report.read, report.loaded + report.rejected);
      ids.push(`q${i + 1}`);
    } finally {
      if (staging !== store) await staging.close();
    }
  }
  return ids;
}

const key = (f: DerivedFigure) => `${f.measureId}|${f.disaggregation}`;

test('SALT tables reconcile, and DuckDB and PostgreSQL derive identical figures', async (t) => {
  const files = await quarterlyFiles(t);
  const results = new Map<string, Map<string, DerivedFigure>>();
  for (const kind of caseStoreKinds) {
    const store = await openCaseStore(t, kind);
    if (!store) continue;
    const ids = await loadAll(store, files);
    const inputs = { latest: ids[ids.length - 1] ?? '', history: ids };
    const figures = await deriveFigures(store, { inputs, period: YEAR, population: () => 100_000 });
    results.set(kind, new Map(figures.map((f) => [key(f), f])));

    const total = (id: string) => figures.find((f) => f.measureId === id && f.disaggregation === 'Total');
    const v = (id: string) => total(id)?.value ?? 0;
    assert.ok(v('cld-LTS001a') > 0, 'a year of long-term support');
    assert.ok(v('cld-LTS001b') <= v('cld-LTS001a'), 'LTS001b ⊆ LTS001a');
    assert.ok(v('cld-LTS001c') <= v('cld-LTS001b'), 'LTS001c ⊆ LTS001b');
    assert.ok(v('cld-LTS004') <= v('cld-LTS001a'), 'LTS004 ⊆ LTS001a');
    assert.ok(v('cld-OPEN-LT') >= v('cld-LTS001b'), 'open at the end, any age, covers LTS001b');
    assert.ok((total('ascof23-2A')?.denominator ?? 0) <= v('cld-STS002a'), '2A counts STS002a episodes');
    assert.ok((total('ascof23-3D1A')?.numerator ?? 0) >= (total('ascof23-3D2A')?.numerator ?? 0));
    assert.ok((total('ascof23-3D1A')?.denominator ?? 0) <= v('cld-LTS001a'));
    // One-way breakdowns of a count add up to its total.
    for (const d of DERIVATIONS.filter((x) => x.aggregate.kind === 'count')) {
      for (const dims of d.breakdowns.filter((b) => b.length === 1)) {
        const cells = figures.filter(
          (f) =>
            f.measureId === d.measureId &&
            f.disaggregation.startsWith(`${dims[0]}=`) &&
            !f.disaggregation.includes(';'),
        );
        const sum = cells.reduce((n, f) => n + (f.value ?? 0), 0);
        assert.equal(sum, total(d.measureId)?.value ?? 0, `${d.measureId} by ${dims[0]}`);
      }
    }
    // The people at the year end are among the people of the year.
    const persons = async (measureId: string) =>
      new Set(
        (
          await drill(store, {
            inputs,
            period: YEAR,
            measureId,
            disaggregation: 'Total',
            part: 'denominator',
            limit: 10_000,
          })
        ).rows.map((r) => r.personId),
      );
    const year = await persons('cld-LTS001a');
    for (const p of await persons('cld-LTS001b')) assert.ok(year.has(p));
  }
  const duck = results.get('duckdb');
  const pg = results.get('postgres');
  if (duck && pg) {
    assert.deepEqual([...pg.keys()].sort(), [...duck.keys()].sort());
    for (const [k, f] of duck) assert.deepEqual(pg.get(k), f, k);
  }
});
