import { demoContacts } from '../src/cli/demo.commands';
import { crm } from './support';
import { createTestApp, TestApp } from './test-app';

describe('crm demo-data', () => {
  let t: TestApp;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    t = await createTestApp();
    env = { DATABASE_URL: t.databaseUrl, CRM_DATA_DIR: t.config.dataDir, LOG_LEVEL: 'silent' };
  });
  afterAll(() => t.close());

  it('fills a trial installation with teams, users and customers that the permissions apply to', async () => {
    const result = await crm(['demo-data', '--contacts', '60'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const password = /shown only now:\n(\S+)\n/.exec(result.stdout)![1];

    const teams = await t.dataSource.query(`SELECT t.name, u.login AS lead FROM teams t JOIN users u ON u.id = t.lead_id ORDER BY t.name`);
    expect(teams).toEqual([{ name: 'Satış — Bakı', lead: 'demo.leyla' }, { name: 'Satış — Gəncə', lead: 'demo.fuad' }]);
    const contacts = await t.dataSource.query(`SELECT c.name, c.phone, c.email, u.login FROM contacts c JOIN users u ON u.id = c.owner_id`);
    expect(contacts).toHaveLength(60);
    expect(contacts.every((c: { phone: string }) => /^\+994(50|51|55|70|77|99)\d{7}$/.test(c.phone))).toBe(true);
    expect(contacts.some((c: { name: string }) => /[əğışçöüİ]/i.test(c.name))).toBe(true);
    expect(contacts.filter((c: { email: string | null }) => c.email !== null).every((c: { email: string }) => /^[a-z.]+@example\.az$/.test(c.email))).toBe(true);
    expect(new Set(contacts.map((c: { login: string }) => c.login))).toEqual(new Set(['demo.aysel', 'demo.orxan', 'demo.nermin', 'demo.tural']));

    // The demo users sign in with the printed password and see what their roles allow.
    const rep = await t.login('demo.aysel', password);
    const own = await t.http().get('/api/v1/contacts').query({ count: true, limit: 1 }).auth(rep.token, { type: 'bearer' });
    expect(own.body.total).toBe(15);
    const lead = await t.login('demo.leyla', password);
    const team = await t.http().get('/api/v1/contacts').query({ count: true, limit: 1 }).auth(lead.token, { type: 'bearer' });
    expect(team.body.total).toBe(30);

    // Their customers have a history to look at: calls, e-mails, meetings and notes, and next steps.
    const [history] = await t.dataSource.query(
      `SELECT count(*)::int AS activities, count(DISTINCT a.kind)::int AS kinds,
              count(*) FILTER (WHERE a.owner_id <> coalesce(c.owner_id, co.owner_id))::int AS foreign,
              (SELECT count(*)::int FROM contacts WHERE last_contacted_at IS NOT NULL) AS contacted,
              (SELECT count(*)::int FROM contacts WHERE next_step IS NOT NULL AND next_step_at IS NOT NULL) AS planned
         FROM activities a LEFT JOIN contacts c ON c.id = a.contact_id LEFT JOIN companies co ON co.id = a.company_id`,
    );
    expect(history).toMatchObject({ kinds: 4, foreign: 0 });
    expect(history.activities).toBeGreaterThan(60);
    expect(history.contacted).toBeGreaterThan(20);
    expect(history.planned).toBeGreaterThan(3);
    const [first] = (await t.http().get('/api/v1/contacts').query({ limit: 1, sort: '-lastContactedAt' }).auth(rep.token, { type: 'bearer' })).body.items;
    const timeline = await t.http().get(`/api/v1/contacts/${first.id}/timeline`).query({ types: 'call,email,meeting,note' }).auth(rep.token, { type: 'bearer' });
    expect(timeline.status).toBe(200);
    expect(timeline.body.items.length).toBeGreaterThan(0);

    // Deals across the stages, won and lost ones with their close and reason, moves in the history, line items and logged contact.
    expect(result.stdout).toContain('300 deals');
    const [deals] = await t.dataSource.query(
      `SELECT count(*)::int AS total, count(DISTINCT d.stage_id)::int AS stages,
              count(*) FILTER (WHERE s.kind = 'lost')::int AS lost, count(*) FILTER (WHERE s.kind = 'lost' AND d.lost_reason_id IS NOT NULL)::int AS lost_with_reason,
              count(*) FILTER (WHERE s.kind <> 'open' AND d.closed_at IS NULL)::int AS closed_without_date,
              count(*) FILTER (WHERE d.amount IS NULL)::int AS without_amount,
              count(*) FILTER (WHERE d.last_contacted_at IS NOT NULL)::int AS contacted,
              count(*) FILTER (WHERE d.owner_id <> coalesce(c.owner_id, d.owner_id))::int AS foreign_contact,
              (SELECT count(*)::int FROM deal_stage_history h WHERE h.left_at IS NOT NULL AND h.left_by IS NOT NULL) AS moves,
              (SELECT count(DISTINCT deal_id)::int FROM deal_line_items) AS with_items,
              count(*) FILTER (WHERE d.amount IS DISTINCT FROM (SELECT sum(total) FROM deal_line_items li WHERE li.deal_id = d.id)
                                AND EXISTS (SELECT 1 FROM deal_line_items li WHERE li.deal_id = d.id))::int AS wrong_sums
         FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id LEFT JOIN contacts c ON c.id = d.contact_id`,
    );
    expect(deals).toMatchObject({ total: 300, stages: 6, closed_without_date: 0, without_amount: 0, foreign_contact: 0, wrong_sums: 0 });
    expect(deals.lost).toBeGreaterThan(10);
    expect(deals.lost_with_reason).toBe(deals.lost);
    expect(deals.moves).toBeGreaterThan(300);
    expect(deals.with_items).toBeGreaterThan(30);
    expect(deals.contacted).toBeGreaterThan(30);
    const ownDeals = await t.http().get('/api/v1/deals').query({ count: true, limit: 1 }).auth(rep.token, { type: 'bearer' });
    expect(ownDeals.body.total).toBe(75);
    const board = await t.http().get('/api/v1/deals/board').auth(lead.token, { type: 'bearer' });
    expect(board.body.columns.reduce((sum: number, c: { count: number }) => sum + c.count, 0)).toBe(150);

    const [{ audited }] = await t.dataSource.query(`SELECT count(*)::int AS audited FROM audit.events WHERE request_id = 'cli:demo-data' AND table_name = 'contacts'`);
    expect(audited).toBe(60);

    const again = await crm(['demo-data'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already there');
  });

  it('speaks English when asked, and says what is wrong with its options', async () => {
    const english = demoContacts('en', 20);
    expect(english.every((c) => /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(c.name) && /^\+447\d{9}$/.test(c.phone))).toBe(true);
    expect(demoContacts('az', 20)).toEqual(demoContacts('az', 20));
    expect((await crm(['demo-data', '--language', 'fr'], env)).code).toBe(2);
    expect((await crm(['demo-data', '--contacts', 'many'], env)).stderr).toContain('--contacts must be a whole number');
  });
});
