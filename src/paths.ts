import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The project root, whether running from src/ (tsx) or dist/ (compiled): both sit one level below it. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const paths = {
  migrations: path.join(projectRoot, 'src', 'store', 'migrations'),
  caseMigrations: path.join(projectRoot, 'src', 'cld', 'engine', 'migrations'),
  views: path.join(projectRoot, 'src', 'http', 'views'),
  catalogue: path.join(projectRoot, 'catalogue'),
  demo: path.join(projectRoot, 'demo'),
  govukFrontend: path.join(projectRoot, 'node_modules', 'govuk-frontend', 'dist'),
};
