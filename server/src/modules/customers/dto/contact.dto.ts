import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import {
  AddressResponse, ContactPointResponse, CustomerFieldsRequest, CustomerListQuery, emptyToNull, LIFECYCLES, Lifecycle, Source, SOURCES, trim,
} from './customer-parts.dto';

export class ConsentRequest {
  @ApiProperty({ description: 'Whether the person agreed; the server stamps the time when this changes' })
  @IsBoolean()
  granted!: boolean;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 100, example: 'web form', description: 'How the consent was given or withdrawn' })
  @IsOptional() @Transform(emptyToNull) @IsString() @MaxLength(100)
  source?: string | null;
}

export class ConsentResponse {
  @ApiProperty() granted!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When granted last changed' }) at!: string | null;
  @ApiProperty({ nullable: true, type: String }) source!: string | null;
}

export class ContactCompanyLinkRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  companyId!: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 200, example: 'Satış meneceri' })
  @IsOptional() @Transform(emptyToNull) @IsString() @MaxLength(200)
  jobTitle?: string | null;

  @ApiPropertyOptional({ description: 'The main company of the contact; the first link when none is marked' })
  @IsOptional() @IsBoolean()
  primary?: boolean;
}

export class ContactCompanyLinkResponse {
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null when the caller may not read the company' }) companyName!: string | null;
  @ApiProperty({ nullable: true, type: String }) jobTitle!: string | null;
  @ApiProperty() primary!: boolean;
}

export class ContactResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Məmmədov Elçin' }) name!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Primary e-mail; absent when the role may not read it' }) email?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Primary phone (E.164); absent when the role may not read it' }) phone?: string | null;
  @ApiPropertyOptional({ type: [ContactPointResponse] }) points?: ContactPointResponse[];
  @ApiPropertyOptional({ type: [AddressResponse] }) addresses?: AddressResponse[];
  @ApiPropertyOptional({ type: [String] }) tags?: string[];
  @ApiPropertyOptional({ enum: SOURCES, nullable: true }) source?: Source | null;
  @ApiPropertyOptional({ enum: LIFECYCLES }) lifecycle?: Lifecycle;
  @ApiPropertyOptional({ type: ConsentResponse }) emailConsent?: ConsentResponse;
  @ApiPropertyOptional({ type: ConsentResponse }) smsConsent?: ConsentResponse;
  @ApiPropertyOptional({ nullable: true, type: String }) nextStep?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) nextStepAt?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'Set by logged activities' }) lastContactedAt?: string | null;
  @ApiPropertyOptional({ type: [ContactCompanyLinkResponse] }) companies?: ContactCompanyLinkResponse[];
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty({ description: 'Display name of the owner (responsible person)' }) ownerName!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) custom?: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) createdBy!: string | null;
  @ApiProperty() version!: number;
}

export class ContactPage {
  @ApiProperty({ type: [ContactResponse] }) items!: ContactResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiPropertyOptional({ description: 'Present when count=true' }) total?: number;
}

export class CreateContactRequest extends CustomerFieldsRequest {
  @ApiProperty({ example: 'Məmmədov Elçin', maxLength: 300 })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(300)
  name!: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'elchin@example.az', description: 'Shorthand for the primary e-mail point' })
  @IsOptional() @Transform(emptyToNull) @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '+994501234567', description: 'Shorthand for the primary phone point' })
  @IsOptional() @Transform(emptyToNull) @IsString() @Matches(/^\+?[0-9 ()\-.]{5,32}$/, { message: 'phone must contain digits, spaces, ( ) - . and an optional leading +' })
  phone?: string | null;

  @ApiPropertyOptional({ type: ConsentRequest })
  @IsOptional() @ValidateNested() @Type(() => ConsentRequest)
  emailConsent?: ConsentRequest;

  @ApiPropertyOptional({ type: ConsentRequest })
  @IsOptional() @ValidateNested() @Type(() => ConsentRequest)
  smsConsent?: ConsentRequest;

  @ApiPropertyOptional({ type: [ContactCompanyLinkRequest], description: 'Companies the contact works for; replaces the whole list' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ContactCompanyLinkRequest)
  companies?: ContactCompanyLinkRequest[];
}

export class UpdateContactRequest extends PartialType(CreateContactRequest) {
  @ApiPropertyOptional({ description: 'Alternative to If-Match' })
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class ContactListQuery extends CustomerListQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only contacts linked to this company' })
  @IsOptional() @IsUUID()
  companyId?: string;
}

export class CompanyContactResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) email?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) phone?: string | null;
  @ApiProperty({ nullable: true, type: String }) jobTitle!: string | null;
  @ApiProperty({ description: 'Whether this company is the contact’s main one' }) primary!: boolean;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty() ownerName!: string;
}

export class CompanyContactPage {
  @ApiProperty({ type: [CompanyContactResponse] }) items!: CompanyContactResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
