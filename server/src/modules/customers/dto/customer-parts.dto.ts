import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsBoolean, IsIn, IsISO31661Alpha2, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested,
} from 'class-validator';
import { CustomFieldFilterParam } from './custom-field.dto';
import { ListQuery } from '../../../common/http/list-query';
import { POINT_CHANNELS, POINT_KINDS, POINT_LABELS, PointKind } from '../contact-points';

export const SOURCES = ['phone_call', 'website', 'social_media', 'advertising', 'referral', 'other'] as const;
export type Source = (typeof SOURCES)[number];
export const LIFECYCLES = ['lead', 'prospect', 'customer', 'former'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];
export const ADDRESS_KINDS = ['legal', 'actual', 'postal', 'home', 'work', 'other'] as const;
export type AddressKind = (typeof ADDRESS_KINDS)[number];

export const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
export const emptyToNull = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && value.trim() === '' ? null : trim({ value }));
/** A query parameter given repeatedly (`?a=x&a=y`) or as a comma list (`?a=x,y`). */
export const toList = ({ value }: { value: unknown }): unknown =>
  value === undefined ? undefined : ([] as unknown[]).concat(value).flatMap((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [v]));

export class ContactPointDto {
  @ApiProperty({ enum: POINT_KINDS })
  @IsIn(POINT_KINDS)
  kind!: PointKind;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'whatsapp', description: `Messenger or network: ${POINT_CHANNELS.join(', ')} or another name` })
  @IsOptional() @Transform(emptyToNull) @IsString() @MaxLength(32)
  channel?: string | null;

  @ApiProperty({ example: '+994501234567', description: 'Phones are stored in E.164, e-mails in lower case' })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(320)
  value!: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'work', description: `${POINT_LABELS.join(', ')} or another word` })
  @IsOptional() @Transform(emptyToNull) @IsString() @MaxLength(64)
  label?: string | null;

  @ApiPropertyOptional({ description: 'The main point of its kind; the first of a kind when none is marked' })
  @IsOptional() @IsBoolean()
  primary?: boolean;
}

export class ContactPointResponse {
  @ApiProperty({ enum: POINT_KINDS }) kind!: PointKind;
  @ApiProperty({ nullable: true, type: String }) channel!: string | null;
  @ApiProperty() value!: string;
  @ApiProperty({ nullable: true, type: String }) label!: string | null;
  @ApiProperty() primary!: boolean;
}

export class AddressDto {
  @ApiProperty({ enum: ADDRESS_KINDS })
  @IsIn(ADDRESS_KINDS)
  kind!: AddressKind;

  @ApiProperty({ example: 'Nizami küç. 10, mənzil 5' })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(200)
  line1!: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional() @Transform(emptyToNull) @IsString() @MaxLength(200)
  line2?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Bakı' })
  @IsOptional() @Transform(emptyToNull) @IsString() @MaxLength(100)
  city?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional() @Transform(emptyToNull) @IsString() @MaxLength(100)
  region?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'AZ1000' })
  @IsOptional() @Transform(emptyToNull) @IsString() @MaxLength(20)
  postalCode?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'AZ', description: 'ISO 3166-1 alpha-2' })
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() || null : value)) @IsISO31661Alpha2()
  country?: string | null;
}

export class AddressResponse {
  @ApiProperty({ enum: ADDRESS_KINDS }) kind!: AddressKind;
  @ApiProperty() line1!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) line2?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) city?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) region?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) postalCode?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) country?: string | null;
}

/** The request parts every customer record (contact, company) shares. */
export class CustomerFieldsRequest {
  @ApiPropertyOptional({ type: [ContactPointDto], description: 'Replaces the whole list' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ContactPointDto)
  points?: ContactPointDto[];

  @ApiPropertyOptional({ type: [AddressDto], description: 'Replaces the whole list' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => AddressDto)
  addresses?: AddressDto[];

  @ApiPropertyOptional({ type: [String], example: ['vip'], description: 'Replaces the whole list' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @Transform(({ value }) => (Array.isArray(value) ? value.map((t) => (typeof t === 'string' ? t.trim() : t)) : value))
  @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ enum: SOURCES, nullable: true, description: 'Where the customer came from' })
  @IsOptional() @IsIn([...SOURCES, null])
  source?: Source | null;

  @ApiPropertyOptional({ enum: LIFECYCLES })
  @IsOptional() @IsIn(LIFECYCLES)
  lifecycle?: Lifecycle;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 300, example: 'Təklif göndərmək' })
  @IsOptional() @Transform(emptyToNull) @IsString() @MaxLength(300)
  nextStep?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  @IsOptional() @Transform(emptyToNull) @IsISO8601()
  nextStepAt?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'Responsible person; default: the creator. Another user needs the assign permission.' })
  @IsOptional() @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional() @IsObject()
  custom?: Record<string, unknown>;
}

/** Filters every customer list (contacts, companies) accepts; export uses the same. */
export class CustomerListQuery extends ListQuery {
  @ApiPropertyOptional({
    enum: ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'lastContactedAt', '-lastContactedAt'],
    default: '-updatedAt',
  })
  @IsOptional() @IsString()
  sort?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Only records of any of these owners (repeat or comma list)' })
  @IsOptional() @Transform(toList) @IsUUID('all', { each: true }) @ArrayMaxSize(100)
  ownerId?: string[];

  @ApiPropertyOptional({ type: [String], enum: LIFECYCLES, description: 'Any of (repeat or comma list)' })
  @IsOptional() @Transform(toList) @IsIn(LIFECYCLES, { each: true })
  lifecycle?: Lifecycle[];

  @ApiPropertyOptional({ type: [String], enum: SOURCES, description: 'Any of (repeat or comma list)' })
  @IsOptional() @Transform(toList) @IsIn(SOURCES, { each: true })
  source?: Source[];

  @ApiPropertyOptional({ type: [String], description: 'Records having any of these tags (repeat or comma list)' })
  @IsOptional() @Transform(toList) @IsString({ each: true }) @MaxLength(50, { each: true }) @ArrayMaxSize(20)
  tag?: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after' })
  @IsOptional() @IsISO8601()
  createdFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created before; a plain date includes that whole day' })
  @IsOptional() @IsISO8601()
  createdTo?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Changed at or after' })
  @IsOptional() @IsISO8601()
  updatedFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Changed before; a plain date includes that whole day' })
  @IsOptional() @IsISO8601()
  updatedTo?: string;

  @CustomFieldFilterParam()
  cf?: string[];
}

export class AssignRequest {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 500 })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @IsUUID('all', { each: true })
  ids!: string[];

  @ApiProperty({ format: 'uuid', description: 'The new responsible person' })
  @IsUUID()
  ownerId!: string;
}

export class AssignResponse {
  @ApiProperty({ description: 'How many records changed owner' }) assigned!: number;
}
