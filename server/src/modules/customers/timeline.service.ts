import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import { toActivityResponse } from './activities.service';
import { usersMentioned } from './change-users';
import { ACTIVITY_KINDS, ActivityKind } from './dto/activity.dto';
import { TimelinePage, TimelineQuery } from './dto/timeline.dto';
import { RecordEntity, requireRecord } from './record-access';
import { encodeTimelineCursor, TimelineRepository } from './timeline.repository';

/**
 * What happened with a contact or company, newest first. Visible to whoever may read the record;
 * its activities only to those who may read activities at all.
 */
@Injectable()
export class TimelineService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly timeline: TimelineRepository,
    private readonly audit: AuditRepository,
  ) {}

  async page(actor: Actor, entity: RecordEntity, recordId: string, query: TimelineQuery): Promise<TimelinePage> {
    await requireRecord(this.dataSource, actor.ability, entity, recordId);
    const types = new Set<string>(query.types ?? [...ACTIVITY_KINDS, 'change']);
    const kinds = actor.ability.can('read', 'Activity') ? ACTIVITY_KINDS.filter((kind): kind is ActivityKind => types.has(kind)) : [];
    const limit = query.limit ?? 50;
    const entries = await this.timeline.page(entity, recordId, kinds, types.has('change'), query.cursor, limit + 1);
    const shown = entries.slice(0, limit);
    const items: TimelinePage['items'] = [];
    for (const { activity, change, occurredAt } of shown) {
      if (activity) {
        items.push({
          type: 'activity', at: occurredAt.toISOString(), id: activity.id, actorId: activity.owner_id, actorName: activity.owner_name,
          activity: toActivityResponse(activity),
        });
      } else if (change) {
        items.push({
          type: 'change', at: occurredAt.toISOString(), id: change.id, actorId: change.actor_id, actorName: change.actor_name,
          change: { table: change.table_name, action: change.action, changes: change.changes },
        });
      }
    }
    const last = shown[shown.length - 1];
    const changes = shown.flatMap(({ change }) => (change ? [{ actorId: null, changes: change.changes }] : []));
    const userNames = await this.audit.userNames(usersMentioned(changes));
    return { items, nextCursor: entries.length > limit && last !== undefined ? encodeTimelineCursor(last) : null, userNames };
  }
}
