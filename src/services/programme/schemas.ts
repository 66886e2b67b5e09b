/** Input schemas for the programme: forms, the API and imports all validate through these. */
import { z } from 'zod';
import { ACTION_KINDS, ACTION_STATUSES, PLAN_RAGS } from '../../domain/programme/action.js';
import { isIsoDate } from '../../domain/programme/dates.js';
import { EMPLOYMENT_TYPES } from '../../domain/programme/workforce.js';

const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v);

export const isoDate = z
  .string()
  .trim()
  .refine(isIsoDate, 'Enter a real date as YYYY-MM-DD, for example 2026-03-31');
export const optionalDate = z.preprocess(blankToNull, isoDate.nullable()).default(null);
const text = (max: number) => z.string().trim().max(max, `Must be ${max} characters or fewer`);
const required = (what: string, max = 300) => text(max).min(1, `Enter ${what}`);

export const programmeSchema = z.object({
  name: required('a name for the programme', 200),
  purpose: text(5000).default(''),
  sponsor: text(200).default(''),
  startedOn: optionalDate,
  planTitle: text(200).default('Improvement plan'),
});
export type ProgrammeInput = z.input<typeof programmeSchema>;

export const WORKSTREAM_KINDS = ['workstream', 'theme', 'project', 'enabler'] as const;
export const workstreamKindLabel: Record<(typeof WORKSTREAM_KINDS)[number], string> = {
  workstream: 'Workstream',
  theme: 'Theme',
  project: 'Project plan',
  enabler: 'Enabler',
};

const rag = z.preprocess(
  blankToNull,
  z.enum(PLAN_RAGS, { message: 'Choose red, amber or green' }).nullable(),
);

export const workstreamSchema = z.object({
  title: required('a title', 200),
  kind: z.enum(WORKSTREAM_KINDS).default('workstream'),
  lead: text(200).default(''),
  purpose: text(5000).default(''),
  status: z.enum(ACTION_STATUSES).default('in-progress'),
  rag: rag.default(null),
  ragText: text(2000).default(''),
  boardId: z.preprocess(blankToNull, z.coerce.number().int().positive().nullable()).default(null),
});
export type WorkstreamInput = z.input<typeof workstreamSchema>;

const percent = z.preprocess(
  (v) => (v === '' || v === undefined ? 0 : v),
  z.coerce.number({ message: 'Enter a percentage from 0 to 100' }),
);

export const actionSchema = z.object({
  reference: z.preprocess(blankToNull, text(40).nullable()).default(null),
  kind: z.enum(ACTION_KINDS).default('action'),
  title: required('what the action is', 300),
  description: text(5000).default(''),
  owner: text(200).default(''),
  startOn: optionalDate,
  dueOn: optionalDate,
  status: z.enum(ACTION_STATUSES, { message: 'Choose a status' }).default('not-started'),
  rag: rag.default(null),
  ragText: text(2000).default(''),
  percentComplete: percent.default(0),
  measureIds: z.array(z.string().trim().min(1)).default([]),
  arisingFromMeetingId: z
    .preprocess(blankToNull, z.coerce.number().int().positive().nullable())
    .default(null),
  /** On an edit: move the action to another workstream of the same plan. */
  workstreamId: z.preprocess(blankToNull, z.coerce.number().int().positive().nullable()).default(null),
});
export type ActionInput = z.input<typeof actionSchema>;

/** A dated progress update; it may also move the action on (status, RAG, percentage, a new due date). */
export const updateSchema = z.object({
  updateOn: isoDate,
  progress: required('the progress made', 5000),
  nextSteps: text(5000).default(''),
  status: z.preprocess(blankToNull, z.enum(ACTION_STATUSES).nullable()).default(null),
  rag: rag.default(null),
  ragText: text(2000).default(''),
  percentComplete: z.preprocess(blankToNull, z.coerce.number().nullable()).default(null),
  dueOn: optionalDate,
});
export type UpdateInput = z.input<typeof updateSchema>;

export const replanSchema = z.object({
  title: required('a title for the new plan', 200),
  summary: text(5000).default(''),
  reason: required('why the plan is being replaced', 2000),
  adoptedOn: isoDate,
  workstreams: z
    .array(workstreamSchema.pick({ title: true, kind: true, lead: true, purpose: true }))
    .min(1, 'Add at least one workstream to the new plan'),
  /** Open actions of the old plan to carry into a workstream of the new one (by its title). */
  carry: z
    .array(z.object({ actionId: z.number().int().positive(), toWorkstream: z.string().trim().min(1) }))
    .default([]),
});
export type ReplanInput = z.input<typeof replanSchema>;

export const BOARD_KINDS = ['board', 'workstream-group', 'task-and-finish'] as const;
export const boardKindLabel: Record<(typeof BOARD_KINDS)[number], string> = {
  board: 'Board',
  'workstream-group': 'Workstream group',
  'task-and-finish': 'Task and finish group',
};
export const CADENCES = [
  'weekly',
  'fortnightly',
  'monthly',
  'bimonthly',
  'quarterly',
  'annually',
  'as-needed',
] as const;
export const cadenceLabel: Record<(typeof CADENCES)[number], string> = {
  weekly: 'weekly',
  fortnightly: 'fortnightly',
  monthly: 'monthly',
  bimonthly: 'every two months',
  quarterly: 'quarterly',
  annually: 'annually',
  'as-needed': 'as needed',
};

export const boardSchema = z.object({
  name: required('a name', 200),
  kind: z.enum(BOARD_KINDS).default('board'),
  purpose: text(5000).default(''),
  chair: text(200).default(''),
  members: z.array(text(200).min(1)).default([]),
  cadence: z.enum(CADENCES, { message: 'Choose how often it meets' }),
  reportsToBoardId: z.preprocess(blankToNull, z.coerce.number().int().positive().nullable()).default(null),
  reportsToText: text(300).default(''),
  status: z.enum(['active', 'closed']).default('active'),
  endsOn: optionalDate,
});
export type BoardInput = z.input<typeof boardSchema>;

export const meetingSchema = z.object({
  heldOn: isoDate,
  title: text(200).default(''),
  status: z.enum(['planned', 'held', 'cancelled']).default('planned'),
  agenda: z.array(text(500).min(1)).default([]),
  decisions: z.array(text(2000).min(1)).default([]),
  minutes: text(20_000).default(''),
});
export type MeetingInput = z.input<typeof meetingSchema>;

const fte = z.preprocess(
  (v) => (v === '' || v === undefined ? 0 : v),
  z.coerce.number({ message: 'Enter a number of full-time equivalents' }),
);
export const postSchema = z.object({
  area: required('the area the posts are in', 200),
  employment: z.enum(EMPLOYMENT_TYPES, { message: 'Choose permanent or time-limited' }),
  planned: fte,
  inPost: fte.default(0),
  appointed: fte.default(0),
  interviewing: fte.default(0),
  asAt: isoDate,
  note: text(2000).default(''),
});
export type PostInput = z.input<typeof postSchema>;
