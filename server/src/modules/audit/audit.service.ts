import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ChangeContext } from '../../common/database/actor-transaction';

/** Events the application records itself; data changes are captured by triggers. */
export type AppEventAction =
  | 'auth.login.success'
  | 'auth.login.failure'
  | 'auth.logout'
  | 'auth.refresh.reuse'
  | 'auth.password.changed'
  | 'auth.password.reset'
  | 'permission.denied'
  | 'role.assigned'
  | 'role.rules.changed'
  | 'audit.export'
  | 'contact.assigned'
  | 'company.assigned'
  | 'task.assigned'
  | 'deal.assigned'
  | 'attachment.downloaded'
  | 'contact.merged'
  | 'company.merged'
  | 'import.completed'
  | 'import.file.removed'
  | 'contacts.exported'
  | 'companies.exported'
  | 'deals.exported';

export interface AppEvent {
  action: AppEventAction;
  context: ChangeContext;
  tableName?: string;
  recordId?: string;
  details?: Record<string, unknown>;
}

/** The one writer of application events into the audit trail. */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Records an event; inside `manager`'s transaction when given, so it commits with the change. */
  async record(event: AppEvent, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource).query(
      `INSERT INTO audit.events (actor_id, ip, request_id, kind, action, table_name, record_id, details)
       VALUES ($1, $2, $3, 'app', $4, $5, $6, $7)`,
      [
        event.context.actorId,
        event.context.ip ?? null,
        event.context.requestId ?? null,
        event.action,
        event.tableName ?? null,
        event.recordId ?? null,
        event.details ? JSON.stringify(event.details) : null,
      ],
    );
  }
}
