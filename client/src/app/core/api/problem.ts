import { HttpErrorResponse } from '@angular/common/http';
import type { AbstractControl, FormGroup } from '@angular/forms';
import type { Problem } from './schema';

/** The problem+json body of a failed request, or null when there is none (network loss, proxy page). */
export function problemOf(error: unknown): Problem | null {
  if (!(error instanceof HttpErrorResponse)) {
    return null;
  }
  const body: unknown = error.error;
  if (typeof body === 'object' && body !== null && 'type' in body && 'status' in body) {
    return body as Problem;
  }
  return null;
}

/** The code after `urn:crm:problem:`, e.g. `version-mismatch`; `network` when the server was not reached. */
export function problemCode(error: unknown): string {
  if (error instanceof HttpErrorResponse && error.status === 0) {
    return 'network';
  }
  const problem = problemOf(error);
  if (problem === null) {
    return error instanceof HttpErrorResponse ? `http-${error.status}` : 'unknown';
  }
  return problem.type.replace(/^urn:crm:problem:/, '');
}

/**
 * Puts each field error of a validation problem on the form control it names (`server` error with
 * the server's message). Returns the field errors that matched no control.
 */
export function applyProblemToForm(form: FormGroup, error: unknown): string[] {
  const unmatched: string[] = [];
  for (const { field, message } of problemOf(error)?.errors ?? []) {
    // The server names list items as `points[1].value` (its own checks) or `points.1.value` (DTO checks).
    const control: AbstractControl | null = form.get(field.replace(/\[(\d+)\]/g, '.$1'));
    if (control === null) {
      unmatched.push(`${field}: ${message}`);
    } else {
      control.setErrors({ ...(control.errors ?? {}), server: message });
      control.markAsTouched();
    }
  }
  return unmatched;
}
