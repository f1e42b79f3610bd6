import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsUUID, ValidateNested } from 'class-validator';

export class ImportRowErrorResponse {
  @ApiProperty({ description: 'Row number as in the file (the header is row 1; a vCard file counts cards)' }) row!: number;
  @ApiProperty({ example: 'phone' }) field!: string;
  @ApiProperty({ example: '"12" is not a valid phone number' }) message!: string;
}

export class ImportTargetResponse {
  @ApiProperty({ example: 'phone', description: 'name, email, phone, … or custom.<key>' }) target!: string;
  @ApiProperty({ description: 'Several columns may map to it' }) multi!: boolean;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Labels of a custom field by language' })
  labels?: Record<string, string>;
}

export class ImportUploadResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['contact', 'company'] }) entity!: 'contact' | 'company';
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: ['csv', 'xlsx', 'vcard'] }) fileType!: 'csv' | 'xlsx' | 'vcard';
  @ApiProperty({ type: [String] }) headers!: string[];
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } }, description: 'The first 20 rows, cells in header order' })
  sampleRows!: string[][];
  @ApiProperty() totalRows!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Header -> target guessed from the header names' })
  suggestedMapping!: Record<string, string>;
  @ApiProperty({ type: [ImportTargetResponse] }) targets!: ImportTargetResponse[];
}

export class ImportResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['contact', 'company'] }) entity!: 'contact' | 'company';
  @ApiProperty({ enum: ['uploaded', 'running', 'done', 'failed'] }) status!: 'uploaded' | 'running' | 'done' | 'failed';
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: ['csv', 'xlsx', 'vcard'] }) fileType!: 'csv' | 'xlsx' | 'vcard';
  @ApiProperty({ type: [String] }) headers!: string[];
  @ApiProperty() totalRows!: number;
  @ApiProperty() processedRows!: number;
  @ApiProperty() createdCount!: number;
  @ApiProperty() updatedCount!: number;
  @ApiProperty() skippedCount!: number;
  @ApiProperty({ description: 'Rows not applied because of the errors' }) failedCount!: number;
  @ApiProperty({ type: [ImportRowErrorResponse] }) errors!: ImportRowErrorResponse[];
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the uploaded file was removed (CRM_IMPORT_FILE_DAYS); the failed rows can no longer be downloaded' })
  fileRemovedAt!: string | null;
}

export class ImportOptionsRequest {
  @ApiPropertyOptional({ enum: ['skip', 'update', 'create'], default: 'skip', description: 'What a row matching an existing record (or an earlier row) does' })
  @IsOptional() @IsIn(['skip', 'update', 'create'])
  duplicates?: 'skip' | 'update' | 'create';

  @ApiPropertyOptional({ format: 'uuid', description: 'Owner of rows without an owner column; default: the importer' })
  @IsOptional() @IsUUID()
  ownerId?: string;
}

export class ImportMappingRequest {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { Ad: 'name', Telefon: 'phone' }, description: 'Header -> target; unmapped columns are ignored' })
  @IsObject()
  mapping!: Record<string, string>;

  @ApiPropertyOptional({ type: ImportOptionsRequest })
  @IsOptional() @ValidateNested() @Type(() => ImportOptionsRequest)
  options?: ImportOptionsRequest;
}

export class ImportPreviewRow {
  @ApiProperty() row!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Target -> the cell value(s)' }) values!: Record<string, string>;
  @ApiProperty({ type: [ImportRowErrorResponse] }) errors!: ImportRowErrorResponse[];
  @ApiPropertyOptional({ enum: ['create', 'update', 'skip', 'error'], description: 'What a run would do with a valid row' })
  action?: 'create' | 'update' | 'skip' | 'error';
}

export class ImportPreviewResponse {
  @ApiProperty() totalRows!: number;
  @ApiProperty({ description: 'Rows that pass validation' }) valid!: number;
  @ApiProperty({ description: 'Rows that fail validation' }) invalid!: number;
  @ApiProperty({ description: 'Valid rows that match an existing record or an earlier row' }) duplicates!: number;
  @ApiProperty({ description: 'What the run would do: created, updated, skipped and refused rows' }) willCreate!: number;
  @ApiProperty() willUpdate!: number;
  @ApiProperty() willSkip!: number;
  @ApiProperty({ type: [ImportPreviewRow], description: 'The first rows' }) rows!: ImportPreviewRow[];
  @ApiProperty({ type: [ImportRowErrorResponse], description: 'The first 100 problems of the whole file' }) errors!: ImportRowErrorResponse[];
}
