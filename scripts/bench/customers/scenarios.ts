import { DataSource } from 'typeorm';
import { encodeCursor } from '../../../server/src/common/http/keyset';
import type { Actor } from '../../../server/src/modules/auth/actor';
import { ContactsRepository } from '../../../server/src/modules/customers/contacts.repository';
import { AuditRepository } from '../../../server/src/modules/audit/audit.repository';
import { TimelineRepository } from '../../../server/src/modules/customers/timeline.repository';
import { TimelineService } from '../../../server/src/modules/customers/timeline.service';
import type { AppConfig } from '../../../server/src/common/config/app-config';
import type { AppAbility } from '../../../server/src/modules/permissions/ability';
import { DealsRepository } from '../../../server/src/modules/sales/deals.repository';
import { DealsService } from '../../../server/src/modules/sales/deals.service';
import { PipelinesRepository } from '../../../server/src/modules/sales/pipelines.repository';
import { TasksRepository } from '../../../server/src/modules/sales/tasks.repository';
import { TasksService } from '../../../server/src/modules/sales/tasks.service';
import { permissionFilter } from '../../../server/src/modules/permissions/permission-filter';
import { BOARD_PIPELINE } from './sales-loader';
import type { HttpClient } from './server';

export interface BenchUser {
  role: string;
  login: string;
  id: string;
  ability: AppAbility;
  token: string;
}

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

/** One API request and the SQL statements the API runs for it, in order. */
export interface Call {
  path: string;
  queries: CapturedQuery[];
}

export interface PreparedScenario {
  /** Measured in turn (request i uses calls[i % calls.length]). */
  calls: Call[];
  /** Printed with the results, e.g. that a fallback endpoint was measured. */
  note?: string;
  /** SQL measured without an API counterpart (yet), labelled. */
  sqlOnly?: { label: string; calls: CapturedQuery[][] };
}

export interface ScenarioContext {
  dataSource: DataSource;
  http: HttpClient;
  /** Runs `work` against a data source that records every query it is given, and returns them. */
  capture(work: (dataSource: DataSource) => Promise<unknown>): Promise<CapturedQuery[]>;
}

/**
 * A measured request type. To add one: give it a name and a `prepare` that builds, for the user,
 * the API path(s) and captures the SQL the repository runs for them (call the repository method
 * the service calls, with the user's ability, through `context.capture`).
 */
export interface Scenario {
  name: string;
  prepare(context: ScenarioContext, user: BenchUser): Promise<PreparedScenario>;
}

const CONTACT_COLUMNS = { ownerId: 'c.owner_id', id: 'c.id' };

/** Query parameters as the API receives them and as the repository is called with them. */
type ListParams = { q?: string; cursor?: string };

const listPath = (params: ListParams): string => {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined) as [string, string][]).toString();
  return `/api/v1/contacts${search ? `?${search}` : ''}`;
};

async function listCalls(context: ScenarioContext, user: BenchUser, variants: ListParams[]): Promise<Call[]> {
  const calls: Call[] = [];
  for (const params of variants) {
    const queries = await context.capture((ds) => new ContactsRepository(ds, { defaultPhoneRegion: 'AZ' }).list(user.ability, { ...params }));
    calls.push({ path: listPath(params), queries });
  }
  return calls;
}

/** A visible contacts query of the user's own permission filter (for choosing test data, not measured). */
async function visibleContacts<T>(context: ScenarioContext, user: BenchUser, select: string, rest: string, extra: unknown[] = []): Promise<T[]> {
  const filter = permissionFilter(user.ability, 'read', 'Contact', CONTACT_COLUMNS, extra.length + 1);
  return context.dataSource.query(`SELECT ${select} FROM contacts c WHERE ${filter.sql} ${rest}`, [...extra, ...filter.params]);
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'list: first page',
    prepare: async (context, user) => ({ calls: await listCalls(context, user, [{}]) }),
  },
  {
    name: 'list: deep page',
    // Cursors of rows between 80 % and 99 % down the user's list in the default order (-updatedAt).
    prepare: async (context, user) => {
      const [{ visible }] = await visibleContacts<{ visible: number }>(context, user, 'count(*)::int AS visible', '');
      const variants: ListParams[] = [];
      for (const share of [0.8, 0.85, 0.9, 0.95, 0.99]) {
        const [row] = await visibleContacts<{ id: string; updated_at: Date }>(
          context, user, 'c.id, c.updated_at', 'ORDER BY c.updated_at DESC, c.id DESC OFFSET $1 LIMIT 1', [Math.floor(visible * share)],
        );
        variants.push({ cursor: encodeCursor('updatedAt', row.updated_at, row.id) });
      }
      return { calls: await listCalls(context, user, variants), note: `cursors 80-99 % down ${visible.toLocaleString('en')} rows` };
    },
  },
  {
    name: 'search: name fragment',
    prepare: async (context, user) => ({
      calls: await listCalls(context, user, ['memmed', 'eliyev', 'huseyn', 'yilmaz', 'gunel'].map((q) => ({ q }))),
      note: 'memmed, eliyev, huseyn, yilmaz, gunel',
    }),
  },
  {
    name: 'search: phone fragment',
    // The last seven digits of phones of contacts the user sees, as typed from a caller id.
    prepare: async (context, user) => {
      const rows = await visibleContacts<{ phone: string }>(context, user, 'c.phone', 'AND c.phone IS NOT NULL ORDER BY c.id LIMIT 10');
      return { calls: await listCalls(context, user, rows.map((r) => ({ q: r.phone.slice(-7) }))), note: 'last 7 digits of 10 phones' };
    },
  },
  {
    name: 'contact timeline',
    // Contacts with hundreds of activities that the user sees; the SQL is what TimelineService runs
    // for the first page (record check, merged page, activity and change rows).
    prepare: async (context, user) => {
      const contacts = await visibleContacts<{ id: string }>(context, user, 'c.id', 'AND c.id IN (SELECT id FROM bench.heavy_contacts) ORDER BY c.id LIMIT 10');
      const actor = actorOf(user);
      const calls: Call[] = [];
      for (const { id } of contacts) {
        const queries = await context.capture((ds) => new TimelineService(ds, new TimelineRepository(ds), new AuditRepository(ds)).page(actor, 'contact', id, {}));
        calls.push({ path: `/api/v1/contacts/${id}/timeline`, queries });
      }
      return { calls, note: 'heavy contacts (~300 activities)' };
    },
  },
  {
    name: 'deals board',
    // The first page of every column of the board pipeline (10,000 open deals at the default
    // sizes), with counts and totals: what DealsService.board runs (the pipeline, then the columns).
    prepare: async (context, user) => {
      const [{ id: pipelineId }] = await context.dataSource.query(`SELECT id FROM pipelines WHERE name = $1`, [BOARD_PIPELINE]);
      // No additional-field filter in the request, so the service asks the custom fields for nothing.
      const noCustomFilter = { listFilter: async () => undefined } as never;
      const board = (ds: DataSource): DealsService => new DealsService(
        ds, new DealsRepository(ds), new PipelinesRepository(ds), undefined as never, undefined as never, noCustomFilter, undefined as never,
        { defaultCurrency: 'AZN' } as AppConfig, undefined as never, undefined as never,
      );
      const queries = await context.capture((ds) => board(ds).board(actorOf(user), { pipelineId }));
      const filter = permissionFilter(user.ability, 'read', 'Deal', { ownerId: 'd.owner_id', id: 'd.id' }, 2);
      const [{ open }] = await context.dataSource.query(
        `SELECT count(*)::int AS open FROM deals d WHERE d.pipeline_id = $1 AND d.closed_at IS NULL AND ${filter.sql}`, [pipelineId, ...filter.params],
      );
      return { calls: [{ path: `/api/v1/deals/board?pipelineId=${pipelineId}`, queries }], note: `${open.toLocaleString('en')} open deals visible` };
    },
  },
  {
    name: 'my day',
    // Today's tasks and meetings, overdue items and quiet deals of the user: what TasksService.myDay
    // runs (the day's bounds in the install's time zone, then four lists).
    prepare: async (context, user) => {
      const config = { timeZone: process.env.CRM_TIME_ZONE ?? 'Asia/Baku' } as AppConfig;
      const tasks = (ds: DataSource): TasksService => new TasksService(ds, new TasksRepository(ds), undefined as never, undefined as never, config, new DealsRepository(ds));
      const queries = await context.capture((ds) => tasks(ds).myDay(actorOf(user)));
      const [{ open }] = await context.dataSource.query(`SELECT count(*)::int AS open FROM tasks WHERE owner_id = $1 AND status = 'open'`, [user.id]);
      return { calls: [{ path: '/api/v1/my-day', queries }], note: `${open.toLocaleString('en')} open tasks of the user` };
    },
  },
];

const actorOf = (user: BenchUser): Actor => ({
  id: user.id, login: user.login, roles: [], mustChangePassword: false, ability: user.ability, ip: null, requestId: null,
});
