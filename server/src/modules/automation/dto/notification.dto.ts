import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export const NOTIFICATION_KINDS = ['task_reminder'] as const;

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'task_reminder', description: `One of ${NOTIFICATION_KINDS.join(', ')} (more may come)` }) kind!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'task_reminder: {title, dueAt, kind}' }) data!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) taskId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) readAt!: string | null;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationResponse] }) items!: NotificationResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiProperty({ description: 'Number of unread notifications of the caller' }) unread!: number;
}

export class NotificationListQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value)) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ description: 'true: only unread ones' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  unread?: boolean;
}

export class MarkReadRequest {
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true })
  ids?: string[];

  @ApiPropertyOptional({ description: 'true marks every notification of the caller as read' })
  @IsOptional() @IsBoolean()
  all?: boolean;
}

export class MarkReadResponse {
  @ApiProperty({ description: 'How many notifications were marked read' }) marked!: number;
  @ApiProperty() unread!: number;
}
