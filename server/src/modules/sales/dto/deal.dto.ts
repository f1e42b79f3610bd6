import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { ListQuery } from '../../../common/http/list-query';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsISO4217CurrencyCode, IsInt, IsNumber, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { emptyToNull, Source, SOURCES, toList, trim } from '../../customers/dto/customer-parts.dto';
import { CustomFieldFilterParam } from '../../customers/dto/custom-field.dto';

export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];
export const DEAL_SORTS = ['updatedAt', 'title', 'amount', 'expectedCloseDate'] as const;
export const SUMMARY_GROUPS = ['pipeline', 'stage', 'owner', 'team', 'month'] as const;
export type SummaryGroup = (typeof SUMMARY_GROUPS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const toUpper = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export class DealTotal {
  @ApiProperty({ example: 'AZN' }) currency!: string;
  @ApiProperty({ example: 15300.5, description: 'Sum of the amounts' }) amount!: number;
  @ApiProperty({ example: 7650.25, description: 'Sum of amount × stage probability' }) weightedAmount!: number;
}

export class DealListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Xəzər Logistika: 20 lisenziya' }) title!: string;
  @ApiProperty({ nullable: true, type: Number, example: 12500.5 }) amount!: number | null;
  @ApiProperty({ example: 'AZN', description: 'ISO 4217' }) currency!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) expectedCloseDate!: string | null;
  @ApiProperty({ format: 'uuid' }) pipelineId!: string;
  @ApiProperty({ format: 'uuid' }) stageId!: string;
  @ApiProperty({ format: 'date-time' }) stageEnteredAt!: string;
  @ApiProperty({ description: "The stage's win probability (0..100)" }) probability!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'amount × probability / 100' }) weightedAmount!: number | null;
  @ApiProperty({ enum: DEAL_STATUSES, description: "The kind of the deal's stage" }) status!: DealStatus;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) contactId!: string | null;
  @ApiProperty({ nullable: true, type: String }) contactName!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) companyId!: string | null;
  @ApiProperty({ nullable: true, type: String }) companyName!: string | null;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty() ownerName!: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Set by activities logged on the deal' }) lastContactedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class LineItemResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 3 }) quantity!: number;
  @ApiProperty({ example: 19.99 }) unitPrice!: number;
  @ApiProperty({ example: 10 }) discountPercent!: number;
  @ApiProperty({ example: 53.97, description: 'quantity × unitPrice × (100 − discountPercent) / 100, rounded to cents' }) total!: number;
}

export class DealResponse extends DealListItem {
  @ApiProperty({ enum: SOURCES, nullable: true }) source!: Source | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) lostReasonId!: string | null;
  @ApiProperty({ nullable: true, type: String }) lostNote!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the deal was won or lost' }) closedAt!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) custom!: Record<string, unknown>;
  @ApiProperty({ type: [LineItemResponse] }) lineItems!: LineItemResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) createdBy!: string | null;
}

export class DealPage {
  @ApiProperty({ type: [DealListItem] }) items!: DealListItem[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiPropertyOptional({ description: 'Present when count=true' }) total?: number;
}

export class LineItemRequest {
  @ApiProperty({ maxLength: 300 })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(300)
  name!: string;

  @ApiProperty({ example: 3, description: 'Up to 3 decimals' })
  @IsNumber({ maxDecimalPlaces: 3 }) @Min(0.001) @Max(99999999999)
  quantity!: number;

  @ApiProperty({ example: 19.99, description: 'Up to 2 decimals' })
  @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(99999999999999)
  unitPrice!: number;

  @ApiPropertyOptional({ example: 10, default: 0, description: 'Percent, up to 2 decimals' })
  @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100)
  discountPercent?: number;
}

export class CreateDealRequest {
  @ApiProperty({ maxLength: 300 })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(300)
  title!: string;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'At most 2 decimals; refused together with lineItems (their sum is the amount)' })
  @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(99999999999999)
  amount?: number | null;

  @ApiPropertyOptional({ example: 'AZN', description: 'ISO 4217; default: the install\'s CRM_DEFAULT_CURRENCY' })
  @IsOptional() @Transform(toUpper) @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code' })
  currency?: string;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date' })
  @IsOptional() @Transform(emptyToNull) @IsString() @Matches(DATE, { message: 'expectedCloseDate must be YYYY-MM-DD' })
  expectedCloseDate?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'Default: the first pipeline' })
  @IsOptional() @IsUUID()
  pipelineId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Default: the pipeline's first open stage" })
  @IsOptional() @IsUUID()
  stageId?: string;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' })
  @IsOptional() @IsUUID()
  contactId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' })
  @IsOptional() @IsUUID()
  companyId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'Responsible person; default: the creator. Another user needs the assign permission.' })
  @IsOptional() @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ enum: SOURCES, nullable: true })
  @IsOptional() @IsIn([...SOURCES, null])
  source?: Source | null;

  @ApiPropertyOptional({ type: [String], description: 'Replaces the whole list' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @Transform(({ value }) => (Array.isArray(value) ? value.map((t) => (typeof t === 'string' ? t.trim() : t)) : value))
  @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional() @IsObject()
  custom?: Record<string, unknown>;

  @ApiPropertyOptional({ type: [LineItemRequest], description: 'Replaces the whole list; the amount becomes their sum (an empty list leaves the amount as it is)' })
  @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => LineItemRequest)
  lineItems?: LineItemRequest[];
}

export class UpdateDealRequest extends PartialType(CreateDealRequest) {
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Required when moving to a lost stage' })
  @IsOptional() @IsUUID()
  lostReasonId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 1000 })
  @IsOptional() @Transform(emptyToNull) @IsString() @MaxLength(1000)
  lostNote?: string | null;

  @ApiPropertyOptional({ description: 'Alternative to If-Match' })
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

/** The filters shared by the deal list, the board and the summary. */
export class DealFilterQuery {
  @ApiPropertyOptional({ description: 'Text in the title, contact or company name' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  pipelineId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  stageId?: string;

  @ApiPropertyOptional({ type: [String], enum: DEAL_STATUSES, description: 'Any of (repeat or comma list)' })
  @IsOptional() @Transform(toList) @IsIn(DEAL_STATUSES, { each: true })
  status?: DealStatus[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Only deals of any of these owners (repeat or comma list)' })
  @IsOptional() @Transform(toList) @IsUUID('all', { each: true }) @ArrayMaxSize(100)
  ownerId?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Only deals owned by members of this team' })
  @IsOptional() @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Expected close on or after' })
  @IsOptional() @IsString() @Matches(DATE, { message: 'closeFrom must be YYYY-MM-DD' })
  closeFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Expected close on or before' })
  @IsOptional() @IsString() @Matches(DATE, { message: 'closeTo must be YYYY-MM-DD' })
  closeTo?: string;

  @ApiPropertyOptional({ type: [String], description: 'Deals having any of these tags (repeat or comma list)' })
  @IsOptional() @Transform(toList) @IsString({ each: true }) @MaxLength(50, { each: true }) @ArrayMaxSize(20)
  tag?: string[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  contactId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  companyId?: string;

  @CustomFieldFilterParam()
  cf?: string[];
}

export class DealListQuery extends IntersectionType(DealFilterQuery, PickType(ListQuery, ['limit', 'cursor', 'count'] as const)) {
  @ApiPropertyOptional({ enum: DEAL_SORTS.flatMap((s) => [s, `-${s}`]), default: '-updatedAt' })
  @IsOptional() @IsString()
  sort?: string;
}

export class DealBoardQuery extends DealFilterQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, description: 'Deals per column' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}

export class BoardColumn {
  @ApiProperty({ format: 'uuid' }) stageId!: string;
  @ApiProperty({ description: 'Deals of the stage that match the filters' }) count!: number;
  @ApiProperty({ type: [DealTotal], description: 'Per currency' }) totals!: DealTotal[];
  @ApiProperty({ type: [DealListItem], description: 'Newest change first' }) items!: DealListItem[];
  @ApiProperty({ nullable: true, type: String, description: 'Cursor for GET /deals?stageId=…&cursor=…' }) nextCursor!: string | null;
}

export class DealBoard {
  @ApiProperty({ format: 'uuid' }) pipelineId!: string;
  @ApiProperty({ type: [BoardColumn], description: 'One per stage, in order' }) columns!: BoardColumn[];
}

export class DealSummaryQuery extends DealFilterQuery {
  @ApiProperty({ enum: SUMMARY_GROUPS })
  @IsIn(SUMMARY_GROUPS)
  groupBy!: SummaryGroup;
}

export class SummaryRow {
  @ApiProperty({ nullable: true, type: String, description: 'Id of the pipeline, stage, owner or team, or YYYY-MM; null: none' }) key!: string | null;
  @ApiProperty({ nullable: true, type: String }) label!: string | null;
  @ApiProperty() count!: number;
  @ApiProperty({ type: [DealTotal] }) totals!: DealTotal[];
}

export class DealSummary {
  @ApiProperty({ enum: SUMMARY_GROUPS }) groupBy!: SummaryGroup;
  @ApiProperty({ type: [SummaryRow], description: 'Over open deals' }) rows!: SummaryRow[];
}

export class StageHistoryEntry {
  @ApiProperty({ format: 'uuid' }) stageId!: string;
  @ApiProperty({ format: 'uuid' }) pipelineId!: string;
  @ApiProperty({ format: 'date-time' }) enteredAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) enteredBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) enteredByName!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) leftAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) leftBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) leftByName!: string | null;
  @ApiProperty({ description: 'Time in the stage until it was left, or until now' }) seconds!: number;
}

export class StageHistory {
  @ApiProperty({ type: [StageHistoryEntry], description: 'Oldest first' }) items!: StageHistoryEntry[];
}

/** The deals list's filters and sort (no paging), and the file format. */
export class DealExportQuery extends OmitType(DealListQuery, ['limit', 'cursor', 'count'] as const) {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional() @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}
