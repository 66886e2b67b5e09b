/** Time is injected so tests can pin "today" (ASCENT_TODAY) and move it forward to expire sessions. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date): Clock & { advance(ms: number): void } {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

const londonDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date where the council is (ISO, Europe/London), whatever the server's time zone. */
export function todayOf(clock: Clock): string {
  return londonDate.format(clock.now());
}

/**
 * The system clock, unless ASCENT_TODAY (YYYY-MM-DD) pins the date: then a clock starting at 09:00 UTC that
 * day and running on from there. The test command sets it, so command-line runs in tests see the same
 * "today" as the services they check.
 */
export function configuredClock(env: NodeJS.ProcessEnv = process.env): Clock {
  const today = env.ASCENT_TODAY?.trim();
  if (!today || !/^\d{4}-\d{2}-\d{2}$/.test(today)) return systemClock;
  const start = Date.parse(`${today}T09:00:00Z`);
  const began = Date.now();
  return { now: () => new Date(start + (Date.now() - began)) };
}
