import { ConfigError, loadConfig } from '../src/common/config/app-config';
import { createTestApp, TestApp } from './test-app';

describe('pipelines and lost reasons', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({
    get: (url: string) => t.http().get(url).auth(tokens[who], { type: 'bearer' }),
    post: (url: string) => t.http().post(url).auth(tokens[who], { type: 'bearer' }),
    patch: (url: string) => t.http().patch(url).auth(tokens[who], { type: 'bearer' }),
    delete: (url: string) => t.http().delete(url).auth(tokens[who], { type: 'bearer' }),
  });
  const STAGES = [
    { name: 'Contact', probability: 20, kind: 'open' },
    { name: 'Offer', probability: 60, kind: 'open' },
    { name: 'Won', probability: 100, kind: 'won' },
    { name: 'Lost', probability: 0, kind: 'lost' },
  ];

  beforeAll(async () => {
    t = await createTestApp();
    for (const [login, role] of [['admin', 'admin'], ['manager', 'manager'], ['rep', 'sales_rep'], ['lead', 'team_lead'], ['auditor', 'auditor'], ['agent', 'service_agent']]) {
      await t.createUser(login, [role]);
      tokens[login] = (await t.login(login)).token;
    }
  });
  afterAll(() => t.close());

  it('lists the default pipeline with its six stages in order, and the default lost reasons', async () => {
    const res = await as('rep').get('/api/v1/pipelines');
    expect(res.status).toBe(200);
    const [sales] = res.body.items;
    expect(sales).toMatchObject({ name: 'Sales', labels: { az: 'Satış' }, archived: false, staleAfterDays: 14, version: 1 });
    expect(sales.stages.map((s: { kind: string; probability: number }) => [s.kind, s.probability])).toEqual([
      ['open', 10], ['open', 25], ['open', 50], ['open', 75], ['won', 100], ['lost', 0],
    ]);
    expect(sales.stages[0].labels).toMatchObject({ az: 'İlkin əlaqə', tr: 'İlk temas', ru: 'Первичный контакт' });
    const reasons = await as('rep').get('/api/v1/lost-reasons');
    expect(reasons.body.items).toHaveLength(5);
    expect(reasons.body.items[0]).toMatchObject({ name: 'Price too high', labels: { az: 'Qiymət yüksəkdir' }, archived: false });
  });

  it('creates, changes (stages as a complete ordered list) and deletes a pipeline, audited, with versions', async () => {
    const created = await as('manager').post('/api/v1/pipelines').set('Idempotency-Key', 'renewals-1').send({ name: 'Renewals', labels: { az: 'Yeniləmələr' }, staleAfterDays: 30, stages: STAGES });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body.stages.map((s: { name: string }) => s.name)).toEqual(['Contact', 'Offer', 'Won', 'Lost']);
    const replay = await as('manager').post('/api/v1/pipelines').set('Idempotency-Key', 'renewals-1').send({ name: 'Renewals', labels: { az: 'Yeniləmələr' }, staleAfterDays: 30, stages: STAGES });
    expect(replay.body.id).toBe(created.body.id);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const id = created.body.id;
    const [contact, offer, won, lost] = created.body.stages;

    // Reorder, rename one, drop "Offer", add "Demo".
    const stages = [
      { id: contact.id, name: 'First call', probability: 15, kind: 'open' },
      { name: 'Demo', probability: 40, kind: 'open' },
      { id: won.id, name: 'Won', probability: 100, kind: 'won' },
      { id: lost.id, name: 'Lost', probability: 0, kind: 'lost' },
    ];
    expect((await as('manager').patch(`/api/v1/pipelines/${id}`).send({ stages })).status).toBe(428);
    expect((await as('manager').patch(`/api/v1/pipelines/${id}`).set('If-Match', '"7"').send({ stages })).status).toBe(412);
    const updated = await as('manager').patch(`/api/v1/pipelines/${id}`).set('If-Match', '"1"').send({ stages, staleAfterDays: 21 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, staleAfterDays: 21 });
    expect(updated.body.stages.map((s: { name: string; probability: number }) => [s.name, s.probability])).toEqual([['First call', 15], ['Demo', 40], ['Won', 100], ['Lost', 0]]);
    expect(updated.body.stages[0].id).toBe(contact.id);
    expect(updated.body.stages.some((s: { id: string }) => s.id === offer.id)).toBe(false);

    const [manager] = await t.dataSource.query(`SELECT id FROM users WHERE login = 'manager'`);
    const events = await t.dataSource.query(
      `SELECT table_name, action, actor_id FROM audit.events WHERE kind = 'data' AND (record_id = $1 OR record_id = $2) ORDER BY id`, [id, offer.id],
    );
    expect(events).toEqual(expect.arrayContaining([
      { table_name: 'pipelines', action: 'insert', actor_id: manager.id },
      { table_name: 'pipelines', action: 'update', actor_id: manager.id },
      { table_name: 'pipeline_stages', action: 'delete', actor_id: manager.id },
    ]));

    expect((await as('manager').delete(`/api/v1/pipelines/${id}`).set('If-Match', '"1"')).status).toBe(412);
    expect((await as('manager').delete(`/api/v1/pipelines/${id}`).set('If-Match', '"2"')).status).toBe(204);
    expect((await as('manager').get(`/api/v1/pipelines/${id}`)).status).toBe(404);
  });

  it('needs an open, a won and a lost stage; refuses stages of another pipeline', async () => {
    const noLost = await as('admin').post('/api/v1/pipelines').send({ name: 'Bad', stages: STAGES.filter((s) => s.kind !== 'lost') });
    expect(noLost.status).toBe(400);
    expect(noLost.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(noLost.body.errors).toEqual([{ field: 'stages', message: 'needs at least one lost stage' }]);
    const badProbability = await as('admin').post('/api/v1/pipelines').send({ name: 'Bad', stages: [{ ...STAGES[0], probability: 101 }, ...STAGES.slice(1)] });
    expect(badProbability.status).toBe(400);
    expect(badProbability.body.errors[0].field).toMatch(/^stages\.0\.probability|stages\[0\]\.probability/);

    const [sales] = (await as('admin').get('/api/v1/pipelines')).body.items;
    const other = await as('admin').post('/api/v1/pipelines').send({ name: 'Other', stages: STAGES });
    const foreign = await as('admin').patch(`/api/v1/pipelines/${other.body.id}`).set('If-Match', '"1"')
      .send({ stages: [{ id: sales.stages[0].id, name: 'Stolen', probability: 10, kind: 'open' }, ...STAGES.slice(2)] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].field).toBe('stages[0].id');
  });

  it('refuses to remove a stage that holds deals (409 naming stages) and to delete a pipeline with deals', async () => {
    const pipeline = (await as('admin').post('/api/v1/pipelines').send({ name: 'With deals', stages: STAGES })).body;
    const deal = await as('admin').post('/api/v1/deals').send({ title: 'Held', pipelineId: pipeline.id, stageId: pipeline.stages[1].id });
    expect(deal.status).toBe(201);
    const keep = pipeline.stages.filter((_: unknown, i: number) => i !== 1).map(({ id, name, probability, kind }: { id: string; name: string; probability: number; kind: string }) => ({ id, name, probability, kind }));
    const removed = await as('admin').patch(`/api/v1/pipelines/${pipeline.id}`).set('If-Match', '"1"').send({ stages: keep });
    expect(removed.status).toBe(409);
    expect(removed.body.errors[0].field).toBe('stages');
    expect((await as('admin').get(`/api/v1/pipelines/${pipeline.id}`)).body.stages).toHaveLength(4);
    const unchanged = pipeline.stages.map(({ id, name, probability, kind }: { id: string; name: string; probability: number; kind: string }) => ({ id, name, probability, kind }));
    const rekinded = await as('admin').patch(`/api/v1/pipelines/${pipeline.id}`).set('If-Match', '"1"')
      .send({ stages: unchanged.map((s: { kind: string }, i: number) => (i === 1 ? { ...s, kind: 'won' } : s)) });
    expect(rekinded.status).toBe(409);
    expect(rekinded.body.errors[0].field).toBe('stages');
    const deleted = await as('admin').delete(`/api/v1/pipelines/${pipeline.id}`).set('If-Match', '"1"');
    expect(deleted.status).toBe(409);
    // Archiving is the way out; archived pipelines come last and can be hidden.
    const archived = await as('admin').patch(`/api/v1/pipelines/${pipeline.id}`).set('If-Match', '"1"').send({ archived: true });
    expect(archived.status).toBe(200);
    const all = (await as('rep').get('/api/v1/pipelines')).body.items;
    expect(all[all.length - 1].id).toBe(pipeline.id);
    const active = (await as('rep').get('/api/v1/pipelines?archived=false')).body.items;
    expect(active.some((p: { id: string }) => p.id === pipeline.id)).toBe(false);
    const newDeal = await as('admin').post('/api/v1/deals').send({ title: 'Into archive', pipelineId: pipeline.id });
    expect(newDeal.status).toBe(400);
    expect(newDeal.body.errors[0].field).toBe('pipelineId');
  });

  it('only Pipeline managers change pipelines and lost reasons; every sales role reads them', async () => {
    for (const who of ['rep', 'lead', 'auditor']) {
      expect((await as(who).get('/api/v1/pipelines')).status).toBe(200);
      expect((await as(who).get('/api/v1/lost-reasons')).status).toBe(200);
      expect((await as(who).post('/api/v1/pipelines').send({ name: 'Mine', stages: STAGES })).status).toBe(403);
      expect((await as(who).post('/api/v1/lost-reasons').send({ name: 'Mine' })).status).toBe(403);
    }
    expect((await as('agent').get('/api/v1/pipelines')).status).toBe(403);
    const [sales] = (await as('rep').get('/api/v1/pipelines')).body.items;
    expect((await as('rep').patch(`/api/v1/pipelines/${sales.id}`).set('If-Match', `"${sales.version}"`).send({ name: 'Mine' })).status).toBe(403);
    expect((await as('lead').delete(`/api/v1/pipelines/${sales.id}`).set('If-Match', `"${sales.version}"`)).status).toBe(403);
    const [reason] = (await as('rep').get('/api/v1/lost-reasons')).body.items;
    expect((await as('rep').patch(`/api/v1/lost-reasons/${reason.id}`).set('If-Match', '"1"').send({ name: 'x' })).status).toBe(403);
    expect((await as('auditor').delete(`/api/v1/lost-reasons/${reason.id}`).set('If-Match', '"1"')).status).toBe(403);
  });

  it('creates, renames and deletes lost reasons; a reason some deal has is archived instead', async () => {
    const created = await as('manager').post('/api/v1/lost-reasons').send({ name: 'Timing', labels: { az: 'Vaxt uyğun deyil', tr: 'Zamanlama' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Timing', archived: false, version: 1 });
    const renamed = await as('manager').patch(`/api/v1/lost-reasons/${created.body.id}`).set('If-Match', '"1"').send({ name: 'Bad timing' });
    expect(renamed.body).toMatchObject({ name: 'Bad timing', version: 2 });
    expect((await as('manager').patch(`/api/v1/lost-reasons/${created.body.id}`).set('If-Match', '"1"').send({ name: 'x' })).status).toBe(412);
    expect((await as('manager').delete(`/api/v1/lost-reasons/${created.body.id}`).set('If-Match', '"2"')).body).toEqual({ result: 'deleted' });

    const used = (await as('manager').post('/api/v1/lost-reasons').send({ name: 'Used' })).body;
    const [sales] = (await as('manager').get('/api/v1/pipelines')).body.items;
    const deal = (await as('manager').post('/api/v1/deals').send({ title: 'Lost one' })).body;
    const lostStage = sales.stages.find((s: { kind: string }) => s.kind === 'lost');
    expect((await as('manager').patch(`/api/v1/deals/${deal.id}`).set('If-Match', '"1"').send({ stageId: lostStage.id, lostReasonId: used.id })).status).toBe(200);
    const removed = await as('manager').delete(`/api/v1/lost-reasons/${used.id}`).set('If-Match', '"1"');
    expect(removed.body).toEqual({ result: 'archived' });
    const reasons = (await as('manager').get('/api/v1/lost-reasons')).body.items;
    expect(reasons[reasons.length - 1]).toMatchObject({ id: used.id, archived: true, version: 2 });
    expect((await as('manager').get(`/api/v1/deals/${deal.id}`)).body.lostReasonId).toBe(used.id);
  });
});

describe('CRM_DEFAULT_CURRENCY', () => {
  it('is an ISO 4217 code, AZN unless set', () => {
    expect(loadConfig({}).defaultCurrency).toBe('AZN');
    expect(loadConfig({ CRM_DEFAULT_CURRENCY: ' try ' }).defaultCurrency).toBe('TRY');
    expect(() => loadConfig({ CRM_DEFAULT_CURRENCY: 'XYZ' })).toThrow(ConfigError);
  });

  it('is the currency of new deals that name none', async () => {
    const t = await createTestApp({ CRM_DEFAULT_CURRENCY: 'TRY' });
    try {
      await t.createUser('seller', ['sales_rep']);
      const { token } = await t.login('seller');
      const deal = await t.http().post('/api/v1/deals').auth(token, { type: 'bearer' }).send({ title: 'İstanbul şubesi', amount: 1500 });
      expect(deal.body).toMatchObject({ currency: 'TRY', amount: 1500 });
    } finally {
      await t.close();
    }
  });
});
