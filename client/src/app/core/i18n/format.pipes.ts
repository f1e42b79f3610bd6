import { inject, Pipe, PipeTransform } from '@angular/core';
import { LanguageService } from './language.service';

type DateStyle = 'short' | 'medium' | 'long' | 'date' | 'time';
const DATE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  short: { dateStyle: 'short', timeStyle: 'short' },
  medium: { dateStyle: 'medium', timeStyle: 'short' },
  long: { dateStyle: 'long', timeStyle: 'medium' },
  date: { dateStyle: 'medium' },
  time: { timeStyle: 'short' },
};

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let found = cache.get(key) as T | undefined;
  if (found === undefined) {
    found = make();
    cache.set(key, found);
  }
  return found;
}

/** A date and time in the interface language: `{{ contact.updatedAt | crmDate }}`. Impure: follows a language switch. */
@Pipe({ name: 'crmDate', pure: false })
export class CrmDatePipe implements PipeTransform {
  private readonly language = inject(LanguageService);

  transform(value: string | Date | null | undefined, style: DateStyle = 'medium'): string {
    if (value === null || value === undefined || value === '') {
      return '';
    }
    const locale = this.language.intlLocale();
    return formatter(`d|${locale}|${style}`, () => new Intl.DateTimeFormat(locale, DATE_OPTIONS[style])).format(new Date(value));
  }
}

/** A number in the interface language: `{{ total | crmNumber }}`. */
@Pipe({ name: 'crmNumber', pure: false })
export class CrmNumberPipe implements PipeTransform {
  private readonly language = inject(LanguageService);

  transform(value: number | null | undefined, maximumFractionDigits = 2): string {
    if (value === null || value === undefined) {
      return '';
    }
    const locale = this.language.intlLocale();
    return formatter(`n|${locale}|${maximumFractionDigits}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits })).format(value);
  }
}

/** Money in the interface language: `{{ deal.amount | crmMoney: 'AZN' }}` → "1 250,00 ₼". */
@Pipe({ name: 'crmMoney', pure: false })
export class CrmMoneyPipe implements PipeTransform {
  private readonly language = inject(LanguageService);

  transform(value: number | string | null | undefined, currency: string): string {
    if (value === null || value === undefined || value === '') {
      return '';
    }
    const locale = this.language.intlLocale();
    return formatter(`m|${locale}|${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency })).format(Number(value));
  }
}
