import { inject, Pipe, PipeTransform } from '@angular/core';
import { LanguageService } from '@app/core/i18n/language.service';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 hours ago", "in 2 days" for a moment, in the interface language. */
export function relativeTime(value: string | Date, locale: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(value).getTime() - now) / 1000);
  const [unit, size] = UNITS.find(([, length]) => Math.abs(seconds) >= length) ?? UNITS[UNITS.length - 1];
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.round(seconds / size), unit);
}

/** `{{ item.at | crmRelative }}`; impure, so it follows a language switch. */
@Pipe({ name: 'crmRelative', pure: false })
export class CrmRelativePipe implements PipeTransform {
  private readonly language = inject(LanguageService);

  transform(value: string | Date | null | undefined): string {
    return value === null || value === undefined || value === '' ? '' : relativeTime(value, this.language.intlLocale());
  }
}
