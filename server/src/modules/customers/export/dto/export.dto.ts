import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { ListQuery } from '../../../../common/http/list-query';
import { ContactListQuery } from '../../dto/contact.dto';

export type ExportFormat = 'csv' | 'xlsx';

/** The contacts list's filters and sort (no paging), and the file format. */
export class ContactExportQuery extends OmitType(ContactListQuery, ['limit', 'cursor', 'count'] as const) {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional() @IsIn(['csv', 'xlsx'])
  format?: ExportFormat;
}

export class CompanyExportQuery extends OmitType(ListQuery, ['limit', 'cursor', 'count'] as const) {
  @ApiPropertyOptional({ enum: ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'], default: '-updatedAt' })
  @IsOptional() @IsString()
  sort?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only companies of this owner' })
  @IsOptional() @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional() @IsIn(['csv', 'xlsx'])
  format?: ExportFormat;
}
