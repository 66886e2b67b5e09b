import { drillBehind } from '../routes/cld.js';
import { param, type Handler } from '../guard.js';
import type { Operation } from './openapi.js';

/** The Client Level Data operations of the API: submissions, a submission's quality, drill-down. */
export function cldOperations(op: (spec: Operation, handler: Handler) => void): void {
  op(
    {
      method: 'GET',
      path: '/api/v1/organisations/:code/cld/submissions',
      access: 'imports:read',
      summary: "A council's CLD submissions, oldest first (without their quality reports)",
    },
    async (c) => {
      const s = c.get('services');
      const org = s.organisations.get(param(c, 'code'));
      const submissions = await s.cld.submissions(org.code);
      return c.json(submissions.map(({ quality: _quality, ...rest }) => rest));
    },
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/cld/submissions/:id',
      access: 'imports:read',
      summary:
        'One CLD submission with its data-quality report: totals, fields, rejected rows with reasons, rules, file problems, identity exclusions',
    },
    async (c) => c.json(await c.get('services').cld.submission(param(c, 'id'))),
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/organisations/:code/cld/drill',
      access: 'persons:read',
      summary:
        'The pseudonymised people and events behind a figure derived from CLD (each call is recorded in the audit log)',
      query: [
        { name: 'period', description: 'Period of the figure, such as 2024-25' },
        { name: 'measure', description: 'Measure id, such as cld-LTS001b or ascof23-2E' },
        { name: 'breakdown', description: "'Total' (default) or a breakdown such as 'age_band=65+'" },
        { name: 'part', description: "'numerator' or 'denominator'" },
        { name: 'limit', description: 'Most rows to return (default 500, at most 10,000)' },
      ],
    },
    async (c) => {
      const limit = Number(c.req.query('limit') ?? '500');
      const { org, query, figure, result } = await drillBehind(
        c,
        Number.isInteger(limit) && limit > 0 ? Math.min(limit, 10_000) : 500,
      );
      return c.json({
        orgCode: org.code,
        period: query.period,
        measureId: query.measureId,
        disaggregation: query.disaggregation,
        part: query.part,
        figure: { value: figure.value, numerator: figure.numerator, denominator: figure.denominator },
        releaseId: result.releaseId,
        total: result.total,
        rows: result.rows,
      });
    },
  );
}
