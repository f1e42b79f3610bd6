import { createTestApp, TestApp } from './test-app';

describe('tasks, meetings and calls', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const as = (login: string) => ({
    get: (url: string) => t.http().get(url).auth(tokens[login], { type: 'bearer' }),
    post: (url: string, body?: object) => t.http().post(url).auth(tokens[login], { type: 'bearer' }).send(body),
    patch: (url: string, body: object, version?: number) => {
      const req = t.http().patch(url).auth(tokens[login], { type: 'bearer' });
      return (version === undefined ? req : req.set('If-Match', `"${version}"`)).send(body);
    },
    delete: (url: string, version?: number) => {
      const req = t.http().delete(url).auth(tokens[login], { type: 'bearer' });
      return version === undefined ? req : req.set('If-Match', `"${version}"`);
    },
  });
  const fields = (res: { body: { errors?: { field: string }[] } }): string[] => (res.body.errors ?? []).map((e) => e.field);
  const inHours = (h: number): string => new Date(Date.now() + h * 3600_000).toISOString();

  async function contactOf(owner: string, name: string): Promise<string> {
    const [{ id }] = await t.dataSource.query('INSERT INTO contacts (name, owner_id) VALUES ($1, $2) RETURNING id', [name, ids[owner]]);
    return id;
  }
  async function dealOf(owner: string, title: string): Promise<string> {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO deals (title, currency, pipeline_id, stage_id, owner_id)
       SELECT $1, 'AZN', p.id, s.id, $2 FROM pipelines p JOIN pipeline_stages s ON s.pipeline_id = p.id ORDER BY p.position, s.position LIMIT 1 RETURNING id`,
      [title, ids[owner]],
    );
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    const lead = await t.createUser('lead', ['team_lead']);
    const team = await t.createTeam('Bakı satış', lead.id);
    for (const [login, roles, teams] of [
      ['manager', ['manager'], []],
      ['rep1', ['sales_rep'], [team]],
      ['rep2', ['sales_rep'], [team]],
      ['outsider', ['sales_rep'], []],
      ['auditor', ['auditor'], []],
    ] as const) {
      ids[login] = (await t.createUser(login, [...roles], { teams: [...teams] })).id;
    }
    ids.lead = lead.id;
    for (const login of ['manager', 'rep1', 'rep2', 'outsider', 'auditor', 'lead']) {
      tokens[login] = (await t.login(login)).token;
    }
  });
  afterAll(() => t.close());

  it('creates, reads, updates and deletes a task with versions, completion and audit', async () => {
    const contactId = await contactOf('rep1', 'Əliyeva Nigar');
    const dealId = await dealOf('rep1', 'Ofis mebeli');
    const created = await as('rep1').post('/api/v1/tasks', {
      title: '  Təklifi göndər ', dueAt: inHours(5), priority: 'high', remindBeforeMinutes: 30, contactId, dealId, description: 'Qiymətlə',
    });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      kind: 'task', title: 'Təklifi göndər', priority: 'high', status: 'open', completedAt: null, overdue: false,
      contactId, contactName: 'Əliyeva Nigar', dealId, dealTitle: 'Ofis mebeli', ownerId: ids.rep1, ownerName: 'rep1', participants: [], version: 1,
    });
    expect(new Date(created.body.dueAt).getTime() - new Date(created.body.remindAt).getTime()).toBe(30 * 60_000);
    const id = created.body.id;

    const got = await as('rep1').get(`/api/v1/tasks/${id}`);
    expect(got.status).toBe(200);
    expect(got.headers.etag).toBe('"1"');

    expect((await as('rep1').patch(`/api/v1/tasks/${id}`, { status: 'done' })).status).toBe(428);
    const done = await as('rep1').patch(`/api/v1/tasks/${id}`, { status: 'done' }, 1);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', version: 2 });
    expect(done.body.completedAt).not.toBeNull();
    expect((await as('rep1').patch(`/api/v1/tasks/${id}`, { title: 'Lost' }, 1)).status).toBe(412);
    const reopened = await as('rep1').patch(`/api/v1/tasks/${id}`, { status: 'open', version: 2 });
    expect(reopened.body).toMatchObject({ status: 'open', completedAt: null, version: 3 });

    const events = await t.dataSource.query(
      `SELECT e.action, u.login FROM audit.events e JOIN users u ON u.id = e.actor_id WHERE e.table_name = 'tasks' AND e.record_id = $1 ORDER BY e.id`, [id]);
    expect(events.map((e: { action: string }) => e.action)).toEqual(['insert', 'update', 'update']);
    expect(events.every((e: { login: string }) => e.login === 'rep1')).toBe(true);

    expect((await as('rep1').delete(`/api/v1/tasks/${id}`)).status).toBe(428);
    expect((await as('rep1').delete(`/api/v1/tasks/${id}`, 2)).status).toBe(412);
    expect((await as('rep1').delete(`/api/v1/tasks/${id}`, 3)).status).toBe(204);
    expect((await as('rep1').get(`/api/v1/tasks/${id}`)).status).toBe(404);
    const [{ action }] = await t.dataSource.query(`SELECT action FROM audit.events WHERE table_name = 'tasks' AND record_id = $1 ORDER BY id DESC LIMIT 1`, [id]);
    expect(action).toBe('delete');
  });

  it('plans meetings with participants, and refuses schedules and participants that make no sense', async () => {
    const contactId = await contactOf('rep1', 'Quliyev Rauf');
    const meeting = await as('rep1').post('/api/v1/tasks', {
      kind: 'meeting', title: 'Görüş', dueAt: inHours(24), endsAt: inHours(25), location: 'Nizami küç. 10', meetingUrl: 'https://meet.example.az/x',
      participants: [{ userId: ids.rep2 }, { contactId }],
    });
    expect(meeting.status).toBe(201);
    expect(meeting.body.participants).toEqual([
      { userId: ids.rep2, contactId: null, name: 'rep2' },
      { userId: null, contactId, name: 'Quliyev Rauf' },
    ]);

    const noStart = await as('rep1').post('/api/v1/tasks', { kind: 'meeting', title: 'No start' });
    expect(noStart.status).toBe(400);
    expect(noStart.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(fields(noStart)).toEqual(['dueAt']);
    expect(fields(await as('rep1').post('/api/v1/tasks', { kind: 'call', title: 'Backwards', dueAt: inHours(3), endsAt: inHours(2) }))).toEqual(['endsAt']);
    expect(fields(await as('rep1').post('/api/v1/tasks', { title: 'No remind base', remindBeforeMinutes: 10 }))).toEqual(['remindBeforeMinutes']);
    const outsiderContact = await contactOf('outsider', 'Not yours');
    const badPeople = await as('rep1').post('/api/v1/tasks', {
      kind: 'meeting', title: 'Bad people', dueAt: inHours(2),
      participants: [{}, { userId: ids.rep2, contactId }, { contactId: outsiderContact }, { userId: '00000000-0000-4000-8000-000000000000' }, { userId: ids.rep2 }, { userId: ids.rep2 }],
    });
    expect(badPeople.status).toBe(400);
    expect(fields(badPeople)).toEqual(['participants[0]', 'participants[1]', 'participants[2].contactId', 'participants[3].userId', 'participants[5]']);
    expect(fields(await as('rep1').post('/api/v1/tasks', { title: 'x', kind: 'visit', extra: 1 }))).toEqual(expect.arrayContaining(['kind', 'extra']));
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM tasks WHERE title IN ('No start', 'Backwards', 'Bad people')`);
    expect(n).toBe(0);

    const moved = await as('rep1').patch(`/api/v1/tasks/${meeting.body.id}`, { dueAt: inHours(48) }, 1);
    expect(fields(moved)).toEqual(['endsAt']);
    const rescheduled = await as('rep1').patch(`/api/v1/tasks/${meeting.body.id}`, { dueAt: inHours(48), endsAt: inHours(49), participants: [{ contactId }] }, 1);
    expect(rescheduled.status).toBe(200);
    expect(rescheduled.body.participants).toEqual([{ userId: null, contactId, name: 'Quliyev Rauf' }]);
  });

  it('answers a retried create with the same key once', async () => {
    const send = () => t.http().post('/api/v1/tasks').auth(tokens.rep1, { type: 'bearer' }).set('Idempotency-Key', 'task-once-1').send({ title: 'Once only' });
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const other = await t.http().post('/api/v1/tasks').auth(tokens.rep1, { type: 'bearer' }).set('Idempotency-Key', 'task-once-1').send({ title: 'Different' });
    expect(other.status).toBe(422);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM tasks WHERE title = 'Once only'`);
    expect(n).toBe(1);
  });

  it('links only records the caller may read, naming the field', async () => {
    const theirContact = await contactOf('outsider', 'Başqasının müştərisi');
    const theirDeal = await dealOf('outsider', 'Başqasının sövdələşməsi');
    const [{ id: theirCompany }] = await t.dataSource.query('INSERT INTO companies (name, owner_id) VALUES ($1, $2) RETURNING id', ['Başqa MMC', ids.outsider]);
    const res = await as('rep1').post('/api/v1/tasks', { title: 'Sneaky', contactId: theirContact, companyId: theirCompany, dealId: theirDeal });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(['contactId', 'companyId', 'dealId']);
    expect(fields(await as('rep1').post('/api/v1/tasks', { title: 'Ghost', dealId: '00000000-0000-4000-8000-000000000000' }))).toEqual(['dealId']);

    // The manager links the outsider's contact to rep1's task; rep1 still sees the task, not the contact's name.
    const task = await as('manager').post('/api/v1/tasks', { title: 'Linked by the manager', ownerId: ids.rep1, contactId: theirContact });
    expect(task.status).toBe(201);
    const seen = await as('rep1').get(`/api/v1/tasks/${task.body.id}`);
    expect(seen.body).toMatchObject({ contactId: theirContact, contactName: null });
    // Changing something else keeps the link; re-linking it is not refused as it is already there.
    expect((await as('rep1').patch(`/api/v1/tasks/${task.body.id}`, { title: 'Still linked', contactId: theirContact }, 1)).status).toBe(200);
  });

  it('keeps each role to its tasks through every endpoint', async () => {
    const mine = await as('rep1').post('/api/v1/tasks', { title: 'Scope rep1', dueAt: inHours(1) });
    const theirs = await as('rep2').post('/api/v1/tasks', { title: 'Scope rep2', dueAt: inHours(1) });
    const outside = await as('outsider').post('/api/v1/tasks', { title: 'Scope outsider', dueAt: inHours(1) });
    const titles = async (login: string): Promise<string[]> =>
      (await as(login).get('/api/v1/tasks?q=Scope&limit=50')).body.items.map((i: { title: string }) => i.title).sort();

    expect(await titles('rep1')).toEqual(['Scope rep1']);
    expect(await titles('lead')).toEqual(['Scope rep1', 'Scope rep2']);
    expect(await titles('manager')).toEqual(['Scope outsider', 'Scope rep1', 'Scope rep2']);
    expect(await titles('auditor')).toEqual(['Scope outsider', 'Scope rep1', 'Scope rep2']);
    expect((await as('rep1').get('/api/v1/tasks?q=Scope&count=true')).body.total).toBe(1);

    expect((await as('rep1').get(`/api/v1/tasks/${theirs.body.id}`)).status).toBe(404);
    expect((await as('rep1').patch(`/api/v1/tasks/${theirs.body.id}`, { title: 'Mine now' }, 1)).status).toBe(404);
    expect((await as('rep1').delete(`/api/v1/tasks/${theirs.body.id}`, 1)).status).toBe(404);
    expect((await as('lead').get(`/api/v1/tasks/${theirs.body.id}`)).status).toBe(200);
    expect((await as('lead').get(`/api/v1/tasks/${outside.body.id}`)).status).toBe(404);

    // The auditor reads but changes nothing.
    expect((await as('auditor').get(`/api/v1/tasks/${mine.body.id}`)).status).toBe(200);
    expect((await as('auditor').post('/api/v1/tasks', { title: 'Auditor' })).status).toBe(403);
    expect((await as('auditor').patch(`/api/v1/tasks/${mine.body.id}`, { title: 'Audited' }, 1)).status).toBe(403);
    expect((await as('auditor').delete(`/api/v1/tasks/${mine.body.id}`, 1)).status).toBe(403);

    // A rep may not hand tasks to others; the lead may, within the team, and that is audited.
    expect((await as('rep1').post('/api/v1/tasks', { title: 'For rep2', ownerId: ids.rep2 })).status).toBe(403);
    expect((await as('rep1').patch(`/api/v1/tasks/${mine.body.id}`, { ownerId: ids.rep2 }, 1)).status).toBe(403);
    expect((await as('lead').patch(`/api/v1/tasks/${mine.body.id}`, { ownerId: ids.outsider }, 1)).status).toBe(403);
    const given = await as('lead').patch(`/api/v1/tasks/${mine.body.id}`, { ownerId: ids.rep2 }, 1);
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({ ownerId: ids.rep2, ownerName: 'rep2' });
    const [event] = await t.dataSource.query(
      `SELECT e.details, u.login FROM audit.events e JOIN users u ON u.id = e.actor_id WHERE e.action = 'task.assigned' AND e.record_id = $1`, [mine.body.id]);
    expect(event).toMatchObject({ login: 'lead', details: { from: ids.rep1, to: ids.rep2 } });
    expect((await as('rep1').get(`/api/v1/tasks/${mine.body.id}`)).status).toBe(404);
  });

  it('offers as assignee filter the users whose tasks one sees, and as assignees those one may give tasks to', async () => {
    const names = async (login: string, path: string): Promise<string[]> =>
      (await as(login).get(path)).body.items.map((u: { displayName: string }) => u.displayName).sort();
    await as('outsider').post('/api/v1/tasks', { title: 'Owners outsider', dueAt: inHours(2) });
    await as('rep2').post('/api/v1/tasks', { title: 'Owners rep2', dueAt: inHours(2) });
    expect(await names('lead', '/api/v1/tasks/assignees')).toEqual(['lead', 'rep1', 'rep2']);
    expect(await names('lead', '/api/v1/tasks/owners')).not.toContain('outsider');
    expect(await names('lead', '/api/v1/tasks/owners')).toContain('rep2');
    expect(await names('manager', '/api/v1/tasks/owners')).toContain('outsider');
    expect((await as('rep1').get('/api/v1/tasks/assignees')).status).toBe(403);
    expect((await as('auditor').get('/api/v1/tasks/assignees')).status).toBe(403);
  });

  it('filters, sorts and pages the list', async () => {
    const contactId = await contactOf('manager', 'Filter Contact');
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await as('manager').post('/api/v1/tasks', {
        title: `Filter ${i}`, kind: i % 2 === 0 ? 'task' : 'call', dueAt: i === 6 ? undefined : inHours(i - 2.5), priority: i === 4 ? 'high' : 'normal',
        ...(i < 2 ? { contactId } : {}),
      });
      made.push(res.body.id);
    }
    await as('manager').patch(`/api/v1/tasks/${made[5]}`, { status: 'done' }, 1);
    const list = (query: string) => as('manager').get(`/api/v1/tasks?q=Filter&${query}`);
    const titlesOf = (res: { body: { items: { title: string }[] } }): string[] => res.body.items.map((i) => i.title);

    expect(titlesOf(await list('sort=dueAt'))).toEqual(['Filter 0', 'Filter 1', 'Filter 2', 'Filter 3', 'Filter 4', 'Filter 5', 'Filter 6']);
    expect(titlesOf(await list('sort=-dueAt'))[0]).toBe('Filter 6');
    expect(titlesOf(await list('sort=priority'))[0]).toBe('Filter 4');
    expect(titlesOf(await list('kind=call'))).toEqual(['Filter 1', 'Filter 3', 'Filter 5']);
    expect(titlesOf(await list('kind=call&status=open'))).toEqual(['Filter 1', 'Filter 3']);
    expect(titlesOf(await list('overdue=true'))).toEqual(['Filter 0', 'Filter 1', 'Filter 2']);
    expect(titlesOf(await list(`contactId=${contactId}`))).toEqual(['Filter 0', 'Filter 1']);
    expect(titlesOf(await list(`ownerId=${ids.rep1}`))).toEqual([]);
    const from = encodeURIComponent(inHours(0));
    const to = encodeURIComponent(inHours(2));
    expect(titlesOf(await list(`dueFrom=${from}&dueTo=${to}`))).toEqual(['Filter 3', 'Filter 4']);

    const pages = async (sort: string, limit: number): Promise<string[]> => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { title: string }[]; nextCursor: string | null } } = await list(`sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...titlesOf(res));
        cursor = res.body.nextCursor;
      } while (cursor);
      return seen;
    };
    const ascending = ['Filter 0', 'Filter 1', 'Filter 2', 'Filter 3', 'Filter 4', 'Filter 5', 'Filter 6'];
    for (const limit of [1, 3, 6]) {
      expect(await pages('dueAt', limit)).toEqual(ascending);
      expect(await pages('-dueAt', limit)).toEqual(['Filter 6', 'Filter 5', 'Filter 4', 'Filter 3', 'Filter 2', 'Filter 1', 'Filter 0']);
    }
    expect((await pages('priority', 2))[0]).toBe('Filter 4');
    expect((await pages('-updatedAt', 2)).sort()).toEqual(ascending);
    expect((await list('sort=dueAt&limit=2&count=true')).body.total).toBe(7);
    const otherCursor = (await list('sort=-updatedAt&limit=2')).body.nextCursor;
    expect(fields(await list(`sort=dueAt&cursor=${otherCursor}`))).toEqual(['cursor']);

    expect(fields(await list('sort=colour'))).toEqual(['sort']);
    expect(fields(await list('kind=visit'))).toEqual(['kind']);
    expect(fields(await list('cursor=garbage'))).toEqual(['cursor']);
  });

  it('shows my day: only mine, today, overdue, and my deals gone quiet', async () => {
    const today = await as('rep2').post('/api/v1/tasks', { title: 'Day today', dueAt: inHours(0.01) });
    const undated = await as('rep2').post('/api/v1/tasks', { title: 'Day undated' });
    const late = await as('rep2').post('/api/v1/tasks', { title: 'Day late', dueAt: inHours(-72) });
    const call = await as('rep2').post('/api/v1/tasks', { kind: 'call', title: 'Day call', dueAt: inHours(0.02) });
    await as('rep2').post('/api/v1/tasks', { title: 'Day next week', dueAt: inHours(24 * 7) });
    await as('rep1').post('/api/v1/tasks', { title: 'Day of rep1', dueAt: inHours(0.01) });
    const quiet = await dealOf('rep2', 'Sakit sövdələşmə');
    await t.dataSource.query(`UPDATE deals SET stage_entered_at = now() - interval '30 days' WHERE id = $1`, [quiet]);
    const fresh = await dealOf('rep2', 'Təzə sövdələşmə');
    await t.dataSource.query(`UPDATE deals SET stage_entered_at = now() - interval '30 days', last_contacted_at = now() - interval '1 day' WHERE id = $1`, [fresh]);
    const othersQuiet = await dealOf('rep1', 'rep1 sakit');
    await t.dataSource.query(`UPDATE deals SET stage_entered_at = now() - interval '30 days' WHERE id = $1`, [othersQuiet]);

    const day = await as('rep2').get('/api/v1/my-day');
    expect(day.status).toBe(200);
    expect(day.body.timeZone).toBe('Asia/Baku');
    const titles = (items: { title: string }[]): string[] => items.map((i) => i.title);
    const todayTitles = titles(day.body.tasks);
    // A task due a few minutes from now is today's unless the day ends in between (then it is tomorrow's).
    expect(todayTitles).toContain('Day undated');
    expect(todayTitles).not.toContain('Day next week');
    expect(todayTitles).not.toContain('Day of rep1');
    expect(titles(day.body.overdue)).toEqual(['Day late']);
    expect(day.body.overdue[0].overdue).toBe(true);
    expect(day.body.overdueCount).toBe(1);
    expect(titles(day.body.meetings).every((x) => x === 'Day call')).toBe(true);
    expect(day.body.staleDeals).toEqual([expect.objectContaining({ id: quiet, title: 'Sakit sövdələşmə', silentDays: 30, lastContactedAt: null, currency: 'AZN' })]);
    expect(today.status + undated.status + late.status + call.status).toBe(804);

    const leadDay = await as('lead').get('/api/v1/my-day');
    expect(titles(leadDay.body.overdue)).toEqual([]);
    expect(leadDay.body.overdueCount).toBe(0);
    expect(leadDay.body.staleDeals).toEqual([]);

    // A long overdue list shows its oldest 50 and says how many there are.
    await t.dataSource.query(
      `INSERT INTO tasks (title, due_at, owner_id) SELECT 'Backlog ' || n, now() - interval '10 days' - n * interval '1 minute', $1 FROM generate_series(1, 55) AS n`,
      [ids.lead],
    );
    const backlog = await as('lead').get('/api/v1/my-day');
    expect(backlog.body.overdueCount).toBe(55);
    expect(backlog.body.overdue).toHaveLength(50);
    expect(backlog.body.overdue[0].title).toBe('Backlog 55');
  });
});
