import 'reflect-metadata';
import { PartnerOnlyRule, partnerOnlyProperties, SWAGGER_PROPERTY } from './partner-only.decorator';

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
  for (const [key, rule] of partnerOnlyOf(type)) {
    if (key in view && rule(source)) delete view[key];
  }
  for (const [key, nested] of nestedTypes(type)) {
    if (key in view) view[key] = customerView(view[key], nested);
  }
  return view;
}

const NESTED = new WeakMap<ResponseType, [string, ResponseType][]>();
const PARTNER_ONLY = new WeakMap<ResponseType, ReadonlyMap<string, PartnerOnlyRule>>();

function partnerOnlyOf(type: ResponseType): ReadonlyMap<string, PartnerOnlyRule> {
  let rules = PARTNER_ONLY.get(type);
  if (!rules) PARTNER_ONLY.set(type, (rules = partnerOnlyProperties(type)));
  return rules;
}

/** The declared class of each property that holds objects (arrays of them included). */
function nestedTypes(type: ResponseType): [string, ResponseType][] {
  let nested = NESTED.get(type);
  if (!nested) NESTED.set(type, (nested = declaredNestedTypes(type)));
  return nested;
}

/** Read once per type: decorators are done when the class is defined. */
function declaredNestedTypes(type: ResponseType): [string, ResponseType][] {
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
