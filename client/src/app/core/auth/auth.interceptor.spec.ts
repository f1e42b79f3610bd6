import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';
import { AuthStore } from './auth.store';

const user = { id: 'u1', login: 'aysel', displayName: 'Aysel', email: null, locale: 'az', active: true, mustChangePassword: false, lastLoginAt: null, roles: ['sales_rep'], teamIds: [], createdAt: '', updatedAt: '', version: 1 };
const session = (token: string) => ({ accessToken: token, expiresIn: 900, user });

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: AuthStore;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthStore);
    const signingIn = auth.login('aysel', 'secret-password');
    backend.expectOne('/api/v1/auth/login').flush(session('token-1'));
    await Promise.resolve();
    backend.expectOne('/api/v1/auth/me').flush({ user, roles: ['sales_rep'], rules: [['read', 'Contact']] });
    await signingIn;
  });

  afterEach(() => backend.verify());

  it('sends the access token with API calls only', () => {
    http.get('/api/v1/contacts').subscribe();
    expect(backend.expectOne('/api/v1/contacts').request.headers.get('Authorization')).toBe('Bearer token-1');
    http.get('/i18n/az.json').subscribe();
    expect(backend.expectOne('/i18n/az.json').request.headers.has('Authorization')).toBe(false);
  });

  it('renews the token once for concurrent 401s and repeats each call with the new token', async () => {
    const first = firstValueFrom(http.get<{ n: number }>('/api/v1/contacts'));
    const second = firstValueFrom(http.get<{ n: number }>('/api/v1/users'));
    backend.expectOne('/api/v1/contacts').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/v1/users').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/v1/auth/refresh').flush(session('token-2'));
    const retriedContacts = backend.expectOne('/api/v1/contacts');
    const retriedUsers = backend.expectOne('/api/v1/users');
    expect(retriedContacts.request.headers.get('Authorization')).toBe('Bearer token-2');
    expect(retriedUsers.request.headers.get('Authorization')).toBe('Bearer token-2');
    retriedContacts.flush({ n: 1 });
    retriedUsers.flush({ n: 2 });
    await expect(first).resolves.toEqual({ n: 1 });
    await expect(second).resolves.toEqual({ n: 2 });
  });

  it('ends the session and sends the user to sign in, then back, when renewal fails', async () => {
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    jest.spyOn(router, 'url', 'get').mockReturnValue('/contacts?q=abc');
    const call = firstValueFrom(http.get('/api/v1/contacts'));
    backend.expectOne('/api/v1/contacts').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/v1/auth/refresh').flush({ type: 'urn:crm:problem:unauthenticated', status: 401 }, { status: 401, statusText: 'Unauthorized' });
    await expect(call).rejects.toMatchObject({ status: 401 });
    expect(auth.signedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/contacts?q=abc', expired: 1 } });
  });

  it('does not try to renew for a rejected sign-in or password change', async () => {
    const call = firstValueFrom(http.post('/api/v1/auth/change-password', {}));
    backend.expectOne('/api/v1/auth/change-password').flush(null, { status: 401, statusText: 'Unauthorized' });
    await expect(call).rejects.toMatchObject({ status: 401 });
    backend.expectNone('/api/v1/auth/refresh');
  });
});
