import { createTestApp, TestApp } from './test-app';

interface Stage { id: string; kind: string; probability: number; name: string }

describe('deals', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let pipelineId: string;
  let stages: Stage[];
  let reasons: { id: string }[];
  const as = (who: string) => ({
    get: (url: string) => t.http().get(url).auth(tokens[who], { type: 'bearer' }),
    post: (url: string) => t.http().post(url).auth(tokens[who], { type: 'bearer' }),
    patch: (url: string) => t.http().patch(url).auth(tokens[who], { type: 'bearer' }),
    delete: (url: string) => t.http().delete(url).auth(tokens[who], { type: 'bearer' }),
  });
  const stage = (i: number): Stage => stages[i];
  const lost = (): Stage => stages.find((s) => s.kind === 'lost')!;
  const won = (): Stage => stages.find((s) => s.kind === 'won')!;

  beforeAll(async () => {
    t = await createTestApp();
    const team = await t.createTeam('Bakı satış');
    for (const [login, role, teams] of [
      ['admin', 'admin', []], ['manager', 'manager', []], ['lead', 'team_lead', [team]], ['rep1', 'sales_rep', [team]], ['rep2', 'sales_rep', [team]],
      ['outsider', 'sales_rep', []], ['auditor', 'auditor', []], ['agent', 'service_agent', []],
    ] as [string, string, string[]][]) {
      ids[login] = (await t.createUser(login, [role], { teams })).id;
      tokens[login] = (await t.login(login)).token;
    }
    ids.team = team;
    await t.dataSource.query('UPDATE teams SET lead_id = $1 WHERE id = $2', [ids.lead, team]);
    const [sales] = (await as('manager').get('/api/v1/pipelines')).body.items;
    pipelineId = sales.id;
    stages = sales.stages;
    reasons = (await as('manager').get('/api/v1/lost-reasons')).body.items;
  });
  afterAll(() => t.close());

  it('creates a deal in the first open stage of the first pipeline with the default currency and the caller as owner', async () => {
    const res = await as('rep1').post('/api/v1/deals').set('Idempotency-Key', 'deal-1').send({ title: '  Xəzər: 20 lisenziya ', amount: 1000 });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      title: 'Xəzər: 20 lisenziya', amount: 1000, currency: 'AZN', pipelineId, stageId: stage(0).id, probability: 10, weightedAmount: 100,
      status: 'open', ownerId: ids.rep1, ownerName: 'rep1', closedAt: null, lineItems: [], version: 1, createdBy: ids.rep1,
    });
    const replay = await as('rep1').post('/api/v1/deals').set('Idempotency-Key', 'deal-1').send({ title: '  Xəzər: 20 lisenziya ', amount: 1000 });
    expect(replay.body.id).toBe(res.body.id);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM deals WHERE title = 'Xəzər: 20 lisenziya'`);
    expect(n).toBe(1);
    const history = (await as('rep1').get(`/api/v1/deals/${res.body.id}/stage-history`)).body.items;
    expect(history).toEqual([expect.objectContaining({ stageId: stage(0).id, enteredBy: ids.rep1, enteredByName: 'rep1', leftAt: null })]);
  });

  it('answers bad input with problem+json naming the fields', async () => {
    const res = await as('rep1').post('/api/v1/deals').send({ title: '', amount: 1.234, currency: 'XYZ', expectedCloseDate: '31.12.2026', colour: 'red' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['title', 'amount', 'currency', 'expectedCloseDate', 'colour']));
    const otherStage = await as('rep1').post('/api/v1/deals').send({ title: 'x', stageId: '00000000-0000-4000-8000-000000000000' });
    expect(otherStage.body.errors).toEqual([{ field: 'stageId', message: 'is not a stage of the pipeline' }]);
    expect((await as('rep1').get('/api/v1/deals?sort=colour')).body.errors[0].field).toBe('sort');
    expect((await as('rep1').get('/api/v1/deals?cursor=nope')).body.errors[0].field).toBe('cursor');
    expect((await as('rep1').get('/api/v1/deals/summary?groupBy=colour')).body.errors[0].field).toBe('groupBy');
  });

  it('sums line items exactly in PostgreSQL and refuses an amount alongside them', async () => {
    const res = await as('rep1').post('/api/v1/deals').send({
      title: 'Line items', currency: 'eur',
      lineItems: [{ name: 'Licence', quantity: 3, unitPrice: 19.99, discountPercent: 10 }, { name: 'Setup', quantity: 1, unitPrice: 0.1 }, { name: 'Hours', quantity: 0.2, unitPrice: 0.1 }],
    });
    expect(res.status).toBe(201);
    expect(res.body.lineItems.map((li: { total: number }) => li.total)).toEqual([53.97, 0.1, 0.02]);
    expect(res.body).toMatchObject({ amount: 54.09, currency: 'EUR', weightedAmount: 5.41 });
    const refused = await as('rep1').post('/api/v1/deals').send({ title: 'Both', amount: 5, lineItems: [{ name: 'A', quantity: 1, unitPrice: 1 }] });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('amount');
    const patchAmount = await as('rep1').patch(`/api/v1/deals/${res.body.id}`).set('If-Match', '"1"').send({ amount: 10 });
    expect(patchAmount.status).toBe(400);
    expect(patchAmount.body.errors[0].field).toBe('amount');
    const replaced = await as('rep1').patch(`/api/v1/deals/${res.body.id}`).set('If-Match', '"1"').send({ lineItems: [{ name: 'Only', quantity: 2, unitPrice: 33.33, discountPercent: 33.33 }] });
    expect(replaced.status).toBe(200);
    expect(replaced.body.lineItems).toEqual([expect.objectContaining({ name: 'Only', quantity: 2, unitPrice: 33.33, discountPercent: 33.33, total: 44.44 })]);
    expect(replaced.body.amount).toBe(44.44);
    const timeline = (await as('rep1').get(`/api/v1/deals/${res.body.id}/timeline`)).body.items;
    expect(timeline.filter((e: { change?: { table: string; action: string } }) => e.change?.table === 'deal_line_items').map((e: { change: { action: string } }) => e.change.action))
      .toEqual(expect.arrayContaining(['insert', 'delete']));
  });

  it('moves through stages: probability, weighted amount, stage history with who and how long, closedAt and the lost-reason rule', async () => {
    const deal = (await as('rep1').post('/api/v1/deals').send({ title: 'Mover', amount: 2000 })).body;
    const moved = await as('rep1').patch(`/api/v1/deals/${deal.id}`).set('If-Match', '"1"').send({ stageId: stage(2).id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ stageId: stage(2).id, probability: 50, weightedAmount: 1000, status: 'open', closedAt: null, version: 2 });
    expect(new Date(moved.body.stageEnteredAt).getTime()).toBeGreaterThanOrEqual(new Date(deal.stageEnteredAt).getTime());

    // Lost needs a reason, an active one.
    const noReason = await as('lead').patch(`/api/v1/deals/${deal.id}`).set('If-Match', '"2"').send({ stageId: lost().id });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([{ field: 'lostReasonId', message: 'is required for a lost deal' }]);
    const archived = (await as('manager').post('/api/v1/lost-reasons').send({ name: 'Old reason' })).body;
    await as('manager').patch(`/api/v1/lost-reasons/${archived.id}`).set('If-Match', '"1"').send({ archived: true });
    const archivedReason = await as('lead').patch(`/api/v1/deals/${deal.id}`).set('If-Match', '"2"').send({ stageId: lost().id, lostReasonId: archived.id });
    expect(archivedReason.status).toBe(400);
    expect(archivedReason.body.errors).toEqual([{ field: 'lostReasonId', message: 'is archived' }]);
    const notLost = await as('lead').patch(`/api/v1/deals/${deal.id}`).set('If-Match', '"2"').send({ lostReasonId: reasons[0].id });
    expect(notLost.body.errors[0].field).toBe('lostReasonId');
    const noteOnOpen = await as('lead').patch(`/api/v1/deals/${deal.id}`).set('If-Match', '"2"').send({ lostNote: 'Too early' });
    expect(noteOnOpen.body.errors).toEqual([{ field: 'lostNote', message: 'is only for deals in a lost stage' }]);

    const lostDeal = await as('lead').patch(`/api/v1/deals/${deal.id}`).set('If-Match', '"2"').send({ stageId: lost().id, lostReasonId: reasons[1].id, lostNote: 'Rəqib ucuz verdi' });
    expect(lostDeal.status).toBe(200);
    expect(lostDeal.body).toMatchObject({ status: 'lost', probability: 0, weightedAmount: 0, lostReasonId: reasons[1].id, lostNote: 'Rəqib ucuz verdi' });
    expect(lostDeal.body.closedAt).not.toBeNull();

    // Back to open clears closedAt and the reason; then won.
    const reopened = await as('rep1').patch(`/api/v1/deals/${deal.id}`).set('If-Match', '"3"').send({ stageId: stage(3).id });
    expect(reopened.body).toMatchObject({ status: 'open', closedAt: null, lostReasonId: null, lostNote: null, probability: 75, weightedAmount: 1500 });
    const wonDeal = await as('rep1').patch(`/api/v1/deals/${deal.id}`).set('If-Match', '"4"').send({ stageId: won().id });
    expect(wonDeal.body).toMatchObject({ status: 'won', probability: 100, weightedAmount: 2000 });
    expect(wonDeal.body.closedAt).not.toBeNull();

    const history = await as('rep1').get(`/api/v1/deals/${deal.id}/stage-history`);
    expect(history.status).toBe(200);
    const items = history.body.items;
    expect(items.map((h: { stageId: string }) => h.stageId)).toEqual([stage(0).id, stage(2).id, lost().id, stage(3).id, won().id]);
    expect(items[1]).toMatchObject({ enteredBy: ids.rep1, enteredByName: 'rep1', leftBy: ids.lead, leftByName: 'lead' });
    expect(items[2]).toMatchObject({ enteredBy: ids.lead, leftBy: ids.rep1 });
    expect(items[4]).toMatchObject({ leftAt: null, leftBy: null, leftByName: null });
    for (const [i, h] of items.entries()) {
      expect(h.seconds).toBeGreaterThanOrEqual(0);
      if (i < items.length - 1) {
        expect(h.leftAt).toBe(items[i + 1].enteredAt);
        expect(h.seconds).toBe(Math.floor((Date.parse(h.leftAt) - Date.parse(h.enteredAt)) / 1000));
      }
    }
    // The time in stage counts from when the deal entered it.
    await t.dataSource.query(`UPDATE deal_stage_history SET entered_at = entered_at - interval '2 days' WHERE deal_id = $1 AND left_at IS NULL`, [deal.id]);
    const aged = (await as('rep1').get(`/api/v1/deals/${deal.id}/stage-history`)).body.items;
    expect(aged.find((h: { leftAt: string | null }) => h.leftAt === null).seconds).toBeGreaterThanOrEqual(2 * 86400);

    // The audit trail shows the stage move with its actor.
    const events = await t.dataSource.query(
      `SELECT actor_id FROM audit.events WHERE table_name = 'deals' AND record_id = $1 AND action = 'update' AND changes ? 'stage_id' ORDER BY id`, [deal.id],
    );
    expect(events.map((e: { actor_id: string }) => e.actor_id)).toEqual([ids.rep1, ids.lead, ids.rep1, ids.rep1]);
  });

  it('moves a deal to another pipeline, into its first open stage unless one is named', async () => {
    const other = (await as('manager').post('/api/v1/pipelines').send({
      name: 'Renewals', stages: [{ name: 'Due', probability: 30, kind: 'open' }, { name: 'Renewed', probability: 100, kind: 'won' }, { name: 'Churned', probability: 0, kind: 'lost' }],
    })).body;
    const deal = (await as('rep1').post('/api/v1/deals').send({ title: 'Switcher', amount: 100 })).body;
    const moved = await as('rep1').patch(`/api/v1/deals/${deal.id}`).set('If-Match', '"1"').send({ pipelineId: other.id });
    expect(moved.body).toMatchObject({ pipelineId: other.id, stageId: other.stages[0].id, probability: 30, weightedAmount: 30 });
    const wrong = await as('rep1').patch(`/api/v1/deals/${deal.id}`).set('If-Match', '"2"').send({ stageId: stage(1).id });
    expect(wrong.body.errors[0].field).toBe('stageId');
    const back = await as('rep1').patch(`/api/v1/deals/${deal.id}`).set('If-Match', '"2"').send({ pipelineId, stageId: stage(1).id });
    expect(back.body).toMatchObject({ pipelineId, stageId: stage(1).id });
    const history = (await as('rep1').get(`/api/v1/deals/${deal.id}/stage-history`)).body.items;
    expect(history.map((h: { pipelineId: string }) => h.pipelineId)).toEqual([pipelineId, other.id, pipelineId]);
  });

  it('keeps versions: 412 on a stale If-Match, 428 without one; deletes with If-Match', async () => {
    const deal = (await as('rep1').post('/api/v1/deals').send({ title: 'Versioned' })).body;
    expect((await as('rep1').patch(`/api/v1/deals/${deal.id}`).send({ title: 'No version' })).status).toBe(428);
    expect((await as('rep1').patch(`/api/v1/deals/${deal.id}`).set('If-Match', '"1"').send({ title: 'v2' })).status).toBe(200);
    const stale = await as('rep1').patch(`/api/v1/deals/${deal.id}`).set('If-Match', '"1"').send({ stageId: stage(1).id });
    expect(stale.status).toBe(412);
    expect((await as('rep1').get(`/api/v1/deals/${deal.id}`)).body.stageId).toBe(stage(0).id);
    expect((await as('rep1').delete(`/api/v1/deals/${deal.id}`)).status).toBe(428);
    expect((await as('rep1').delete(`/api/v1/deals/${deal.id}`).set('If-Match', '"1"')).status).toBe(412);
    expect((await as('rep1').delete(`/api/v1/deals/${deal.id}`).set('If-Match', '"2"')).status).toBe(204);
    expect((await as('rep1').get(`/api/v1/deals/${deal.id}`)).status).toBe(404);
  });

  describe('lists, board and summary', () => {
    let tagged: string;
    beforeAll(async () => {
      await t.dataSource.query('DELETE FROM deals');
      const make = async (who: string, body: Record<string, unknown>) => (await as(who).post('/api/v1/deals').send(body)).body;
      for (let i = 0; i < 7; i++) {
        await make('rep1', { title: `R1 deal ${i}`, amount: 100 * (i + 1), stageId: stage(i % 3).id, expectedCloseDate: `2026-0${(i % 3) + 1}-15` });
      }
      await make('rep1', { title: 'R1 dollars', amount: 50, currency: 'USD', stageId: stage(0).id });
      tagged = (await make('rep2', { title: 'R2 tagged', amount: 1000, tags: ['vip'], stageId: stage(1).id, expectedCloseDate: '2026-02-01' })).id;
      await make('outsider', { title: 'Outsider deal', amount: 5000, stageId: stage(0).id });
      const wonDeal = await make('manager', { title: 'Manager won', amount: 700, stageId: won().id });
      expect(wonDeal.status).toBe('won');
    });

    it('pages with a keyset cursor under every sort, without gaps or repeats', async () => {
      for (const sort of ['-updatedAt', 'title', '-amount', 'amount', 'expectedCloseDate', '-expectedCloseDate']) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const res = await as('manager').get('/api/v1/deals').query({ sort, limit: 3, ...(cursor ? { cursor } : {}) });
          expect(res.status).toBe(200);
          seen.push(...res.body.items.map((d: { id: string }) => d.id));
          cursor = res.body.nextCursor;
        } while (cursor);
        expect(seen).toHaveLength(11);
        expect(new Set(seen).size).toBe(11);
      }
      const byAmount = (await as('manager').get('/api/v1/deals').query({ sort: '-amount', limit: 2, count: 'true' })).body;
      expect(byAmount.items.map((d: { title: string }) => d.title)).toEqual(['Outsider deal', 'R2 tagged']);
      expect(byAmount.total).toBe(11);
    });

    it('filters by pipeline, stage, status, owner, team, close dates, tags and text', async () => {
      const titles = async (query: Record<string, unknown>): Promise<string[]> =>
        (await as('manager').get('/api/v1/deals').query({ ...query, sort: 'title', limit: 100 })).body.items.map((d: { title: string }) => d.title);
      expect(await titles({ stageId: stage(1).id })).toEqual(['R1 deal 1', 'R1 deal 4', 'R2 tagged']);
      expect(await titles({ status: 'won' })).toEqual(['Manager won']);
      expect((await titles({ status: 'open', pipelineId })).length).toBe(10);
      expect(await titles({ ownerId: [ids.rep2, ids.outsider] })).toEqual(['Outsider deal', 'R2 tagged']);
      expect((await titles({ teamId: ids.team })).length).toBe(9);
      expect(await titles({ closeFrom: '2026-02-01', closeTo: '2026-02-28' })).toEqual(['R1 deal 1', 'R1 deal 4', 'R2 tagged']);
      expect(await titles({ tag: 'vip' })).toEqual(['R2 tagged']);
      expect(await titles({ q: 'dollar' })).toEqual(['R1 dollars']);
      expect(await titles({ q: 'outs' })).toEqual(['Outsider deal']);
    });

    it('builds the board: one column per stage with the first page, count and totals per currency', async () => {
      const res = await as('manager').get('/api/v1/deals/board').query({ pipelineId, limit: 2 });
      expect(res.status).toBe(200);
      expect(res.body.pipelineId).toBe(pipelineId);
      expect(res.body.columns.map((c: { stageId: string }) => c.stageId)).toEqual(stages.map((s) => s.id));
      const first = res.body.columns[0];
      // Stage 0: R1 deal 0, 3, 6 (100 + 400 + 700 AZN), R1 dollars (50 USD), Outsider (5000 AZN).
      expect(first.count).toBe(5);
      expect(first.totals).toEqual([
        { currency: 'AZN', amount: 6200, weightedAmount: 620 },
        { currency: 'USD', amount: 50, weightedAmount: 5 },
      ]);
      expect(first.items).toHaveLength(2);
      expect(first.nextCursor).not.toBeNull();
      const rest = await as('manager').get('/api/v1/deals').query({ stageId: stage(0).id, cursor: first.nextCursor, limit: 10 });
      const all = [...first.items, ...rest.body.items].map((d: { id: string }) => d.id);
      expect(new Set(all).size).toBe(5);
      expect(res.body.columns[3]).toMatchObject({ count: 0, totals: [], items: [], nextCursor: null });
      expect(res.body.columns[4]).toMatchObject({ count: 1, totals: [{ currency: 'AZN', amount: 700, weightedAmount: 700 }] });
      const filtered = (await as('manager').get('/api/v1/deals/board').query({ tag: 'vip' })).body;
      expect(filtered.pipelineId).toBe(pipelineId);
      expect(filtered.columns.map((c: { count: number }) => c.count)).toEqual([0, 1, 0, 0, 0, 0]);
    });

    it('sums the weighted value of open deals by pipeline, stage, owner, team and month', async () => {
      const get = async (groupBy: string, who = 'manager') => (await as(who).get('/api/v1/deals/summary').query({ groupBy })).body;
      const byStage = await get('stage');
      expect(byStage.groupBy).toBe('stage');
      const second = byStage.rows.find((r: { key: string }) => r.key === stage(1).id);
      // R1 deal 1 (200), R1 deal 4 (500), R2 tagged (1000) at 25 %.
      expect(second).toEqual({ key: stage(1).id, label: stage(1).name, count: 3, totals: [{ currency: 'AZN', amount: 1700, weightedAmount: 425 }] });
      expect(byStage.rows.some((r: { key: string }) => r.key === won().id)).toBe(false);
      const byOwner = await get('owner');
      expect(byOwner.rows.find((r: { key: string }) => r.key === ids.rep2)).toMatchObject({ label: 'rep2', count: 1 });
      const byTeam = await get('team');
      expect(byTeam.rows.find((r: { key: string | null }) => r.key === ids.team)).toMatchObject({ label: 'Bakı satış', count: 9 });
      expect(byTeam.rows.find((r: { key: string | null }) => r.key === null)).toMatchObject({ count: 1 });
      const byMonth = await get('month');
      expect(byMonth.rows.find((r: { key: string }) => r.key === '2026-02')).toMatchObject({ count: 3 });
      const byPipeline = await get('pipeline');
      expect(byPipeline.rows).toEqual([expect.objectContaining({ key: pipelineId, count: 10 })]);
      // A rep's summary holds only their own deals.
      const mine = await get('owner', 'rep2');
      expect(mine.rows.map((r: { key: string }) => r.key)).toEqual([ids.rep2]);
    });

    it('shows each role only its deals in the list, board, summary, counts and owner filter', async () => {
      const visible = async (who: string) => (await as(who).get('/api/v1/deals').query({ limit: 100, count: 'true' })).body;
      const rep2 = await visible('rep2');
      expect(rep2.items.map((d: { id: string }) => d.id)).toEqual([tagged]);
      expect(rep2.total).toBe(1);
      expect((await visible('lead')).total).toBe(9);
      expect((await visible('auditor')).total).toBe(11);
      const board = (await as('rep2').get('/api/v1/deals/board')).body;
      expect(board.columns.map((c: { count: number }) => c.count)).toEqual([0, 1, 0, 0, 0, 0]);
      expect(board.columns[1].totals).toEqual([{ currency: 'AZN', amount: 1000, weightedAmount: 250 }]);
      const owners = (await as('lead').get('/api/v1/deals/owners')).body.items.map((u: { displayName: string }) => u.displayName);
      expect(owners).toEqual(['lead', 'rep1', 'rep2']);
      expect((await as('agent').get('/api/v1/deals')).status).toBe(403);
      expect((await as('agent').get('/api/v1/deals/board')).status).toBe(403);
      expect((await as('agent').get('/api/v1/deals/summary?groupBy=owner')).status).toBe(403);
      expect((await as('agent').get('/api/v1/deals/owners')).status).toBe(403);
    });
  });

  describe('permissions on single deals', () => {
    let rep1Deal: string;
    let rep2Deal: string;
    beforeAll(async () => {
      rep1Deal = (await as('rep1').post('/api/v1/deals').send({ title: 'Rep1 own', amount: 10 })).body.id;
      rep2Deal = (await as('rep2').post('/api/v1/deals').send({ title: 'Rep2 own', amount: 20 })).body.id;
    });

    it('a sales rep gets 404 on another rep\'s deal through every endpoint', async () => {
      for (const path of ['', '/timeline', '/history', '/stage-history', '/attachments']) {
        expect((await as('rep1').get(`/api/v1/deals/${rep2Deal}${path}`)).status).toBe(404);
        expect((await as('rep1').get(`/api/v1/deals/${rep1Deal}${path}`)).status).toBe(200);
      }
      expect((await as('rep1').patch(`/api/v1/deals/${rep2Deal}`).set('If-Match', '"1"').send({ title: 'Mine now' })).status).toBe(404);
      expect((await as('rep1').delete(`/api/v1/deals/${rep2Deal}`).set('If-Match', '"1"')).status).toBe(404);
      const upload = await as('rep1').post(`/api/v1/deals/${rep2Deal}/attachments`).attach('file', Buffer.from('hello'), 'a.txt');
      expect(upload.status).toBe(404);
      const activity = await as('rep1').post('/api/v1/activities').send({ kind: 'note', body: 'x', dealId: rep2Deal });
      expect(activity.status).toBe(404);
      const search = (await as('rep1').get('/api/v1/deals').query({ q: 'Rep2 own' })).body.items;
      expect(search).toEqual([]);
    });

    it('a team lead reads and changes the team\'s deals; the auditor reads but changes nothing', async () => {
      const changed = await as('lead').patch(`/api/v1/deals/${rep2Deal}`).set('If-Match', '"1"').send({ stageId: stage(1).id });
      expect(changed.status).toBe(200);
      expect((await as('auditor').get(`/api/v1/deals/${rep2Deal}`)).status).toBe(200);
      expect((await as('auditor').get(`/api/v1/deals/${rep2Deal}/stage-history`)).status).toBe(200);
      expect((await as('auditor').patch(`/api/v1/deals/${rep2Deal}`).set('If-Match', '"2"').send({ title: 'x' })).status).toBe(403);
      expect((await as('auditor').post('/api/v1/deals').send({ title: 'x' })).status).toBe(403);
      expect((await as('auditor').delete(`/api/v1/deals/${rep2Deal}`).set('If-Match', '"2"')).status).toBe(403);
      const outsiderDeal = (await as('outsider').post('/api/v1/deals').send({ title: 'Not in team' })).body.id;
      expect((await as('lead').get(`/api/v1/deals/${outsiderDeal}`)).status).toBe(404);
      expect((await as('agent').get(`/api/v1/deals/${rep1Deal}`)).status).toBe(403);
    });

    it('giving a deal to another user needs assign and is audited', async () => {
      const refused = await as('rep1').post('/api/v1/deals').send({ title: 'For rep2', ownerId: ids.rep2 });
      expect(refused.status).toBe(403);
      const patchOwner = await as('rep1').patch(`/api/v1/deals/${rep1Deal}`).set('If-Match', '"1"').send({ ownerId: ids.rep2 });
      expect(patchOwner.status).toBe(403);
      expect((await as('rep1').post('/api/v1/deals/assign').send({ ids: [rep1Deal], ownerId: ids.rep2 })).status).toBe(403);
      expect((await as('rep1').get('/api/v1/deals/assignees')).status).toBe(403);

      const assignees = (await as('lead').get('/api/v1/deals/assignees')).body.items.map((u: { displayName: string }) => u.displayName);
      expect(assignees).toEqual(['lead', 'rep1', 'rep2']);
      const assigned = await as('lead').post('/api/v1/deals/assign').send({ ids: [rep1Deal], ownerId: ids.rep2 });
      expect(assigned.body).toEqual({ assigned: 1 });
      const outside = await as('lead').post('/api/v1/deals/assign').send({ ids: [rep1Deal], ownerId: ids.outsider });
      expect(outside.status).toBe(403);
      const back = await as('lead').patch(`/api/v1/deals/${rep1Deal}`).set('If-Match', '"2"').send({ ownerId: ids.rep1 });
      expect(back.status).toBe(200);
      expect(back.body.ownerId).toBe(ids.rep1);
      const events = await t.dataSource.query(
        `SELECT actor_id, details FROM audit.events WHERE action = 'deal.assigned' AND record_id = $1 ORDER BY id`, [rep1Deal],
      );
      expect(events).toEqual([
        { actor_id: ids.lead, details: { from: ids.rep1, to: ids.rep2 } },
        { actor_id: ids.lead, details: { from: ids.rep2, to: ids.rep1 } },
      ]);
      const history = (await as('rep1').get(`/api/v1/deals/${rep1Deal}/history`)).body;
      expect(history.items.length).toBeGreaterThan(0);
      expect(history.userNames[ids.lead]).toBe('lead');
    });
  });

  it('links contacts and companies the caller may see; search text follows their names', async () => {
    const contact = (await as('rep1').post('/api/v1/contacts').send({ name: 'Əliyeva Nərmin' })).body;
    const company = (await as('rep1').post('/api/v1/companies').send({ name: 'Gəncə Tekstil' })).body;
    const foreign = (await as('rep2').post('/api/v1/contacts').send({ name: 'Rep2 contact' })).body;
    const refused = await as('rep1').post('/api/v1/deals').send({ title: 'Linked', contactId: foreign.id });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('contactId');
    const deal = await as('rep1').post('/api/v1/deals').send({ title: 'Linked', contactId: contact.id, companyId: company.id });
    expect(deal.body).toMatchObject({ contactId: contact.id, contactName: 'Əliyeva Nərmin', companyId: company.id, companyName: 'Gəncə Tekstil' });
    const found = (await as('rep1').get('/api/v1/deals').query({ q: 'nermin' })).body.items;
    expect(found.map((d: { id: string }) => d.id)).toEqual([deal.body.id]);
    expect((await as('rep1').get('/api/v1/deals').query({ companyId: company.id })).body.items).toHaveLength(1);
  });

  it('logs an activity on a deal: sets lastContactedAt and shows it on the deal timeline', async () => {
    const deal = (await as('rep1').post('/api/v1/deals').send({ title: 'Called' })).body;
    const activity = await as('rep1').post('/api/v1/activities').send({ kind: 'call', direction: 'outbound', dealId: deal.id, occurredAt: '2026-11-20T10:00:00Z' });
    expect(activity.status).toBe(201);
    expect(activity.body).toMatchObject({ dealId: deal.id, dealTitle: 'Called' });
    const got = (await as('rep1').get(`/api/v1/deals/${deal.id}`)).body;
    expect(got.lastContactedAt).toBe('2026-11-20T10:00:00.000Z');
    const timeline = (await as('rep1').get(`/api/v1/deals/${deal.id}/timeline`)).body.items;
    expect(timeline.some((e: { type: string; id: string }) => e.type === 'activity' && e.id === activity.body.id)).toBe(true);
    expect(timeline.some((e: { type: string }) => e.type === 'change')).toBe(true);
    const listed = (await as('rep1').get('/api/v1/activities').query({ dealId: deal.id })).body.items;
    expect(listed.map((a: { id: string }) => a.id)).toEqual([activity.body.id]);
    // Viewing rights are not enough to log on a deal.
    expect((await as('auditor').post('/api/v1/activities').send({ kind: 'note', body: 'x', dealId: deal.id })).status).toBe(403);
  });

  it('stores custom fields of entity deal and filters by them', async () => {
    const field = await as('admin').post('/api/v1/custom-fields').send({ entity: 'deal', key: 'contract_no', type: 'text', labels: { az: 'Müqavilə №', en: 'Contract no' } });
    expect(field.status).toBe(201);
    const deal = await as('rep1').post('/api/v1/deals').send({ title: 'Custom', custom: { contract_no: 'M-17' } });
    expect(deal.body.custom).toEqual({ contract_no: 'M-17' });
    const bad = await as('rep1').post('/api/v1/deals').send({ title: 'Custom', custom: { unknown_key: 1 } });
    expect(bad.status).toBe(400);
    const filtered = (await as('rep1').get('/api/v1/deals').query({ cf: 'contract_no:eq:M-17' })).body.items;
    expect(filtered.map((d: { id: string }) => d.id)).toEqual([deal.body.id]);
  });

  it('finds deals in the global search, only those the caller may read', async () => {
    const company = (await as('rep1').post('/api/v1/companies').send({ name: 'Şamaxı Şərab' })).body;
    const mine = (await as('rep1').post('/api/v1/deals').send({ title: 'Üzüm tədarükü', companyId: company.id })).body;
    const theirs = (await as('rep2').post('/api/v1/deals').send({ title: 'Üzüm ixracı' })).body;
    const hits = async (who: string, q: string) =>
      (await as(who).get('/api/v1/search').query({ q })).body.items.filter((h: { type: string }) => h.type === 'deal');
    expect(await hits('rep1', 'uzum')).toEqual([{ type: 'deal', id: mine.id, title: 'Üzüm tədarükü', subtitle: 'Şamaxı Şərab' }]);
    expect((await hits('lead', 'uzum')).map((h: { id: string }) => h.id).sort()).toEqual([mine.id, theirs.id].sort());
    expect(await hits('agent', 'uzum')).toEqual([]);
    // By the company's name, also after it is renamed.
    expect((await hits('rep1', 'samaxi')).map((h: { id: string }) => h.id)).toEqual([mine.id]);
    await as('rep1').patch(`/api/v1/companies/${company.id}`).set('If-Match', '"1"').send({ name: 'Qəbələ Şərab' });
    expect(await hits('rep1', 'samaxi')).toEqual([]);
    expect((await hits('rep1', 'qebele')).map((h: { id: string }) => h.id)).toEqual([mine.id]);
    // A deleted company leaves the deal, and its search document.
    expect((await as('rep1').delete(`/api/v1/companies/${company.id}`).set('If-Match', '"2"')).status).toBe(204);
    expect(await hits('rep1', 'qebele')).toEqual([]);
    expect((await as('rep1').get(`/api/v1/deals/${mine.id}`)).body).toMatchObject({ companyId: null, companyName: null });
  });

  it('a merge moves the deals and tasks of the merged-away contact to the survivor and refreshes their search text', async () => {
    const survivor = (await as('manager').post('/api/v1/contacts').send({ name: 'Quliyev Rəşad' })).body;
    const merged = (await as('manager').post('/api/v1/contacts').send({ name: 'Rəşad Quliyev (köhnə)' })).body;
    const deal = (await as('manager').post('/api/v1/deals').send({ title: 'Old contact deal', contactId: merged.id })).body;
    const [task] = await t.dataSource.query(`INSERT INTO tasks (title, contact_id, owner_id) VALUES ('Call back', $1, $2) RETURNING id`, [merged.id, ids.manager]);
    const preview = await as('manager').get(`/api/v1/contacts/${survivor.id}/merge-preview`).query({ with: merged.id });
    expect(preview.status).toBe(200);
    expect(JSON.stringify(preview.body)).toContain('"deals":1,"tasks":1');
    const res = await as('manager').post(`/api/v1/contacts/${survivor.id}/merge`).set('If-Match', '"1"').send({ mergedIds: [merged.id] });
    expect(res.status).toBe(200);
    expect(res.body.moved).toMatchObject({ deals: 1, tasks: 1 });
    const moved = (await as('manager').get(`/api/v1/deals/${deal.id}`)).body;
    expect(moved).toMatchObject({ contactId: survivor.id, contactName: 'Quliyev Rəşad' });
    const [{ contact_id }] = await t.dataSource.query('SELECT contact_id FROM tasks WHERE id = $1', [task.id]);
    expect(contact_id).toBe(survivor.id);
    const found = (await as('manager').get('/api/v1/deals').query({ q: 'koh' })).body.items.map((d: { id: string }) => d.id);
    expect(found).not.toContain(deal.id);
    expect((await as('manager').get('/api/v1/deals').query({ q: 'quliyev' })).body.items.map((d: { id: string }) => d.id)).toContain(deal.id);
  });

  it('keeps files on a deal: upload needs the right to change it, download the right to read it', async () => {
    const deal = (await as('rep1').post('/api/v1/deals').send({ title: 'With files' })).body;
    const uploaded = await as('rep1').post(`/api/v1/deals/${deal.id}/attachments`).attach('file', Buffer.from('təklif'), 'təklif.txt');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ dealId: deal.id, contactId: null, companyId: null, fileName: 'təklif.txt' });
    const listed = (await as('lead').get(`/api/v1/deals/${deal.id}/attachments`)).body.items;
    expect(listed.map((a: { id: string }) => a.id)).toEqual([uploaded.body.id]);
    expect((await as('rep1').get(`/api/v1/attachments/${uploaded.body.id}/content`)).status).toBe(200);
    expect((await as('rep2').get(`/api/v1/attachments/${uploaded.body.id}/content`)).status).toBe(404);
    expect((await as('auditor').post(`/api/v1/deals/${deal.id}/attachments`).attach('file', Buffer.from('x'), 'x.txt')).status).toBe(403);
    expect((await as('auditor').delete(`/api/v1/attachments/${uploaded.body.id}`)).status).toBe(403);
    const timeline = (await as('rep1').get(`/api/v1/deals/${deal.id}/timeline`)).body.items;
    expect(timeline.some((e: { type: string; change?: { table: string } }) => e.type === 'change' && e.change?.table === 'attachments')).toBe(true);
    expect((await as('rep1').delete(`/api/v1/deals/${deal.id}`).set('If-Match', '"1"')).status).toBe(204);
    expect((await as('rep1').get(`/api/v1/attachments/${uploaded.body.id}/content`)).status).toBe(404);
  });

  it('exports the filtered list as CSV and XLSX: only deals the role may read and export, audited', async () => {
    const mine = await as('rep1').post('/api/v1/deals').send({ title: 'Export: Bakı lisenziya', amount: 1200.5 });
    await as('outsider').post('/api/v1/deals').send({ title: 'Export: kənar' });
    await as('rep2').post('/api/v1/deals').send({ title: 'Export: komanda' });
    // A sales rep reads own deals but may not export them.
    expect((await as('rep1').get('/api/v1/deals/export?q=Export')).status).toBe(403);

    const csv = await as('lead').get('/api/v1/deals/export?q=Export&sort=title').buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="deals-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (csv.body as string).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toMatch(/^ID,Title,Amount,Currency,Probability %,Weighted amount,Pipeline,Stage,Status,/);
    // The team lead's team, not the outsider; amounts as numbers, the stage by name.
    expect(lines.slice(1).map((line) => line.split(',')[1])).toEqual(['Export: Bakı lisenziya', 'Export: komanda']);
    expect(lines[1]).toContain(`${mine.body.id},Export: Bakı lisenziya,1200.5,AZN,10,120.05,Sales,Initial contact,open,`);

    const xlsx = await as('manager').get('/api/v1/deals/export?q=Export&format=xlsx').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');

    const events = await t.dataSource.query(
      `SELECT u.login, e.details FROM audit.events e JOIN users u ON u.id = e.actor_id WHERE e.action = 'deals.exported' ORDER BY e.id`,
    );
    expect(events).toEqual([
      expect.objectContaining({ login: 'lead', details: expect.objectContaining({ rows: 2, complete: true, format: 'csv' }) }),
      expect.objectContaining({ login: 'manager', details: expect.objectContaining({ rows: 3, complete: true, format: 'xlsx' }) }),
    ]);
  });

  it('keeps saved views of the deal list; roles without Deal cannot', async () => {
    const created = await as('rep1').post('/api/v1/saved-views').send({ entity: 'deal', name: 'Mənim açıq sövdələşmələrim', query: { sort: '-amount', filters: { status: 'open' } } });
    expect(created.status).toBe(201);
    const listed = (await as('rep1').get('/api/v1/saved-views?entity=deal')).body.items;
    expect(listed.map((v: { id: string }) => v.id)).toContain(created.body.id);
    expect((await as('agent').get('/api/v1/saved-views?entity=deal')).status).toBe(403);
  });
});
