import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import {
  AddressResponse, ContactPointResponse, CustomerFieldsRequest, CustomerListQuery, emptyToNull, LIFECYCLES, Lifecycle, Source, SOURCES, trim,
} from './customer-parts.dto';

export const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1000+'] as const;
export type CompanySize = (typeof COMPANY_SIZES)[number];

/** Tax numbers are written with spaces or dashes now and then; only the digits are stored. */
const digitsOnly = ({ value }: { value: unknown }): unknown => {
  const v = emptyToNull({ value });
  return typeof v === 'string' ? v.replace(/[\s-]/g, '') : v;
};

export class CompanyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Xəzər Logistika MMC' }) name!: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'MMC' }) legalForm?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '1401234561', description: 'VÖEN / VKN' }) taxId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) industry?: string | null;
  @ApiPropertyOptional({ nullable: true, enum: COMPANY_SIZES }) size?: CompanySize | null;
  @ApiPropertyOptional({ nullable: true, type: String }) website?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Primary e-mail' }) email?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Primary phone (E.164)' }) phone?: string | null;
  @ApiPropertyOptional({ type: [ContactPointResponse] }) points?: ContactPointResponse[];
  @ApiPropertyOptional({ type: [AddressResponse] }) addresses?: AddressResponse[];
  @ApiPropertyOptional({ type: [String] }) tags?: string[];
  @ApiPropertyOptional({ enum: SOURCES, nullable: true }) source?: Source | null;
  @ApiPropertyOptional({ enum: LIFECYCLES }) lifecycle?: Lifecycle;
  @ApiPropertyOptional({ nullable: true, type: String }) nextStep?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) nextStepAt?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'Set by logged activities' }) lastContactedAt?: string | null;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty() ownerName!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) custom?: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) createdBy!: string | null;
  @ApiProperty() version!: number;
}

export class CompanyPage {
  @ApiProperty({ type: [CompanyResponse] }) items!: CompanyResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiPropertyOptional({ description: 'Present when count=true' }) total?: number;
}

export class CreateCompanyRequest extends CustomerFieldsRequest {
  @ApiProperty({ example: 'Xəzər Logistika MMC', maxLength: 300 })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(300)
  name!: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 32, example: 'MMC' })
  @IsOptional() @Transform(emptyToNull) @IsString() @MaxLength(32)
  legalForm?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '1401234561', description: 'Tax number (VÖEN in Azerbaijan, VKN in Türkiye): 8-15 digits; spaces and dashes are dropped' })
  @IsOptional() @Transform(digitsOnly) @IsString() @Matches(/^\d{8,15}$/, { message: 'taxId must be 8 to 15 digits (VÖEN and VKN have 10)' })
  taxId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 100 })
  @IsOptional() @Transform(emptyToNull) @IsString() @MaxLength(100)
  industry?: string | null;

  @ApiPropertyOptional({ nullable: true, enum: COMPANY_SIZES })
  @IsOptional() @IsIn([...COMPANY_SIZES, null])
  size?: CompanySize | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 300, example: 'https://xezer.example.az' })
  @IsOptional() @Transform(emptyToNull) @IsString() @MaxLength(300)
  @Matches(/^(https?:\/\/)?[^\s/.]+(\.[^\s/.]+)+(\/\S*)?$/i, { message: 'website must be a web address' })
  website?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Shorthand for the primary e-mail point' })
  @IsOptional() @Transform(emptyToNull) @IsString() @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Shorthand for the primary phone point' })
  @IsOptional() @Transform(emptyToNull) @IsString() @MaxLength(32)
  phone?: string | null;
}

export class UpdateCompanyRequest extends PartialType(CreateCompanyRequest) {
  @ApiPropertyOptional({ description: 'Alternative to If-Match' })
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class CompanyListQuery extends CustomerListQuery {}
