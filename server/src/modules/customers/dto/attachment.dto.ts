import { ApiBodyOptions, ApiProperty, PickType } from '@nestjs/swagger';
import { ListQuery } from '../../../common/http/list-query';

export class AttachmentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) contactId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) companyId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) dealId!: string | null;
  @ApiProperty({ example: 'müqavilə.pdf' }) fileName!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'SHA-256 of the content, hex' }) sha256!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) createdBy!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Display name of who uploaded it' }) createdByName!: string | null;
}

export class AttachmentPage {
  @ApiProperty({ type: [AttachmentResponse] }) items!: AttachmentResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class AttachmentListQuery extends PickType(ListQuery, ['limit', 'cursor'] as const) {}

/** The multipart form of an upload, for the OpenAPI document. */
export const UPLOAD_BODY: ApiBodyOptions = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: { file: { type: 'string', format: 'binary', description: 'One file; its name and type are kept' } },
  },
};
