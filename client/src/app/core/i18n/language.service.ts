import { HttpClient } from '@angular/common/http';
import { computed, effect, inject, Injectable } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import type { Schema } from '../api/schema';
import { AuthStore } from '../auth/auth.store';
import { DEFAULT_LANGUAGE, INTL_LOCALES, isLanguage, Language } from './i18n';

const STORAGE_KEY = 'crm.language';

/**
 * The language of the interface: the signed-in user's choice kept on the server, before sign-in
 * the one last used in this browser. Intl formatting follows it.
 */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly transloco = inject(TranslocoService);
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthStore);

  readonly current = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() }) as () => Language;
  readonly intlLocale = computed(() => INTL_LOCALES[this.current()] ?? INTL_LOCALES[DEFAULT_LANGUAGE]);

  constructor() {
    const stored = localStorage.getItem(STORAGE_KEY);
    this.apply(isLanguage(stored) ? stored : DEFAULT_LANGUAGE);
    effect(() => {
      const locale = this.auth.user()?.locale;
      if (isLanguage(locale)) {
        this.apply(locale);
      }
    });
  }

  /** Switches at once and keeps the choice: on the server for a signed-in user, in the browser always. */
  async choose(language: Language): Promise<void> {
    this.apply(language);
    if (this.auth.signedIn() && this.auth.user()?.locale !== language) {
      const user = await firstValueFrom(this.http.patch<Schema<'UserResponse'>>('/api/v1/auth/me', { locale: language }));
      this.auth.updateUser(user);
    }
  }

  private apply(language: Language): void {
    localStorage.setItem(STORAGE_KEY, language);
    document.documentElement.lang = language;
    if (this.transloco.getActiveLang() !== language) {
      this.transloco.setActiveLang(language);
    }
  }
}
