import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { ContactPoint } from '@app/features/contacts/data-access/contacts-api';
import { ReachFacts } from './reach-facts';

describe('ReachFacts', () => {
  function render(inputs: Record<string, unknown>): HTMLElement {
    TestBed.configureTestingModule({
      imports: [ReachFacts, TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
    });
    const fixture = TestBed.createComponent(ReachFacts);
    for (const [name, value] of Object.entries(inputs)) {
      fixture.componentRef.setInput(name, value);
    }
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('links phones, messengers and a web site written without its scheme, with channel and label', () => {
    const points: ContactPoint[] = [
      { kind: 'phone', channel: null, value: '+994124931234', label: 'work', primary: true },
      { kind: 'messenger', channel: 'whatsapp', value: '+994501234567', label: null, primary: false },
    ];
    const el = render({ points, website: 'xezer.example.az' });
    const hrefs = [...el.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs[0]).toBe('https://xezer.example.az');
    expect(hrefs).toContain('tel:+994124931234');
    expect(el.textContent).toContain('contacts.label.work');
    expect(el.textContent).toContain('contacts.channel.whatsapp');
  });

  it('shows nothing for a record without ways to reach or addresses', () => {
    const el = render({ points: undefined, addresses: undefined, website: null });
    expect(el.querySelectorAll('section')).toHaveLength(0);
  });
});
