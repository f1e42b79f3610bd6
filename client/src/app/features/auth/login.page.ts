import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthStore } from '@app/core/auth/auth.store';
import { LANGUAGE_NAMES, LANGUAGES } from '@app/core/i18n/i18n';
import { LanguageService } from '@app/core/i18n/language.service';
import { BrandingStore } from '@app/core/layout/branding.store';
import { FieldErrors } from '@app/shared/ui/field-errors';
import { problemTextKey } from '@app/shared/ui/problem-text';

@Component({
  selector: 'crm-login-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, MatProgressBarModule, TranslocoPipe, FieldErrors],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login.page.html',
  styleUrl: './auth-card.scss',
})
export class LoginPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);
  protected readonly language = inject(LanguageService);
  protected readonly branding = inject(BrandingStore).branding;
  protected readonly languages = LANGUAGES;
  protected readonly languageNames = LANGUAGE_NAMES;

  /** Where to go after signing in (set when a page needed a session). */
  readonly returnUrl = input<string>();
  /** Set when the session ran out. */
  readonly expired = input<string>();

  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    login: ['', [Validators.required, Validators.maxLength(64)]],
    password: ['', [Validators.required, Validators.maxLength(200)]],
  });

  protected async submit(): Promise<void> {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.failure.set(null);
    try {
      const { login, password } = this.form.getRawValue();
      await this.auth.login(login, password);
      // Whoever works with tasks starts with their day; the start page only lists the sections.
      const start = this.auth.ability().can('read', 'Task') ? '/my-day' : '/';
      const target = this.auth.mustChangePassword() ? '/change-password' : safeReturnUrl(this.returnUrl(), start);
      await this.router.navigateByUrl(target);
    } catch (error) {
      // Said on the card itself: wrong password, too many attempts, server out of reach.
      this.failure.set(problemTextKey(error, this.transloco));
    } finally {
      this.busy.set(false);
    }
  }
}

/** Only paths inside the CRM: an address given in the link must not send the user elsewhere. */
function safeReturnUrl(url: string | undefined, start: string): string {
  return url !== undefined && url !== '/' && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/login') ? url : start;
}
