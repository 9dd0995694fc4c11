import 'reflect-metadata';

/** Swagger's own metadata key for a property's options (@nestjs/swagger 12). */
export const SWAGGER_PROPERTY = 'swagger/apiModelProperties';
const PARTNER_ONLY_KEYS = 'visibility:partnerOnlyKeys';
const PARTNER_ONLY_RULE = 'visibility:partnerOnlyRule';

/** When a property is partner-only: always, or only for some values of the object holding it. */
export type PartnerOnlyRule = (holder: Readonly<Record<string, unknown>>) => boolean;

export interface PartnerOnlyOptions {
  /** Partner-only only when this holds for the object holding the property. */
  readonly when?: PartnerOnlyRule;
  /** The condition in words, for the API docs. */
  readonly whenText?: string;
}

const ALWAYS: PartnerOnlyRule = () => true;

/**
 * Marks a response property as the partner's business (partner cost, margin, anything that
 * reveals the partner's discount): answers to customer-scoped keys leave it out, absent rather
 * than null. The one global CustomerViewInterceptor applies it to every route, so a new route
 * returning this type cannot forget it. Put it above @ApiProperty: it adds the rule to the docs.
 */
export function PartnerOnly(options: PartnerOnlyOptions = {}): PropertyDecorator {
  return (target, propertyKey) => {
    const key = String(propertyKey);
    const swagger = Reflect.getMetadata(SWAGGER_PROPERTY, target, propertyKey) as
      { description?: string } | undefined;
    if (!swagger) {
      throw new Error(
        `@PartnerOnly on ${target.constructor.name}.${key} must sit above its @ApiProperty`,
      );
    }
    const rule = options.whenText ? `when ${options.whenText}` : 'always';
    const note = `Partner keys only: absent for customer keys (${rule}).`;
    Reflect.defineMetadata(
      SWAGGER_PROPERTY,
      { ...swagger, description: swagger.description ? `${swagger.description}. ${note}` : note },
      target,
      propertyKey,
    );
    const keys = (Reflect.getMetadata(PARTNER_ONLY_KEYS, target) as string[] | undefined) ?? [];
    Reflect.defineMetadata(PARTNER_ONLY_KEYS, [...keys, key], target);
    Reflect.defineMetadata(PARTNER_ONLY_RULE, options.when ?? ALWAYS, target, propertyKey);
  };
}

/** The partner-only properties of a response class (its parents' included) and their rules. */
export function partnerOnlyProperties(type: object): ReadonlyMap<string, PartnerOnlyRule> {
  const prototype = (type as { prototype?: object }).prototype;
  if (!prototype) return new Map();
  const keys = (Reflect.getMetadata(PARTNER_ONLY_KEYS, prototype) as string[] | undefined) ?? [];
  return new Map(
    keys.map((key) => [
      key,
      Reflect.getMetadata(PARTNER_ONLY_RULE, prototype, key) as PartnerOnlyRule,
    ]),
  );
}
