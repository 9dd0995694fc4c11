import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { map, Observable } from 'rxjs';
import { confinedCustomer } from '../auth/auth-principal';
import type { AuthenticatedRequest } from '../auth/current-principal.decorator';
import { customerView } from './customer-view';

const SWAGGER_RESPONSES = 'swagger/apiResponse';

/**
 * The field policy of every route in one place: an answer to a customer-scoped key passes
 * through `customerView` with the type the route declares for its success response. A route
 * that answers a customer key with an object but declares no type fails closed (500, logged)
 * instead of answering unfiltered. Row scoping is not done here: it is in the queries.
 */
@Injectable()
export class CustomerViewInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal || confinedCustomer(principal) === null) return next.handle();
    const handler = context.getHandler();
    const type = declaredSuccessType(handler);
    return next.handle().pipe(
      map((body: unknown) => {
        if (body === null || typeof body !== 'object') return body;
        if (type === undefined) {
          // A plain Error: logged, and answered as a bare 500 without this text.
          throw new Error(
            `${context.getClass().name}.${handler.name} answers a customer key without a declared response type`,
          );
        }
        return customerView(body, type);
      }),
    );
  }
}

function declaredSuccessType(handler: object): unknown {
  const responses = Reflect.getMetadata(SWAGGER_RESPONSES, handler) as
    Record<string, { type?: unknown }> | undefined;
  if (!responses) return undefined;
  const success = Object.keys(responses).find((status) => /^2\d\d$/.test(status));
  return success === undefined ? undefined : responses[success].type;
}
