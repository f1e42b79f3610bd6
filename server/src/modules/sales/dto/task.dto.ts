import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUrl, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { ListQuery } from '../../../common/http/list-query';
import { emptyToNull, toList, trim } from '../../customers/dto/customer-parts.dto';

export const TASK_KINDS = ['task', 'meeting', 'call'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const TASK_PRIORITIES = ['low', 'normal', 'high'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_SORTS = ['dueAt', '-dueAt', '-updatedAt', 'priority'] as const;

export class TaskParticipantRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'A user taking part; give either userId or contactId' })
  @IsOptional() @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A contact taking part; give either userId or contactId' })
  @IsOptional() @IsUUID()
  contactId?: string;
}

export class TaskParticipantResponse {
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) userId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) contactId!: string | null;
  @ApiProperty({ description: 'Display name of the user or name of the contact (empty when the caller may not read the contact)' }) name!: string;
}

export class TaskResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: TASK_KINDS }) kind!: TaskKind;
  @ApiProperty({ example: 'Təklifi göndər' }) title!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: "A task's deadline or a meeting's or call's start" }) dueAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) endsAt!: string | null;
  @ApiProperty() allDay!: boolean;
  @ApiProperty({ nullable: true, type: String }) location!: string | null;
  @ApiProperty({ nullable: true, type: String }) meetingUrl!: string | null;
  @ApiProperty({ enum: TASK_PRIORITIES }) priority!: TaskPriority;
  @ApiProperty({ enum: TASK_STATUSES }) status!: TaskStatus;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) remindAt!: string | null;
  @ApiProperty({ description: 'Open and due before now' }) overdue!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) contactId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Null when the caller may not read the contact' }) contactName!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) companyId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Null when the caller may not read the company' }) companyName!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) dealId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Null when the caller may not read the deal' }) dealTitle!: string | null;
  @ApiProperty({ format: 'uuid', description: 'The assignee' }) ownerId!: string;
  @ApiProperty() ownerName!: string;
  @ApiProperty({ type: [TaskParticipantResponse] }) participants!: TaskParticipantResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class TaskPage {
  @ApiProperty({ type: [TaskResponse] }) items!: TaskResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiPropertyOptional({ description: 'Present when count=true' }) total?: number;
}

export class CreateTaskRequest {
  @ApiPropertyOptional({ enum: TASK_KINDS, default: 'task' })
  @IsOptional() @IsIn(TASK_KINDS)
  kind?: TaskKind;

  @ApiProperty({ maxLength: 300, example: 'Təklifi göndər' })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(300)
  title!: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 10000 })
  @IsOptional() @Transform(emptyToNull) @IsString() @MaxLength(10000)
  description?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: "A task's deadline or a meeting's or call's start (required for meetings and calls)" })
  @IsOptional() @IsISO8601({ strict: true })
  dueAt?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'End of a meeting or call; not before dueAt' })
  @IsOptional() @IsISO8601({ strict: true })
  endsAt?: string | null;

  @ApiPropertyOptional({ description: 'The whole day of dueAt (in the server time zone) rather than a time' })
  @IsOptional() @IsBoolean()
  allDay?: boolean;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 300 })
  @IsOptional() @Transform(emptyToNull) @IsString() @MaxLength(300)
  location?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 500, example: 'https://meet.example.az/abc' })
  @IsOptional() @Transform(emptyToNull) @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'meetingUrl must be an http(s) URL' }) @MaxLength(500)
  meetingUrl?: string | null;

  @ApiPropertyOptional({ enum: TASK_PRIORITIES, default: 'normal' })
  @IsOptional() @IsIn(TASK_PRIORITIES)
  priority?: TaskPriority;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'When to remind the assignee; or give remindBeforeMinutes' })
  @IsOptional() @IsISO8601({ strict: true })
  remindAt?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 40320, description: 'Remind this many minutes before dueAt (instead of remindAt)' })
  @IsOptional() @IsInt() @Min(0) @Max(40320)
  remindBeforeMinutes?: number;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' })
  @IsOptional() @IsUUID()
  contactId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' })
  @IsOptional() @IsUUID()
  companyId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' })
  @IsOptional() @IsUUID()
  dealId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'The assignee; default the caller (someone else needs the assign permission)' })
  @IsOptional() @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ type: [TaskParticipantRequest], description: 'Users and contacts taking part; replaces the whole list' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => TaskParticipantRequest)
  participants?: TaskParticipantRequest[];
}

export class UpdateTaskRequest extends PartialType(CreateTaskRequest) {
  @ApiPropertyOptional({ enum: TASK_STATUSES, description: 'done completes the task (sets completedAt), open reopens it' })
  @IsOptional() @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ description: 'Alternative to If-Match' })
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class TaskListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: TASK_SORTS, default: 'dueAt' })
  @IsOptional() @IsIn(TASK_SORTS)
  sort?: string;

  @ApiPropertyOptional({ enum: TASK_KINDS, isArray: true })
  @IsOptional() @Transform(toList) @IsIn(TASK_KINDS, { each: true })
  kind?: TaskKind[];

  @ApiPropertyOptional({ enum: TASK_STATUSES, isArray: true })
  @IsOptional() @Transform(toList) @IsIn(TASK_STATUSES, { each: true })
  status?: TaskStatus[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional() @Transform(toList) @IsUUID('all', { each: true })
  ownerId?: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'dueAt at or after' })
  @IsOptional() @IsISO8601()
  dueFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'dueAt before' })
  @IsOptional() @IsISO8601()
  dueTo?: string;

  @ApiPropertyOptional({ description: 'true: only open tasks due before now' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  contactId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  companyId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  dealId?: string;
}

export class StaleDealResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: Number }) amount!: number | null;
  @ApiProperty({ example: 'AZN' }) currency!: string;
  @ApiProperty({ format: 'uuid' }) pipelineId!: string;
  @ApiProperty({ format: 'uuid' }) stageId!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastContactedAt!: string | null;
  @ApiProperty({ description: 'Whole days since the last contact (or since the deal entered its stage)' }) silentDays!: number;
  @ApiProperty({ nullable: true, type: String }) contactName!: string | null;
  @ApiProperty({ nullable: true, type: String }) companyName!: string | null;
}

export class MyDayResponse {
  @ApiProperty({ type: [TaskResponse], description: 'Open tasks due today or undated, by dueAt (at most 50)' }) tasks!: TaskResponse[];
  @ApiProperty({ type: [TaskResponse], description: "Today's meetings and calls" }) meetings!: TaskResponse[];
  @ApiProperty({ type: [TaskResponse], description: 'Open items due before today, the oldest first (at most 50)' }) overdue!: TaskResponse[];
  @ApiProperty({ description: 'How many open items are due before today in all' }) overdueCount!: number;
  @ApiProperty({ type: [StaleDealResponse], description: 'Open deals of mine with no activity for their pipeline’s staleAfterDays, the quietest first (at most 50)' }) staleDeals!: StaleDealResponse[];
  @ApiProperty({ example: '2026-11-23', description: 'Today in the server time zone' }) date!: string;
  @ApiProperty({ example: 'Asia/Baku' }) timeZone!: string;
}

export class CalendarQuery {
  @ApiProperty({ format: 'date-time', description: 'Start (inclusive) of the range' })
  @IsISO8601()
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'End (exclusive) of the range, at most 62 days after from' })
  @IsISO8601()
  to!: string;

  @ApiPropertyOptional({ enum: ['me', 'team'], default: 'me', description: 'team: the members of the teams I lead' })
  @IsOptional() @IsIn(['me', 'team'])
  scope?: 'me' | 'team';

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this user’s items (within the scope)' })
  @IsOptional() @IsUUID()
  ownerId?: string;
}

export class CalendarResponse {
  @ApiProperty({ type: [TaskResponse] }) items!: TaskResponse[];
}

export class CalendarFeedStatus {
  @ApiProperty() active!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) createdAt!: string | null;
}

export class CalendarFeedCreated {
  @ApiProperty({ description: 'The private feed URL; shown only now', example: 'https://crm.example.az/api/v1/calendar/feed/abc.ics' }) url!: string;
}
