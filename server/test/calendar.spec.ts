import ICAL from 'ical.js';
import { createTestApp, TestApp } from './test-app';

describe('calendar and iCal feed', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const as = (login: string) => ({
    get: (url: string) => t.http().get(url).auth(tokens[login], { type: 'bearer' }),
    post: (url: string, body?: object) => t.http().post(url).auth(tokens[login], { type: 'bearer' }).send(body),
    delete: (url: string) => t.http().delete(url).auth(tokens[login], { type: 'bearer' }),
  });
  const feedPath = (url: string): string => new URL(url).pathname;

  beforeAll(async () => {
    t = await createTestApp({ CRM_PUBLIC_URL: 'https://crm.example.az' });
    const lead = await t.createUser('lead', ['team_lead']);
    ids.lead = lead.id;
    const team = await t.createTeam('Gəncə', lead.id);
    ids.rep1 = (await t.createUser('rep1', ['sales_rep'], { teams: [team] })).id;
    ids.rep2 = (await t.createUser('rep2', ['sales_rep'])).id;
    ids.auditor = (await t.createUser('auditor', ['auditor'])).id;
    for (const login of ['lead', 'rep1', 'rep2', 'auditor']) {
      tokens[login] = (await t.login(login)).token;
    }
  });
  afterAll(() => t.close());

  it('lists items in a range for me, and for the team a lead leads', async () => {
    const at = (iso: string) => ({ dueAt: iso });
    await as('rep1').post('/api/v1/tasks', { title: 'Cal rep1 in', kind: 'meeting', ...at('2031-03-10T08:00:00.000Z'), endsAt: '2031-03-10T09:00:00.000Z' });
    await as('rep1').post('/api/v1/tasks', { title: 'Cal rep1 out', ...at('2031-04-10T08:00:00.000Z') });
    await as('rep2').post('/api/v1/tasks', { title: 'Cal rep2 in', ...at('2031-03-11T08:00:00.000Z') });
    await as('lead').post('/api/v1/tasks', { title: 'Cal lead in', ...at('2031-03-12T08:00:00.000Z') });
    const range = 'from=2031-03-01T00:00:00Z&to=2031-04-01T00:00:00Z';
    const titles = (res: { body: { items: { title: string }[] } }): string[] => res.body.items.map((i) => i.title);

    expect(titles(await as('rep1').get(`/api/v1/calendar?${range}`))).toEqual(['Cal rep1 in']);
    expect(titles(await as('lead').get(`/api/v1/calendar?${range}`))).toEqual(['Cal lead in']);
    expect(titles(await as('lead').get(`/api/v1/calendar?${range}&scope=team`))).toEqual(['Cal rep1 in', 'Cal lead in']);
    expect(titles(await as('lead').get(`/api/v1/calendar?${range}&scope=team&ownerId=${ids.rep1}`))).toEqual(['Cal rep1 in']);
    const notMember = await as('lead').get(`/api/v1/calendar?${range}&scope=team&ownerId=${ids.rep2}`);
    expect(notMember.status).toBe(400);
    expect(notMember.body.errors[0].field).toBe('ownerId');
    expect((await as('rep1').get(`/api/v1/calendar?${range}&scope=team`)).status).toBe(403);
    expect((await as('rep1').get(`/api/v1/calendar?${range}&ownerId=${ids.rep2}`)).status).toBe(400);
    const backwards = await as('rep1').get('/api/v1/calendar?from=2031-03-10T00:00:00Z&to=2031-03-01T00:00:00Z');
    expect(backwards.body.errors[0].field).toBe('to');
    expect((await as('rep1').get('/api/v1/calendar?from=2031-01-01T00:00:00Z&to=2031-06-01T00:00:00Z')).body.errors[0].field).toBe('to');
    expect((await as('rep1').get('/api/v1/calendar')).body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['from', 'to']));
  });

  it('serves a private feed that ical.js reads: events, times, all-day dates; rotating or revoking the secret ends the old URL', async () => {
    expect((await as('rep2').get('/api/v1/calendar/feed')).body).toEqual({ active: false, createdAt: null });
    const meeting = await as('rep2').post('/api/v1/tasks', {
      kind: 'meeting', title: 'Müqavilə görüşü', description: 'Şərtləri müzakirə', dueAt: '2031-05-06T06:30:00.000Z', endsAt: '2031-05-06T07:45:00.000Z',
      location: 'Bakı, Nizami küç. 10', meetingUrl: 'https://meet.example.az/abc',
    });
    const allDay = await as('rep2').post('/api/v1/tasks', { title: 'Hesabat günü', dueAt: '2031-05-06T20:30:00.000Z', allDay: true });
    const timed = await as('rep2').post('/api/v1/tasks', { kind: 'call', title: 'Zəng', dueAt: '2031-05-07T10:00:00.000Z' });
    await as('rep2').post('/api/v1/tasks', { title: 'Undated is not in the feed' });
    await as('rep1').post('/api/v1/tasks', { title: 'Someone else', dueAt: '2031-05-06T10:00:00.000Z' });
    const cancelled = await as('rep2').post('/api/v1/tasks', { kind: 'call', title: 'Cancelled call', dueAt: '2031-05-08T10:00:00.000Z' });
    await t.http().patch(`/api/v1/tasks/${cancelled.body.id}`).auth(tokens.rep2, { type: 'bearer' }).set('If-Match', '"1"').send({ status: 'cancelled' });

    const created = await as('rep2').post('/api/v1/calendar/feed');
    expect(created.status).toBe(201);
    expect(created.body.url).toMatch(/^https:\/\/crm\.example\.az\/api\/v1\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
    const status = await as('rep2').get('/api/v1/calendar/feed');
    expect(status.body.active).toBe(true);
    const secret = /feed\/(.+)\.ics$/.exec(created.body.url)![1];
    const [{ secret_hash }] = await t.dataSource.query('SELECT secret_hash FROM calendar_feeds WHERE user_id = $1', [ids.rep2]);
    expect(secret_hash).not.toContain(secret);

    const res = await t.http().get(feedPath(created.body.url));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const byTitle = new Map(events.map((e) => [e.summary, e]));
    expect([...byTitle.keys()].sort()).toEqual(['Cal rep2 in', 'Cancelled call', 'Hesabat günü', 'Müqavilə görüşü', 'Zəng']);

    const m = byTitle.get('Müqavilə görüşü')!;
    expect(m.uid).toBe(`${meeting.body.id}@crm`);
    expect(m.startDate.toJSDate().toISOString()).toBe('2031-05-06T06:30:00.000Z');
    expect(m.endDate.toJSDate().toISOString()).toBe('2031-05-06T07:45:00.000Z');
    expect(m.startDate.zone?.tzid).toBe('UTC');
    expect(m.description).toBe('Şərtləri müzakirə');
    expect(m.location).toBe('Bakı, Nizami küç. 10');
    expect(m.component.getFirstPropertyValue('url')).toBe('https://meet.example.az/abc');
    expect(m.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(m.component.getFirstPropertyValue('dtstamp')).toBeTruthy();

    // All day: the date in the install's time zone (Asia/Baku, UTC+4): 20:30Z on the 6th is the 7th there.
    const d = byTitle.get('Hesabat günü')!;
    expect(d.uid).toBe(`${allDay.body.id}@crm`);
    expect(d.startDate.isDate).toBe(true);
    expect(d.startDate.toString()).toBe('2031-05-07');
    expect(d.endDate.toString()).toBe('2031-05-08');

    const z = byTitle.get('Zəng')!;
    expect(z.uid).toBe(`${timed.body.id}@crm`);
    expect(z.startDate.isDate).toBe(false);
    expect(z.startDate.toJSDate().toISOString()).toBe('2031-05-07T10:00:00.000Z');
    expect(byTitle.get('Cancelled call')!.component.getFirstPropertyValue('status')).toBe('CANCELLED');

    // The UID stays when the task changes.
    await t.http().patch(`/api/v1/tasks/${meeting.body.id}`).auth(tokens.rep2, { type: 'bearer' }).set('If-Match', '"1"').send({ title: 'Müqavilə görüşü (yeni)' });
    const again = new ICAL.Component(ICAL.parse((await t.http().get(feedPath(created.body.url))).text));
    const renamed = again.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)).find((e) => e.uid === `${meeting.body.id}@crm`)!;
    expect(renamed.summary).toBe('Müqavilə görüşü (yeni)');

    // A new secret replaces the old one; a revoked one answers 404 as well, as does a made-up one.
    const rotated = await as('rep2').post('/api/v1/calendar/feed');
    expect(rotated.body.url).not.toBe(created.body.url);
    expect((await t.http().get(feedPath(created.body.url))).status).toBe(404);
    expect((await t.http().get(feedPath(rotated.body.url))).status).toBe(200);
    expect((await as('rep2').delete('/api/v1/calendar/feed')).status).toBe(204);
    expect((await t.http().get(feedPath(rotated.body.url))).status).toBe(404);
    expect((await as('rep2').get('/api/v1/calendar/feed')).body.active).toBe(false);
    expect((await t.http().get('/api/v1/calendar/feed/nonsense.ics')).status).toBe(404);

    // Creating and revoking are in the audit trail, without the secret.
    const events2 = await t.dataSource.query(
      `SELECT e.action, u.login FROM audit.events e JOIN users u ON u.id = e.actor_id WHERE e.table_name = 'calendar_feeds' ORDER BY e.id`);
    expect(events2.map((e: { action: string }) => e.action)).toEqual(['insert', 'update', 'delete']);
    expect(events2.every((e: { login: string }) => e.login === 'rep2')).toBe(true);
  });

  it('answers only what the owner may still read: an owner who lost their role or was deactivated gets no feed', async () => {
    const feed = await as('rep1').post('/api/v1/calendar/feed');
    await as('rep1').post('/api/v1/tasks', { title: 'Visible while a rep', dueAt: '2031-06-01T10:00:00.000Z' });
    expect((await t.http().get(feedPath(feed.body.url))).text).toContain('Visible while a rep');
    await t.dataSource.query(`DELETE FROM user_roles WHERE user_id = $1`, [ids.rep1]);
    expect((await t.http().get(feedPath(feed.body.url))).status).toBe(404);
    await t.dataSource.query(`INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE name = 'sales_rep'`, [ids.rep1]);
    await t.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [ids.rep1]);
    expect((await t.http().get(feedPath(feed.body.url))).status).toBe(404);
  });
});
