/**
 * A council's performance plan, laid out as in Manchester's delivery plan appendix: priorities, each with
 * objectives, each with indicators (a measure, the plan's own wording of it and a baseline), and a target
 * per indicator for each year of the plan. The targets themselves live with the other targets (so RAG uses
 * them); the plan file may carry them for loading in one go.
 */
import { z } from 'zod';
import { financialYearSchema, measureIdSchema } from '../measure.js';
import { targetDirections, targetSpecSchema } from '../targets/target.js';

const idSchema = z
  .string()
  .regex(/^[pio]-\d+$/, "expected an id such as 'p-1', 'o-2' or 'i-3'")
  .describe('Stable id within the plan, used to edit an item.');

const baselineSchema = z
  .strictObject({
    period: z.string().min(1).describe("The baseline period, e.g. '2023-24'."),
    value: z
      .number()
      .finite()
      .optional()
      .describe('The baseline value; when omitted, the published value for the period is used.'),
    note: z
      .string()
      .max(200)
      .optional()
      .describe("A qualifier shown with the baseline, e.g. '2022-23 biennial survey' or 'New metric'."),
  })
  .describe('Where the indicator started.');

const indicatorShape = {
  id: idSchema,
  measureId: measureIdSchema,
  label: z
    .string()
    .trim()
    .max(300)
    .optional()
    .describe("The plan's wording of the indicator; the measure's title when omitted."),
  baseline: baselineSchema.optional(),
};

const title = (what: string) => z.string().trim().min(1, `Give the ${what} a title`).max(300);

export const planSchema = z
  .strictObject({
    version: z.literal(1).describe('Version of this format.'),
    title: title('plan'),
    years: z
      .array(financialYearSchema)
      .min(1, 'Give at least one year of targets')
      .max(6)
      .describe('The financial years the plan sets targets for, one column each.'),
    priorities: z.array(
      z.strictObject({
        id: idSchema,
        title: title('priority'),
        objectives: z.array(
          z.strictObject({
            id: idSchema,
            title: title('objective'),
            indicators: z.array(z.strictObject(indicatorShape)),
          }),
        ),
      }),
    ),
  })
  .describe("A council's performance plan: priority → objective → indicator → baseline → targets by year.");

export type Plan = z.infer<typeof planSchema>;
export type Priority = Plan['priorities'][number];
export type Objective = Priority['objectives'][number];
export type Indicator = Objective['indicators'][number];

/** In a plan file, a direction target may leave its baseline value to the published figure for the period. */
const fileTargetSchema = z.union([
  targetSpecSchema,
  z
    .strictObject({
      kind: z.literal('direction'),
      direction: z.enum(targetDirections),
      baseline: z.strictObject({ period: z.string().min(1) }),
      tolerance: z.number().nonnegative().optional(),
    })
    .describe('A direction target from the published value of the baseline period.'),
]);
export type FileTarget = z.infer<typeof fileTargetSchema>;

/** A plan as a file (YAML or JSON): ids optional, targets per year allowed on each indicator. */
export const planFileSchema = z
  .strictObject({
    version: z.literal(1),
    title: title('plan'),
    years: z.array(financialYearSchema).min(1).max(6),
    priorities: z.array(
      z.strictObject({
        id: idSchema.optional(),
        title: title('priority'),
        objectives: z.array(
          z.strictObject({
            id: idSchema.optional(),
            title: title('objective'),
            indicators: z.array(
              z.strictObject({
                ...indicatorShape,
                id: idSchema.optional(),
                targets: z
                  .record(financialYearSchema, fileTargetSchema)
                  .optional()
                  .describe("Targets by financial year, e.g. { '2025-26': { kind: value, value: 54 } }."),
              }),
            ),
          }),
        ),
      }),
    ),
  })
  .describe('A performance plan file, with targets by year.');
export type PlanFile = z.infer<typeof planFileSchema>;

export function emptyPlan(title: string, years: string[]): Plan {
  return { version: 1, title, years, priorities: [] };
}

/** Every id used in a plan. */
function idsOf(plan: Pick<Plan, 'priorities'> | PlanFile): string[] {
  return plan.priorities.flatMap((p) => [
    ...(p.id ? [p.id] : []),
    ...p.objectives.flatMap((o) => [
      ...(o.id ? [o.id] : []),
      ...o.indicators.flatMap((i) => (i.id ? [i.id] : [])),
    ]),
  ]);
}

/** The next free id with a prefix. */
export function nextId(plan: Pick<Plan, 'priorities'> | PlanFile, prefix: 'p' | 'o' | 'i'): string {
  const used = idsOf(plan)
    .filter((id) => id.startsWith(`${prefix}-`))
    .map((id) => Number(id.slice(2)));
  return `${prefix}-${Math.max(0, ...used) + 1}`;
}

/** A plan file as a stored plan, with ids given where missing, and its targets listed apart. */
export function planFromFile(file: PlanFile): {
  plan: Plan;
  targets: { measureId: string; year: string; spec: FileTarget }[];
} {
  const targets: { measureId: string; year: string; spec: FileTarget }[] = [];
  const work = structuredClone(file);
  const take = (prefix: 'p' | 'o' | 'i', id: string | undefined) => id ?? nextId(work, prefix);
  for (const p of work.priorities) {
    p.id = take('p', p.id);
    for (const o of p.objectives) {
      o.id = take('o', o.id);
      for (const i of o.indicators) {
        i.id = take('i', i.id);
        for (const [year, spec] of Object.entries(i.targets ?? {}))
          targets.push({ measureId: i.measureId, year, spec });
        delete i.targets;
      }
    }
  }
  return { plan: planSchema.parse(work), targets };
}

/** Duplicated ids, which would make an edit ambiguous. */
export function duplicateIds(plan: Plan): string[] {
  const seen = new Set<string>();
  return idsOf(plan).filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}
