import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { ListQuery } from '../../../common/http/list-query';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsUUID } from 'class-validator';

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

export class NotificationListQuery extends PickType(ListQuery, ['limit', 'cursor'] as const) {
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
