import { computed, inject, Injectable, Signal } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslocoService } from '@jsverse/transloco';
import { problemOf } from '@app/core/api/problem';
import { problemTextKey } from './problem-text';

/** Short messages at the bottom of the screen; failed requests in plain words of the user's language. */
@Injectable({ providedIn: 'root' })
export class Notify {
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  success(key: string, params?: Record<string, unknown>): void {
    this.snackBar.open(this.transloco.translate(key, params), this.transloco.translate('common.close'), { duration: 4000 });
  }

  /** A failure the page explains in its own words (`key`), announced at once like `error`. */
  alert(key: string, params?: Record<string, unknown>): void {
    this.snackBar.open(this.transloco.translate(key, params), this.transloco.translate('common.close'), { duration: 8000, politeness: 'assertive' });
  }

  error(error: unknown): void {
    this.snackBar.open(this.describe(error), this.transloco.translate('common.close'), { duration: 8000, politeness: 'assertive' });
  }

  /** "Someone else changed this record…" for a 412, the server's detail for a rule it explains, a generic text otherwise. */
  describe(error: unknown): string {
    const key = problemTextKey(error, this.transloco);
    const problem = problemOf(error);
    return key === 'errors.unknown' && problem !== null ? `${this.transloco.translate(key)} ${problem.detail}` : this.transloco.translate(key);
  }

  /** The words for a store's current error, or '' while there is none. */
  errorText(error: Signal<unknown>): Signal<string> {
    return computed(() => {
      const current = error();
      return current === null || current === undefined ? '' : this.describe(current);
    });
  }
}
