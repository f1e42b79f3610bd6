import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { DataSource } from 'typeorm';
import { NotificationHub } from './notification-hub';

class FakeResponse extends EventEmitter {
  readonly written: string[] = [];
  ended = false;
  write(chunk: string): boolean {
    this.written.push(chunk);
    return true;
  }
  end(): void {
    this.ended = true;
    this.emit('close');
  }
}

describe('NotificationHub', () => {
  let hub: NotificationHub;
  beforeEach(() => {
    jest.useFakeTimers();
    hub = new NotificationHub({ options: {} } as DataSource);
    // No database here: the LISTEN connection is replaced by a client that is never used.
    jest.spyOn(hub as unknown as { listen: () => Promise<unknown> }, 'listen').mockResolvedValue({});
  });
  afterEach(() => jest.useRealTimers());

  const deliver = (payload: object): void => (hub as unknown as { deliver(p: string): void }).deliver(JSON.stringify(payload));

  it('sends a heartbeat comment every 25 seconds until the client leaves', async () => {
    const response = new FakeResponse();
    await hub.subscribe('u1', response as unknown as ServerResponse);
    jest.advanceTimersByTime(24_999);
    expect(response.written).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(response.written).toEqual([': heartbeat\n\n']);
    jest.advanceTimersByTime(25_000);
    expect(response.written).toHaveLength(2);
    response.emit('close');
    expect(hub.size).toBe(0);
    jest.advanceTimersByTime(100_000);
    expect(response.written).toHaveLength(2);
  });

  it('ends the stream when the access token expires', async () => {
    const response = new FakeResponse();
    await hub.subscribe('u1', response as unknown as ServerResponse, Date.now() + 60_000);
    jest.advanceTimersByTime(59_999);
    expect(response.ended).toBe(false);
    jest.advanceTimersByTime(1);
    expect(response.ended).toBe(true);
    expect(hub.size).toBe(0);
  });

  it('delivers a published notification only to its user, and ends every stream on shutdown', async () => {
    const mine = new FakeResponse();
    const theirs = new FakeResponse();
    await hub.subscribe('u1', mine as unknown as ServerResponse);
    await hub.subscribe('u2', theirs as unknown as ServerResponse);
    deliver({ userId: 'u1', notification: { id: 'n1', kind: 'task_reminder' } });
    expect(mine.written).toEqual([`event: notification\ndata: {"id":"n1","kind":"task_reminder"}\n\n`]);
    expect(theirs.written).toEqual([]);
    (hub as unknown as { deliver(p: string): void }).deliver('not json');
    hub.beforeApplicationShutdown();
    expect([mine.ended, theirs.ended, hub.size, hub.isClosing]).toEqual([true, true, 0, true]);
  });
});
