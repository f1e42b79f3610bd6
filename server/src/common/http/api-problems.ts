import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'email' })
  field!: string;

  @ApiProperty({ example: 'email must be an email' })
  message!: string;
}

export class ProblemDto {
  @ApiProperty({ example: 'urn:crm:problem:validation' })
  type!: string;

  @ApiProperty({ example: 'The request is not valid' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty()
  detail!: string;

  @ApiPropertyOptional()
  instance?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors` names each field',
  401: 'Not signed in, or the token expired',
  403: 'The role does not allow this, or the password must be changed first',
  404: 'No such record, or not visible to the caller',
  409: 'Conflicts with existing data',
  410: 'No longer kept (removed after the configured retention)',
  412: 'The record changed since the given version',
  422: 'The Idempotency-Key was used for a different request',
  413: 'The upload is larger than allowed',
  428: 'If-Match (or version) is required',
  429: 'Too many attempts; see Retry-After',
  503: 'Not ready',
};

/** Documents the problem+json answers of a route. */
export function ApiProblems(...statuses: number[]): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Problem',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
