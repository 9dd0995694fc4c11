import 'reflect-metadata';
import { partnerOnlyProperties, SWAGGER_PROPERTY } from './partner-only.decorator';

const SWAGGER_PROPERTIES = 'swagger/apiModelPropertiesArray';
const SCALARS: readonly unknown[] = [String, Number, Boolean, Date, Object, Array];

type ResponseType = abstract new (...args: never[]) => unknown;

/**
 * `body` as a customer-scoped key may see it: every @PartnerOnly property whose rule holds is
 * left out, at any depth. The walk follows the types declared for the API docs, so the policy
 * follows the response schema exactly. Returns new objects; `body` is not changed.
 */
export function customerView(body: unknown, type: unknown): unknown {
  if (Array.isArray(body)) return body.map((item) => customerView(item, type));
  if (!isResponseType(type) || body === null || typeof body !== 'object') return body;
  const source = body as Record<string, unknown>;
  const view: Record<string, unknown> = { ...source };
  for (const [key, rule] of partnerOnlyProperties(type)) {
    if (key in view && rule(source)) delete view[key];
  }
  for (const [key, nested] of nestedTypes(type)) {
    if (key in view) view[key] = customerView(view[key], nested);
  }
  return view;
}

/** The declared class of each property that holds objects (arrays of them included). */
function nestedTypes(type: ResponseType): [string, ResponseType][] {
  const prototype = type.prototype as object;
  const names = (Reflect.getMetadata(SWAGGER_PROPERTIES, prototype) as string[] | undefined) ?? [];
  const nested: [string, ResponseType][] = [];
  for (const name of names) {
    const key = name.replace(/^:/, '');
    const options = Reflect.getMetadata(SWAGGER_PROPERTY, prototype, key) as
      { type?: unknown } | undefined;
    const declared = resolveLazy(options?.type);
    if (isResponseType(declared)) nested.push([key, declared]);
  }
  return nested;
}

/** Swagger accepts `type: () => Class` for forward references. */
function resolveLazy(type: unknown): unknown {
  if (typeof type === 'function' && !('prototype' in type && type.prototype)) {
    return (type as () => unknown)();
  }
  return type;
}

function isResponseType(type: unknown): type is ResponseType {
  return typeof type === 'function' && !SCALARS.includes(type) && 'prototype' in type;
}
