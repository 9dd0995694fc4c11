import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { ERROR_CODE_NAMES, type ErrorCode } from './error-codes';

export class FieldErrorSchema {
  @ApiProperty({ example: 'currency' }) field: string;
  @ApiProperty({ example: 'is_currency_code' }) code: string;
  @ApiProperty({ example: 'currency must be an ISO-4217 currency code such as USD' })
  message: string;
}

/** The error body of every endpoint (application/problem+json). */
export class ProblemSchema {
  @ApiProperty({ example: '/problems/validation_failed' }) type: string;
  @ApiProperty({ example: 'Validation failed' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: 'The request has invalid fields; see errors' }) detail: string;
  @ApiProperty({
    enum: ERROR_CODE_NAMES,
    enumName: 'ErrorCode',
    example: 'validation_failed',
    description: 'Stable machine-readable code; new codes may be added',
  })
  code: ErrorCode;
  @ApiPropertyOptional({ type: [FieldErrorSchema] }) errors?: FieldErrorSchema[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (see code and errors)',
  401: 'Missing, unknown or revoked API key',
  403: 'The key lacks the scope this route needs',
  404: 'No such resource (or not visible to this key)',
  409: 'Conflicts with the current state',
  413: 'Request body too large',
};

/** Documents the problem responses a route can give. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemSchema' } },
        },
      }),
    ),
  );
}
