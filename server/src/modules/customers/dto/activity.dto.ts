import { ApiProperty, ApiPropertyOptional, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ListQuery } from '../../../common/http/list-query';

export const ACTIVITY_KINDS = ['call', 'email', 'meeting', 'note'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const CALL_OUTCOMES = ['connected', 'no_answer', 'busy', 'voicemail', 'wrong_number', 'left_message'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

const trimToNull = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : value);

export class ActivityResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ACTIVITY_KINDS, enumName: 'ActivityKind' }) kind!: ActivityKind;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ nullable: true, type: String }) subject!: string | null;
  @ApiProperty({ nullable: true, type: String }) body!: string | null;
  @ApiProperty({ nullable: true, enum: DIRECTIONS, enumName: 'ActivityDirection' }) direction!: Direction | null;
  @ApiProperty({ nullable: true, type: Number }) durationSeconds!: number | null;
  @ApiProperty({ nullable: true, enum: CALL_OUTCOMES, enumName: 'CallOutcome' }) outcome!: CallOutcome | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) contactId!: string | null;
  @ApiProperty({ nullable: true, type: String }) contactName!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) companyId!: string | null;
  @ApiProperty({ nullable: true, type: String }) companyName!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) dealId!: string | null;
  @ApiProperty({ nullable: true, type: String }) dealTitle!: string | null;
  @ApiProperty({ format: 'uuid', description: 'Author (responsible person)' }) ownerId!: string;
  @ApiProperty() ownerName!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) createdBy!: string | null;
  @ApiProperty() version!: number;
}

export class ActivityPage {
  @ApiProperty({ type: [ActivityResponse] }) items!: ActivityResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiPropertyOptional({ description: 'Present when count=true' }) total?: number;
}

export class CreateActivityRequest {
  @ApiProperty({ enum: ACTIVITY_KINDS, enumName: 'ActivityKind' })
  @IsIn(ACTIVITY_KINDS)
  kind!: ActivityKind;

  @ApiPropertyOptional({ format: 'date-time', description: 'When it happened; default: now' })
  @IsOptional() @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 300, description: 'Required for e-mails and meetings' })
  @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(300)
  subject?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 100000, description: 'Required for notes' })
  @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(100_000)
  body?: string | null;

  @ApiPropertyOptional({ nullable: true, enum: DIRECTIONS, enumName: 'ActivityDirection', description: 'Calls and e-mails only (required there)' })
  @IsOptional() @IsIn(DIRECTIONS)
  direction?: Direction | null;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 0, maximum: 86400, description: 'Calls and meetings only' })
  @IsOptional() @IsInt() @Min(0) @Max(86_400)
  durationSeconds?: number | null;

  @ApiPropertyOptional({ nullable: true, enum: CALL_OUTCOMES, enumName: 'CallOutcome', description: 'Calls only' })
  @IsOptional() @IsIn(CALL_OUTCOMES)
  outcome?: CallOutcome | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'The contact; at least one of contactId, companyId and dealId' })
  @IsOptional() @IsUUID()
  contactId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'The company; at least one of contactId, companyId and dealId' })
  @IsOptional() @IsUUID()
  companyId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: "The deal (sets the deal's last contact); at least one of contactId, companyId and dealId" })
  @IsOptional() @IsUUID()
  dealId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'Author; default: the caller. Another user needs the assign permission.' })
  @IsOptional() @IsUUID()
  ownerId?: string;
}

export class UpdateActivityRequest extends PartialType(OmitType(CreateActivityRequest, ['kind'] as const)) {
  @ApiPropertyOptional({ description: 'Alternative to If-Match' })
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class ActivityListQuery extends PickType(ListQuery, ['limit', 'cursor', 'count'] as const) {
  @ApiPropertyOptional({ enum: ['occurredAt', '-occurredAt'], default: '-occurredAt' })
  @IsOptional() @IsIn(['occurredAt', '-occurredAt'])
  sort?: 'occurredAt' | '-occurredAt';

  @ApiPropertyOptional({ format: 'uuid', description: 'Activities of this contact (all of them when the contact is visible)' })
  @IsOptional() @IsUUID()
  contactId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Activities of this company (all of them when the company is visible)' })
  @IsOptional() @IsUUID()
  companyId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Activities of this deal (all of them when the deal is visible)' })
  @IsOptional() @IsUUID()
  dealId?: string;

  @ApiPropertyOptional({ enum: ACTIVITY_KINDS, enumName: 'ActivityKind' })
  @IsOptional() @IsIn(ACTIVITY_KINDS)
  kind?: ActivityKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Author' })
  @IsOptional() @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Occurred at or after' })
  @IsOptional() @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Occurred before' })
  @IsOptional() @IsISO8601({ strict: true })
  to?: string;
}

