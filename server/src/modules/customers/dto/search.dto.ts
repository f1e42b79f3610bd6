import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class GlobalSearchQuery {
  @ApiProperty({ description: 'Name, phone, e-mail, tax number… (letters folded: "Memmedov" finds "Məmmədov")' })
  @IsString() @MinLength(1) @MaxLength(200)
  q!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 8, description: 'At most this many of each type' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(20)
  limit?: number;
}

export const SEARCH_TYPES = ['contact', 'company', 'deal'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export class SearchHit {
  @ApiProperty({ enum: SEARCH_TYPES }) type!: SearchType;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Company, phone or e-mail that helps tell records apart' }) subtitle!: string | null;
}

export class SearchResponse {
  @ApiProperty({ type: [SearchHit] }) items!: SearchHit[];
}
