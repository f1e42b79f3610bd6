import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RemindersService } from '../src/modules/automation/reminders.service';
import { startSmtpSink, SmtpSink } from './smtp-sink';
import { eventually } from './support';
import { createSecondInstance, createTestApp, TestApp } from './test-app';

/** Reads Server-Sent Events from a stream until `count` notification events arrived. */
async function readEvents(body: ReadableStream<Uint8Array>, count: number): Promise<{ event: string; data: Record<string, unknown> }[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: { event: string; data: Record<string, unknown> }[] = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) {
      break;
    }
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (event && data) {
        events.push({ event, data: JSON.parse(data) });
      }
    }
  }
  reader.releaseLock();
  return events;
}

/** A message's text with quoted-printable parts decoded (non-ASCII letters arrive encoded). */
const decoded = (data: string): string =>
  data.replace(/=\r\n/g, '').replace(/(?:=[0-9A-F]{2})+/g, (hex) => Buffer.from(hex.replace(/=/g, ''), 'hex').toString('utf8'));

describe('task reminders with two server instances', () => {
  let t: TestApp;
  let second: { app: NestFastifyApplication; close(): Promise<void> };
  let sink: SmtpSink;
  let token: string;
  let repId: string;
  const env = (): Record<string, string> => ({ CRM_BACKGROUND_JOBS: 'true', CRM_JOB_POLL_SECONDS: '0.5', SMTP_URL: sink.url, CRM_PUBLIC_URL: 'https://crm.example.az' });
  const soon = (ms: number): string => new Date(Date.now() + ms).toISOString();
  const notifications = async (taskId: string): Promise<number> =>
    (await t.dataSource.query('SELECT count(*)::int AS n FROM notifications WHERE task_id = $1', [taskId]))[0].n;
  const mailsAbout = (title: string): number => sink.messages.filter((m) => decoded(m.data).includes(title)).length;
  /** Every instance's job for the task is through (completed), so nothing more can come of it. */
  const jobsDone = async (taskId: string, count = 1): Promise<true | undefined> => {
    const rows: { state: string }[] = await t.dataSource.query(`SELECT state FROM pgboss.job WHERE name = 'task-reminder' AND data->>'taskId' = $1`, [taskId]);
    return rows.length >= count && rows.every((r) => r.state === 'completed') ? true : undefined;
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp(env());
    second = await createSecondInstance(t, env());
    const rep = await t.createUser('rep', ['sales_rep']);
    repId = rep.id;
    await t.dataSource.query(`UPDATE users SET email = 'rep@example.az', locale = 'en' WHERE id = $1`, [rep.id]);
    ({ token } = await t.login('rep'));
    await second.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await second.close();
    await t.close();
    await sink.close();
  });

  it('fires a reminder once, live on the stream of the other instance and by e-mail', async () => {
    const { port } = second.app.getHttpServer().address() as { port: number };
    const abort = new AbortController();
    const stream = await fetch(`http://127.0.0.1:${port}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const arriving = readEvents(stream.body!, 1);

    const created = await t.http().post('/api/v1/tasks').auth(token, { type: 'bearer' }).send({ kind: 'call', title: 'Zəng et: Həsənov', dueAt: soon(600_000), remindAt: soon(800) });
    expect(created.status).toBe(201);
    const taskId = created.body.id;

    const [event] = await arriving;
    abort.abort();
    expect(event.event).toBe('notification');
    expect(event.data).toMatchObject({ kind: 'task_reminder', taskId, readAt: null, data: { title: 'Zəng et: Həsənov', kind: 'call', dueAt: created.body.dueAt } });

    await eventually(() => jobsDone(taskId), 'the reminder job to complete');
    // Both instances sweep as well: nothing is left to claim.
    expect(await t.app.get(RemindersService).fire()).toBe(0);
    expect(await second.app.get(RemindersService).fire()).toBe(0);
    await eventually(async () => (mailsAbout('Zəng et: Həsənov') > 0 ? true : undefined), 'the e-mail');
    expect(await notifications(taskId)).toBe(1);
    expect(mailsAbout('Zəng et: Həsənov')).toBe(1);
    const mail = sink.messages.find((m) => decoded(m.data).includes('Zəng et: Həsənov'))!;
    expect(mail.to).toEqual(['rep@example.az']);
    expect(mail.data).toMatch(/Subject: (Reminder: |=\?UTF-8\?)/);
    expect(decoded(mail.data)).toContain('Call: Zəng et: Həsənov');
    expect(mail.data).toContain('https://crm.example.az/my-day');

    const list = await t.http().get('/api/v1/notifications').auth(token, { type: 'bearer' });
    expect(list.body.unread).toBe(1);
    expect(list.body.items[0]).toMatchObject({ id: event.data.id, taskId });
  });

  it('claims each due reminder once when both instances sweep at the same time', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 15; i++) {
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO tasks (title, owner_id, remind_at, due_at) VALUES ($1, $2, now() - interval '1 second', now() + interval '1 hour') RETURNING id`,
        [`Bulk reminder ${i}`, repId],
      );
      ids.push(id);
    }
    const fired = await Promise.all([
      t.app.get(RemindersService).fire(), second.app.get(RemindersService).fire(),
      t.app.get(RemindersService).fire(), second.app.get(RemindersService).fire(),
    ]);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM notifications WHERE task_id = ANY($1)', [ids]);
    expect(n).toBe(15);
    expect(fired.reduce((a, b) => a + b, 0)).toBe(15);
    await eventually(async () => (ids.every((_, i) => mailsAbout(`Bulk reminder ${i}\n`) + mailsAbout(`Bulk reminder ${i}\r\n`) > 0) ? true : undefined), 'the e-mails');
    for (let i = 0; i < 15; i++) {
      expect(mailsAbout(`Reminder: Bulk reminder ${i}\r\n`)).toBe(1);
    }
  });

  it('does not remind of a completed task, and re-arms a rescheduled one', async () => {
    const done = await t.http().post('/api/v1/tasks').auth(token, { type: 'bearer' }).send({ title: 'Completed before its reminder', remindAt: soon(1500) });
    expect((await t.http().patch(`/api/v1/tasks/${done.body.id}`).auth(token, { type: 'bearer' }).set('If-Match', '"1"').send({ status: 'done' })).status).toBe(200);
    await eventually(() => jobsDone(done.body.id), 'the completed task’s job');
    expect(await notifications(done.body.id)).toBe(0);

    const due = new Date(Date.now() + 600_000);
    const moving = await t.http().post('/api/v1/tasks').auth(token, { type: 'bearer' }).send({ title: 'Moved meeting', kind: 'meeting', dueAt: due.toISOString(), remindBeforeMinutes: 10 });
    expect(moving.status).toBe(201);
    await eventually(async () => ((await notifications(moving.body.id)) === 1 ? true : undefined), 'the first reminder');
    const later = new Date(due.getTime() + 1000).toISOString();
    const moved = await t.http().patch(`/api/v1/tasks/${moving.body.id}`).auth(token, { type: 'bearer' }).set('If-Match', '"1"').send({ dueAt: later });
    expect(moved.status).toBe(200);
    expect(new Date(moved.body.dueAt).getTime() - new Date(moved.body.remindAt).getTime()).toBe(600_000);
    await eventually(async () => ((await notifications(moving.body.id)) === 2 ? true : undefined), 'the re-armed reminder');
    await eventually(() => jobsDone(moving.body.id, 2), 'both jobs');
    expect(await notifications(moving.body.id)).toBe(2);

    // A title change alone does not re-arm.
    await t.http().patch(`/api/v1/tasks/${moving.body.id}`).auth(token, { type: 'bearer' }).set('If-Match', '"2"').send({ title: 'Moved meeting, renamed' });
    expect(await t.app.get(RemindersService).fire()).toBe(0);
    expect(await notifications(moving.body.id)).toBe(2);
  });
});
