import { ChangeDetectionStrategy, ChangeDetectorRef, Component, effect, inject, input } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * The first error of a form control in words, for a `<mat-error>`: the form's own checks and the
 * messages the server put on the field (`applyProblemToForm`).
 */
@Component({
  selector: 'crm-field-errors',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let errors = control().errors;
    @if (errors) {
      @if (errors['server']) {
        {{ errors['server'] }}
      } @else if (errors['required']) {
        {{ 'validation.required' | transloco }}
      } @else if (errors['email']) {
        {{ 'validation.email' | transloco }}
      } @else if (errors['minlength']) {
        {{ 'validation.minlength' | transloco: { min: errors['minlength'].requiredLength } }}
      } @else if (errors['maxlength']) {
        {{ 'validation.maxlength' | transloco: { max: errors['maxlength'].requiredLength } }}
      } @else if (errors['pattern']) {
        {{ 'validation.pattern' | transloco }}
      } @else if (errors['mismatch']) {
        {{ 'validation.mismatch' | transloco }}
      } @else {
        {{ 'validation.invalid' | transloco }}
      }
    }
  `,
})
export class FieldErrors {
  readonly control = input.required<AbstractControl>();

  constructor() {
    // Errors are not signals: re-render whenever the control's value, status or touched state changes.
    const changes = inject(ChangeDetectorRef);
    effect((onCleanup) => {
      const subscription = this.control().events.subscribe(() => changes.markForCheck());
      onCleanup(() => subscription.unsubscribe());
    });
  }
}
