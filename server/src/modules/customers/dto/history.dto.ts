import { PickType } from '@nestjs/swagger';
import { AuditEventQuery } from '../../audit/dto/audit.dto';

export class HistoryQuery extends PickType(AuditEventQuery, ['cursor', 'limit'] as const) {}
