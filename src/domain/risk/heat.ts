/**
 * The 5×5 heat map as data: each cell (impact, likelihood) with the risks scored there. Risks whose
 * factors are not yet recorded cannot be placed and are listed apart.
 */
import { bandFor, type RagBand } from './bands.js';
import { FACTORS, type Factor } from './score.js';

export interface HeatRisk {
  reference: string;
  impact: Factor | null;
  likelihood: Factor | null;
  score: number;
}

export interface HeatCell {
  impact: Factor;
  likelihood: Factor;
  score: number;
  band: RagBand;
  references: string[];
}

export interface HeatGrid {
  /** Rows from likelihood 5 (top) down to 1, cells impact 1 to 5 (left to right). */
  rows: HeatCell[][];
  unplaced: { reference: string; score: number }[];
}

export function heatGrid(risks: readonly HeatRisk[], bands: readonly RagBand[]): HeatGrid {
  const rows = [...FACTORS].reverse().map((likelihood) =>
    FACTORS.map((impact) => ({
      impact,
      likelihood,
      score: impact * likelihood,
      band: bandFor(impact * likelihood, bands),
      references: risks
        .filter((r) => r.impact === impact && r.likelihood === likelihood)
        .map((r) => r.reference),
    })),
  );
  const unplaced = risks
    .filter((r) => r.impact === null || r.likelihood === null)
    .map((r) => ({ reference: r.reference, score: r.score }));
  return { rows, unplaced };
}
