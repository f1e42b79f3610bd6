import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export class AuditEventQuery {
  @ApiPropertyOptional({ description: 'Table of the changed record, e.g. contacts' })
  @IsOptional() @IsString() @MaxLength(63)
  tableName?: string;

  @ApiPropertyOptional({ description: 'Id of the changed record' })
  @IsOptional() @IsString() @MaxLength(200)
  recordId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'User who acted' })
  @IsOptional() @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ description: 'insert, update, delete, or an application event such as auth.login.failure' })
  @IsOptional() @IsString() @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional() @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional() @IsISO8601()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(100)
  cursor?: string;
}

export class AuditExportQuery extends AuditEventQuery {
  @ApiPropertyOptional({ enum: ['csv', 'ndjson'], default: 'ndjson' })
  @IsOptional() @IsIn(['csv', 'ndjson'])
  format?: 'csv' | 'ndjson';
}

/** Any JSON value: a column's value before or after a change. */
const ANY_JSON = {
  nullable: true,
  oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'object', additionalProperties: true }, { type: 'array', items: {} }],
};

export class FieldChangeResponse {
  @ApiProperty({ ...ANY_JSON, description: 'Value before the change (any JSON)' })
  old!: unknown;

  @ApiProperty({ ...ANY_JSON, description: 'Value after the change (any JSON)' })
  new!: unknown;
}

export class AuditEventResponse {
  @ApiProperty({ description: 'Sequential id (string: it may exceed 2^53)' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null for changes made by the system' })
  actorId!: string | null;

  @ApiProperty({ description: 'Login of the actor, or "system"' })
  actorLogin!: string;

  @ApiProperty({ nullable: true, type: String })
  ip!: string | null;

  @ApiProperty({ nullable: true, type: String })
  requestId!: string | null;

  @ApiProperty({ enum: ['data', 'app'] })
  kind!: 'data' | 'app';

  @ApiProperty()
  action!: string;

  @ApiProperty({ nullable: true, type: String })
  tableName!: string | null;

  @ApiProperty({ nullable: true, type: String })
  recordId!: string | null;

  @ApiProperty({ nullable: true, type: 'object', additionalProperties: { $ref: getSchemaPath(FieldChangeResponse) } })
  changes!: Record<string, FieldChangeResponse> | null;

  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true })
  details!: Record<string, unknown> | null;

  @ApiProperty({ description: 'Whether the event is already part of the hash chain' })
  sealed!: boolean;
}

export class AuditEventPage {
  @ApiProperty({ type: [AuditEventResponse] })
  items!: AuditEventResponse[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}

export class VerifyResponse {
  @ApiProperty()
  ok!: boolean;

  @ApiProperty({ description: 'Number of sealed events checked' })
  checked!: number;

  @ApiProperty({ nullable: true, type: String, description: 'Id of the first event that fails verification' })
  firstBrokenId!: string | null;
}
