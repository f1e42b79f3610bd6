import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { CUSTOM_FIELD_ENTITIES, CUSTOM_FIELD_TYPES, CustomFieldEntity, CustomFieldType } from '../custom-fields.values';

export class CustomFieldLabels {
  @ApiPropertyOptional({ example: 'Müştəri tipi', maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) az?: string;
  @ApiPropertyOptional({ example: 'Müşteri tipi', maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) tr?: string;
  @ApiPropertyOptional({ example: 'Customer type', maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) en?: string;
  @ApiPropertyOptional({ example: 'Тип клиента', maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) ru?: string;
}

export class CustomFieldOptionDto {
  @ApiProperty({ example: 'vip', description: 'Stored in records; letters, digits, _ and -', maxLength: 64 })
  @IsString() @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'value must be 1-64 letters, digits, _ or -' })
  value!: string;

  @ApiProperty({ type: CustomFieldLabels })
  @ValidateNested() @Type(() => CustomFieldLabels)
  labels!: CustomFieldLabels;
}

export class CustomFieldResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CUSTOM_FIELD_ENTITIES }) entity!: CustomFieldEntity;
  @ApiProperty({ example: 'customer_type' }) key!: string;
  @ApiProperty({ enum: CUSTOM_FIELD_TYPES }) type!: CustomFieldType;
  @ApiProperty() required!: boolean;
  @ApiProperty({ type: CustomFieldLabels }) labels!: CustomFieldLabels;
  @ApiProperty({ type: [CustomFieldOptionDto] }) options!: CustomFieldOptionDto[];
  @ApiProperty() position!: number;
  @ApiProperty({ description: 'Inactive fields keep their values in records but are not offered in forms' }) active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class CustomFieldList {
  @ApiProperty({ type: [CustomFieldResponse] }) items!: CustomFieldResponse[];
}

export class CustomFieldListQuery {
  @ApiProperty({ enum: CUSTOM_FIELD_ENTITIES })
  @IsIn(CUSTOM_FIELD_ENTITIES)
  entity!: CustomFieldEntity;
}

export class CreateCustomFieldRequest {
  @ApiProperty({ enum: CUSTOM_FIELD_ENTITIES })
  @IsIn(CUSTOM_FIELD_ENTITIES)
  entity!: CustomFieldEntity;

  @ApiProperty({ example: 'customer_type', description: 'Name in records and filters; cannot change later', maxLength: 64 })
  @IsString() @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'key must start with a letter and contain only a-z, 0-9 and _ (at most 64)' })
  key!: string;

  @ApiProperty({ enum: CUSTOM_FIELD_TYPES })
  @IsIn(CUSTOM_FIELD_TYPES)
  type!: CustomFieldType;

  @ApiPropertyOptional({ default: false })
  @IsOptional() @IsBoolean()
  required?: boolean;

  @ApiProperty({ type: CustomFieldLabels, description: 'At least one language; all four recommended' })
  @ValidateNested() @Type(() => CustomFieldLabels)
  labels!: CustomFieldLabels;

  @ApiPropertyOptional({ type: [CustomFieldOptionDto], description: 'Choices of select and multiselect fields' })
  @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => CustomFieldOptionDto)
  options?: CustomFieldOptionDto[];

  @ApiPropertyOptional({ description: 'Order in forms; default: after the last' })
  @IsOptional() @IsInt() @Min(0) @Max(100_000)
  position?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

/** Entity, key and type stay as created: records hold values under the key, typed by the type. */
export class UpdateCustomFieldRequest extends PartialType(OmitType(CreateCustomFieldRequest, ['entity', 'key', 'type'] as const)) {
  @ApiPropertyOptional({ description: 'Alternative to If-Match' })
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

/** Repeated `cf` query parameters: one filter on a custom field each. */
export function CustomFieldFilterParam(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: [String],
      description:
        'Filter on a custom field, repeatable: <key>:<op>:<value> with op eq, in (values separated by commas), gte, lte, contains or empty (true/false). ' +
        'Example: cf=customer_type:eq:vip&cf=budget:gte:1000',
    }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value)),
    IsArray(),
    ArrayMaxSize(20),
    IsString({ each: true }),
    MaxLength(500, { each: true }),
  );
}
