import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { stringify } from 'yaml';
import { FieldErrorSchema, ProblemSchema } from '../shared/errors/api-problems.decorator';
import { closeValidatedRequestBodies } from './closed-request-bodies';
import { addDecimalPatterns } from './decimal-patterns';
import { operationIdOf, operationsOf, RouteFacts, routeFacts } from './route-facts';

/** The API contract, generated from the controllers' and DTOs' decorators. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Clean Rooms cost allocation and billing')
    .setDescription(
      'Attributes Databricks Clean Rooms DBU usage to customers, rooms and runs, rates it with each ' +
        'customer’s plan and invoices it. Money, DBU and prices are decimal strings. Errors are ' +
        'application/problem+json with a stable `code`.',
    )
    .setVersion('1')
    // Relative: wherever the service runs (http://localhost:3000 for `npm start`).
    .addServer('/', 'The host serving this contract (Swagger UI at /docs)')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque',
      description: 'An API key (`crb_…`, opaque: not a JWT), sent as `Authorization: Bearer <key>`',
    })
    // The AuthGuard's default: a route needs a key unless it is @Public.
    .addSecurityRequirements('bearer')
    .build();
  // package.json says UNLICENSED: not open source. DocumentBuilder's setLicense demands a URL.
  config.info.license = { name: 'Proprietary' };
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemSchema, FieldErrorSchema],
    operationIdFactory: operationIdOf,
  });
  const facts = routeFacts(app);
  markAccess(document, facts);
  closeValidatedRequestBodies(document, facts);
  addDecimalPatterns(document);
  return document;
}

/** What a customer-scoped key gets from a route it is let into, the same words everywhere. */
const CUSTOMER_KEYS =
  'A customer key sees only its own customer: another customer’s ids answer 404, lists hold only ' +
  'its rows, a room only for the time its customer owned it, and fields marked “Partner keys only” ' +
  'are left out.';

/**
 * Who may call each route, read from the `@Access`/`@Public` the guard enforces: `security: []`
 * on public routes (it lifts the document's bearer requirement; swagger's decorators cannot say
 * it), and on the others `x-scopes` and a sentence on keys, customer keys included.
 */
function markAccess(document: OpenAPIObject, facts: ReadonlyMap<string, RouteFacts>): void {
  for (const operation of operationsOf(document)) {
    const fact = facts.get(operation.operationId ?? '');
    if (!fact) throw new Error(`openapi: no handler found for ${operation.operationId}`);
    if (fact.isPublic) {
      operation.security = [];
      continue;
    }
    const scopes: string[] = ['admin', ...fact.scopes.filter((scope) => scope !== 'admin')];
    Object.assign(operation, { 'x-scopes': scopes });
    const keys = `Keys: ${scopes.join(', ')}.`;
    const customers = fact.scopes.includes('customer') ? CUSTOMER_KEYS : 'A customer key gets 403.';
    operation.description = [operation.description, `${keys} ${customers}`]
      .filter(Boolean)
      .join('\n\n');
  }
}

export function openApiYaml(document: OpenAPIObject): string {
  return stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 });
}
