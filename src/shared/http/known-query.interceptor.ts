import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { validationFailed } from '../errors/domain-error';

/** Where @nestjs/swagger keeps a route's @ApiQuery parameters. */
const SWAGGER_PARAMETERS = 'swagger/apiParameters';

interface RouteArgument {
  readonly index: number;
  readonly data?: unknown;
}

/**
 * The query parameters a route reads: the names of its `@Query('name')` arguments and of its
 * `@ApiQuery` parameters; null when it takes its whole query as a DTO, whose unknown keys the
 * ValidationPipe already refuses (forbidNonWhitelisted).
 */
function declaredQuery(controller: object, handler: (...args: unknown[]) => unknown) {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller.constructor, handler.name) ??
    {}) as Record<string, RouteArgument>;
  const names = new Set<string>();
  for (const [key, argument] of Object.entries(args)) {
    if (Number(key.split(':')[0]) !== Number(RouteParamtypes.QUERY)) continue;
    if (typeof argument.data !== 'string') return null;
    names.add(argument.data);
  }
  const documented = (Reflect.getMetadata(SWAGGER_PARAMETERS, handler) ?? []) as {
    in?: string;
    name?: string;
  }[];
  for (const parameter of documented) {
    if (parameter.in === 'query' && parameter.name) names.add(parameter.name);
  }
  return names;
}

/**
 * Unknown query parameters are a 400 (`unknown_field`), as unknown body fields are: a client that
 * asks `?period=2025-09` of a route that has no period must not get the current period back as if
 * it had been understood.
 */
@Injectable()
export class KnownQueryInterceptor implements NestInterceptor {
  private readonly declared = new WeakMap<object, Set<string> | null>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const handler = context.getHandler() as (...args: unknown[]) => unknown;
    if (!this.declared.has(handler)) {
      const controller = context.getClass().prototype as object;
      this.declared.set(handler, declaredQuery(controller, handler));
    }
    const allowed = this.declared.get(handler);
    if (allowed) {
      const query = context.switchToHttp().getRequest<Request>().query ?? {};
      const unknown = Object.keys(query).filter((name) => !allowed.has(name));
      if (unknown.length > 0) {
        throw validationFailed(
          unknown.map((name) => ({
            field: name,
            code: 'unknown_field',
            message: `query parameter ${name} is not one this route takes`,
          })),
        );
      }
    }
    return next.handle();
  }
}
