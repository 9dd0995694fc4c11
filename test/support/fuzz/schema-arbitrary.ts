import fc from 'fast-check';

/** The parts of an OpenAPI 3.0 schema object the generator reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
}

export interface SchemaContext {
  /** `components.schemas` of the document, for `$ref`. */
  readonly schemas: Record<string, Schema>;
  /** Ids of stored resources, so that uuid fields sometimes name something that exists. */
  readonly knownIds: () => readonly string[];
}

const isoInstant = fc
  .date({
    min: new Date('2024-01-01T00:00:00Z'),
    max: new Date('2028-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());

const decimalText = fc.oneof(
  fc.constantFrom('0', '1', '0.5', '12.50', '1000000', '0.000000000000000001'),
  fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.nat({ max: 9999 }))
    .map(([whole, fraction]) => `${whole}.${fraction}`),
);

const anyJson = fc.jsonValue({ maxDepth: 2 });

/**
 * Values that follow `schema` loosely: the right types, enums and formats, the documented
 * examples, known ids for uuids; required properties always, optional ones sometimes. They get
 * past validation often enough for the service and the database to be exercised too.
 */
export function validish(schema: Schema, context: SchemaContext, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref !== undefined) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return fc.constant(null).chain(() => validish(context.schemas[name] ?? {}, context, depth));
  }
  const [single] = schema.allOf ?? [];
  if (single !== undefined)
    return validish({ ...schema, allOf: undefined, ...single }, context, depth);
  const choices = schema.oneOf ?? schema.anyOf;
  if (choices !== undefined) return fc.oneof(...choices.map((s) => validish(s, context, depth)));
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const plain = plainValue(schema, context, depth);
  return schema.example === undefined ? plain : fc.oneof(fc.constant(schema.example), plain);
}

function plainValue(schema: Schema, context: SchemaContext, depth: number): fc.Arbitrary<unknown> {
  switch (schema.type) {
    case 'string':
      return stringValue(schema, context);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 1000, 1e9) });
    case 'number':
      return fc.integer({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 1000, 1e9) });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4
        ? fc.constant([])
        : fc.array(validish(schema.items ?? {}, context, depth + 1), { maxLength: 3 });
    case 'object':
    case undefined:
      return objectValue(schema, context, depth);
    default:
      return anyJson;
  }
}

function stringValue(schema: Schema, context: SchemaContext): fc.Arbitrary<unknown> {
  switch (schema.format ?? '') {
    case 'uuid': {
      const known = context.knownIds();
      return known.length > 0 ? fc.oneof(fc.constantFrom(...known), fc.uuid()) : fc.uuid();
    }
    case 'date-time':
      return isoInstant;
    case 'decimal':
      return decimalText;
    default:
      return fc.string({ maxLength: 20 });
  }
}

function objectValue(schema: Schema, context: SchemaContext, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  if (Object.keys(properties).length === 0) {
    return schema.additionalProperties === undefined || schema.additionalProperties === false
      ? fc.constant({})
      : fc.dictionary(fc.string({ maxLength: 12 }), anyJson, { maxKeys: 4 });
  }
  if (depth > 4) return fc.constant({});
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, property] of Object.entries(properties)) {
    model[key] = validish(property, context, depth + 1);
  }
  return fc.record(model, { requiredKeys: schema.required ?? [] });
}
