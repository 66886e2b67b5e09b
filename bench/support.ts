/** Helpers for benchmark scripts: medians over several runs and peak memory, printed as a table. */
export interface Timing {
  name: string;
  runs: number[];
  budgetMs?: number;
}

export async function time(
  name: string,
  runs: number,
  fn: () => Promise<unknown> | unknown,
  budgetMs?: number,
): Promise<Timing> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
  }
  return { name, runs: out, ...(budgetMs === undefined ? {} : { budgetMs }) };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export function report(title: string, timings: Timing[]): void {
  const rows = timings.map((t) => {
    const m = median(t.runs);
    return [
      t.name,
      String(t.runs.length),
      m.toFixed(1),
      Math.min(...t.runs).toFixed(1),
      Math.max(...t.runs).toFixed(1),
      t.budgetMs === undefined ? '' : `${t.budgetMs}`,
      t.budgetMs === undefined
        ? ''
        : `${((m / t.budgetMs) * 100).toFixed(1)}% ${m <= t.budgetMs ? 'ok' : 'OVER'}`,
    ];
  });
  const head = ['measurement', 'runs', 'median ms', 'min ms', 'max ms', 'budget ms', 'of budget'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${title}`);
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  const usage = process.resourceUsage();
  console.log(
    `peak RSS ${(usage.maxRSS / 1024).toFixed(0)} MiB; heap used now ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
  );
}
