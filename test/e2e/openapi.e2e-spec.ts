import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderOpenApiYaml } from '../../src/openapi/render-openapi';
import { ERROR_CODE_NAMES } from '../../src/shared/errors/error-codes';

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

  describe('what the contract promises clients', () => {
    type Schema = {
      type?: string;
      format?: string;
      pattern?: string;
      enum?: string[];
      additionalProperties?: unknown;
      properties?: Record<string, Schema>;
    };
    type Operation = { security?: unknown[] };
    const document = parse(readFileSync(join(__dirname, '..', '..', 'openapi.yaml'), 'utf8')) as {
      servers: unknown[];
      security: unknown[];
      paths: Record<string, Record<string, Operation>>;
      components: {
        schemas: Record<string, Schema>;
        securitySchemes: Record<string, { bearerFormat: string }>;
      };
    };
    const schemas = document.components.schemas;

    it('needs an opaque API key on every route but the public ones', () => {
      expect(document.servers.length).toBeGreaterThan(0);
      expect(document.security).toEqual([{ bearer: [] }]);
      expect(document.components.securitySchemes.bearer.bearerFormat).toBe('opaque');
      const open = Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.entries(operations)
          .filter(([, operation]) => operation.security?.length === 0)
          .map(([method]) => `${method} ${path}`),
      );
      expect(open.sort()).toEqual(['get /health', 'get /health/live', 'post /v1/webhooks/stripe']);
    });

    it('lists the problem codes as an enum', () => {
      expect(schemas.ErrorCode.enum).toEqual([...ERROR_CODE_NAMES]);
    });

    it('closes the validated request bodies and leaves raw bodies and responses open', () => {
      expect(schemas.CreateCustomerDto.additionalProperties).toBe(false);
      expect(schemas.QuoteUsageDto.additionalProperties).toBe(false);
      expect(schemas.UsageRecordsBody.additionalProperties).toBeUndefined();
      expect(schemas.CustomerResponse.additionalProperties).toBeUndefined();
    });

    it('gives every decimal string a pattern, the validator’s own on request fields', () => {
      const unpatterned = Object.entries(schemas).flatMap(([name, schema]) =>
        Object.entries(schema.properties ?? {})
          .filter(([, field]) => field.format === 'decimal' && field.pattern === undefined)
          .map(([field]) => `${name}.${field}`),
      );
      expect(unpatterned).toEqual([]);
      expect(schemas.CreatePartnerDiscountDto.properties?.rate.pattern).toBe('^0(\\.\\d{1,8})?$');
      expect(schemas.InvoiceResponse.properties?.total.pattern).toBe('^-?\\d+(\\.\\d+)?$');
    });
  });
});
