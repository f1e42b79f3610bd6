import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength } from 'class-validator';
import { ListQuery } from '../../../common/http/list-query';

export class TeamResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) leadId!: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) memberIds!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class TeamPage {
  @ApiProperty({ type: [TeamResponse] }) items!: TeamResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiPropertyOptional() total?: number;
}

export class CreateTeamRequest {
  @ApiProperty({ example: 'Satış — Bakı' })
  @IsString() @MinLength(1) @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' })
  @IsOptional() @IsUUID()
  leadId?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true })
  memberIds?: string[];
}

export class UpdateTeamRequest extends PartialType(CreateTeamRequest) {
  @ApiPropertyOptional({ description: 'Alternative to If-Match' })
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class TeamListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: ['name', '-name', 'createdAt', '-createdAt'], default: 'name' })
  @IsOptional() @IsString()
  sort?: string;
}
