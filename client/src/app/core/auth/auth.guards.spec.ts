import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, provideRouter, Route, Router, RouterStateSnapshot, UrlTree } from '@angular/router';
import { abilityFromPackedRules, NO_ABILITY } from './ability';
import { allowed, signedInGuard } from './auth.guards';
import { AuthStore } from './auth.store';

function withAuth(state: { signedIn: boolean; mustChangePassword?: boolean; rules?: unknown[][] }): void {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      {
        provide: AuthStore,
        useValue: {
          signedIn: signal(state.signedIn),
          mustChangePassword: signal(state.mustChangePassword ?? false),
          ability: signal(state.rules === undefined ? NO_ABILITY : abilityFromPackedRules(state.rules)),
        },
      },
    ],
  });
}

const runGuard = (url: string) =>
  TestBed.runInInjectionContext(() => signedInGuard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot));
const serialize = (result: unknown) => TestBed.inject(Router).serializeUrl(result as UrlTree);

describe('signedInGuard', () => {
  it('sends a signed-out visitor to sign in with the page to come back to', () => {
    withAuth({ signedIn: false });
    expect(serialize(runGuard('/contacts?q=abc'))).toBe('/login?returnUrl=%2Fcontacts%3Fq%3Dabc');
  });

  it('sends a user with a one-time password to the password change', () => {
    withAuth({ signedIn: true, mustChangePassword: true });
    expect(serialize(runGuard('/contacts'))).toBe('/change-password');
  });

  it('lets a signed-in user in', () => {
    withAuth({ signedIn: true });
    expect(runGuard('/contacts')).toBe(true);
  });
});

describe('allowed', () => {
  const match = (...pairs: Parameters<typeof allowed>) => TestBed.runInInjectionContext(() => allowed(...pairs)({} as Route, []));

  it('matches when any of the pairs is allowed by the packed rules', () => {
    withAuth({ signedIn: true, rules: [['read', 'Contact'], ['update', 'Team']] });
    expect(match(['read', 'Contact'])).toBe(true);
    expect(match(['update', 'User'], ['update', 'Team'])).toBe(true);
  });

  it('sends the user home from a section their rules do not allow', () => {
    withAuth({ signedIn: true, rules: [['read', 'Contact']] });
    expect(serialize(match(['read', 'AuditEvent']))).toBe('/');
  });

  it('matches for a signed-out visitor, so that sign-in can bring them back', () => {
    withAuth({ signedIn: false });
    expect(match(['read', 'AuditEvent'])).toBe(true);
  });
});
