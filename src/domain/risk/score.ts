/**
 * Risk scores: impact (1-5) times likelihood (1-5). A register imported from a document may carry only
 * the product, so an assessment can hold a score whose two factors are not yet recorded; such a score
 * must still be one that some pair of factors gives.
 */
export const FACTORS = [1, 2, 3, 4, 5] as const;
export type Factor = (typeof FACTORS)[number];

export interface Assessment {
  impact: Factor | null;
  likelihood: Factor | null;
  score: number;
}

export const isFactor = (n: unknown): n is Factor => typeof n === 'number' && FACTORS.includes(n as Factor);

/** Every score a pair of factors can give, ascending: 1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25. */
export const POSSIBLE_SCORES: readonly number[] = [
  ...new Set(FACTORS.flatMap((i) => FACTORS.map((l) => i * l))),
].sort((a, b) => a - b);

export const isPossibleScore = (n: number): boolean => POSSIBLE_SCORES.includes(n);

/** The (impact, likelihood) pairs that give a score, impact ascending: 12 → 3×4, 4×3. */
export function factorPairsFor(score: number): { impact: Factor; likelihood: Factor }[] {
  return FACTORS.flatMap((impact) =>
    FACTORS.filter((likelihood) => impact * likelihood === score).map((likelihood) => ({
      impact,
      likelihood,
    })),
  );
}

export type AssessmentResult = { ok: Assessment } | { error: string };

/**
 * Checks an assessment from its parts: both factors (the score follows, and must agree if given), or a
 * score alone (the factors stay unrecorded). One factor without the other is an error.
 */
export function assess(parts: {
  impact?: number | null | undefined;
  likelihood?: number | null | undefined;
  score?: number | null | undefined;
}): AssessmentResult {
  const { impact, likelihood, score } = parts;
  const has = (v: number | null | undefined): v is number => v !== null && v !== undefined;
  if (has(impact) || has(likelihood)) {
    if (!has(impact) || !has(likelihood))
      return { error: 'Give both impact and likelihood (each 1 to 5), or neither' };
    if (!isFactor(impact)) return { error: `Impact must be a whole number from 1 to 5, not ${impact}` };
    if (!isFactor(likelihood))
      return { error: `Likelihood must be a whole number from 1 to 5, not ${likelihood}` };
    const product = impact * likelihood;
    if (has(score) && score !== product)
      return {
        error: `The score ${score} does not match impact ${impact} × likelihood ${likelihood} = ${product}`,
      };
    return { ok: { impact, likelihood, score: product } };
  }
  if (!has(score)) return { error: 'Give a score, or its impact and likelihood' };
  if (!isPossibleScore(score))
    return {
      error: `${score} is not a possible score: impact and likelihood are each 1 to 5, so the score must be one of ${POSSIBLE_SCORES.join(', ')}`,
    };
  return { ok: { impact: null, likelihood: null, score } };
}

/** True when the score's two factors have not been recorded yet (an imported score). */
export const factorsMissing = (a: Pick<Assessment, 'impact' | 'likelihood'>): boolean =>
  a.impact === null || a.likelihood === null;

/** '20 (impact 4 × likelihood 5)', or '20 (impact and likelihood not yet recorded)'. */
export function describeAssessment(a: Assessment): string {
  return factorsMissing(a)
    ? `${a.score} (impact and likelihood not yet recorded)`
    : `${a.score} (impact ${a.impact} × likelihood ${a.likelihood})`;
}
