import { ComponentFixture, TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { LanguageService } from '@app/core/i18n/language.service';
import { ShownText } from './shown-text';

describe('ShownText', () => {
  let fixture: ComponentFixture<ShownText>;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ShownText, TranslocoTestingModule.forRoot({
        langs: { en: { activities: { fields: { owner: 'Responsible person' } } } },
        translocoConfig: { availableLangs: ['en'], defaultLang: 'en' },
      })],
      providers: [{ provide: LanguageService, useValue: { current: () => 'en', intlLocale: () => 'en-GB' } }],
    });
    fixture = TestBed.createComponent(ShownText);
  });

  async function shown(kind: 'key' | 'date' | 'text', value: string): Promise<string> {
    fixture.componentRef.setInput('shown', { kind, value });
    await fixture.whenStable();
    return (fixture.nativeElement as HTMLElement).textContent ?? '';
  }

  it('translates a key, writes a moment in the interface language, and text as it is, with no space around', async () => {
    expect(await shown('key', 'activities.fields.owner')).toBe('Responsible person');
    expect(await shown('text', 'Aysel Məmmədova')).toBe('Aysel Məmmədova');
    expect(await shown('date', '2026-03-01T06:00:00Z')).toMatch(/^0?1\/03\/2026/);
  });
});
