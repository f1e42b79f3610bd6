import { Client } from 'pg';
import type { VerifyResult } from '../src/modules/audit/audit-chain';
import { inActorTransaction } from '../src/common/database/actor-transaction';
import { AuditChainService } from '../src/modules/audit/audit-chain.service';
import { createTestApp, TestApp } from './test-app';

async function asSuperuser<T>(t: TestApp, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: t.databaseUrl });
  await client.connect();
  try {
    // What a database superuser can do: switch the append-only triggers off and edit at will.
    await client.query('SET session_replication_role = replica');
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Verifies until all `events` are sealed: sealing waits for every older transaction of the
 * cluster, other test files' included, so the newest events may need a moment.
 */
async function verifyAllSealed(verify: () => Promise<VerifyResult>, events: number): Promise<VerifyResult> {
  let result = await verify();
  for (let attempt = 0; result.checked < events && attempt < 100; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    result = await verify();
  }
  return result;
}

/**
 * Builds a sealed, verified history in a database of its own, lets `tamper` edit it as a
 * superuser would, and answers what verification says then.
 */
async function verifyAfterTampering(
  tamper: (client: Client, eventIds: string[]) => Promise<unknown>,
): Promise<{ result: VerifyResult; eventIds: string[] }> {
  const t = await createTestApp();
  try {
    await t.createUser('chain-admin', ['admin']);
    const { token } = await t.login('chain-admin');
    for (const name of ['Alpha', 'Beta', 'Gamma', 'Delta']) {
      await t.http().post('/api/v1/contacts').auth(token, { type: 'bearer' }).send({ name });
    }
    const rows: { id: string }[] = await t.dataSource.query('SELECT e.id::text AS id FROM audit.events e ORDER BY e.id');
    const eventIds = rows.map((r) => r.id);
    const chain = t.app.get(AuditChainService);
    expect(await verifyAllSealed(() => chain.verify(), eventIds.length)).toEqual({ ok: true, checked: eventIds.length, firstBrokenId: null });
    await asSuperuser(t, (client) => tamper(client, eventIds));
    return { result: await chain.verify(), eventIds };
  } finally {
    await t.close();
  }
}

describe('audit trail', () => {
  let t: TestApp;
  let adminToken: string;
  beforeAll(async () => {
    t = await createTestApp();
    await t.createUser('admin', ['admin']);
    ({ token: adminToken } = await t.login('admin'));
  });
  afterAll(() => t.close());

  it('captures changes to users, teams, roles and role assignments with the actor', async () => {
    const created = await t.http().post('/api/v1/users').auth(adminToken, { type: 'bearer' }).set('X-Request-Id', 'req-user-1')
      .send({ login: 'Nigar', displayName: 'Nigar Əliyeva', password: 'Initial-Pass-1' });
    expect(created.status).toBe(201);
    const userId = created.body.user.id;
    const team = await t.http().post('/api/v1/teams').auth(adminToken, { type: 'bearer' }).send({ name: 'Bakı satış', memberIds: [userId] });
    expect(team.status).toBe(201);
    const role = await t.http().post('/api/v1/roles').auth(adminToken, { type: 'bearer' })
      .send({ name: 'viewer', label: 'Viewer', rules: [{ subject: 'Contact', action: 'read', scope: 'all' }] });
    await t.http().put(`/api/v1/users/${userId}/roles`).auth(adminToken, { type: 'bearer' }).send({ ids: [role.body.id] });
    const events = await t.dataSource.query(
      `SELECT e.table_name, e.action, e.record_id, e.request_id, u.login AS actor, e.changes
         FROM audit.events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.kind = 'data' ORDER BY e.id`,
    );
    const summary = events.map((e: { table_name: string; action: string }) => `${e.table_name}:${e.action}`);
    expect(summary).toEqual(expect.arrayContaining(['users:insert', 'teams:insert', 'team_members:insert', 'roles:insert', 'user_roles:insert']));
    const throughApi = events.filter((e: { request_id: string | null }) => e.request_id !== null);
    expect(throughApi.length).toBeGreaterThanOrEqual(5);
    expect(throughApi.every((e: { actor: string | null }) => e.actor === 'admin')).toBe(true);
    const userInsert = events.find((e: { table_name: string; record_id: string }) => e.table_name === 'users' && e.record_id === userId);
    expect(userInsert.request_id).toBe('req-user-1');
    expect(userInsert.changes.login).toEqual({ old: null, new: 'nigar' });
    expect(userInsert.changes.password_hash).toEqual({ old: null, new: '[redacted]' });
    expect(throughApi.find((e: { table_name: string }) => e.table_name === 'user_roles').record_id).toBe(`${userId}:${role.body.id}`);
    const roleEvents = await t.dataSource.query(`SELECT action FROM audit.events WHERE kind = 'app' AND action LIKE 'role.%' ORDER BY id`);
    expect(roleEvents.map((e: { action: string }) => e.action)).toEqual(['role.rules.changed', 'role.assigned']);
  });

  it('records a change made without an actor as system', async () => {
    await t.dataSource.query(`INSERT INTO teams (name) VALUES ('Made by a script')`);
    const res = await t.http().get('/api/v1/audit/events').query({ tableName: 'teams', action: 'insert' }).auth(adminToken, { type: 'bearer' });
    const scripted = res.body.items.find((e: { changes: { name: { new: string } } }) => e.changes.name.new === 'Made by a script');
    expect(scripted).toMatchObject({ actorId: null, actorLogin: 'system' });
  });

  it('refuses UPDATE, DELETE and TRUNCATE on audit tables', async () => {
    await expect(t.dataSource.query('UPDATE audit.events SET action = $1', ['tampered'])).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('DELETE FROM audit.events')).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('TRUNCATE audit.events')).rejects.toThrow(/append-only/);
    await t.app.get(AuditChainService).seal();
    await expect(t.dataSource.query('DELETE FROM audit.chain')).rejects.toThrow(/append-only/);
  });

  it('searches events by record, actor, action and time, newest first, with paging', async () => {
    const [admin] = await t.dataSource.query(`SELECT id FROM users WHERE login = 'admin'`);
    const page1 = await t.http().get('/api/v1/audit/events').query({ actorId: admin.id, limit: 2 }).auth(adminToken, { type: 'bearer' });
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    expect(Number(page1.body.items[0].id)).toBeGreaterThan(Number(page1.body.items[1].id));
    const page2 = await t.http().get('/api/v1/audit/events').query({ actorId: admin.id, limit: 2, cursor: page1.body.nextCursor }).auth(adminToken, { type: 'bearer' });
    expect(Number(page2.body.items[0].id)).toBeLessThan(Number(page1.body.items[1].id));
    const logins = await t.http().get('/api/v1/audit/events').query({ action: 'auth.login.success' }).auth(adminToken, { type: 'bearer' });
    expect(logins.body.items.length).toBeGreaterThan(0);
    expect(logins.body.items.every((e: { action: string }) => e.action === 'auth.login.success')).toBe(true);
    const future = await t.http().get('/api/v1/audit/events').query({ from: '2999-01-01T00:00:00Z' }).auth(adminToken, { type: 'bearer' });
    expect(future.body.items).toEqual([]);
    const bad = await t.http().get('/api/v1/audit/events').query({ from: 'yesterday' }).auth(adminToken, { type: 'bearer' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('from');
  });

  it('reads one event to those who may read the trail, and to nobody else', async () => {
    const [latest] = (await t.http().get('/api/v1/audit/events').query({ limit: 1 }).auth(adminToken, { type: 'bearer' })).body.items;
    const one = await t.http().get(`/api/v1/audit/events/${latest.id}`).auth(adminToken, { type: 'bearer' });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(latest);
    expect((await t.http().get('/api/v1/audit/events/999999999').auth(adminToken, { type: 'bearer' })).status).toBe(404);
    const bad = await t.http().get('/api/v1/audit/events/12abc').auth(adminToken, { type: 'bearer' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('id');
    const rep = await t.createUser('rep-reading-audit', ['sales_rep']);
    const { token } = await t.login(rep.login);
    expect((await t.http().get(`/api/v1/audit/events/${latest.id}`).auth(token, { type: 'bearer' })).status).toBe(403);
  });

  it('exports CSV and NDJSON, and records the export', async () => {
    const auditor = await t.createUser('auditor', ['auditor']);
    const { token } = await t.login(auditor.login);
    const csv = await t.http().get('/api/v1/audit/events/export').query({ format: 'csv', tableName: 'teams' }).auth(token, { type: 'bearer' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,occurredAt,actorLogin,actorId,ip,requestId,kind,action,tableName,recordId,changes,details,sealed');
    expect(lines.length).toBeGreaterThan(1);
    const ndjson = await t.http().get('/api/v1/audit/events/export').query({ tableName: 'teams' }).auth(token, { type: 'bearer' });
    const parsed = ndjson.text.trim().split('\n').map((line) => JSON.parse(line));
    expect(parsed.every((e: { tableName: string }) => e.tableName === 'teams')).toBe(true);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit.events WHERE action = 'audit.export' AND actor_id = $1`, [auditor.id]);
    expect(n).toBe(2);
  });

  it('verifies the hash chain through the API, sealing pending events first', async () => {
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM audit.events');
    const result = await verifyAllSealed(async () => {
      const res = await t.http().get('/api/v1/audit/verify').auth(adminToken, { type: 'bearer' });
      expect(res.status).toBe(200);
      return res.body as VerifyResult;
    }, n);
    expect(result).toEqual({ ok: true, checked: n, firstBrokenId: null });
  });
});

describe('statement-level capture', () => {
  let t: TestApp;
  let actorId: string;
  const context = { ip: '10.1.2.3', requestId: 'req-bulk-1' };
  beforeAll(async () => {
    t = await createTestApp();
    actorId = (await t.createUser('bulk-writer', ['admin'])).id;
  });
  afterAll(() => t.close());

  const eventsOf = (table: string, requestId: string): Promise<{ action: string; record_id: string; actor_id: string; ip: string; changes: Record<string, { old: unknown; new: unknown }> }[]> =>
    t.dataSource.query(
      `SELECT action, record_id, actor_id, ip, changes FROM audit.events WHERE table_name = $1 AND request_id = $2 AND kind = 'data' ORDER BY id`,
      [table, requestId],
    );

  it('writes one event per row of a multi-row INSERT, UPDATE and DELETE, with the diffs and the actor', async () => {
    const ids: string[] = await inActorTransaction(t.dataSource, { actorId, ...context }, async (m) => {
      const rows: { id: string }[] = await m.query(
        `INSERT INTO contacts (name, email, owner_id, search_text) SELECT n, lower(n) || '@example.az', $1, 'folded' FROM unnest($2::text[]) AS n RETURNING id`,
        [actorId, ['Aysel', 'Elvin', 'Günay']],
      );
      // Two rows change their name; the third only its version and time, which is no event.
      await m.query(
        `UPDATE contacts SET name = CASE WHEN name = 'Günay' THEN name ELSE name || ' M.' END, version = version + 1, updated_at = now(),
                search_text = 'changed', last_contacted_at = now() WHERE id = ANY($1::uuid[])`,
        [rows.map((r) => r.id)],
      );
      await m.query(`DELETE FROM contacts WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
      return rows.map((r) => r.id);
    });
    const events = await eventsOf('contacts', context.requestId);
    expect(events.map((e) => `${e.action}:${ids.indexOf(e.record_id)}`)).toEqual([
      'insert:0', 'insert:1', 'insert:2', 'update:0', 'update:1', 'delete:0', 'delete:1', 'delete:2',
    ]);
    expect(events.every((e) => e.actor_id === actorId && e.ip === context.ip)).toBe(true);
    const [inserted, , , updated, , deleted] = events;
    expect(inserted.changes.name).toEqual({ old: null, new: 'Aysel' });
    expect(inserted.changes.email).toEqual({ old: null, new: 'aysel@example.az' });
    expect(inserted.changes.version).toEqual({ old: null, new: 1 });
    expect(inserted.changes).not.toHaveProperty('search_text');
    expect(updated.changes).toEqual({ name: { old: 'Aysel', new: 'Aysel M.' } });
    expect(deleted.changes.name).toEqual({ old: 'Aysel M.', new: null });
    expect(deleted.changes.version).toEqual({ old: 2, new: null });
    expect(deleted.changes).not.toHaveProperty('search_text');
  });

  it('writes exactly what the row-level capture wrote, keys and redaction included', async () => {
    // The former row trigger beside the statement triggers: every change is captured twice, and each pair must match.
    const rowTriggers = [`users ('id', 'password_hash')`, `team_members ('team_id,user_id')`, `contacts ('id')`];
    for (const [i, spec] of rowTriggers.entries()) {
      const [table, args] = spec.split(' (');
      await t.dataSource.query(`CREATE TRIGGER audit_row_${i} AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit.capture(${args}`);
    }
    let moved: string | undefined;
    try {
      moved = await inActorTransaction(t.dataSource, { actorId, ip: '10.9.9.9', requestId: 'req-pairs' }, async (m) => {
        const users: { id: string }[] = await m.query(
          `INSERT INTO users (login, display_name, password_hash) VALUES ('pair-a', 'A', 'hash-a'), ('pair-b', 'B', NULL) RETURNING id`,
        );
        const [team] = await m.query(`INSERT INTO teams (name) VALUES ('Pairs') RETURNING id`);
        await m.query(`INSERT INTO team_members (team_id, user_id) SELECT $1, unnest($2::uuid[])`, [team.id, users.map((u) => u.id)]);
        await m.query(`UPDATE users SET password_hash = 'hash-new', display_name = 'B.', last_login_at = now() WHERE id = ANY($1::uuid[])`, [users.map((u) => u.id)]);
        await m.query(`UPDATE users SET last_login_at = now(), version = version + 1 WHERE id = ANY($1::uuid[])`, [users.map((u) => u.id)]);
        const [other] = await m.query(`INSERT INTO users (login, display_name) VALUES ('pair-c', 'C') RETURNING id`);
        // A key column changes: the old and new rows still pair up.
        await m.query(`UPDATE team_members SET user_id = $1 WHERE user_id = $2`, [other.id, users[1].id]);
        await m.query(`INSERT INTO contacts (name, phone, owner_id, custom, tags) VALUES ('Pair', '+994501112233', $1, '{"vip": true}', '{a,b}')`, [actorId]);
        await m.query(`UPDATE contacts SET custom = '{"vip": false}', tags = '{a}', next_step = 'call' WHERE name = 'Pair'`);
        // Statements of more than 100 rows take the capture written for the table's columns.
        const bulk: { id: string }[] = await m.query(
          `INSERT INTO users (login, display_name, password_hash) SELECT 'mass-' || i, 'Mass ' || i, CASE WHEN i % 2 = 0 THEN 'h' || i END FROM generate_series(1, 120) i RETURNING id`,
        );
        await m.query(`INSERT INTO team_members (team_id, user_id) SELECT $1, unnest($2::uuid[])`, [team.id, bulk.map((u) => u.id)]);
        await m.query(`UPDATE team_members SET created_at = created_at - interval '1 day' WHERE team_id = $1`, [team.id]);
        await m.query(`UPDATE users SET password_hash = 'h', display_name = display_name || '.', last_login_at = now() WHERE login LIKE 'mass-%'`);
        await m.query(`UPDATE users SET last_login_at = now(), version = version + 1 WHERE login LIKE 'mass-%'`);
        await m.query(
          `INSERT INTO contacts (name, phone, owner_id, custom, tags, search_text)
           SELECT 'Bulk ' || i, '+99450' || lpad(i::text, 7, '0'), $1, jsonb_build_object('n', i), ARRAY['t' || i], 'x' FROM generate_series(1, 150) i`,
          [actorId],
        );
        await m.query(`UPDATE contacts SET custom = custom || '{"m": 1}', next_step = CASE WHEN name LIKE '%1' THEN 'call' END, search_text = 'y', last_contacted_at = now() WHERE name LIKE 'Bulk %'`);
        await m.query(`UPDATE contacts SET version = version + 1, updated_at = now(), search_text = 'z' WHERE name LIKE 'Bulk %'`);
        await m.query(`DELETE FROM contacts WHERE name LIKE 'Bulk %'`);
        await m.query(`DELETE FROM team_members WHERE team_id = $1`, [team.id]);
        await m.query(`DELETE FROM contacts WHERE name = 'Pair'`);
        await m.query(`DELETE FROM users WHERE id = ANY($1::uuid[])`, [[...users.map((u) => u.id), other.id, ...bulk.map((u) => u.id)]]);
        return `${team.id}:${other.id}`;
      });
    } finally {
      for (const [i, spec] of rowTriggers.entries()) {
        await t.dataSource.query(`DROP TRIGGER audit_row_${i} ON ${spec.split(' (')[0]}`);
      }
    }
    const events: { table_name: string; action: string; record_id: string; actor_id: string; ip: string; changes: object }[] = await t.dataSource.query(
      `SELECT table_name, action, record_id, actor_id, ip, request_id, changes FROM audit.events WHERE request_id = 'req-pairs' AND kind = 'data' ORDER BY id`,
    );
    const key = (e: (typeof events)[number]): string => JSON.stringify([e.table_name, e.action, e.record_id, e.changes]);
    const counts = new Map<string, number>();
    for (const event of events.filter((e) => e.table_name !== 'teams')) {
      counts.set(key(event), (counts.get(key(event)) ?? 0) + 1);
    }
    // Each event twice (once per capture), nothing once.
    expect([...counts].filter(([, n]) => n !== 2).map(([event]) => event)).toEqual([]);
    expect(events.every((e) => e.actor_id === actorId && e.ip === '10.9.9.9')).toBe(true);
    const summary = events.map((e) => `${e.table_name}:${e.action}`);
    // Per capture: 2 + 120 users changed (the UPDATEs of only ignored columns write nothing), 1 + 122 memberships moved or
    // changed, 1 + 150 contacts changed, 3 + 120 users, 122 memberships and 151 contacts deleted.
    expect(summary.filter((s) => s === 'users:update')).toHaveLength(2 * 122);
    expect(summary.filter((s) => s === 'team_members:update')).toHaveLength(2 * 123);
    expect(summary.filter((s) => s === 'contacts:update')).toHaveLength(2 * 151);
    expect(summary.filter((s) => s === 'users:delete')).toHaveLength(2 * 123);
    expect(summary.filter((s) => s === 'team_members:delete')).toHaveLength(2 * 122);
    expect(summary.filter((s) => s === 'contacts:delete')).toHaveLength(2 * 151);
    const updates = events.filter((e) => e.table_name === 'users' && e.action === 'update').map((e) => e.changes);
    expect(updates).toContainEqual({ password_hash: { old: '[redacted]', new: '[redacted]' }, display_name: { old: 'A', new: 'B.' } });
    const moves = events.filter((e) => e.table_name === 'team_members' && e.action === 'update' && 'user_id' in e.changes);
    expect(moves.map((e) => e.record_id)).toEqual([moved, moved]);
    expect(moves[0].changes).toEqual({ user_id: { old: expect.any(String), new: moved?.split(':')[1] } });
  });
});

describe('audit chain tampering', () => {
  it('finds an edited event', async () => {
    const { result, eventIds } = await verifyAfterTampering((c, ids) =>
      c.query(`UPDATE audit.events SET changes = jsonb_set(changes, '{name,new}', '"Forged"') WHERE id = $1`, [ids[3]]),
    );
    expect(result).toMatchObject({ ok: false, firstBrokenId: eventIds[3] });
  });

  it('finds a deleted event in the middle, and a deleted chain link', async () => {
    const deletedEvent = await verifyAfterTampering((c, ids) => c.query('DELETE FROM audit.events WHERE id = $1', [ids[2]]));
    expect(deletedEvent.result).toMatchObject({ ok: false, firstBrokenId: deletedEvent.eventIds[2] });
    const deletedLink = await verifyAfterTampering((c, ids) => c.query('DELETE FROM audit.chain WHERE event_id = $1', [ids[1]]));
    expect(deletedLink.result.ok).toBe(false);
  });

  it('finds the newest events deleted together with their chain links', async () => {
    const { result, eventIds } = await verifyAfterTampering(async (c, ids) => {
      const newest = ids.slice(-2);
      await c.query('DELETE FROM audit.chain WHERE event_id = ANY($1::bigint[])', [newest]);
      await c.query('DELETE FROM audit.events WHERE id = ANY($1::bigint[])', [newest]);
    });
    expect(result.ok).toBe(false);
    expect(result.firstBrokenId).toBe(eventIds[eventIds.length - 1]);
  });

  it('finds the newest event deleted while its link stays', async () => {
    const { result, eventIds } = await verifyAfterTampering((c, ids) => c.query('DELETE FROM audit.events WHERE id = $1', [ids[ids.length - 1]]));
    expect(result).toMatchObject({ ok: false, firstBrokenId: eventIds[eventIds.length - 1] });
  });
});
