import { PickType } from '@nestjs/swagger';
import { AuditEventQuery } from '../../audit/dto/audit.dto';
import { ListQuery } from '../../../common/http/list-query';

export class HistoryQuery extends PickType(AuditEventQuery, ['cursor', 'limit'] as const) {}

/** Paging of records related to another one (a company's contacts). */
export class RelatedQuery extends PickType(ListQuery, ['cursor', 'limit'] as const) {}
