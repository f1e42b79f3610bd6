import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { ACTIONS, Action, SCOPES, Scope, Subject, SUBJECTS } from '../../permissions/subjects';

export class RoleRuleDto {
  @ApiProperty({ enum: [...SUBJECTS, 'all'] })
  @IsIn([...SUBJECTS, 'all'])
  subject!: Subject | 'all';

  @ApiProperty({ enum: ACTIONS })
  @IsIn(ACTIONS)
  action!: Action;

  @ApiProperty({ enum: SCOPES, description: 'own: owner is me; team: owner is in one of my teams; all' })
  @IsIn(SCOPES)
  scope!: Scope;

  @ApiPropertyOptional({ type: [String], description: 'Only these fields (camelCase); absent: every field' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @Matches(/^[a-zA-Z][a-zA-Z0-9.]*$/, { each: true })
  fields?: string[];
}

export class RoleResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'sales_rep' }) name!: string;
  @ApiProperty() label!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'Shipped with the CRM; cannot be changed or deleted' }) builtIn!: boolean;
  @ApiProperty({ type: [RoleRuleDto] }) rules!: RoleRuleDto[];
  @ApiProperty({ description: 'Number of users holding the role' }) userCount!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class RoleList {
  @ApiProperty({ type: [RoleResponse] }) items!: RoleResponse[];
}

export class CreateRoleRequest {
  @ApiProperty({ example: 'regional_manager', description: 'Lowercase key: letters, digits, _' })
  @IsString() @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'name must be 2-64 lowercase letters, digits or _, starting with a letter' })
  name!: string;

  @ApiProperty({ example: 'Regional manager' })
  @IsString() @MinLength(1) @MaxLength(200)
  label!: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(2000)
  description?: string;

  @ApiProperty({ type: [RoleRuleDto] })
  @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => RoleRuleDto)
  rules!: RoleRuleDto[];
}

export class UpdateRoleRequest extends PartialType(CreateRoleRequest) {
  @ApiPropertyOptional({ description: 'Alternative to If-Match' })
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}
