import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { trim } from '../../customers/dto/customer-parts.dto';

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** A name in each language; a client shows `labels[lang] ?? name`. */
export class SalesLabels {
  @ApiPropertyOptional({ example: 'Təklif göndərildi', maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) az?: string;
  @ApiPropertyOptional({ example: 'Teklif gönderildi', maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) tr?: string;
  @ApiPropertyOptional({ example: 'Proposal sent', maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) en?: string;
  @ApiPropertyOptional({ example: 'Предложение отправлено', maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) ru?: string;
}

export class StageResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Proposal sent' }) name!: string;
  @ApiProperty({ type: SalesLabels }) labels!: SalesLabels;
  @ApiProperty() position!: number;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Win probability in percent' }) probability!: number;
  @ApiProperty({ enum: STAGE_KINDS }) kind!: StageKind;
}

export class PipelineResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Sales' }) name!: string;
  @ApiProperty({ type: SalesLabels }) labels!: SalesLabels;
  @ApiProperty() position!: number;
  @ApiProperty({ description: 'A deal with no activity for this many days counts as stale (My day)' }) staleAfterDays!: number;
  @ApiProperty() archived!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [StageResponse], description: 'In order' }) stages!: StageResponse[];
}

export class PipelineList {
  @ApiProperty({ type: [PipelineResponse], description: 'By position, archived ones last' }) items!: PipelineResponse[];
}

export class PipelineListQuery {
  @ApiPropertyOptional({ description: 'false hides archived pipelines' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  archived?: boolean;
}

export class StageRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing stage of this pipeline to keep (update); new stages have none' })
  @IsOptional() @IsUUID()
  id?: string;

  @ApiProperty({ maxLength: 100 })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ type: SalesLabels })
  @IsOptional() @ValidateNested() @Type(() => SalesLabels)
  labels?: SalesLabels;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsInt() @Min(0) @Max(100)
  probability!: number;

  @ApiProperty({ enum: STAGE_KINDS })
  @IsIn(STAGE_KINDS)
  kind!: StageKind;
}

export class CreatePipelineRequest {
  @ApiProperty({ maxLength: 100, example: 'Renewals' })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ type: SalesLabels })
  @IsOptional() @ValidateNested() @Type(() => SalesLabels)
  labels?: SalesLabels;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 14 })
  @IsOptional() @IsInt() @Min(1) @Max(365)
  staleAfterDays?: number;

  @ApiPropertyOptional({ description: 'Order among the pipelines; default: last' })
  @IsOptional() @IsInt() @Min(0) @Max(10000)
  position?: number;

  @ApiProperty({ type: [StageRequest], description: 'In order; at least one open, one won and one lost stage' })
  @IsArray() @ArrayMinSize(3) @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => StageRequest)
  stages!: StageRequest[];
}

export class UpdatePipelineRequest extends PartialType(CreatePipelineRequest) {
  @ApiPropertyOptional({ description: 'Archived pipelines take no new deals' })
  @IsOptional() @IsBoolean()
  archived?: boolean;

  @ApiPropertyOptional({ description: 'Alternative to If-Match' })
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class LostReasonResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Price too high' }) name!: string;
  @ApiProperty({ type: SalesLabels }) labels!: SalesLabels;
  @ApiProperty() position!: number;
  @ApiProperty({ description: 'Archived reasons stay on the deals that have them; new lost deals cannot choose them' }) archived!: boolean;
  @ApiProperty() version!: number;
}

export class LostReasonList {
  @ApiProperty({ type: [LostReasonResponse], description: 'By position, archived ones last' }) items!: LostReasonResponse[];
}

export class CreateLostReasonRequest {
  @ApiProperty({ maxLength: 100 })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ type: SalesLabels })
  @IsOptional() @ValidateNested() @Type(() => SalesLabels)
  labels?: SalesLabels;

  @ApiPropertyOptional({ description: 'Order in the list; default: last' })
  @IsOptional() @IsInt() @Min(0) @Max(10000)
  position?: number;
}

export class UpdateLostReasonRequest extends PartialType(CreateLostReasonRequest) {
  @ApiPropertyOptional()
  @IsOptional() @IsBoolean()
  archived?: boolean;

  @ApiPropertyOptional({ description: 'Alternative to If-Match' })
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class DeleteResult {
  @ApiProperty({ enum: ['deleted', 'archived'], description: 'A reason some deal has is archived instead of deleted' })
  result!: 'deleted' | 'archived';
}
