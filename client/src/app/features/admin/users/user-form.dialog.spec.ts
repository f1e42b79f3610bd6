import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { createMongoAbility, RawRuleOf } from '@casl/ability';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { Schema } from '@app/core/api/schema';
import { AppAbility } from '@app/core/auth/ability';
import { AuthStore } from '@app/core/auth/auth.store';
import { Notify } from '@app/shared/ui/notify.service';
import { RolesStore } from '../data-access/roles.store';
import { TeamsStore } from '../data-access/teams.store';
import { UsersStore } from '../data-access/users.store';
import { UserFormData, UserFormDialog } from './user-form.dialog';

type User = Schema<'UserResponse'>;

const existing: User = {
  id: 'u1',
  login: 'aysel',
  email: 'aysel@example.az',
  displayName: 'Aysel',
  locale: 'az',
  active: true,
  mustChangePassword: false,
  lastLoginAt: null,
  roles: ['sales_rep'],
  teamIds: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 3,
};

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));

describe('UserFormDialog', () => {
  let http: HttpTestingController;
  let close: jest.Mock;
  let notifyError: jest.Mock;

  const render = async (data: UserFormData, rules: RawRuleOf<AppAbility>[] = [{ action: 'manage', subject: 'all' }]) => {
    close = jest.fn();
    notifyError = jest.fn();
    TestBed.configureTestingModule({
      imports: [UserFormDialog, TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        UsersStore,
        RolesStore,
        TeamsStore,
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: MatDialogRef, useValue: { close } },
        { provide: AuthStore, useValue: { ability: signal(createMongoAbility(rules) as AppAbility) } },
        { provide: Notify, useValue: { error: notifyError, success: jest.fn() } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const roles = TestBed.inject(RolesStore);
    const loading = roles.load();
    http.expectOne('/api/v1/roles').flush({
      items: [
        { id: 'r-rep', name: 'sales_rep', label: 'Sales representative', description: '', builtIn: true, rules: [], userCount: 1, createdAt: '', updatedAt: '', version: 1 },
        { id: 'r-man', name: 'manager', label: 'Manager', description: '', builtIn: true, rules: [], userCount: 0, createdAt: '', updatedAt: '', version: 1 },
      ],
    });
    await loading;
    const fixture = TestBed.createComponent(UserFormDialog);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  };

  const type = (element: HTMLElement, name: string, value: string): void => {
    const input = element.querySelector(`[formcontrolname="${name}"]`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const submit = (element: HTMLElement): void => {
    (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
  };

  afterEach(() => http.verify());

  it('creates a user and closes with the one-time password', async () => {
    const { element } = await render({});
    type(element, 'login', '  New.User ');
    type(element, 'displayName', 'New User');
    submit(element);
    const request = http.expectOne({ method: 'POST', url: '/api/v1/users' });
    expect(request.request.body).toEqual({ login: 'New.User', displayName: 'New User', email: undefined, locale: 'az', roleIds: [], teamIds: [] });
    request.flush({ user: { ...existing, id: 'u9', login: 'new.user' }, oneTimePassword: 'Once-123456' });
    await settle();
    expect(close).toHaveBeenCalledWith({ created: expect.objectContaining({ oneTimePassword: 'Once-123456' }) });
  });

  it('refuses a login with spaces before asking the server', async () => {
    const { element, fixture } = await render({});
    type(element, 'login', 'has space');
    type(element, 'displayName', 'Someone');
    submit(element);
    await fixture.whenStable();
    http.expectNone({ method: 'POST', url: '/api/v1/users' });
    expect(element.querySelector('mat-error')?.textContent).toContain('validation.pattern');
  });

  it('shows a taken login on the login field, in words, without a message box', async () => {
    const { element, fixture } = await render({});
    type(element, 'login', 'aysel');
    type(element, 'displayName', 'Another Aysel');
    submit(element);
    http
      .expectOne({ method: 'POST', url: '/api/v1/users' })
      .flush(
        { type: 'urn:crm:problem:conflict', status: 409, title: 'Conflict', detail: 'The login "aysel" is taken', errors: [{ field: 'login', message: 'is taken' }] },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();
    await fixture.whenStable();
    expect(element.querySelector('mat-error')?.textContent).toContain('admin.errors.taken');
    expect(notifyError).not.toHaveBeenCalled();
    expect(close).not.toHaveBeenCalled();
  });

  it('sends only what changed: the profile with its version, then the roles', async () => {
    const { element, fixture } = await render({ user: existing });
    expect((element.querySelector('[formcontrolname="login"]') as HTMLInputElement).disabled).toBe(true);
    type(element, 'displayName', 'Aysel Məmmədova');
    submit(element);
    const patch = http.expectOne({ method: 'PATCH', url: '/api/v1/users/u1' });
    expect(patch.request.body).toEqual({ displayName: 'Aysel Məmmədova', version: 3 });
    patch.flush({ ...existing, displayName: 'Aysel Məmmədova', version: 4 });
    await settle();
    http.expectNone({ method: 'PUT', url: '/api/v1/users/u1/roles' });
    expect(close).toHaveBeenCalledWith({ updated: expect.objectContaining({ version: 4 }) });

    close.mockClear();
    (fixture.componentInstance as unknown as { form: UserFormDialog['form'] }).form.controls.roleIds.setValue(['r-rep', 'r-man']);
    submit(element);
    http.expectNone({ method: 'PATCH', url: '/api/v1/users/u1' });
    const roles = http.expectOne({ method: 'PUT', url: '/api/v1/users/u1/roles' });
    expect(roles.request.body).toEqual({ ids: ['r-rep', 'r-man'] });
    roles.flush({ ...existing, displayName: 'Aysel Məmmədova', roles: ['manager', 'sales_rep'], version: 4 });
    await settle();
    expect(close).toHaveBeenCalledWith({ updated: expect.objectContaining({ roles: ['manager', 'sales_rep'] }) });
  });

  it('after a stale version says so, takes the current version, and the next save sends only what the admin changed', async () => {
    const { element } = await render({ user: existing });
    type(element, 'displayName', 'Aysel M.');
    submit(element);
    http
      .expectOne({ method: 'PATCH', url: '/api/v1/users/u1' })
      .flush({ type: 'urn:crm:problem:version-mismatch', status: 412, title: 'Stale', detail: 'changed' }, { status: 412, statusText: 'Precondition Failed' });
    await settle();
    expect(notifyError).toHaveBeenCalled();
    http.expectOne({ method: 'GET', url: '/api/v1/users/u1' }).flush({ ...existing, email: 'new@example.az', version: 5 });
    await settle();
    expect(close).not.toHaveBeenCalled();

    submit(element);
    const patch = http.expectOne({ method: 'PATCH', url: '/api/v1/users/u1' });
    expect(patch.request.body).toEqual({ displayName: 'Aysel M.', version: 5 });
    patch.flush({ ...existing, displayName: 'Aysel M.', version: 6 });
    await settle();
    expect(close).toHaveBeenCalledWith({ updated: expect.objectContaining({ version: 6 }) });
  });

  it('leaves out roles and teams the signed-in user may not assign', async () => {
    const { element } = await render({}, [
      { action: 'create', subject: 'User' },
      { action: 'read', subject: 'Role' },
    ]);
    expect(element.querySelector('[formcontrolname="roleIds"]')).toBeNull();
    expect(element.querySelector('[formcontrolname="teamIds"]')).toBeNull();
    type(element, 'login', 'rep');
    type(element, 'displayName', 'Rep');
    submit(element);
    const request = http.expectOne({ method: 'POST', url: '/api/v1/users' });
    expect(request.request.body.roleIds).toBeUndefined();
    expect(request.request.body.teamIds).toBeUndefined();
    request.flush({ user: existing, oneTimePassword: 'x' });
    await settle();
  });
});
