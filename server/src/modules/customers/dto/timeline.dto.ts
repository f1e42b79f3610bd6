import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { FieldChangeResponse } from '../../audit/dto/audit.dto';
import { ACTIVITY_KINDS, ActivityResponse } from './activity.dto';
import { USER_NAMES_PROPERTY } from './history.dto';

export const TIMELINE_TYPES = [...ACTIVITY_KINDS, 'change'] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];

const commaList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter((part) => part !== '') : value;

export class TimelineQuery {
  @ApiPropertyOptional({ type: String, description: `Comma-separated: ${TIMELINE_TYPES.join(', ')}; default: all`, example: 'call,email,change' })
  @IsOptional() @Transform(commaList) @IsArray() @ArrayNotEmpty() @IsIn(TIMELINE_TYPES, { each: true, message: `each must be one of ${TIMELINE_TYPES.join(', ')}` })
  types?: TimelineType[];

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(300)
  cursor?: string;
}

export class TimelineChange {
  @ApiProperty({ description: 'Table of the changed row: the record itself, contact_points, contact_companies or attachments', example: 'contacts' })
  table!: string;

  @ApiProperty({ enum: ['insert', 'update', 'delete'] })
  action!: string;

  @ApiProperty({ nullable: true, type: 'object', additionalProperties: { $ref: getSchemaPath(FieldChangeResponse) } })
  changes!: Record<string, FieldChangeResponse> | null;
}

export class TimelineItem {
  @ApiProperty({ enum: ['activity', 'change'] })
  type!: 'activity' | 'change';

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ description: 'Activity id, or audit event id for a change' })
  id!: string;

  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Author of the activity or who made the change; null for the system' })
  actorId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  actorName!: string | null;

  @ApiPropertyOptional({ type: ActivityResponse })
  activity?: ActivityResponse;

  @ApiPropertyOptional({ type: TimelineChange })
  change?: TimelineChange;
}

export class TimelinePage {
  @ApiProperty({ type: [TimelineItem] })
  items!: TimelineItem[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;

  @ApiProperty(USER_NAMES_PROPERTY)
  userNames!: Record<string, string>;
}
