import { HttpErrorResponse, HttpEventType, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { tap } from 'rxjs';
import { NetworkStatus } from './network-status';

/** Status 0 means the server was not reached (network loss, server down): the banner shows until an answer arrives. */
export const networkInterceptor: HttpInterceptorFn = (request, next) => {
  const network = inject(NetworkStatus);
  return next(request).pipe(
    tap({
      next: (event) => {
        if (event.type === HttpEventType.Response) {
          network.markReachable();
        }
      },
      error: (error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 0) {
          network.markLost();
        } else if (error instanceof HttpErrorResponse) {
          network.markReachable();
        }
      },
    }),
  );
};
