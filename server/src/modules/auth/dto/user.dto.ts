import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { ListQuery } from '../../../common/http/list-query';
import { Locale, LOCALES } from '../user.entity';

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() login!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: LOCALES }) locale!: Locale;
  @ApiProperty() active!: boolean;
  @ApiProperty() mustChangePassword!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastLoginAt!: string | null;
  @ApiProperty({ type: [String], description: 'Role names' }) roles!: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'Team ids' }) teamIds!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class UserPage {
  @ApiProperty({ type: [UserResponse] }) items!: UserResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiPropertyOptional({ description: 'Present when count=true' }) total?: number;
}

const trimLower = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class CreateUserRequest {
  @ApiProperty({ example: 'aysel.mammadova', description: '2-64 letters, digits or . _ @ -; case-insensitive' })
  @Transform(trimLower) @IsString() @Matches(/^[a-z0-9._@-]{2,64}$/, { message: 'login must be 2-64 letters, digits or . _ @ -' })
  login!: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional() @IsEmail() @MaxLength(254)
  email?: string | null;

  @ApiProperty({ example: 'Aysel Məmmədova' })
  @IsString() @MinLength(1) @MaxLength(200)
  displayName!: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'az' })
  @IsOptional() @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ description: 'Initial password; when absent a one-time password is generated and returned once' })
  @IsOptional() @IsString() @MinLength(10) @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ type: [String], description: 'Role ids' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true })
  roleIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Team ids' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true })
  teamIds?: string[];
}

export class UpdateUserRequest extends PartialType(PickType(CreateUserRequest, ['email', 'displayName', 'locale'] as const)) {
  @ApiPropertyOptional({ description: 'false deactivates the user and ends their sessions' })
  @IsOptional() @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Alternative to If-Match' })
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class UpdateOwnProfileRequest extends PartialType(PickType(CreateUserRequest, ['displayName', 'locale', 'email'] as const)) {}

export class CreatedUserResponse {
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
  @ApiPropertyOptional({ description: 'Generated one-time password, shown only in this response' }) oneTimePassword?: string;
}

export class PasswordResetResponse {
  @ApiProperty({ description: 'One-time password the user must change at next login; shown only here' })
  oneTimePassword!: string;
}

export class SetIdsRequest {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true })
  ids!: string[];
}

export class UserListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: ['login', '-login', 'displayName', '-displayName', 'createdAt', '-createdAt'], default: 'login' })
  @IsOptional() @IsString()
  sort?: string;

  @ApiPropertyOptional({ description: 'Only active (true) or inactive (false) users' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  active?: boolean;
}

