import { z } from 'zod';
import { roles } from '../../domain/access.js';
import { measureDefinitionSchema } from '../../domain/measure.js';
import { planEditSchema } from '../../domain/plan/edit.js';
import { planSchema } from '../../domain/plan/plan.js';
import { targetSpecSchema } from '../../domain/targets/target.js';
import { valueRulesSchema } from '../../domain/values/rules.js';
import { comparatorGroupSchema } from '../../services/comparators.js';
import { newUserSchema } from '../../services/users.js';
import {
  actionSchema,
  boardSchema,
  meetingSchema,
  postSchema,
  programmeSchema,
  replanSchema,
  updateSchema,
  workstreamSchema,
} from '../../services/programme/schemas.js';
import {
  keyActionSchema,
  newRiskSchema,
  reviewSchema,
  riskSchema,
  schemeSchema,
} from '../../services/risks/schemas.js';
import type { Access } from '../guard.js';

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  access: Access;
  summary: string;
  /** Name of a component schema for a JSON body, 'csv' for a CSV upload, 'spreadsheet' for CSV or Excel. */
  body?: keyof typeof componentSchemas | 'csv' | 'spreadsheet';
  query?: { name: string; description: string }[];
}

const componentSchemas = {
  MeasureDefinition: measureDefinitionSchema,
  NewUser: newUserSchema,
  ComparatorGroup: comparatorGroupSchema,
  UserChange: z.object({
    role: z.enum(roles).optional(),
    disabled: z.boolean().optional(),
  }),
  NewToken: z.object({ name: z.string().min(1) }),
  Programme: programmeSchema,
  Workstream: workstreamSchema,
  Action: actionSchema,
  PlanUpdate: updateSchema,
  Replan: replanSchema,
  Board: boardSchema,
  Meeting: meetingSchema,
  WorkforcePosts: postSchema,
  NewRisk: newRiskSchema,
  Risk: riskSchema,
  RiskReview: reviewSchema,
  KeyAction: keyActionSchema,
  RiskBands: schemeSchema,
  Plan: planSchema,
  PlanEdit: planEditSchema,
  TargetChange: z.object({ measureId: z.string(), period: z.string(), target: targetSpecSchema }),
  CommentaryChange: z.object({
    measureId: z.string(),
    period: z.string(),
    happening: z.string(),
    why: z.string(),
    action: z.string(),
  }),
  ValueEntry: z.object({
    measureId: z.string(),
    period: z.string(),
    value: z.number().optional(),
    numerator: z.number().optional(),
    denominator: z.number().optional(),
    note: z.string().optional(),
  }),
  ValueRules: valueRulesSchema,
  Decision: z.object({ note: z.string().optional() }),
  SpcPhase: z.object({ measureId: z.string(), period: z.string(), reason: z.string() }),
};

const toOpenApiPath = (p: string) => p.replace(/:([A-Za-z]+)/g, '{$1}');

/** The OpenAPI 3.1 document, generated from the same operation list that registers the routes. */
export function openApiDocument(operations: Operation[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const params = [...op.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = (op.query ?? []).map((q) => ({
      name: q.name,
      in: 'query',
      required: false,
      description: q.description,
      schema: { type: 'string' },
    }));
    const requestBody =
      op.body === 'csv'
        ? { required: true, content: { 'text/csv': { schema: { type: 'string' } } } }
        : op.body === 'spreadsheet'
          ? {
              required: true,
              content: {
                'text/csv': { schema: { type: 'string' } },
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                  schema: { type: 'string', format: 'binary' },
                },
              },
            }
          : op.body
            ? {
                required: true,
                content: { 'application/json': { schema: { $ref: `#/components/schemas/${op.body}` } } },
              }
            : undefined;
    (paths[toOpenApiPath(op.path)] ??= {})[op.method.toLowerCase()] = {
      summary: op.summary,
      description:
        op.access === 'public'
          ? 'No sign-in needed.'
          : op.access === 'signed-in'
            ? 'Any signed-in user.'
            : `Needs the permission ${op.access}.`,
      parameters: [...params, ...query],
      ...(requestBody ? { requestBody } : {}),
      responses: {
        200: { description: 'OK' },
        400: {
          description: 'Invalid input; the body lists field errors',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
        401: { description: 'Not signed in or bad token' },
        403: { description: 'Role lacks the permission' },
        404: { description: 'Not found' },
      },
      ...(op.access === 'public' ? { security: [] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ascent API',
      version: '1',
      description:
        'JSON API over the same services as the web app. Authenticate with a session cookie (plus x-csrf-token on writes) or an API token as a bearer token.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token created with `ascent token create` or by an admin.',
        },
        session: { type: 'apiKey', in: 'cookie', name: 'ascent_session' },
      },
      schemas: {
        ...Object.fromEntries(
          Object.entries(componentSchemas).map(([k, s]) => [
            k,
            z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }),
          ]),
        ),
        Error: {
          type: 'object',
          properties: {
            error: { type: 'string' },
            message: { type: 'string' },
            fieldErrors: {
              type: 'array',
              items: {
                type: 'object',
                properties: { field: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  };
}
