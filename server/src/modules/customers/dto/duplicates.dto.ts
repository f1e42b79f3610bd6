import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export const DUPLICATE_REASONS = ['email', 'phone', 'taxId', 'name'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** What a contact form has typed so far; every part is optional (asked while the user types). */
export class ContactDuplicatesRequest {
  @ApiPropertyOptional({ example: 'Məmmədov Elçin', maxLength: 300 })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(300)
  name?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20, example: ['elchin@example.az'] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(320, { each: true })
  emails?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: 20, example: ['050 123 45 67'], description: 'In any format; normalised to E.164 (default region AZ)' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(64, { each: true })
  phones?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'The record being edited, never its own duplicate' })
  @IsOptional() @IsUUID()
  excludeId?: string;
}

export class CompanyDuplicatesRequest extends ContactDuplicatesRequest {
  @ApiPropertyOptional({ example: '1234567891', maxLength: 32, description: 'Tax id (VÖEN / VKN)' })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(32)
  taxId?: string;
}

export class DuplicateCandidate {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Memmedov Elcin' }) name!: string;
  @ApiProperty({ description: 'Display name of the owner (responsible person)' }) ownerName!: string;
  @ApiProperty({ enum: DUPLICATE_REASONS, isArray: true, description: 'Why it looks like the same customer' }) reasons!: DuplicateReason[];
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Trigram similarity of the folded names (1 for the same name)' }) similarity!: number;
}
