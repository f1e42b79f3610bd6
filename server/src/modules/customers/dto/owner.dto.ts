import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { toList } from './customer-parts.dto';

/** Which users to offer: a name to search for, or the ids of users already chosen (to show their names). */
export class OwnerQuery {
  @ApiPropertyOptional({ description: 'Part of the name or login (Azerbaijani and Turkish letters folded)' })
  @IsOptional() @IsString() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Only these users (repeat or comma list)' })
  @IsOptional() @Transform(toList) @IsUUID('all', { each: true }) @ArrayMaxSize(100)
  id?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

export class OwnerResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Aysel Məmmədova' }) displayName!: string;
  @ApiProperty({ description: 'Inactive users still own records, but nothing can be given to them' }) active!: boolean;
}

export class OwnerList {
  @ApiProperty({ type: [OwnerResponse], description: 'By name' }) items!: OwnerResponse[];
}
