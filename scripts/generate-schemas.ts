// Writes JSON Schemas for the catalogue YAML files, so editors (yaml-language-server) can validate and
// complete them. The zod schemas in src/domain are the single source of truth; run `npm run schemas`
// after changing them and commit the output.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { measureFileSchema } from '../src/domain/measure.js';
import { organisationFileSchema } from '../src/domain/organisation.js';
import { planFileSchema } from '../src/domain/plan/plan.js';
import { projectRoot } from '../src/paths.js';

export const schemaDirectory = path.join(projectRoot, 'schemas');

export interface SchemaTarget {
  file: string;
  title: string;
  schema: z.ZodType;
}

export const schemaTargets: SchemaTarget[] = [
  { file: 'measure-file.schema.json', title: 'Ascent measure catalogue file', schema: measureFileSchema },
  {
    file: 'organisation-file.schema.json',
    title: 'Ascent organisation register file',
    schema: organisationFileSchema,
  },
  { file: 'plan-file.schema.json', title: 'Ascent performance plan file', schema: planFileSchema },
];

/** The file content written for a target: JSON Schema 2020-12 of what authors write in YAML. */
export function renderJsonSchema({ title, schema }: SchemaTarget): string {
  // The input side, because fields with defaults (notes, limitations) may be left out of the YAML.
  const { $schema, ...generated } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  });
  return `${JSON.stringify({ $schema, title, ...generated }, null, 2)}\n`;
}

async function main(): Promise<void> {
  await mkdir(schemaDirectory, { recursive: true });
  for (const target of schemaTargets) {
    const output = path.join(schemaDirectory, target.file);
    await writeFile(output, renderJsonSchema(target), 'utf8');
    console.log(`wrote ${path.relative(projectRoot, output)}`);
  }
}

// Importable by tests without writing files.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
