import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mixSeed, Rng, weighted } from './random.js';

test('the same seed gives the same stream, another seed another', () => {
  const draw = (seed: number): number[] => {
    const rng = new Rng(seed);
    return Array.from({ length: 8 }, () => rng.uint32());
  };
  assert.deepEqual(draw(42), draw(42));
  assert.notDeepEqual(draw(42), draw(43));
  assert.equal(mixSeed(1, 2, 3), mixSeed(1, 2, 3));
  assert.notEqual(mixSeed(1, 2, 3), mixSeed(1, 3, 2));
  assert.notEqual(mixSeed(2 ** 40), mixSeed(0));
});

test('draws stay in range and weighted picks follow their weights', () => {
  const rng = new Rng(7);
  const table = weighted([
    ['a', 70],
    ['b', 20],
    ['c', 10],
    ['never', 0],
  ] as const);
  const counts = { a: 0, b: 0, c: 0, never: 0 };
  for (let i = 0; i < 100_000; i++) {
    const x = rng.float();
    assert.ok(x >= 0 && x < 1);
    const n = rng.int(3, 5);
    assert.ok(n >= 3 && n <= 5 && Number.isInteger(n));
    counts[rng.weighted(table)]++;
  }
  assert.equal(counts.never, 0);
  assert.ok(Math.abs(counts.a / 100_000 - 0.7) < 0.01, `a: ${counts.a}`);
  assert.ok(Math.abs(counts.c / 100_000 - 0.1) < 0.01, `c: ${counts.c}`);
});

test('normal-ish ages centre on the mean and stay within the bounds', () => {
  const rng = new Rng(11);
  let sum = 0;
  for (let i = 0; i < 50_000; i++) {
    const age = rng.normalInt(80, 10, 65, 104);
    assert.ok(age >= 65 && age <= 104);
    sum += rng.normal(50, 10);
  }
  assert.ok(Math.abs(sum / 50_000 - 50) < 0.2);
});
