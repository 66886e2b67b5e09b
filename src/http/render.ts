import nunjucks from 'nunjucks';
import { paths } from '../paths.js';

export type ViewContext = Record<string, unknown>;

const numberFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});

export function createViewEngine(): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([paths.views, paths.govukFrontend]), {
    autoescape: true,
    throwOnUndefined: false,
  });
  env.addFilter('number', (v: unknown) =>
    v === null || v === undefined || v === '' ? '' : numberFormat.format(Number(v)),
  );
  env.addFilter('datetime', (v: unknown) => (v instanceof Date ? dateTimeFormat.format(v) : String(v ?? '')));
  env.addFilter('json', (v: unknown) => JSON.stringify(v, null, 2));
  return env;
}
