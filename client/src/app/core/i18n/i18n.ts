import { HttpClient } from '@angular/common/http';
import { EnvironmentProviders, inject, Injectable, isDevMode } from '@angular/core';
import { provideTransloco, Translation, TranslocoLoader } from '@jsverse/transloco';

export const LANGUAGES = ['az', 'tr', 'en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'az';

/** Language names in their own language, for the switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = { az: 'Azərbaycanca', tr: 'Türkçe', en: 'English', ru: 'Русский' };

/** BCP 47 tags for Intl: dates, numbers and money follow the chosen language. */
export const INTL_LOCALES: Record<Language, string> = { az: 'az-Latn-AZ', tr: 'tr-TR', en: 'en-GB', ru: 'ru-RU' };

export const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);

/** Texts live in public/i18n/<lang>.json and, per feature, public/i18n/<feature>/<lang>.json. */
@Injectable({ providedIn: 'root' })
export class TranslationLoader implements TranslocoLoader {
  private readonly http = inject(HttpClient);

  getTranslation(path: string) {
    return this.http.get<Translation>(`/i18n/${path}.json`);
  }
}

export function provideI18n(): EnvironmentProviders[] {
  return provideTransloco({
    config: {
      availableLangs: [...LANGUAGES],
      defaultLang: DEFAULT_LANGUAGE,
      fallbackLang: DEFAULT_LANGUAGE,
      reRenderOnLangChange: true,
      prodMode: !isDevMode(),
      missingHandler: { logMissingKey: true, useFallbackTranslation: false },
    },
    loader: TranslationLoader,
  });
}
