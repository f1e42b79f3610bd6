import { ApiProperty, PickType } from '@nestjs/swagger';
import { AuditEventPage, AuditEventQuery } from '../../audit/dto/audit.dto';
import { ListQuery } from '../../../common/http/list-query';

export class HistoryQuery extends PickType(AuditEventQuery, ['cursor', 'limit'] as const) {}

/** Paging of records related to another one (a company's contacts). */
export class RelatedQuery extends PickType(ListQuery, ['cursor', 'limit'] as const) {}

export const USER_NAMES_PROPERTY = {
  type: 'object',
  additionalProperties: { type: 'string' },
  description: 'Display names of the users this page mentions (who acted, the responsible person before and after), by user id',
  example: { '0b8f0f3e-2a55-4d2e-9b7a-5c1f7e2d9a10': 'Aysel Məmmədova' },
} as const;

/** The change history of one contact or company, with the names of the users it mentions. */
export class RecordHistoryPage extends AuditEventPage {
  @ApiProperty(USER_NAMES_PROPERTY)
  userNames!: Record<string, string>;
}
