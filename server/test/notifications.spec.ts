import { NotificationHub } from '../src/modules/automation/notification-hub';
import { NotificationsService } from '../src/modules/automation/notifications.service';
import { createTestApp, TestApp } from './test-app';

describe('notifications', () => {
  let t: TestApp;
  let base: string;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const as = (login: string) => ({
    get: (url: string) => t.http().get(url).auth(tokens[login], { type: 'bearer' }),
    post: (url: string, body?: object) => t.http().post(url).auth(tokens[login], { type: 'bearer' }).send(body),
  });
  const notify = (login: string, title: string): Promise<unknown> =>
    t.dataSource.transaction((manager) => t.app.get(NotificationsService).notify(manager, ids[login], 'task_reminder', { title, dueAt: null, kind: 'task' }, null));
  const hub = (): NotificationHub => t.app.get(NotificationHub);
  const until = async (condition: () => boolean, what: string): Promise<void> => {
    for (let i = 0; i < 300 && !condition(); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (!condition()) {
      throw new Error(`gave up waiting for ${what}`);
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    for (const login of ['rep1', 'rep2', 'auditor']) {
      ids[login] = (await t.createUser(login, [login === 'auditor' ? 'auditor' : 'sales_rep'])).id;
      tokens[login] = (await t.login(login)).token;
    }
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(() => t.close());

  it('lists only the caller’s own notifications, newest first, with paging and the unread count; marks them read', async () => {
    for (let i = 0; i < 5; i++) {
      await notify('rep1', `Mine ${i}`);
    }
    await notify('rep2', 'Not yours');
    const first = await as('rep1').get('/api/v1/notifications?limit=3');
    expect(first.status).toBe(200);
    expect(first.body.unread).toBe(5);
    expect(first.body.items.map((n: { data: { title: string } }) => n.data.title)).toEqual(['Mine 4', 'Mine 3', 'Mine 2']);
    const second = await as('rep1').get(`/api/v1/notifications?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((n: { data: { title: string } }) => n.data.title)).toEqual(['Mine 1', 'Mine 0']);
    expect(second.body.nextCursor).toBeNull();

    const marked = await as('rep1').post('/api/v1/notifications/read', { ids: [first.body.items[0].id, first.body.items[1].id] });
    expect(marked.body).toEqual({ marked: 2, unread: 3 });
    // Someone else's id is not theirs to mark.
    const rep2List = await as('rep2').get('/api/v1/notifications');
    expect(rep2List.body.items.map((n: { data: { title: string } }) => n.data.title)).toEqual(['Not yours']);
    expect((await as('rep1').post('/api/v1/notifications/read', { ids: [rep2List.body.items[0].id] })).body).toEqual({ marked: 0, unread: 3 });
    expect((await as('rep2').get('/api/v1/notifications')).body.unread).toBe(1);

    const unread = await as('rep1').get('/api/v1/notifications?unread=true');
    expect(unread.body.items).toHaveLength(3);
    expect(unread.body.items.every((n: { readAt: string | null }) => n.readAt === null)).toBe(true);
    expect((await as('rep1').post('/api/v1/notifications/read', { all: true })).body).toEqual({ marked: 3, unread: 0 });
    expect((await as('auditor').get('/api/v1/notifications')).body).toEqual({ items: [], nextCursor: null, unread: 0 });

    const bad = await as('rep1').post('/api/v1/notifications/read', {});
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('ids');
    expect((await as('rep1').post('/api/v1/notifications/read', { ids: ['x'] })).body.errors[0].field).toMatch(/^ids/);
    expect((await as('rep1').get('/api/v1/notifications?cursor=nope')).body.errors[0].field).toBe('cursor');
    expect((await t.http().get('/api/v1/notifications')).status).toBe(401);
  });

  it('streams the caller’s notifications as Server-Sent Events and lets go when the client leaves', async () => {
    expect((await fetch(`${base}/api/v1/notifications/stream`)).status).toBe(401);
    const abort = new AbortController();
    const stream = await fetch(`${base}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${tokens.rep2}` }, signal: abort.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers.get('cache-control')).toBe('no-store');
    await until(() => hub().size === 1, 'the subscription');

    const reader = stream.body!.getReader();
    let text = '';
    const readUntil = async (needle: string): Promise<void> => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) {
          throw new Error('stream ended');
        }
        text += new TextDecoder().decode(value);
      }
    };
    await readUntil(': connected');
    await notify('rep1', 'For someone else');
    await notify('rep2', 'Live for rep2');
    await readUntil('Live for rep2');
    const frames = text.split('\n\n').filter((f) => f.startsWith('event:'));
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatch(/^event: notification\ndata: \{/);
    const data = JSON.parse(frames[0].split('\ndata: ')[1]);
    expect(data).toMatchObject({ kind: 'task_reminder', data: { title: 'Live for rep2' }, readAt: null });

    abort.abort();
    await until(() => hub().size === 0, 'the subscription to end');
  });

  it('ends open streams when the server shuts down', async () => {
    const other = await createTestApp();
    await other.app.listen({ port: 0, host: '127.0.0.1' });
    const user = await other.createUser('streamer', ['sales_rep']);
    const { token } = await other.login(user.login);
    const port = (other.app.getHttpServer().address() as { port: number }).port;
    const stream = await fetch(`http://127.0.0.1:${port}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${token}` } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    await reader.read();
    await other.close();
    let done = false;
    while (!done) {
      ({ done } = await reader.read());
    }
    expect(done).toBe(true);
  });
});
