import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { signalStore } from '@ngrx/signals';
import { Observable, of, Subject, throwError } from 'rxjs';
import { RecordCardSource, Versioned, withRecordCard } from './with-record-card';

interface Thing {
  id: string;
  name: string;
  version: number;
}
const thing = (overrides: Partial<Thing> = {}): Thing => ({ id: 't1', name: 'Bakı filialı', version: 1, ...overrides });
const problem = (code: string, status: number, errors?: { field: string; message: string }[]): HttpErrorResponse =>
  new HttpErrorResponse({ status, error: { type: `urn:crm:problem:${code}`, title: code, status, ...(errors ? { errors } : {}) } });

/** A source whose answers the test gives one by one. */
class FakeSource implements RecordCardSource<Thing, { name: string }, { name?: string }, string[]> {
  readonly calls: { method: string; args: unknown[]; answer: Subject<unknown> }[] = [];
  withRelated = true;

  private call<R>(method: string, ...args: unknown[]): Observable<R> {
    const answer = new Subject<unknown>();
    this.calls.push({ method, args, answer });
    return answer as Observable<R>;
  }
  get = (id: string): Observable<Versioned<Thing>> => this.call('get', id);
  create = (body: { name: string }, key: string): Observable<Versioned<Thing>> => this.call('create', body, key);
  update = (id: string, etag: string, changes: { name?: string }): Observable<Versioned<Thing>> => this.call('update', id, etag, changes);
  remove = (id: string, etag: string): Observable<void> => this.call('remove', id, etag);
  related = (record: Thing): Observable<string[]> => (this.withRelated ? of([`related to ${record.id}`]) : throwError(() => problem('forbidden', 403)));

  /** Answers the last call of `method`. */
  answer(method: string, value: unknown): void {
    const call = this.calls.filter((c) => c.method === method).at(-1)!;
    if (value instanceof HttpErrorResponse) {
      call.answer.error(value);
    } else {
      call.answer.next(value);
      call.answer.complete();
    }
  }
}

const ThingStore = signalStore(withRecordCard<Thing, { name: string }, { name?: string }, string[]>(() => TestBed.inject(FakeSource)));

describe('withRecordCard', () => {
  let store: InstanceType<typeof ThingStore>;
  let source: FakeSource;
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [ThingStore, FakeSource] });
    source = TestBed.inject(FakeSource);
    store = TestBed.inject(ThingStore);
  });

  async function loaded(value = thing(), etag = '"1"'): Promise<void> {
    const done = store.load(value.id);
    source.answer('get', { record: value, etag });
    await done;
  }

  it('loads the record with its related records and version', async () => {
    const done = store.load('t1');
    expect(store.loading()).toBe(true);
    source.answer('get', { record: thing({ id: 't2' }), etag: '"4"' });
    await done;
    expect(store.record()?.id).toBe('t2');
    expect(store.related()).toEqual(['related to t2']);
    expect(store.etag()).toBe('"4"');
    expect(store.loaded()).toBe(true);
  });

  it('treats an unseen record and a malformed id as not found, but not another validation error', async () => {
    let done = store.load('t1');
    source.answer('get', problem('not-found', 404));
    await done;
    expect(store.notFound()).toBe(true);

    done = store.load('bad');
    source.answer('get', problem('validation', 400, [{ field: 'id', message: 'must be a UUID' }]));
    await done;
    expect(store.notFound()).toBe(true);

    done = store.load('t1');
    source.answer('get', problem('validation', 400, [{ field: 'cursor', message: 'bad' }]));
    await done;
    expect(store.notFound()).toBe(false);
    expect(store.errorCode()).toBe('validation');
  });

  it('a failed related request leaves no record half shown', async () => {
    await loaded();
    source.withRelated = false;
    const done = store.load('t1');
    source.answer('get', { record: thing(), etag: '"1"' });
    await done;
    expect(store.record()).toBeNull();
    expect(store.related()).toBeNull();
    expect(store.errorCode()).toBe('forbidden');
  });

  it('sends a change with the loaded ETag and takes the new version', async () => {
    await loaded();
    const saved = store.update({ name: 'Gəncə filialı' });
    expect(store.saving()).toBe(true);
    expect(source.calls.at(-1)?.args).toEqual(['t1', '"1"', { name: 'Gəncə filialı' }]);
    source.answer('update', { record: thing({ name: 'Gəncə filialı', version: 2 }), etag: '"2"' });
    expect((await saved).version).toBe(2);
    expect(store.etag()).toBe('"2"');
    expect(store.saving()).toBe(false);
  });

  it('marks a stale version as a conflict until a reload brings the current one', async () => {
    await loaded();
    const saved = store.update({ name: 'x' });
    source.answer('update', problem('version-mismatch', 412));
    await expect(saved).rejects.toMatchObject({ status: 412 });
    expect(store.conflict()).toBe(true);
    expect(store.saving()).toBe(false);

    const reloaded = store.reload();
    source.answer('get', { record: thing({ version: 3 }), etag: '"3"' });
    await reloaded;
    expect(store.conflict()).toBe(false);
    expect(store.etag()).toBe('"3"');
  });

  it('writes one at a time: a second write while one is on its way gets the first one’s result', async () => {
    await loaded();
    const first = store.update({ name: 'a' });
    const second = store.remove();
    expect(source.calls.filter((c) => c.method === 'update' || c.method === 'remove')).toHaveLength(1);
    source.answer('update', { record: thing({ name: 'a', version: 2 }), etag: '"2"' });
    expect(await second).toBe(await first);
  });

  it('keeps the Idempotency-Key for a retried create and takes a new one for a changed body', async () => {
    const first = store.create({ name: 'A' });
    const key = source.calls.at(-1)?.args[1];
    source.answer('create', new HttpErrorResponse({ status: 0 }));
    await expect(first).rejects.toBeDefined();

    const retry = store.create({ name: 'A' });
    expect(source.calls.at(-1)?.args[1]).toBe(key);
    source.answer('create', { record: thing({ name: 'A' }), etag: '"1"' });
    await retry;

    const next = store.create({ name: 'A' });
    expect(source.calls.at(-1)?.args[1]).not.toBe(key);
    source.answer('create', { record: thing({ id: 't3', name: 'A' }), etag: '"1"' });
    expect((await next).id).toBe('t3');
  });

  it('deletes with the loaded ETag and refuses to change or delete when nothing is loaded', async () => {
    await expect(store.update({ name: 'x' })).rejects.toThrow('No record is loaded');
    await expect(store.remove()).rejects.toThrow('No record is loaded');
    await loaded(thing(), '"7"');
    const removed = store.remove();
    expect(source.calls.at(-1)).toMatchObject({ method: 'remove', args: ['t1', '"7"'] });
    source.answer('remove', undefined);
    await settle();
    await expect(removed).resolves.toMatchObject({ id: 't1' });
  });
});
