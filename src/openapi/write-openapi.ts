import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderOpenApiYaml } from './render-openapi';

/** `npm run openapi`: regenerates openapi.yaml from the code. */
async function main(): Promise<void> {
  const path = join(__dirname, '..', '..', '..', 'openapi.yaml');
  writeFileSync(path, await renderOpenApiYaml());
  process.stdout.write(`wrote ${path}\n`);
}

void main();
