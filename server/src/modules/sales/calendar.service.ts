import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import ical, { ICalEventStatus } from 'ical-generator';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { inActorTransaction } from '../../common/database/actor-transaction';
import { forbidden, notFound, validationError } from '../../common/errors/app-error';
import { Actor, changeContextOf } from '../auth/actor';
import { ActorLoader } from '../auth/actor.loader';
import { asSubject } from '../permissions/ability';
import type { CalendarFeedCreated, CalendarFeedStatus, CalendarQuery, CalendarResponse } from './dto/task.dto';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { TaskRow, TasksRepository } from './tasks.repository';
import { toTaskResponse } from './tasks.service';

/** Longest range one calendar request may ask for. */
const MAX_RANGE_DAYS = 62;
/** Most items a calendar answer or a feed carries. */
const CALENDAR_LIMIT = 2000;
/** How far back a feed reaches. */
const FEED_DAYS_BACK = 90;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

@Injectable()
export class CalendarService {
  private readonly loader: ActorLoader;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksRepository,
    private readonly feeds: CalendarFeedsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.loader = new ActorLoader(dataSource);
  }

  /** Items due in [from, to) of the caller, or of the members of the teams the caller leads; always as far as the role reads. */
  async list(actor: Actor, query: CalendarQuery): Promise<CalendarResponse> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to.getTime() <= from.getTime()) {
      throw validationError([{ field: 'to', message: 'must be after from' }]);
    }
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
      throw validationError([{ field: 'to', message: `must be at most ${MAX_RANGE_DAYS} days after from` }]);
    }
    let owners = [actor.id];
    if (query.scope === 'team') {
      const members = await this.tasks.membersLedBy(actor.id);
      if (members.length === 0) {
        throw forbidden('You lead no team: only your own calendar is available');
      }
      owners = [...new Set([actor.id, ...members])];
    }
    if (query.ownerId) {
      if (!owners.includes(query.ownerId)) {
        throw validationError([{ field: 'ownerId', message: query.scope === 'team' ? 'is not a member of a team you lead' : 'must be you with scope=me' }]);
      }
      owners = [query.ownerId];
    }
    const rows = await this.tasks.dueBetween(actor.ability, owners, from.toISOString(), to.toISOString(), CALENDAR_LIMIT);
    return { items: rows.map((row) => toTaskResponse(actor, row)) };
  }

  async feedStatus(actor: Actor): Promise<CalendarFeedStatus> {
    const createdAt = await this.feeds.createdAt(actor.id);
    return { active: createdAt !== undefined, createdAt: createdAt?.toISOString() ?? null };
  }

  /** A new secret (32 random bytes, base64url) replaces the old one; only its SHA-256 is stored. */
  async createFeed(actor: Actor, origin: string): Promise<CalendarFeedCreated> {
    const secret = randomBytes(32).toString('base64url');
    await inActorTransaction(this.dataSource, changeContextOf(actor), (manager) => this.feeds.save(manager, actor.id, sha256(secret)));
    const base = (this.config.publicUrl ?? origin).replace(/\/$/, '');
    return { url: `${base}/api/v1/calendar/feed/${secret}.ics` };
  }

  async revokeFeed(actor: Actor): Promise<void> {
    await inActorTransaction(this.dataSource, changeContextOf(actor), (manager) => this.feeds.delete(manager, actor.id));
  }

  /**
   * The iCal (RFC 5545) feed behind a secret: the owner's dated tasks, meetings and calls from 90
   * days back, as far as the owner's role still reads them. Times in UTC; all-day tasks as dates
   * of the configured time zone. An unknown secret or an inactive owner: 404.
   */
  async feed(file: string): Promise<string> {
    const match = /^([A-Za-z0-9_-]{43})\.ics$/.exec(file);
    if (!match) {
      throw notFound('The calendar feed');
    }
    const feed = await this.feeds.ownerOf(sha256(match[1]));
    const owner = feed && (await this.loader.load(feed.user_id, { ip: null, requestId: null }));
    if (!owner || !owner.ability.can('read', 'Task')) {
      throw notFound('The calendar feed');
    }
    const rows = await this.tasks.dueBetween(owner.ability, [owner.id], new Date(Date.now() - FEED_DAYS_BACK * 86_400_000).toISOString(), null, CALENDAR_LIMIT);
    const calendar = ical({ name: `${this.config.companyName}: ${feed.display_name}`, prodId: { company: 'crm', product: 'tasks', language: 'EN' }, ttl: 900 });
    const dateOf = new Intl.DateTimeFormat('en-CA', { timeZone: this.config.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    for (const row of rows) {
      const start = row.due_at!;
      const allDay = row.all_day;
      const end = allDay ? new Date((row.ends_at ?? start).getTime() + 86_400_000) : row.ends_at;
      calendar.createEvent({
        id: `${row.id}@crm`,
        sequence: row.version,
        stamp: row.updated_at,
        lastModified: row.updated_at,
        created: row.created_at,
        allDay,
        start: allDay ? dateOf.format(start) : start,
        end: end === null ? null : allDay ? dateOf.format(end) : end,
        summary: row.title,
        description: this.describe(owner, row) || null,
        location: row.location,
        url: row.meeting_url,
        status: row.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        x: { 'X-CRM-KIND': row.kind, 'X-CRM-STATUS': row.status },
      });
    }
    return calendar.toString();
  }

  private describe(owner: Actor, row: TaskRow): string {
    const may = (subject: 'Contact' | 'Company' | 'Deal', id: string | null, ownerId: string | null): boolean =>
      id !== null && owner.ability.can('read', asSubject(subject, { id, ownerId }));
    return [
      row.description,
      may('Contact', row.contact_id, row.contact_owner_id) ? row.contact_name : null,
      may('Company', row.company_id, row.company_owner_id) ? row.company_name : null,
      may('Deal', row.deal_id, row.deal_owner_id) ? row.deal_title : null,
    ].filter(Boolean).join('\n');
  }
}
