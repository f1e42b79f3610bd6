import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { abilityFromPackedRules } from '@app/core/auth/ability';
import { AuthStore } from '@app/core/auth/auth.store';
import { AuditStore } from '../data-access/audit.store';
import { AuditListPage, shortId } from './audit-list.page';

const ROLE_ID = '5b0c2f6e-8f3a-4c2e-9d7a-1a2b3c4d5e6f';

const roleInsert = {
  id: '41', occurredAt: '2026-03-05T10:00:00.000Z', actorId: null, actorLogin: 'system', ip: null, requestId: null, kind: 'data',
  action: 'insert', tableName: 'roles', recordId: ROLE_ID, changes: { label: { old: null, new: 'Regional manager' } }, details: null, sealed: true,
};

describe('AuditListPage', () => {
  let http: HttpTestingController;

  async function open(url: string, rules: unknown[][]): Promise<RouterTestingHarness> {
    TestBed.configureTestingModule({
      imports: [TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'audit', providers: [AuditStore], component: AuditListPage }]),
        { provide: AuthStore, useValue: { user: signal({ id: 'auditor' }), ability: signal(abilityFromPackedRules(rules)) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, AuditListPage);
    http.expectOne('/api/v1/audit/verify').flush({ ok: true, checked: 3, firstBrokenId: null });
    return harness;
  }

  afterEach(() => http.verify());

  it('searches with the filters of the address and lists the events', async () => {
    const harness = await open(`/audit?tableName=roles&recordId=${ROLE_ID}&cursor=9`, [['read', 'AuditEvent']]);
    const request = http.expectOne((r) => r.url === '/api/v1/audit/events');
    expect(request.request.params.get('tableName')).toBe('roles');
    expect(request.request.params.get('recordId')).toBe(ROLE_ID);
    expect(request.request.params.has('cursor')).toBe(false);
    request.flush({ items: [roleInsert], nextCursor: '41' });
    await harness.fixture.whenStable();

    const rows = harness.routeNativeElement!.querySelectorAll('[data-testid="audit-row"]');
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain('Regional manager');
    // The event's page keeps the search, so that "back" returns to the same list.
    expect(rows[0].querySelector('a')?.getAttribute('href')).toMatch(new RegExp(`^/audit/41\\?tableName=roles&recordId=${ROLE_ID}`));
    expect(harness.routeNativeElement!.querySelector('[data-testid="load-more"]')).not.toBeNull();
    // The auditor's rules do not allow export here: no button.
    expect(harness.routeNativeElement!.querySelector('[data-testid="export"]')).toBeNull();
  });

  it('shows an empty state, and an error with a working retry', async () => {
    const harness = await open('/audit?action=delete', [['read', 'AuditEvent'], ['export', 'AuditEvent']]);
    http.expectOne((r) => r.url === '/api/v1/audit/events').flush(null, { status: 500, statusText: 'Server Error' });
    await harness.fixture.whenStable();
    const page = harness.routeNativeElement!;
    expect(page.querySelector('[data-testid="audit-error"]')).not.toBeNull();
    expect(page.querySelector('[data-testid="export"]')).not.toBeNull();

    (page.querySelector('[data-testid="audit-error"] button') as HTMLButtonElement).click();
    http.expectOne((r) => r.params.get('action') === 'delete').flush({ items: [], nextCursor: null });
    await harness.fixture.whenStable();
    expect(page.querySelector('[data-testid="audit-error"]')).toBeNull();
    expect(page.querySelector('[data-testid="audit-empty"]')).not.toBeNull();
  });

  it('follows the address when the filters change', async () => {
    const harness = await open('/audit', [['read', 'AuditEvent']]);
    http.expectOne((r) => r.url === '/api/v1/audit/events').flush({ items: [roleInsert], nextCursor: null });
    await TestBed.inject(Router).navigateByUrl('/audit?tableName=users');
    await harness.fixture.whenStable();
    http.expectOne((r) => r.params.get('tableName') === 'users').flush({ items: [], nextCursor: null });
  });

  it('shortens a uuid and keeps other ids', () => {
    expect(shortId(ROLE_ID)).toBe('5b0c2f6e…');
    expect(shortId('team:user')).toBe('team:user');
  });
});
