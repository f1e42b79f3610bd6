import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AuthStore } from '@app/core/auth/auth.store';
import { problemCode } from '@app/core/api/problem';
import { blobText, FileSaver } from './audit.api';
import type { AuditEvent } from './audit-diff';
import { exportFileName, filtersFromParams, filtersToParams, listQuery } from './audit-filters';
import { AuditStore } from './audit.store';

const ROLE_ID = '5b0c2f6e-8f3a-4c2e-9d7a-1a2b3c4d5e6f';
const ACTOR_ID = '0f8e6a52-3b1d-4d7e-a0c4-9e8f7a6b5c4d';

function event(id: string, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id, occurredAt: '2026-03-05T10:00:00.000Z', actorId: ACTOR_ID, actorLogin: 'admin', ip: '127.0.0.1', requestId: 'req-1',
    kind: 'data', action: 'update', tableName: 'roles', recordId: ROLE_ID, changes: null, details: null, sealed: true, ...overrides,
  };
}

describe('AuditStore', () => {
  let http: HttpTestingController;
  let store: InstanceType<typeof AuditStore>;
  const saved: { blob: Blob; name: string }[] = [];
  const user = signal<{ id: string } | null>({ id: 'auditor-1' });

  beforeEach(() => {
    saved.length = 0;
    user.set({ id: 'auditor-1' });
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        AuditStore,
        { provide: AuthStore, useValue: { user } },
        { provide: FileSaver, useValue: { save: (blob: Blob, name: string) => saved.push({ blob, name }) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(AuditStore);
  });

  afterEach(() => http.verify());

  it('sends the filters as query parameters and shows the first page', () => {
    store.search({ tableName: 'roles', actorId: ACTOR_ID, from: '2026-03-01T00:00:00.000Z' });
    expect(store.loading()).toBe(true);
    const request = http.expectOne((r) => r.url === '/api/v1/audit/events');
    expect(request.request.params.keys().sort()).toEqual(['actorId', 'from', 'limit', 'tableName']);
    expect(request.request.params.get('tableName')).toBe('roles');
    expect(request.request.params.get('actorId')).toBe(ACTOR_ID);
    expect(request.request.params.get('from')).toBe('2026-03-01T00:00:00.000Z');
    expect(request.request.params.get('limit')).toBe('50');
    request.flush({ items: [event('12'), event('11')], nextCursor: '11' });
    expect(store.loading()).toBe(false);
    expect(store.events().map((e) => e.id)).toEqual(['12', '11']);
    expect(store.hasMore()).toBe(true);
  });

  it('pages with the cursor of the previous page and appends', () => {
    store.search({ action: 'update' });
    http.expectOne((r) => r.url === '/api/v1/audit/events').flush({ items: [event('30')], nextCursor: '30' });
    store.loadMore();
    expect(store.loadingMore()).toBe(true);
    const next = http.expectOne((r) => r.url === '/api/v1/audit/events');
    expect(next.request.params.get('cursor')).toBe('30');
    expect(next.request.params.get('action')).toBe('update');
    next.flush({ items: [event('29')], nextCursor: null });
    expect(store.events().map((e) => e.id)).toEqual(['30', '29']);
    expect(store.hasMore()).toBe(false);
    store.loadMore();
    http.expectNone((r) => r.url === '/api/v1/audit/events');
  });

  it('keeps a loaded search when the same filters come again, and loads again for new ones', () => {
    store.search({ tableName: 'roles' });
    http.expectOne((r) => r.url === '/api/v1/audit/events').flush({ items: [event('5')], nextCursor: null });
    store.search({ tableName: 'roles' });
    http.expectNone((r) => r.url === '/api/v1/audit/events');
    store.search({ tableName: 'users' });
    expect(store.events()).toEqual([]);
    http.expectOne((r) => r.params.get('tableName') === 'users').flush({ items: [], nextCursor: null });
    expect(store.empty()).toBe(true);
  });

  it('loads afresh for another user signing in to the same tab', () => {
    store.search({});
    http.expectOne((r) => r.url === '/api/v1/audit/events').flush({ items: [event('5')], nextCursor: null });
    user.set({ id: 'auditor-2' });
    store.search({});
    http.expectOne((r) => r.url === '/api/v1/audit/events').flush({ items: [], nextCursor: null });
    expect(store.events()).toEqual([]);
  });

  it('keeps the error of a failed search and retries it', () => {
    store.search({ recordId: 'x' });
    http.expectOne((r) => r.url === '/api/v1/audit/events').flush({ type: 'urn:crm:problem:forbidden', status: 403, title: 'Forbidden' }, { status: 403, statusText: 'Forbidden' });
    expect(store.status()).toBe('error');
    expect(problemCode(store.error())).toBe('forbidden');
    store.retry();
    expect(store.loading()).toBe(true);
    http.expectOne((r) => r.params.get('recordId') === 'x').flush({ items: [event('1')], nextCursor: null });
    expect(store.status()).toBe('loaded');
    expect(store.error()).toBeNull();
  });

  it('verifies the chain and keeps what the server reported', () => {
    store.verifyOnce();
    expect(store.verifying()).toBe(true);
    http.expectOne('/api/v1/audit/verify').flush({ ok: true, checked: 42, firstBrokenId: null });
    expect(store.verifyResult()).toEqual({ ok: true, checked: 42, firstBrokenId: null });
    expect(store.verifiedAt()).not.toBeNull();
    store.verifyOnce();
    http.expectNone('/api/v1/audit/verify');
    store.verify();
    http.expectOne('/api/v1/audit/verify').flush({ ok: false, checked: 7, firstBrokenId: '8' });
    expect(store.verifyResult()?.firstBrokenId).toBe('8');
  });

  it('exports the current filters as a blob and saves it under a telling name', async () => {
    store.search({ tableName: 'roles', recordId: ROLE_ID });
    http.expectOne((r) => r.url === '/api/v1/audit/events').flush({ items: [], nextCursor: null });
    const done = store.exportEvents('csv');
    expect(store.exporting()).toBe('csv');
    const request = http.expectOne((r) => r.url === '/api/v1/audit/events/export');
    expect(request.request.responseType).toBe('blob');
    expect(request.request.params.get('format')).toBe('csv');
    expect(request.request.params.get('tableName')).toBe('roles');
    expect(request.request.params.get('recordId')).toBe(ROLE_ID);
    expect(request.request.params.has('limit')).toBe(false);
    request.event({ type: HttpEventType.DownloadProgress, loaded: 2048 });
    expect(store.exportedBytes()).toBe(2048);
    request.flush(new Blob(['id,occurredAt\r\n'], { type: 'text/csv' }));
    await expect(done).resolves.toBe(true);
    expect(store.exporting()).toBeNull();
    expect(saved).toHaveLength(1);
    expect(saved[0].name).toMatch(new RegExp(`^audit-events-roles-${ROLE_ID}-\\d{8}-\\d{4}\\.csv$`));
    expect(await blobText(saved[0].blob)).toContain('occurredAt');
  });

  it('reads the problem of a failed export from its blob body', async () => {
    const done = store.exportEvents('ndjson');
    const problem = JSON.stringify({ type: 'urn:crm:problem:forbidden', status: 403, title: 'Forbidden', detail: 'no' });
    http.expectOne((r) => r.url === '/api/v1/audit/events/export').flush(new Blob([problem]), { status: 403, statusText: 'Forbidden' });
    await expect(done).resolves.toBe(false);
    expect(problemCode(store.exportError())).toBe('forbidden');
    expect(saved).toHaveLength(0);
  });

  it('opens an event of the list without a request, and fetches one it does not hold', () => {
    store.search({});
    http.expectOne((r) => r.url === '/api/v1/audit/events').flush({ items: [event('9')], nextCursor: null });
    store.open('9');
    expect(store.selected()?.id).toBe('9');
    http.expectOne(`/api/v1/users/${ACTOR_ID}`).flush({ id: ACTOR_ID, displayName: 'Admin', login: 'admin' });
    expect(store.selectedActor()?.displayName).toBe('Admin');

    store.open('99999999999999999');
    expect(store.selectedStatus()).toBe('loading');
    http.expectOne('/api/v1/audit/events/99999999999999999').flush(event('99999999999999999', { actorId: null, actorLogin: 'system' }));
    expect(store.selectedStatus()).toBe('loaded');
    expect(store.selected()?.actorLogin).toBe('system');
  });

  it('reports an event that is not there as missing', () => {
    store.open('15');
    http.expectOne('/api/v1/audit/events/15').flush({ type: 'urn:crm:problem:not-found', status: 404 }, { status: 404, statusText: 'Not Found' });
    expect(store.selectedStatus()).toBe('missing');
    store.open('not-an-id');
    expect(store.selectedStatus()).toBe('missing');
  });
});

describe('audit filters in the address', () => {
  it('keep only valid values and round-trip', () => {
    const filters = filtersFromParams({
      action: 'auth.login.failure', actorId: ACTOR_ID.toUpperCase(), tableName: 'roles', recordId: ` ${ROLE_ID} `,
      from: '2026-03-01T08:00:00+04:00', to: 'yesterday', cursor: '5',
    });
    expect(filters).toEqual({ action: 'auth.login.failure', actorId: ACTOR_ID, tableName: 'roles', recordId: ROLE_ID, from: '2026-03-01T04:00:00.000Z' });
    expect(filtersFromParams(filtersToParams(filters))).toEqual(filters);
    expect(filtersFromParams({ tableName: 'Robert"); DROP', actorId: 'me' })).toEqual({});
  });

  it('build the page query and a file name', () => {
    expect(listQuery({ action: 'delete' }, '77', 10)).toEqual({ action: 'delete', cursor: '77', limit: 10 });
    expect(listQuery({}, null)).toEqual({ limit: 50 });
    expect(exportFileName('ndjson', {}, new Date(2026, 2, 5, 9, 7))).toBe('audit-events-20260305-0907.ndjson');
    expect(exportFileName('csv', { tableName: 'team_members', action: 'auth.login.failure' }, new Date(2026, 11, 31, 23, 59))).toBe(
      'audit-events-team_members-auth.login.failure-20261231-2359.csv',
    );
  });
});
