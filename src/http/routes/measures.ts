import type { Hono } from 'hono';
import {
  frequencies,
  measureSources,
  measureUnits,
  multiplierForUnit,
  polarities,
  type MeasureUnit,
} from '../../domain/measure.js';
import { ValidationError } from '../../services/actor.js';
import type { Measure } from '../../services/measures.js';
import type { AppEnv } from '../context.js';
import { polarityText } from '../format.js';
import { actorOf, param, route } from '../guard.js';
import { errorView, renderPage } from '../page.js';

export const editionTitles: Record<string, string> = {
  'ascof/2014': 'ASCOF, edition in force up to 2022-23',
  'ascof/2023': 'ASCOF, refreshed edition from 2023-24',
  'local/local': 'Local measures',
  'cld/2024': 'Derived from Client Level Data: SALT tables and activity',
  'safeguarding/local': 'Safeguarding (local extract)',
};

function groupByEdition(measures: Measure[]) {
  const groups = new Map<string, Measure[]>();
  for (const m of measures) {
    const key = `${m.family}/${m.edition}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.entries()].map(([key, items]) => ({ key, title: editionTitles[key] ?? key, items }));
}

/** Turns the flat form into a definition the shared schema validates. */
export function definitionFromForm(body: Record<string, unknown>) {
  const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
  const unit = text('unit') as MeasureUnit;
  const optionalPart = (k: string) => (text(k) ? { definition: text(k) } : undefined);
  const decimals = text('decimals');
  return {
    id: text('id'),
    code: text('code'),
    title: text('title'),
    shortTitle: text('shortTitle') || text('title').slice(0, 80),
    description: text('description'),
    unit,
    multiplier: (measureUnits as readonly string[]).includes(unit) ? multiplierForUnit(unit) : 1,
    decimals: decimals === '' ? Number.NaN : Number(decimals),
    polarity: text('polarity'),
    source: text('source') || 'Local',
    frequency: text('frequency'),
    numerator: optionalPart('numerator'),
    denominator: optionalPart('denominator'),
    validFrom: text('validFrom'),
    notes: text('notes') ? [text('notes')] : [],
    limitations: [],
  };
}

const formOptions = {
  units: measureUnits,
  polarities: polarities.map((p) => ({ value: p, text: polarityText[p] })),
  sources: measureSources,
  frequencies,
};

export function measureRoutes(app: Hono<AppEnv>): void {
  route(app, 'GET', '/measures', 'published:read', async (c) => {
    const all = await c.get('services').measures.all();
    return renderPage(c, 'measures/list.njk', {
      title: 'Measure catalogue',
      groups: groupByEdition(all),
      created: c.req.query('created'),
    });
  });

  route(app, 'GET', '/measures/new', 'measures:write', (c) =>
    renderPage(c, 'measures/new.njk', {
      title: 'Add a local measure',
      values: { decimals: '1', source: 'Local', frequency: 'quarterly' },
      ...formOptions,
    }),
  );

  route(app, 'POST', '/measures', 'measures:write', async (c) => {
    const body = await c.req.parseBody();
    try {
      const m = await c.get('services').measures.createLocal(actorOf(c), definitionFromForm(body));
      return c.redirect(`/measures/${encodeURIComponent(m.id)}?created=1`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const errors = err.fieldErrors.map((e) => ({ ...e, field: e.field.split('.')[0] ?? e.field }));
      return renderPage(
        c,
        'measures/new.njk',
        { title: 'Add a local measure', values: body, ...formOptions, ...errorView(errors) },
        400,
      );
    }
  });

  route(app, 'GET', '/measures/:id', 'published:read', async (c) => {
    const { measures } = c.get('services');
    const measure = await measures.get(param(c, 'id'));
    const all = await measures.all();
    const predecessor = measure.series ? all.find((m) => m.id === measure.series?.continues) : undefined;
    const successors = all.filter((m) => m.series?.continues === measure.id);
    const { programmes, organisations } = c.get('services');
    const actions = (await programmes.actionsForMeasure(measure.id)).map((a) => ({
      ...a,
      council: organisations.register.byCode.get(a.orgCode)?.name ?? a.orgCode,
    }));
    return renderPage(c, 'measures/show.njk', {
      actions,
      title: `${measure.code} ${measure.shortTitle}`,
      measure,
      edition: editionTitles[`${measure.family}/${measure.edition}`] ?? measure.edition,
      polarity: polarityText[measure.polarity],
      predecessor,
      successors,
      created: c.req.query('created'),
    });
  });
}
