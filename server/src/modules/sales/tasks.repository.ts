import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { keysetList, KeysetListSpec } from '../../common/database/keyset-list';
import { escapeLike, QueryParts } from '../../common/database/query-parts';
import { deleteVersioned, updateVersioned } from '../../common/database/versioned-write';
import { encodeCursor } from '../../common/http/keyset';
import { Page, toPage } from '../../common/http/page';
import { validationError } from '../../common/errors/app-error';
import type { AppAbility } from '../permissions/ability';
import { ColumnMap, permissionFilter } from '../permissions/permission-filter';
import type { Action } from '../permissions/subjects';
import type { TaskKind, TaskListQuery, TaskPriority, TaskStatus } from './dto/task.dto';

export interface ParticipantRow {
  userId: string | null;
  contactId: string | null;
  name: string;
  /** Owner of a participating contact (for the caller's read check), null for users. */
  ownerId: string | null;
}

export interface TaskRow {
  id: string;
  kind: TaskKind;
  title: string;
  description: string | null;
  due_at: Date | null;
  ends_at: Date | null;
  all_day: boolean;
  location: string | null;
  meeting_url: string | null;
  priority: TaskPriority;
  status: TaskStatus;
  completed_at: Date | null;
  remind_at: Date | null;
  reminded_at: Date | null;
  contact_id: string | null;
  contact_name: string | null;
  contact_owner_id: string | null;
  company_id: string | null;
  company_name: string | null;
  company_owner_id: string | null;
  deal_id: string | null;
  deal_title: string | null;
  deal_owner_id: string | null;
  owner_id: string;
  owner_name: string;
  participants: ParticipantRow[];
  created_at: Date;
  updated_at: Date;
  created_by: string | null;
  version: number;
  overdue: boolean;
}

/** The stored columns of a task as the service writes them. */
export interface TaskWrite {
  kind: TaskKind;
  title: string;
  description: string | null;
  dueAt: string | null;
  endsAt: string | null;
  allDay: boolean;
  location: string | null;
  meetingUrl: string | null;
  priority: TaskPriority;
  status: TaskStatus;
  completedAt: Date | null;
  remindAt: string | null;
  contactId: string | null;
  companyId: string | null;
  dealId: string | null;
  ownerId: string;
}

export interface ParticipantWrite {
  userId: string | null;
  contactId: string | null;
}

const TASK_COLUMNS: ColumnMap = { ownerId: 't.owner_id', id: 't.id' };

export const SELECT_TASKS = `
  SELECT t.id, t.kind, t.title, t.description, t.due_at, t.ends_at, t.all_day, t.location, t.meeting_url, t.priority, t.status,
         t.completed_at, t.remind_at, t.reminded_at,
         t.contact_id, c.name AS contact_name, c.owner_id AS contact_owner_id,
         t.company_id, co.name AS company_name, co.owner_id AS company_owner_id,
         t.deal_id, d.title AS deal_title, d.owner_id AS deal_owner_id,
         t.owner_id, o.display_name AS owner_name, t.created_at, t.updated_at, t.created_by, t.version,
         (t.status = 'open' AND t.due_at < now()) AS overdue,
         (SELECT coalesce(json_agg(json_build_object('userId', p.user_id, 'contactId', p.contact_id,
                                                     'name', coalesce(pu.display_name, pc.name), 'ownerId', pc.owner_id)
                          ORDER BY p.user_id IS NULL, coalesce(pu.display_name, pc.name)), '[]')
            FROM task_participants p
            LEFT JOIN users pu ON pu.id = p.user_id
            LEFT JOIN contacts pc ON pc.id = p.contact_id
           WHERE p.task_id = t.id) AS participants
    FROM tasks t
    JOIN users o ON o.id = t.owner_id
    LEFT JOIN contacts c ON c.id = t.contact_id
    LEFT JOIN companies co ON co.id = t.company_id
    LEFT JOIN deals d ON d.id = t.deal_id`;

/** Items that always have a time, in the order the owner's indexes keep. */
const BY_TIME = 't.due_at, t.id';

const PRIORITY_ORDER = `CASE t.priority WHEN 'high' THEN '0' WHEN 'normal' THEN '1' ELSE '2' END`;

const LIST: KeysetListSpec<TaskRow> = {
  select: SELECT_TASKS,
  countFrom: 'tasks t',
  idColumn: 't.id',
  pickFrom: 'tasks t',
  defaultSort: '-updatedAt',
  sorts: {
    updatedAt: { sql: 't.updated_at', type: 'timestamptz', value: (r) => r.updated_at },
    priority: { sql: PRIORITY_ORDER, type: 'text', value: (r) => ({ high: '0', normal: '1', low: '2' })[r.priority] },
  },
};

/** SQL for tasks, meetings and calls. Every read is filtered by the caller's permission rules in SQL. */
@Injectable()
export class TasksRepository {
  constructor(private readonly dataSource: DataSource) {}

  filterParts(ability: AppAbility, action: Action, query: Omit<TaskListQuery, 'limit' | 'cursor' | 'sort' | 'count'>): QueryParts {
    const parts = new QueryParts().whereRaw((n) => permissionFilter(ability, action, 'Task', TASK_COLUMNS, n));
    if (query.q) {
      parts.where((p) => `t.title ILIKE '%' || ${p} || '%'`, escapeLike(query.q));
    }
    if (query.kind?.length) {
      parts.where((p) => `t.kind = ANY(${p})`, query.kind);
    }
    if (query.status?.length) {
      parts.where((p) => `t.status = ANY(${p})`, query.status);
    }
    if (query.ownerId?.length) {
      parts.where((p) => `t.owner_id = ANY(${p}::uuid[])`, query.ownerId);
    }
    if (query.dueFrom) {
      parts.where((p) => `t.due_at >= ${p}`, query.dueFrom);
    }
    if (query.dueTo) {
      parts.where((p) => `t.due_at < ${p}`, query.dueTo);
    }
    if (query.overdue === true) {
      parts.whereRaw({ sql: `t.status = 'open' AND t.due_at < now()`, params: [] });
    } else if (query.overdue === false) {
      parts.whereRaw({ sql: `NOT (t.status = 'open' AND t.due_at IS NOT NULL AND t.due_at < now())`, params: [] });
    }
    for (const [key, column] of [['contactId', 't.contact_id'], ['companyId', 't.company_id'], ['dealId', 't.deal_id']] as const) {
      if (query[key]) {
        parts.where((p) => `${column} = ${p}`, query[key]);
      }
    }
    return parts;
  }

  list(ability: AppAbility, query: TaskListQuery): Promise<Page<TaskRow>> {
    const sort = query.sort ?? 'dueAt';
    if (sort === 'dueAt' || sort === '-dueAt') {
      return this.listByDue(ability, query, sort === '-dueAt');
    }
    return keysetList(this.dataSource, LIST, this.filterParts(ability, 'read', query), { ...query, sort });
  }

  /**
   * A page in due order, undated tasks after the dated ones (before them, descending). Dated and
   * undated rows are paged separately, each on a plain (due_at, id) order that the indexes of
   * migration 020 serve, instead of sorting every visible row by an expression.
   */
  private async listByDue(ability: AppAbility, query: TaskListQuery, descending: boolean): Promise<Page<TaskRow>> {
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeDueCursor(query.cursor, descending ? '-dueAt' : 'dueAt') : undefined;
    const direction = descending ? 'DESC' : 'ASC';
    const op = descending ? '<' : '>';
    const dated = async (want: number): Promise<string[]> => {
      const parts = this.filterParts(ability, 'read', query).whereRaw({ sql: 't.due_at IS NOT NULL', params: [] });
      if (after && after.dueAt !== null) {
        parts.whereRaw((n) => ({ sql: `(t.due_at, t.id) ${op} ($${n}::timestamptz, $${n + 1}::uuid)`, params: [after.dueAt, after.id] }));
      }
      const rows: { id: string }[] = await this.dataSource.query(`SELECT t.id FROM tasks t WHERE ${parts.sql} ORDER BY t.due_at ${direction}, t.id ${direction} LIMIT ${want}`, parts.params);
      return rows.map((r) => r.id);
    };
    const undated = async (want: number): Promise<string[]> => {
      const parts = this.filterParts(ability, 'read', query).whereRaw({ sql: 't.due_at IS NULL', params: [] });
      if (after && after.dueAt === null) {
        parts.where((p) => `t.id ${op} ${p}::uuid`, after.id);
      }
      const rows: { id: string }[] = await this.dataSource.query(`SELECT t.id FROM tasks t WHERE ${parts.sql} ORDER BY t.id ${direction} LIMIT ${want}`, parts.params);
      return rows.map((r) => r.id);
    };
    // Ascending: dated, then undated; descending: undated, then dated. A cursor in the second part skips the first.
    const [first, second] = descending ? [undated, dated] : [dated, undated];
    const inSecond = after !== undefined && (descending ? after.dueAt !== null : after.dueAt === null);
    const ids = inSecond ? [] : await first(limit + 1);
    if (ids.length < limit + 1) {
      ids.push(...(await second(limit + 1 - ids.length)));
    }
    const rows: TaskRow[] = ids.length === 0 ? [] : await this.dataSource.query(`${SELECT_TASKS} WHERE t.id = ANY($1::uuid[])`, [ids]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ordered = ids.map((id) => byId.get(id)!).filter(Boolean);
    const page = toPage(ordered, limit, (last) => encodeCursor(descending ? '-dueAt' : 'dueAt', last.due_at, last.id));
    if (query.count) {
      const parts = this.filterParts(ability, 'read', query);
      const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM tasks t WHERE ${parts.sql}`, parts.params);
      page.total = total;
    }
    return page;
  }

  /**
   * Today's page of My day for one owner, as far as the role reads: open tasks due in [start, end)
   * or undated, meetings and calls of the day, the oldest overdue items and how many there are.
   */
  async myDay(ability: AppAbility, ownerId: string, start: Date, end: Date, limit: number): Promise<{
    tasks: TaskRow[]; meetings: TaskRow[]; overdue: TaskRow[]; overdueCount: number;
  }> {
    const mine = (): QueryParts => new QueryParts().whereRaw((n) => permissionFilter(ability, 'read', 'Task', TASK_COLUMNS, n)).where((p) => `t.owner_id = ${p}`, ownerId);
    // One range, so that the owner's open-task index reads today's rows only (and the undated ones).
    const tasks = mine().whereRaw((n) => ({
      sql: `t.status = 'open' AND t.kind = 'task' AND (t.due_at IS NULL OR (t.due_at >= $${n} AND t.due_at < $${n + 1}))`,
      params: [start, end],
    }));
    const meetings = mine().where((p) => `t.kind IN ('meeting', 'call') AND t.status <> 'cancelled' AND t.due_at >= ${p}`, start).where((p) => `t.due_at < ${p}`, end);
    const overdue = mine().where((p) => `t.status = 'open' AND t.due_at < ${p}`, start);
    const [taskRows, meetingRows, overdueRows, [{ total }]] = await Promise.all([
      this.select(tasks, `coalesce(t.due_at, 'infinity'::timestamptz), t.id`, limit),
      this.select(meetings, BY_TIME, limit),
      this.select(overdue, BY_TIME, limit),
      this.dataSource.query(`SELECT count(*)::int AS total FROM tasks t WHERE ${overdue.sql}`, overdue.params) as Promise<{ total: number }[]>,
    ]);
    return { tasks: taskRows, meetings: meetingRows, overdue: overdueRows, overdueCount: total };
  }

  /** Dated items of these owners due in [from, to) (to: null, no end), as far as the role reads; for the calendar and its feed. */
  dueBetween(ability: AppAbility, ownerIds: string[], from: string, to: string | null, limit: number): Promise<TaskRow[]> {
    const where = new QueryParts()
      .whereRaw((n) => permissionFilter(ability, 'read', 'Task', TASK_COLUMNS, n))
      .where((p) => `t.owner_id = ANY(${p}::uuid[])`, ownerIds)
      .where((p) => `t.due_at >= ${p}::timestamptz`, from);
    if (to !== null) {
      where.where((p) => `t.due_at < ${p}::timestamptz`, to);
    }
    return this.select(where, BY_TIME, limit);
  }

  /** Today in a time zone: its date, and the instants it starts and ends. */
  async dayBounds(timeZone: string): Promise<{ today: string; start: Date; end: Date }> {
    const [bounds] = await this.dataSource.query(
      `SELECT to_char(now() AT TIME ZONE $1, 'YYYY-MM-DD') AS today,
              date_trunc('day', now() AT TIME ZONE $1) AT TIME ZONE $1 AS start,
              (date_trunc('day', now() AT TIME ZONE $1) + interval '1 day') AT TIME ZONE $1 AS end`,
      [timeZone],
    );
    return bounds;
  }

  /** The members of the teams a user leads (the calendar's team scope). */
  async membersLedBy(leadId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT m.user_id FROM teams tm JOIN team_members m ON m.team_id = tm.id WHERE tm.lead_id = $1`,
      [leadId],
    );
    return rows.map((r) => r.user_id);
  }

  /**
   * Rows matching `where` (permission-filtered, on columns of `t` only) in `orderBy` order. The
   * page is picked from `tasks` alone, so an index in that order stops after `limit` rows, and
   * only those rows are joined for names.
   */
  private select(where: QueryParts, orderBy: string, limit: number): Promise<TaskRow[]> {
    return this.dataSource.query(
      `${SELECT_TASKS} WHERE t.id = ANY(ARRAY(SELECT t.id FROM tasks t WHERE ${where.sql} ORDER BY ${orderBy} LIMIT ${limit})) ORDER BY ${orderBy}`,
      where.params,
    );
  }

  async findAllowed(ability: AppAbility, action: Action, id: string, manager?: EntityManager): Promise<TaskRow | undefined> {
    const parts = new QueryParts().where((p) => `t.id = ${p}`, id).whereRaw((n) => permissionFilter(ability, action, 'Task', TASK_COLUMNS, n));
    const [row]: TaskRow[] = await (manager ?? this.dataSource).query(`${SELECT_TASKS} WHERE ${parts.sql}`, parts.params);
    return row;
  }

  async find(id: string, manager: EntityManager): Promise<TaskRow> {
    const [row]: TaskRow[] = await manager.query(`${SELECT_TASKS} WHERE t.id = $1`, [id]);
    return row;
  }

  async insert(manager: EntityManager, task: TaskWrite, participants: ParticipantWrite[], createdBy: string): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO tasks (kind, title, description, due_at, ends_at, all_day, location, meeting_url, priority, status, completed_at, remind_at,
                          contact_id, company_id, deal_id, owner_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
      [
        task.kind, task.title, task.description, task.dueAt, task.endsAt, task.allDay, task.location, task.meetingUrl, task.priority, task.status,
        task.completedAt, task.remindAt, task.contactId, task.companyId, task.dealId, task.ownerId, createdBy,
      ],
    );
    await this.replaceParticipants(manager, id, participants);
    return id;
  }

  /** Changes the given columns if the version matches; a new reminder or due time re-arms the reminder. */
  async update(manager: EntityManager, id: string, version: number, changes: Partial<TaskWrite>, rearm: boolean): Promise<boolean> {
    const columns: Record<string, unknown> = {
      kind: changes.kind,
      title: changes.title,
      description: changes.description,
      due_at: changes.dueAt,
      ends_at: changes.endsAt,
      all_day: changes.allDay,
      location: changes.location,
      meeting_url: changes.meetingUrl,
      priority: changes.priority,
      status: changes.status,
      completed_at: changes.completedAt,
      remind_at: changes.remindAt,
      contact_id: changes.contactId,
      company_id: changes.companyId,
      deal_id: changes.dealId,
      owner_id: changes.ownerId,
    };
    if (rearm) {
      columns.reminded_at = null;
    }
    return updateVersioned(manager, 'tasks', id, version, columns);
  }

  delete(manager: EntityManager, id: string, version: number): Promise<boolean> {
    return deleteVersioned(manager, 'tasks', id, version);
  }

  async replaceParticipants(manager: EntityManager, taskId: string, participants: ParticipantWrite[]): Promise<void> {
    await manager.query('DELETE FROM task_participants WHERE task_id = $1', [taskId]);
    if (participants.length > 0) {
      await manager.query(
        `INSERT INTO task_participants (task_id, user_id, contact_id)
         SELECT $1, p.user_id, p.contact_id FROM jsonb_to_recordset($2::jsonb) AS p(user_id uuid, contact_id uuid)`,
        [taskId, JSON.stringify(participants.map((p) => ({ user_id: p.userId, contact_id: p.contactId })))],
      );
    }
  }

  /** Of `ids`, those of `table` the ability allows reading (links and participants must be readable). */
  async activeUsers(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) {
      return new Set();
    }
    const rows: { id: string }[] = await manager.query('SELECT id FROM users WHERE id = ANY($1::uuid[]) AND active', [ids]);
    return new Set(rows.map((r) => r.id));
  }
}

/** The position a due-ordered page ended at: its last row's due time (null: undated) and id. */
function decodeDueCursor(cursor: string, sortKey: string): { dueAt: string | null; id: string } {
  try {
    const [key, dueAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, unknown, string];
    if (key === sortKey && (dueAt === null || (typeof dueAt === 'string' && !Number.isNaN(Date.parse(dueAt)))) && /^[0-9a-f-]{36}$/i.test(id)) {
      return { dueAt, id };
    }
  } catch {
    // falls through to the validation error
  }
  throw validationError([{ field: 'cursor', message: 'is not a cursor of this list and sort order' }]);
}
