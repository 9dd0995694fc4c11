import type { OpenAPIObject, OperationObject, SchemaObject } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { operationsOf, type RouteFacts } from './route-facts';

type Dto = new () => object;

function validationsOf(type: Dto) {
  return getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
}

function isValidatedDto(type: unknown): type is Dto {
  return typeof type === 'function' && validationsOf(type as Dto).length > 0;
}

/** The classes the pipe builds (with the DTO's own @Type) for its ValidateNested properties. */
function nestedDtos(type: Dto): Dto[] {
  const nested = validationsOf(type)
    .filter((validation) => validation.type === ValidationTypes.NESTED_VALIDATION)
    .map((validation) => validation.propertyName);
  return [...new Set(nested)].flatMap((property) => {
    const built = (plainToInstance(type, { [property]: {} }) as Record<string, unknown>)[property];
    const constructor = (built as object | undefined)?.constructor;
    return isValidatedDto(constructor) ? [constructor] : [];
  });
}

function bodySchemaName(operation: OperationObject): string | undefined {
  const body = operation.requestBody;
  const schema = body && 'content' in body ? body.content['application/json']?.schema : undefined;
  return schema && '$ref' in schema ? schema.$ref.split('/').pop() : undefined;
}

/** The schema names `value` refers to, following each reference into components. */
function referencedSchemas(document: OpenAPIObject, roots: unknown[]): Set<string> {
  const seen = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
      const name = ref.split('/').pop() as string;
      if (seen.has(name)) return;
      seen.add(name);
      visit(document.components?.schemas?.[name]);
    }
    Object.values(value).forEach(visit);
  };
  roots.forEach(visit);
  return seen;
}

/**
 * The global ValidationPipe refuses unknown fields (whitelist + forbidNonWhitelisted, see
 * configureHttp) in each DTO a handler takes and in the DTOs it validates nested inside: their
 * schemas say so with `additionalProperties: false`. A body read raw (the bulk ingestion routes,
 * documented with @ApiBody) is no handler parameter and stays open, as do responses, so that
 * clients accept fields added later; a DTO used in a response as well stops the generation.
 */
export function closeValidatedRequestBodies(
  document: OpenAPIObject,
  facts: ReadonlyMap<string, RouteFacts>,
): void {
  const closed = new Set<string>();
  const close = (type: Dto): void => {
    if (closed.has(type.name)) return;
    closed.add(type.name);
    nestedDtos(type).forEach(close);
  };
  const all = operationsOf(document);
  for (const operation of all) {
    const name = bodySchemaName(operation);
    const types = facts.get(operation.operationId ?? '')?.parameterTypes ?? [];
    const dto = types.find((type) => isValidatedDto(type) && type.name === name);
    if (dto) close(dto as Dto);
  }

  const responses = referencedSchemas(
    document,
    all.map((operation) => operation.responses),
  );
  for (const name of closed) {
    const schema = document.components?.schemas?.[name] as SchemaObject | undefined;
    if (!schema) throw new Error(`openapi: no schema ${name} for a validated request body`);
    if (responses.has(name)) {
      throw new Error(
        `openapi: ${name} is a validated request DTO and part of a response; ` +
          'give the response its own class, so that it stays open to new fields',
      );
    }
    schema.additionalProperties = false;
  }
}
