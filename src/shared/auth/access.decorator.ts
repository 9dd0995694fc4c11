import { SetMetadata } from '@nestjs/common';
import { Scope } from './scope';

export const ACCESS_METADATA = 'auth:access';
export const PUBLIC_METADATA = 'auth:public';

/**
 * The scopes allowed on a route (any one suffices; `admin` always passes). A route without
 * `@Access` or `@Public` is admin-only: secure by default.
 */
export const Access = (...scopes: Scope[]) => SetMetadata(ACCESS_METADATA, scopes);

/** No key needed: health, metrics, docs. */
export const Public = () => SetMetadata(PUBLIC_METADATA, true);
