import { BackgroundJobs } from '../src/common/jobs/background-jobs';
import { FILE_RETENTION_QUEUE } from '../src/modules/customers/import/import-file-retention';
import { SWEEP_QUEUE } from '../src/modules/automation/reminders.service';
import { eventually } from './support';
import { createTestApp, TestApp } from './test-app';

describe('background jobs', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp({ CRM_BACKGROUND_JOBS: 'true', CRM_JOB_POLL_SECONDS: '0.5', CRM_TIME_ZONE: 'Europe/Istanbul', CRM_IMPORT_FILE_DAYS: '7' });
    await t.createUser('jobs.manager', ['manager']);
    ({ token } = await t.login('jobs.manager'));
  });
  afterAll(() => t.close());

  it('plans the sweeps of every module in the configured time zone', async () => {
    const schedules: { name: string; cron: string; timezone: string }[] = await t.dataSource.query(
      `SELECT name, cron, timezone FROM pgboss.schedule WHERE name = ANY($1) ORDER BY name`,
      [[FILE_RETENTION_QUEUE, SWEEP_QUEUE]],
    );
    expect(schedules).toEqual([
      { name: FILE_RETENTION_QUEUE, cron: '17 3 * * *', timezone: 'Europe/Istanbul' },
      { name: SWEEP_QUEUE, cron: '* * * * *', timezone: 'Europe/Istanbul' },
    ]);
  });

  it('removes import files past CRM_IMPORT_FILE_DAYS when the retention job runs', async () => {
    const uploaded = await t.http().post('/api/v1/imports').auth(token, { type: 'bearer' }).field('entity', 'contact')
      .attach('file', Buffer.from('Name\nEight Days Old\n'), 'eight-days.csv').expect(201);
    const id: string = uploaded.body.id;
    await t.dataSource.query(`UPDATE imports SET created_at = now() - interval '8 days' WHERE id = $1`, [id]);

    expect(await t.app.get(BackgroundJobs).send(FILE_RETENTION_QUEUE, {})).toBe(true);
    const removedAt = await eventually(
      async () => (await t.http().get(`/api/v1/imports/${id}`).auth(token, { type: 'bearer' }).expect(200)).body.fileRemovedAt ?? undefined,
      'the retention job to remove the file',
    );
    expect(Date.parse(removedAt)).toBeGreaterThan(Date.now() - 60_000);
    const [event] = await t.dataSource.query(`SELECT details FROM audit.events WHERE action = 'import.file.removed' AND record_id = $1`, [id]);
    expect(event.details).toMatchObject({ fileName: 'eight-days.csv', keptDays: 7 });
  });
});
