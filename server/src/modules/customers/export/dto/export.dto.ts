import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CompanyListQuery } from '../../dto/company.dto';
import { ContactListQuery } from '../../dto/contact.dto';

export type ExportFormat = 'csv' | 'xlsx';

/** The contacts list's filters and sort (no paging), and the file format. */
export class ContactExportQuery extends OmitType(ContactListQuery, ['limit', 'cursor', 'count'] as const) {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional() @IsIn(['csv', 'xlsx'])
  format?: ExportFormat;
}

export class CompanyExportQuery extends OmitType(CompanyListQuery, ['limit', 'cursor', 'count'] as const) {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional() @IsIn(['csv', 'xlsx'])
  format?: ExportFormat;
}
