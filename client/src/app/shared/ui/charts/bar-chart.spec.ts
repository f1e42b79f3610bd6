import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { BarChart } from './bar-chart';

describe('BarChart', () => {
  function render(data: { label: string; value: number }[], currency: string | null = 'AZN', lang = 'en') {
    TestBed.configureTestingModule({
      imports: [BarChart, TranslocoTestingModule.forRoot({ langs: { en: {}, az: {} }, translocoConfig: { availableLangs: ['en', 'az'], defaultLang: lang } })],
    });
    localStorage.setItem('crm.language', lang);
    const fixture = TestBed.createComponent(BarChart);
    fixture.componentRef.setInput('data', data);
    fixture.componentRef.setInput('caption', 'Weighted pipeline by stage');
    fixture.componentRef.setInput('currency', currency);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  afterEach(() => localStorage.clear());

  it('is one image named by its caption, with the numbers in a table', () => {
    const element = render([{ label: 'Proposal sent', value: 1500 }, { label: 'Negotiation', value: 750.5 }]);
    const svg = element.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Weighted pipeline by stage');
    const rows = [...element.querySelectorAll('table tr')].map((tr) => [tr.querySelector('th')!.textContent!.trim(), tr.querySelector('td')!.textContent!.trim()]);
    expect(rows).toEqual([
      ['Proposal sent', new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'AZN' }).format(1500)],
      ['Negotiation', new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'AZN' }).format(750.5)],
    ]);
    expect(element.querySelector('table caption')!.textContent).toBe('Weighted pipeline by stage');
  });

  it('draws bars in proportion to the largest value', () => {
    const element = render([{ label: 'A', value: 100 }, { label: 'B', value: 50 }, { label: 'C', value: 0 }], null);
    const widths = [...element.querySelectorAll('rect')].map((rect) => Number(rect.getAttribute('width')));
    expect(widths[0]).toBeCloseTo(widths[1] * 2);
    expect(widths[2]).toBe(1);
    expect([...element.querySelectorAll('text.value')].map((t) => t.textContent)).toEqual(['100', '50', '0']);
  });

  it('shortens a long label beside its bar and keeps it whole in the table', () => {
    const long = 'A stage with a rather long name indeed';
    const element = render([{ label: long, value: 1 }]);
    expect(element.querySelector('text.label')!.textContent!.endsWith('…')).toBe(true);
    expect(element.querySelector('table th')!.textContent!.trim()).toBe(long);
  });
});
