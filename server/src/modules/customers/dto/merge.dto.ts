import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsObject, IsOptional, IsUUID, Min } from 'class-validator';

export class MergeRequest {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 5, description: 'Records merged into the survivor and then deleted' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5) @ArrayUnique() @IsUUID('all', { each: true })
  mergedIds!: string[];

  @ApiPropertyOptional({
    type: 'object', additionalProperties: { type: 'string', format: 'uuid' },
    description: 'Field name -> id of the record whose value is kept (the survivor or a merged one). Fields not named keep the survivor\'s value, or the first merged record\'s when the survivor has none.',
    example: { name: '7d1f0c2e-0000-4000-8000-000000000001' },
  })
  @IsOptional() @IsObject()
  fields?: Record<string, string>;

  @ApiPropertyOptional({ description: 'The survivor\'s version; alternative to If-Match' })
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class MergeCounts {
  @ApiProperty() points!: number;
  @ApiProperty({ description: 'Contact-company links' }) links!: number;
  @ApiProperty() activities!: number;
  @ApiProperty() attachments!: number;
  @ApiProperty({ description: 'Deals linked to the record' }) deals!: number;
  @ApiProperty({ description: 'Tasks, meetings and calls linked to the record' }) tasks!: number;
}

export class MergeResponse {
  @ApiProperty({ format: 'uuid' }) survivorId!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) mergedIds!: string[];
  @ApiProperty({ description: 'The survivor\'s new version' }) version!: number;
  @ApiProperty({ type: MergeCounts, description: 'What moved to the survivor' }) moved!: MergeCounts;
}

export class MergePreviewQuery {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The records to merge into this one (repeat the parameter for several)' })
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value : [value]))
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5) @ArrayUnique() @IsUUID('all', { each: true })
  with!: string[];
}

export class MergePoint {
  @ApiProperty({ enum: ['phone', 'email', 'messenger', 'social', 'web'] }) kind!: string;
  @ApiProperty({ nullable: true, type: String }) channel!: string | null;
  @ApiProperty() value!: string;
  @ApiProperty({ nullable: true, type: String }) label!: string | null;
  @ApiProperty() isPrimary!: boolean;
}

export class MergePreviewRecord {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() ownerName!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Value of each field that can be chosen (absent when the role may not read it)' })
  values!: Record<string, unknown>;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: [MergePoint], description: 'Phones, e-mails and other contact points (absent kinds the role may not read)' }) points!: MergePoint[];
  @ApiProperty({ type: MergeCounts, description: 'What this record has that would move' }) counts!: MergeCounts;
}

export class MergePreview {
  @ApiProperty({ type: [String], description: 'Fields that can be chosen, in display order' }) fields!: string[];
  @ApiProperty({ type: [MergePreviewRecord], description: 'The survivor first, then the others in the order asked' }) records!: MergePreviewRecord[];
}
