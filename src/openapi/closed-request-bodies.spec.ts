import type { OpenAPIObject } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { NestedObject } from '../shared/validation/nested-object.decorator';
import { closeValidatedRequestBodies } from './closed-request-bodies';
import type { RouteFacts } from './route-facts';

class InnerDto {
  @IsString() name: string;
}

class OuterDto {
  @NestedObject(() => InnerDto, { each: true }) items: InnerDto[];
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function documentOf(responseSchema: string): OpenAPIObject {
  const post = (operationId: string, body: string) => ({
    operationId,
    requestBody: { content: { 'application/json': { schema: ref(body) } } },
    responses: {
      200: { description: '', content: { 'application/json': { schema: ref(responseSchema) } } },
    },
  });
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/a': { post: post('A_create', 'OuterDto') },
      '/b': { post: post('B_ingest', 'RawBody') },
    },
    components: {
      schemas: {
        OuterDto: {
          type: 'object',
          properties: { items: { type: 'array', items: ref('InnerDto') } },
        },
        InnerDto: { type: 'object', properties: { name: { type: 'string' } } },
        RawBody: { type: 'object' },
        Answer: { type: 'object', properties: { inner: ref('InnerDto') } },
        Other: { type: 'object' },
      },
    },
  };
}

const facts = new Map<string, RouteFacts>([
  ['A_create', { isPublic: false, scopes: [], parameterTypes: [String, OuterDto] }],
  // Documented with @ApiBody({ type: RawBody }), read raw from the request: no DTO parameter.
  ['B_ingest', { isPublic: false, scopes: [], parameterTypes: [Object] }],
]);

describe('closeValidatedRequestBodies', () => {
  it('closes a handler DTO and the DTOs validated inside it, not a body read raw', () => {
    const document = documentOf('Other');
    closeValidatedRequestBodies(document, facts);
    const schemas = document.components?.schemas as Record<
      string,
      { additionalProperties?: unknown }
    >;
    expect(schemas.OuterDto.additionalProperties).toBe(false);
    expect(schemas.InnerDto.additionalProperties).toBe(false);
    expect(schemas.RawBody.additionalProperties).toBeUndefined();
    expect(schemas.Other.additionalProperties).toBeUndefined();
  });

  it('stops when a request DTO is part of a response, which must stay open', () => {
    expect(() => closeValidatedRequestBodies(documentOf('Answer'), facts)).toThrow(
      /InnerDto is a validated request DTO and part of a response/,
    );
  });
});
