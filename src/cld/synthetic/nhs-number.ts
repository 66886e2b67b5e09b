/**
 * NHS numbers for synthetic people: ten digits whose last is a modulus 11 check digit, drawn only from
 * ranges that start 999, 998, 997 … (999 is the range set aside for testing; the generator walks down
 * from it only when a run needs more than 900,000 people).
 */

/** The check digit for nine digits, or undefined when the weighted sum leaves no valid digit (10). */
export function nhsCheckDigit(nineDigits: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (nineDigits.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

export function isValidNhsNumber(text: string): boolean {
  if (!/^\d{10}$/.test(text)) return false;
  return nhsCheckDigit(text.slice(0, 9)) === text.charCodeAt(9) - 48;
}

const PER_STEM = 9;
const STEMS_PER_PREFIX = 100_000;
const PER_PREFIX = PER_STEM * STEMS_PER_PREFIX;

/**
 * The synthetic NHS number with this ordinal: distinct ordinals give distinct numbers. Each 8-digit stem
 * yields at least nine valid numbers (the ninth digit has weight 2, so at most one of its ten values
 * leaves a check digit of 10), which makes the mapping direct, with no search and no state.
 */
export function syntheticNhsNumber(ordinal: number): string {
  if (!Number.isSafeInteger(ordinal) || ordinal < 0) throw new RangeError(`Not an ordinal: ${ordinal}`);
  const block = Math.floor(ordinal / PER_PREFIX);
  if (block > 99) throw new RangeError(`No synthetic NHS number left for ordinal ${ordinal}`);
  // A bijection on 0–899,999 (48,271 shares no factor with 2, 3 or 5), so neighbours look unrelated.
  const scrambled = ((ordinal % PER_PREFIX) * 48_271 + 7) % PER_PREFIX;
  const stem = String((999 - block) * STEMS_PER_PREFIX + Math.floor(scrambled / PER_STEM));
  let wanted = scrambled % PER_STEM;
  for (let digit = 0; digit <= 9; digit++) {
    const nine = stem + digit;
    const check = nhsCheckDigit(nine);
    if (check === undefined) continue;
    if (wanted === 0) return nine + check;
    wanted--;
  }
  throw new Error('unreachable: every stem has nine valid numbers');
}
