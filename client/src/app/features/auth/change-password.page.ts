import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { AbstractControl, FormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { applyProblemToForm, problemCode } from '@app/core/api/problem';
import { AuthStore } from '@app/core/auth/auth.store';
import { BrandingStore } from '@app/core/layout/branding.store';
import { FieldErrors } from '@app/shared/ui/field-errors';
import { Notify } from '@app/shared/ui/notify.service';

const sameAsNew = (control: AbstractControl): ValidationErrors | null =>
  control.parent !== null && control.value !== control.parent.get('newPassword')?.value ? { mismatch: true } : null;

/** Own password change; the only page open to a user who signed in with a one-time password. */
@Component({
  selector: 'crm-change-password-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, TranslocoPipe, FieldErrors],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './change-password.page.html',
  styleUrl: './auth-card.scss',
})
export class ChangePasswordPage {
  private readonly router = inject(Router);
  private readonly notify = inject(Notify);
  protected readonly auth = inject(AuthStore);
  protected readonly branding = inject(BrandingStore).branding;
  protected readonly busy = signal(false);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    currentPassword: ['', [Validators.required]],
    newPassword: ['', [Validators.required, Validators.minLength(10), Validators.maxLength(200)]],
    repeatPassword: ['', [Validators.required, sameAsNew]],
  });

  protected async submit(): Promise<void> {
    this.form.controls.repeatPassword.updateValueAndValidity();
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    try {
      const { currentPassword, newPassword } = this.form.getRawValue();
      await this.auth.changePassword(currentPassword, newPassword);
      this.notify.success('auth.passwordChanged');
      await this.router.navigateByUrl('/');
    } catch (error) {
      const code = problemCode(error);
      if (code === 'invalid-credentials') {
        this.form.controls.currentPassword.setErrors({ wrongPassword: true });
      } else if (code !== 'validation' || applyProblemToForm(this.form, error).length > 0) {
        this.notify.error(error);
      }
    } finally {
      this.busy.set(false);
    }
  }

  protected logout(): void {
    void this.auth.logout();
  }
}
