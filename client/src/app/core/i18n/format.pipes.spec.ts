import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { CrmDatePipe, CrmMoneyPipe, CrmNumberPipe } from './format.pipes';
import { LanguageService } from './language.service';

describe('locale formatting pipes', () => {
  const locale = signal('en-GB');

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [{ provide: LanguageService, useValue: { intlLocale: locale } }] });
  });

  const make = <T>(pipe: new () => T): T => TestBed.runInInjectionContext(() => new pipe());

  it('formats money, numbers and dates in the chosen language and follows a switch', () => {
    const money = make(CrmMoneyPipe);
    const number = make(CrmNumberPipe);
    const date = make(CrmDatePipe);
    locale.set('en-GB');
    expect(money.transform(1250.5, 'USD')).toBe('US$1,250.50');
    expect(number.transform(1234567.891)).toBe('1,234,567.89');
    expect(date.transform('2026-03-05T10:00:00Z', 'date')).toBe('5 Mar 2026');

    locale.set('ru-RU');
    expect(money.transform('1250.5', 'EUR').replace(/\s/g, ' ')).toBe('1 250,50 €');
    expect(number.transform(1234567.891).replace(/\s/g, ' ')).toBe('1 234 567,89');

    locale.set('tr-TR');
    expect(money.transform(1250.5, 'TRY')).toBe('₺1.250,50');
  });

  it('shows nothing for a missing value', () => {
    expect(make(CrmMoneyPipe).transform(null, 'AZN')).toBe('');
    expect(make(CrmDatePipe).transform(undefined)).toBe('');
    expect(make(CrmNumberPipe).transform(null)).toBe('');
  });
});
