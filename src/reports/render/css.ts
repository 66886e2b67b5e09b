import fs from 'node:fs';
import path from 'node:path';
import { paths, projectRoot } from '../../paths.js';

let cached: string | undefined;

/** The styles a standalone report embeds: GOV.UK Frontend, then the report's print rules. */
export function reportCss(): string {
  cached ??= [
    fs
      .readFileSync(path.join(paths.govukFrontend, 'govuk', 'govuk-frontend.min.css'), 'utf8')
      .replace(/url\([^)]*\)/g, 'none'),
    fs.readFileSync(path.join(projectRoot, 'src', 'reports', 'render', 'report.css'), 'utf8'),
  ].join('\n');
  return cached;
}
