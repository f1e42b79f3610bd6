import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { ListQuery } from '../../../common/http/list-query';
import { CustomFieldFilterParam } from './custom-field.dto';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const emptyToNull = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && value.trim() === '' ? null : trim({ value }));

export class ContactResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Məmmədov Elçin' }) name!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Absent when the role may not read it' }) email?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Absent when the role may not read it' }) phone?: string | null;
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

export class CreateContactRequest {
  @ApiProperty({ example: 'Məmmədov Elçin', maxLength: 300 })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(300)
  name!: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'elchin@example.az' })
  @IsOptional() @Transform(emptyToNull) @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '+994501234567' })
  @IsOptional() @Transform(emptyToNull) @IsString() @Matches(/^\+?[0-9 ()\-.]{5,32}$/, { message: 'phone must contain digits, spaces, ( ) - . and an optional leading +' })
  phone?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'Responsible person; default: the creator. Another user needs the assign permission.' })
  @IsOptional() @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Custom field values by key; on a change, keys sent replace, null clears, others stay' })
  @IsOptional() @IsObject()
  custom?: Record<string, unknown>;
}

export class UpdateContactRequest extends PartialType(CreateContactRequest) {
  @ApiPropertyOptional({ description: 'Alternative to If-Match' })
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class ContactListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'], default: '-updatedAt' })
  @IsOptional() @IsString()
  sort?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only contacts of this owner' })
  @IsOptional() @IsUUID()
  ownerId?: string;

  @CustomFieldFilterParam()
  cf?: string[];
}
