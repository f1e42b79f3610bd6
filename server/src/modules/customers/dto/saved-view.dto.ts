import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';

export const SAVED_VIEW_ENTITIES = ['contact', 'company', 'deal'] as const;
export type SavedViewEntity = (typeof SAVED_VIEW_ENTITIES)[number];

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** What a list shows: the parameters of its address. */
export class SavedViewQuery {
  @ApiPropertyOptional({ description: 'Search text' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: '-updatedAt' })
  @IsOptional() @IsString() @MaxLength(50)
  sort?: string;

  @ApiPropertyOptional({ type: [String], description: 'Custom field filters as in the list query (<key>:<op>:<value>)' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(500, { each: true })
  cf?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: "The list's other filters by query parameter, e.g. {mine: '1'}" })
  @IsOptional() @IsObject()
  filters?: Record<string, string>;

  @ApiPropertyOptional({ type: [String], description: 'Columns shown, in order' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true })
  columns?: string[];
}

export class SavedViewResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: SAVED_VIEW_ENTITIES }) entity!: SavedViewEntity;
  @ApiProperty() name!: string;
  @ApiProperty({ type: SavedViewQuery }) query!: SavedViewQuery;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty() ownerName!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Shared with this team; null: private' }) teamId!: string | null;
  @ApiProperty({ nullable: true, type: String }) teamName!: string | null;
  @ApiProperty({ description: 'The caller owns the view (and may change it)' }) mine!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class SavedViewList {
  @ApiProperty({ type: [SavedViewResponse] }) items!: SavedViewResponse[];
}

export class SavedViewListQuery {
  @ApiProperty({ enum: SAVED_VIEW_ENTITIES })
  @IsIn(SAVED_VIEW_ENTITIES)
  entity!: SavedViewEntity;
}

export class CreateSavedViewRequest {
  @ApiProperty({ enum: SAVED_VIEW_ENTITIES })
  @IsIn(SAVED_VIEW_ENTITIES)
  entity!: SavedViewEntity;

  @ApiProperty({ example: 'VIP müştərilər', maxLength: 100 })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(100)
  name!: string;

  @ApiProperty({ type: SavedViewQuery })
  @ValidateNested() @Type(() => SavedViewQuery)
  query!: SavedViewQuery;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Share with a team the caller is a member or lead of' })
  @IsOptional() @IsUUID()
  teamId?: string | null;
}

export class UpdateSavedViewRequest extends PartialType(OmitType(CreateSavedViewRequest, ['entity'] as const)) {
  @ApiPropertyOptional({ description: 'Alternative to If-Match' })
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}
