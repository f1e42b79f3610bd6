import type { FormGroup } from '@angular/forms';
import type { TranslocoService } from '@jsverse/transloco';
import { applyProblemToForm, problemCode, problemOf } from '@app/core/api/problem';

/**
 * Puts the server's field errors on the form's fields; a conflict (a login or name someone already
 * has) is said in the user's language. True when every error found its field, so that nothing more
 * needs to be said; otherwise the caller tells the user in a message.
 */
export function showOnForm(form: FormGroup, error: unknown, transloco: TranslocoService): boolean {
  const fieldErrors = problemOf(error)?.errors ?? [];
  if (fieldErrors.length === 0) {
    return false;
  }
  const unmatched = applyProblemToForm(form, error);
  if (problemCode(error) === 'conflict') {
    for (const { field } of fieldErrors) {
      form.get(field)?.setErrors({ server: transloco.translate('admin.errors.taken') });
    }
  }
  return unmatched.length === 0;
}
