import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, switchMap, throwError } from 'rxjs';
import { AuthStore } from './auth.store';

const withToken = (request: HttpRequest<unknown>, token: string | null): HttpRequest<unknown> =>
  token === null ? request : request.clone({ setHeaders: { Authorization: `Bearer ${token}` } });

/**
 * Sends the access token with API calls. On 401 it renews the token once through the refresh
 * cookie and repeats the call; when renewal fails the session has expired.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.url.startsWith('/api/')) {
    return next(request);
  }
  const auth = inject(AuthStore);
  const sentWith = auth.accessToken();
  return next(withToken(request, sentWith)).pipe(
    catchError((error: unknown) => {
      const renewable = error instanceof HttpErrorResponse && error.status === 401 && sentWith !== null && !request.url.startsWith('/api/v1/auth/');
      if (!renewable) {
        return throwError(() => error);
      }
      return auth.renew().pipe(
        catchError(() => {
          void auth.expire();
          return throwError(() => error);
        }),
        switchMap((token) => next(withToken(request, token))),
      );
    }),
  );
};
