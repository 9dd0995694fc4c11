import type { INestApplication, Type } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import { ACCESS_METADATA, PUBLIC_METADATA } from '../shared/auth/access.decorator';
import type { Scope } from '../shared/auth/scope';

/** What the contract needs to know of a route beyond what swagger's decorators say. */
export interface RouteFacts {
  /** Read as the AuthGuard reads it: no API key needed. */
  readonly isPublic: boolean;
  /** The scopes `@Access` lets in (admin always passes); empty: admin only. */
  readonly scopes: readonly Scope[];
  /** The handler's parameter classes: the global ValidationPipe checks each DTO among them. */
  readonly parameterTypes: readonly unknown[];
}

/** Every operation of the document, path by path. */
export function operationsOf(document: OpenAPIObject): OperationObject[] {
  return Object.values(document.paths).flatMap((item) =>
    (['get', 'put', 'post', 'delete', 'patch'] as const).flatMap((method) => item[method] ?? []),
  );
}

/** The operationId of a handler; the generator and the lookups below share it. */
export function operationIdOf(controllerKey: string, methodKey: string): string {
  return `${controllerKey.replace(/Controller$/, '')}_${methodKey}`;
}

/** The facts of every controller method, by operationId. */
export function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const facts = new Map<string, RouteFacts>();
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as Type | null;
    if (!controller) continue;
    const prototype = controller.prototype as Record<string, unknown>;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[method] as () => unknown;
      const types = Reflect.getMetadata('design:paramtypes', prototype, method) as unknown[];
      facts.set(operationIdOf(controller.name, method), {
        isPublic:
          reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, [handler, controller]) === true,
        scopes: reflector.getAllAndOverride<Scope[]>(ACCESS_METADATA, [handler, controller]) ?? [],
        parameterTypes: types ?? [],
      });
    }
  }
  return facts;
}
