import { inject, Injectable } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslocoService } from '@jsverse/transloco';
import { problemCode, problemOf } from '@app/core/api/problem';

/** Short messages at the bottom of the screen; failed requests in plain words of the user's language. */
@Injectable({ providedIn: 'root' })
export class Notify {
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  success(key: string, params?: Record<string, unknown>): void {
    this.snackBar.open(this.transloco.translate(key, params), this.transloco.translate('common.close'), { duration: 4000 });
  }

  error(error: unknown): void {
    this.snackBar.open(this.describe(error), this.transloco.translate('common.close'), { duration: 8000, politeness: 'assertive' });
  }

  /** "Someone else changed this record…" for a 412, the server's detail for a rule it explains, a generic text otherwise. */
  describe(error: unknown): string {
    const code = problemCode(error);
    const key = `errors.${code}`;
    const text = this.transloco.translate(key);
    if (text !== key) {
      return text;
    }
    const problem = problemOf(error);
    return problem === null ? this.transloco.translate('errors.unknown') : `${this.transloco.translate('errors.unknown')} ${problem.detail}`;
  }
}
