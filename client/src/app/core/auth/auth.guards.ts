import { inject } from '@angular/core';
import { CanActivateFn, CanMatchFn, Router } from '@angular/router';
import type { Action, Subject } from './ability';
import { AuthStore } from './auth.store';

/** Signed in with a password of their own; otherwise to sign-in (then back here) or to the password change. */
export const signedInGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  if (!auth.signedIn()) {
    return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
  }
  return auth.mustChangePassword() ? router.createUrlTree(['/change-password']) : true;
};

/** Signed in, even with a one-time password: the password-change page. */
export const sessionGuard: CanActivateFn = () => inject(AuthStore).signedIn() || inject(Router).createUrlTree(['/login']);

/** Sign-in page: a signed-in user goes home. */
export const guestGuard: CanActivateFn = () => !inject(AuthStore).signedIn() || inject(Router).createUrlTree(['/']);

/**
 * A section the user's rules allow for at least one of the pairs; otherwise its routes do not
 * exist for them. Signed out, it matches, so that signedInGuard sends them to sign in and back here.
 */
export function allowed(...pairs: [Action, Subject][]): CanMatchFn {
  return () => {
    const auth = inject(AuthStore);
    const ability = auth.ability();
    return !auth.signedIn() || pairs.some(([action, subject]) => ability.can(action, subject)) || inject(Router).createUrlTree(['/']);
  };
}
