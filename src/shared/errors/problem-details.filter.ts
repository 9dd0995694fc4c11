import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { INTERNAL_ERROR, toProblem } from './problem';

/** The one global exception filter: every error leaves as application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = toProblem(exception);
    if (problem === undefined || problem.status >= 500) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    const body = problem ?? INTERNAL_ERROR;
    if (response.headersSent) return;
    if (body.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }
}
