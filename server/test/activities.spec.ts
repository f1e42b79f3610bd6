import request from 'supertest';
import { inActorTransaction } from '../src/common/database/actor-transaction';
import { createTestApp, TestApp, TestUser } from './test-app';

type Who = 'rep1' | 'rep2' | 'lead' | 'manager' | 'marketer';

describe('activities and the timeline', () => {
  let t: TestApp;
  const users = {} as Record<Who, TestUser>;
  const tokens = {} as Record<Who, string>;
  const as = (who: Who) => {
    const http = t.http();
    const bearer = <R extends request.Test>(req: R): R => req.auth(tokens[who], { type: 'bearer' }) as R;
    return {
      get: (url: string) => bearer(http.get(url)),
      post: (url: string, body: object) => bearer(http.post(url)).send(body),
      patch: (url: string, body: object, version?: number) => {
        const req = bearer(http.patch(url));
        return (version === undefined ? req : req.set('If-Match', `"${version}"`)).send(body);
      },
      delete: (url: string, version?: number) => {
        const req = bearer(http.delete(url));
        return version === undefined ? req : req.set('If-Match', `"${version}"`);
      },
    };
  };
  const newContact = async (who: Who, name: string): Promise<string> => {
    const res = await as(who).post('/api/v1/contacts', { name });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const lastContacted = async (contactId: string): Promise<Date | null> =>
    (await t.dataSource.query('SELECT last_contacted_at FROM contacts WHERE id = $1', [contactId]))[0].last_contacted_at;

  beforeAll(async () => {
    t = await createTestApp();
    users.lead = await t.createUser('lead', ['team_lead']);
    const north = await t.createTeam('North', users.lead.id);
    const south = await t.createTeam('South');
    users.rep1 = await t.createUser('rep1', ['sales_rep'], { teams: [north] });
    users.rep2 = await t.createUser('rep2', ['sales_rep'], { teams: [south] });
    users.manager = await t.createUser('manager', ['manager']);
    users.marketer = await t.createUser('marketer', ['marketer']);
    for (const who of Object.keys(users) as Who[]) {
      tokens[who] = (await t.login(users[who].login)).token;
    }
  });
  afterAll(() => t.close());

  it('logs, reads, changes and deletes a call with versions, ETags and an Idempotency-Key', async () => {
    const contactId = await newContact('rep1', 'Əliyev Rauf');
    const body = { kind: 'call', direction: 'outbound', durationSeconds: 95, outcome: 'connected', subject: 'Qiymət təklifi', contactId };
    const created = await as('rep1').post('/api/v1/activities', body).set('Idempotency-Key', 'call-1');
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({ ...body, ownerId: users.rep1.id, ownerName: 'rep1', contactName: 'Əliyev Rauf', companyId: null, version: 1 });
    const replay = await as('rep1').post('/api/v1/activities', body).set('Idempotency-Key', 'call-1');
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(created.body.id);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM activities WHERE contact_id = $1', [contactId]);
    expect(n).toBe(1);

    const url = `/api/v1/activities/${created.body.id}`;
    const got = await as('rep1').get(url);
    expect(got.status).toBe(200);
    expect(got.headers.etag).toBe('"1"');

    const changed = await as('rep1').patch(url, { outcome: 'voicemail', durationSeconds: null }, 1);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ outcome: 'voicemail', durationSeconds: null, direction: 'outbound', version: 2 });
    expect((await as('rep1').patch(url, { outcome: 'busy' }, 1)).status).toBe(412);
    expect((await as('rep1').patch(url, { outcome: 'busy' })).status).toBe(428);
    expect((await as('rep1').get(url)).body.outcome).toBe('voicemail');
    expect((await as('rep1').delete(url)).status).toBe(428);
    expect((await as('rep1').delete(url, 1)).status).toBe(412);
    expect((await as('rep1').delete(url, 2)).status).toBe(204);
    expect((await as('rep1').get(url)).status).toBe(404);
  });

  it('answers invalid activities with problem+json naming each field, and stores nothing', async () => {
    const contactId = await newContact('rep1', 'Validation Person');
    const fieldsOf = async (body: object): Promise<string[]> => {
      const res = await as('rep1').post('/api/v1/activities', body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      return res.body.errors.map((e: { field: string }) => e.field);
    };
    expect(await fieldsOf({ kind: 'note', body: 'x', direction: 'inbound', durationSeconds: 5, outcome: 'busy', contactId })).toEqual(['direction', 'durationSeconds', 'outcome']);
    expect(await fieldsOf({ kind: 'call', contactId })).toEqual(['direction']);
    expect(await fieldsOf({ kind: 'email', direction: 'inbound', contactId })).toEqual(['subject']);
    expect(await fieldsOf({ kind: 'note', body: '   ', contactId })).toEqual(['body']);
    expect(await fieldsOf({ kind: 'note', body: 'no record' })).toEqual(['contactId']);
    expect(await fieldsOf({ kind: 'fax', contactId })).toEqual(['kind']);
    expect(await fieldsOf({ kind: 'call', direction: 'sideways', outcome: 'maybe', occurredAt: 'yesterday', durationSeconds: -1, contactId: 'x', colour: 'red' }))
      .toEqual(expect.arrayContaining(['direction', 'outcome', 'occurredAt', 'durationSeconds', 'contactId', 'colour']));
    const note = await as('rep1').post('/api/v1/activities', { kind: 'note', body: 'ok', contactId });
    expect(note.status).toBe(201);
    const kindChange = await as('rep1').patch(`/api/v1/activities/${note.body.id}`, { kind: 'call' }, 1);
    expect(kindChange.body.errors.map((e: { field: string }) => e.field)).toEqual(['kind']);
    const unlinked = await as('rep1').patch(`/api/v1/activities/${note.body.id}`, { contactId: null }, 1);
    expect(unlinked.body.errors.map((e: { field: string }) => e.field)).toEqual(['contactId']);
    expect((await as('rep1').get('/api/v1/activities?kind=fax')).body.errors[0].field).toBe('kind');
    expect((await as('rep1').get('/api/v1/activities?cursor=garbage')).body.errors[0].field).toBe('cursor');
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM activities WHERE contact_id = $1', [contactId]);
    expect(n).toBe(1);
  });

  describe('visibility', () => {
    let repContact: string;
    let repCall: string;
    let managerCall: string;

    beforeAll(async () => {
      repContact = await newContact('rep1', 'Rep One Customer');
      repCall = (await as('rep1').post('/api/v1/activities', { kind: 'call', direction: 'inbound', contactId: repContact })).body.id;
      // The manager logs a call on the rep's contact: the rep sees it with the contact, though the author is the manager.
      managerCall = (await as('manager').post('/api/v1/activities', { kind: 'meeting', subject: 'Visit', contactId: repContact })).body.id;
    });

    it('lets another rep neither see nor log activities on a contact they cannot read', async () => {
      expect((await as('rep2').get(`/api/v1/activities/${repCall}`)).status).toBe(404);
      expect((await as('rep2').get(`/api/v1/activities?contactId=${repContact}`)).status).toBe(404);
      expect((await as('rep2').get(`/api/v1/contacts/${repContact}/timeline`)).status).toBe(404);
      const plain = await as('rep2').get('/api/v1/activities?limit=200');
      expect(plain.body.items.map((a: { id: string }) => a.id)).not.toContain(repCall);
      const onForeign = await as('rep2').post('/api/v1/activities', { kind: 'note', body: 'sneaky', contactId: repContact });
      expect(onForeign.status).toBe(404);
      expect((await as('rep2').patch(`/api/v1/activities/${repCall}`, { body: 'x' }, 1)).status).toBe(404);
      expect((await as('rep2').delete(`/api/v1/activities/${repCall}`, 1)).status).toBe(404);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM activities WHERE body = 'sneaky'`);
      expect(n).toBe(0);
    });

    it('shows activities with their record, but the plain list and changes follow the Activity rules', async () => {
      expect((await as('rep1').get(`/api/v1/activities/${managerCall}`)).status).toBe(200);
      const ofContact = await as('rep1').get(`/api/v1/activities?contactId=${repContact}&count=true`);
      expect(ofContact.body.items.map((a: { id: string }) => a.id).sort()).toEqual([repCall, managerCall].sort());
      expect(ofContact.body.total).toBe(2);
      const plain = await as('rep1').get('/api/v1/activities?limit=200');
      const plainIds = plain.body.items.map((a: { id: string }) => a.id);
      expect(plainIds).toContain(repCall);
      expect(plainIds).not.toContain(managerCall);
      expect(plain.body.items.every((a: { ownerId: string }) => a.ownerId === users.rep1.id)).toBe(true);
      expect((await as('rep1').patch(`/api/v1/activities/${managerCall}`, { body: 'mine now' }, 1)).status).toBe(403);
      expect((await as('rep1').delete(`/api/v1/activities/${managerCall}`, 1)).status).toBe(403);
      expect((await as('rep1').post('/api/v1/activities', { kind: 'note', body: 'for the boss', contactId: repContact, ownerId: users.manager.id })).status).toBe(403);
    });

    it('lets the team lead work with the team’s activities, and the manager with all', async () => {
      expect((await as('lead').get(`/api/v1/activities/${repCall}`)).status).toBe(200);
      const leadList = await as('lead').get(`/api/v1/activities?ownerId=${users.rep1.id}&limit=200`);
      expect(leadList.body.items.map((a: { id: string }) => a.id)).toContain(repCall);
      const changed = await as('lead').patch(`/api/v1/activities/${repCall}`, { body: 'Lead added a remark' }, 1);
      expect(changed.status).toBe(200);
      const rep2Contact = await newContact('rep2', 'South Customer');
      expect((await as('lead').post('/api/v1/activities', { kind: 'note', body: 'x', contactId: rep2Contact })).status).toBe(404);
      expect((await as('manager').post('/api/v1/activities', { kind: 'note', body: 'ok', contactId: rep2Contact, ownerId: users.rep2.id })).status).toBe(201);
    });

    it('refuses roles without activities: the marketer reads contacts but not activities', async () => {
      expect((await as('marketer').get(`/api/v1/activities?contactId=${repContact}`)).status).toBe(403);
      expect((await as('marketer').post('/api/v1/activities', { kind: 'note', body: 'x', contactId: repContact })).status).toBe(403);
      // The timeline is still theirs to read, without the activities.
      const timeline = await as('marketer').get(`/api/v1/contacts/${repContact}/timeline`);
      expect(timeline.status).toBe(200);
      expect(timeline.body.items.length).toBeGreaterThan(0);
      expect(timeline.body.items.every((i: { type: string }) => i.type === 'change')).toBe(true);
    });
  });

  it('keeps the last contacted date at the latest call, e-mail or meeting without adding contact changes to the audit trail', async () => {
    const contactId = await newContact('rep1', 'Last Contacted');
    const events = async (table: string, action: string, recordId?: string): Promise<{ actor_id: string | null }[]> =>
      t.dataSource.query(
        `SELECT actor_id FROM audit.events WHERE table_name = $1 AND action = $2 AND ($3::text IS NULL OR record_id = $3)`,
        [table, action, recordId ?? null],
      );
    const updatesBefore = (await events('contacts', 'update', contactId)).length;
    const note = await as('rep1').post('/api/v1/activities', { kind: 'note', body: 'Just a note', contactId, occurredAt: '2030-01-01T00:00:00.000Z' });
    expect(note.status).toBe(201);
    expect(await lastContacted(contactId)).toBeNull();

    const call = await as('rep1').post('/api/v1/activities', { kind: 'call', direction: 'outbound', contactId, occurredAt: '2025-03-01T10:00:00.000Z' });
    expect(await lastContacted(contactId)).toEqual(new Date('2025-03-01T10:00:00.000Z'));
    const inserted = await events('activities', 'insert', call.body.id);
    expect(inserted).toEqual([{ actor_id: users.rep1.id }]);

    const email = await as('rep1').post('/api/v1/activities', { kind: 'email', direction: 'inbound', subject: 'Re: offer', contactId, occurredAt: '2025-02-01T10:00:00.000Z' });
    expect(await lastContacted(contactId)).toEqual(new Date('2025-03-01T10:00:00.000Z'));
    await as('rep1').patch(`/api/v1/activities/${email.body.id}`, { occurredAt: '2025-04-01T10:00:00.000Z' }, 1);
    expect(await lastContacted(contactId)).toEqual(new Date('2025-04-01T10:00:00.000Z'));
    expect((await as('rep1').delete(`/api/v1/activities/${email.body.id}`, 2)).status).toBe(204);
    expect(await lastContacted(contactId)).toEqual(new Date('2025-03-01T10:00:00.000Z'));
    expect((await as('rep1').delete(`/api/v1/activities/${call.body.id}`, 1)).status).toBe(204);
    expect(await lastContacted(contactId)).toBeNull();

    expect((await events('contacts', 'update', contactId)).length).toBe(updatesBefore);
    // A real edit of the contact is still audited.
    await as('rep1').patch(`/api/v1/contacts/${contactId}`, { name: 'Last Contacted Renamed' }, 1);
    expect((await events('contacts', 'update', contactId)).length).toBe(updatesBefore + 1);
  });

  describe('timeline', () => {
    let contactId: string;

    beforeAll(async () => {
      contactId = await newContact('rep1', 'Timeline Person');
      await as('rep1').patch(`/api/v1/contacts/${contactId}`, { phone: '+994501234567' }, 1);
      await as('rep1').patch(`/api/v1/contacts/${contactId}`, { name: 'Timeline Person Renamed' }, 2);
      // A contact point and a company link are changed by the customer repositories; here directly, in an audited transaction.
      await inActorTransaction(t.dataSource, { actorId: users.rep1.id }, async (manager) => {
        const [{ id: pointId }] = await manager.query(`INSERT INTO contact_points (contact_id, kind, value) VALUES ($1, 'email', 'tl@example.az') RETURNING id`, [contactId]);
        await manager.query(`UPDATE contact_points SET label = 'work' WHERE id = $1`, [pointId]);
        const [{ id: companyId }] = await manager.query(`INSERT INTO companies (name, owner_id) VALUES ('Timeline MMC', $1) RETURNING id`, [users.rep1.id]);
        await manager.query(`INSERT INTO contact_companies (contact_id, company_id) VALUES ($1, $2)`, [contactId, companyId]);
      });
      for (const [kind, extra, at] of [
        ['call', { direction: 'outbound', outcome: 'no_answer' }, '2020-01-01T09:00:00.000Z'],
        ['note', { body: 'Prefers WhatsApp' }, '2020-01-02T09:00:00.000Z'],
        ['meeting', { subject: 'Demo', durationSeconds: 1800 }, '2099-01-01T09:00:00.000Z'],
        ['email', { direction: 'inbound', subject: 'Question' }, '2020-01-02T09:00:00.000Z'],
      ] as const) {
        const res = await as('rep1').post('/api/v1/activities', { kind, ...extra, occurredAt: at, contactId });
        expect(res.status).toBe(201);
      }
    });

    const all = async (who: Who, query: string, limit: number): Promise<{ type: string; at: string; id: string; actorName: string | null; activity?: { kind: string }; change?: { table: string; action: string; changes: Record<string, unknown> } }[]> => {
      const items = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await as(who).get(`/api/v1/contacts/${contactId}/timeline?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        items.push(...res.body.items);
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 50);
      return items;
    };

    it('merges activities and every change newest first, the same page by page as at once', async () => {
      const whole = await all('rep1', '', 200);
      const atTimes = whole.map((i) => Date.parse(i.at));
      expect([...atTimes].sort((a, b) => b - a)).toEqual(atTimes);
      expect(whole[0]).toMatchObject({ type: 'activity', actorName: 'rep1', activity: { kind: 'meeting' } });
      expect(whole.slice(-3).map((i) => i.activity?.kind).sort()).toEqual(['call', 'email', 'note']);
      expect(whole[whole.length - 1].activity?.kind).toBe('call');

      const changes = whole.filter((i) => i.type === 'change');
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit.events WHERE kind = 'data' AND (
           (table_name = 'contacts' AND record_id = $1::text)
           OR (table_name = 'contact_points' AND record_id IN (SELECT id::text FROM contact_points WHERE contact_id = $1::uuid))
           OR (table_name = 'contact_companies' AND record_id LIKE $1::text || ':%'))`,
        [contactId],
      );
      expect(changes.length).toBe(n);
      expect(changes.map((c) => `${c.change?.table}.${c.change?.action}`).sort()).toEqual(
        // The phone edit adds a contact point besides changing the contact's primary phone.
        ['contact_companies.insert', 'contact_points.insert', 'contact_points.insert', 'contact_points.update', 'contacts.insert', 'contacts.update', 'contacts.update'].sort(),
      );
      const rename = changes.find((c) => c.change?.table === 'contacts' && c.change.changes.name !== undefined && c.change.action === 'update');
      expect(rename).toMatchObject({ actorName: 'rep1', change: { changes: { name: { old: 'Timeline Person', new: 'Timeline Person Renamed' } } } });
      expect(changes.every((c) => c.actorName === 'rep1')).toBe(true);

      for (const size of [1, 2, 3]) {
        expect((await all('rep1', '', size)).map((i) => `${i.type}:${i.id}`)).toEqual(whole.map((i) => `${i.type}:${i.id}`));
      }
    });

    it('filters by type', async () => {
      const calls = await all('rep1', '&types=call,email', 200);
      expect(calls.map((i) => i.activity?.kind)).toEqual(['email', 'call']);
      const changes = await all('rep1', '&types=change', 2);
      expect(changes.length).toBe(7);
      expect(changes.every((i) => i.type === 'change')).toBe(true);
      const bad = await as('rep1').get(`/api/v1/contacts/${contactId}/timeline?types=call,fax`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('types');
      expect((await as('rep1').get(`/api/v1/contacts/${contactId}/timeline?cursor=bm9wZQ`)).body.errors[0].field).toBe('cursor');
    });

    it('is visible to whoever may read the contact and to nobody else', async () => {
      expect((await as('lead').get(`/api/v1/contacts/${contactId}/timeline`)).status).toBe(200);
      expect((await as('manager').get(`/api/v1/contacts/${contactId}/timeline`)).body.items.length).toBeGreaterThan(5);
      expect((await as('rep2').get(`/api/v1/contacts/${contactId}/timeline`)).status).toBe(404);
      expect((await as('rep2').get(`/api/v1/contacts/00000000-0000-4000-8000-000000000000/timeline`)).status).toBe(404);
    });

    it('names the responsible person before and after a handover, in the timeline and in the history', async () => {
      const created = await as('manager').post('/api/v1/companies', { name: 'Təhvil MMC', ownerId: users.rep1.id });
      expect(created.status).toBe(201);
      const id = created.body.id;
      expect((await as('manager').patch(`/api/v1/companies/${id}`, { ownerId: users.rep2.id }, 1)).status).toBe(200);

      const timeline = await as('rep2').get(`/api/v1/companies/${id}/timeline`);
      expect(timeline.status).toBe(200);
      const handover = timeline.body.items.find((i: { change?: { action: string } }) => i.change?.action === 'update');
      expect(handover.change.changes.owner_id).toEqual({ old: users.rep1.id, new: users.rep2.id });
      expect(timeline.body.userNames).toEqual({ [users.rep1.id]: 'rep1', [users.rep2.id]: 'rep2' });

      const history = await as('rep2').get(`/api/v1/companies/${id}/history`);
      expect(history.status).toBe(200);
      // Who acted, too: the history names its actors by login only.
      expect(history.body.userNames).toEqual({ [users.manager.id]: 'manager', [users.rep1.id]: 'rep1', [users.rep2.id]: 'rep2' });

      // The previous owner no longer sees the company, nor the names through it.
      expect((await as('rep1').get(`/api/v1/companies/${id}/timeline`)).status).toBe(404);
      expect((await as('rep1').get(`/api/v1/companies/${id}/history`)).status).toBe(404);

      const contactId = await newContact('rep1', 'Adsız Əlaqə');
      const contactHistory = await as('rep1').get(`/api/v1/contacts/${contactId}/history`);
      expect(contactHistory.body.userNames).toEqual({ [users.rep1.id]: 'rep1' });
      expect((await as('rep1').get(`/api/v1/contacts/${contactId}/timeline`)).body.userNames).toEqual({ [users.rep1.id]: 'rep1' });
    });

    it('serves the company timeline with the company’s activities and link changes', async () => {
      const [{ id: companyId }] = await t.dataSource.query(`SELECT id FROM companies WHERE name = 'Timeline MMC'`);
      const logged = await as('rep1').post('/api/v1/activities', { kind: 'call', direction: 'inbound', companyId, occurredAt: '2021-05-05T05:00:00.000Z' });
      expect(logged.status).toBe(201);
      const res = await as('rep1').get(`/api/v1/companies/${companyId}/timeline`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: { type: string; activity?: { id: string }; change?: { table: string } }) => i.activity?.id ?? i.change?.table).sort())
        .toEqual([logged.body.id, 'companies', 'contact_companies'].sort());
      const [{ last }] = await t.dataSource.query('SELECT last_contacted_at AS last FROM companies WHERE id = $1', [companyId]);
      expect(last).toEqual(new Date('2021-05-05T05:00:00.000Z'));
      expect((await as('rep2').get(`/api/v1/companies/${companyId}/timeline`)).status).toBe(404);
    });
  });
});
