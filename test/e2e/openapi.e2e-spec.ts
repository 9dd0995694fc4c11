import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderOpenApiYaml } from '../../src/openapi/render-openapi';

describe('openapi.yaml', () => {
  it('is what the code generates (run `npm run openapi` after changing the API)', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'openapi.yaml'), 'utf8');
    expect(await renderOpenApiYaml()).toBe(committed);
  });

  it('documents every error as problem+json and API keys as bearer auth', () => {
    const document = parse(readFileSync(join(__dirname, '..', '..', 'openapi.yaml'), 'utf8')) as {
      components: {
        schemas: Record<string, unknown>;
        securitySchemes: Record<string, { scheme: string }>;
      };
    };
    expect(document.components.schemas.ProblemSchema).toBeDefined();
    expect(document.components.securitySchemes.bearer.scheme).toBe('bearer');
  });
});
