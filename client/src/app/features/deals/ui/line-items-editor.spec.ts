import { TestBed } from '@angular/core/testing';
import { FormArray } from '@angular/forms';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { LineForm, lineGroup, LineItemsEditor, lineValues } from './line-items-editor';

describe('LineItemsEditor', () => {
  function render(array: FormArray<LineForm>) {
    TestBed.configureTestingModule({
      imports: [LineItemsEditor, TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
    });
    localStorage.setItem('crm.language', 'en');
    const fixture = TestBed.createComponent(LineItemsEditor);
    fixture.componentRef.setInput('array', array);
    fixture.componentRef.setInput('currency', 'AZN');
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const text = (id: string): string[] => [...element.querySelectorAll(`[data-testid="${id}"]`)].map((e) => e.textContent!.replace(/\s/g, ' ').trim());
    return { fixture, element, text };
  }
  const money = (value: number): string => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'AZN' }).format(value).replace(/\s/g, ' ');

  afterEach(() => localStorage.clear());

  it('shows each line’s total and the sum, and follows what is typed', () => {
    const array = new FormArray([lineGroup({ name: 'Licence', quantity: 3, unitPrice: 19.99, discountPercent: 10 }), lineGroup({ name: 'Setup', quantity: 1, unitPrice: 100, discountPercent: 0 })]);
    const { fixture, text } = render(array);
    expect(text('line-total')).toEqual([money(53.97), money(100)]);
    expect(text('lines-total')).toEqual([money(153.97)]);

    array.at(1).controls.quantity.setValue(2);
    fixture.detectChanges();
    expect(text('line-total')).toEqual([money(53.97), money(200)]);
    expect(text('lines-total')).toEqual([money(253.97)]);
  });

  it('adds and removes lines, marking the list as changed, and gives the lines as the API takes them', () => {
    const array = new FormArray<LineForm>([]);
    const { fixture, element, text } = render(array);
    expect(text('lines-total')).toEqual([]);
    element.querySelector<HTMLButtonElement>('[data-testid="line-add"]')!.click();
    fixture.detectChanges();
    expect(array.length).toBe(1);
    expect(array.dirty).toBe(true);
    array.at(0).setValue({ name: ' Support ', quantity: 12, unitPrice: 50, discountPercent: null });
    fixture.detectChanges();
    expect(text('lines-total')).toEqual([money(600)]);
    expect(lineValues(array)).toEqual([{ name: 'Support', quantity: 12, unitPrice: 50, discountPercent: 0 }]);
    element.querySelector<HTMLButtonElement>('[data-testid="line-item"] button')!.click();
    fixture.detectChanges();
    expect(array.length).toBe(0);
  });
});
