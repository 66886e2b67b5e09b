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
