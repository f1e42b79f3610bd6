import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { CustomField } from '@app/shared/custom-fields/custom-fields';
import { ColumnChooser } from './column-chooser';
import { chosenColumns, ColumnOption, columnOptions, columnsParam, listColumns } from './list-columns';

const STANDARD = [
  { id: 'phone', label: 'contacts.fields.phone' },
  { id: 'email', label: 'contacts.fields.email' },
  { id: 'owner', label: 'contacts.fields.owner' },
];
const DEFAULTS = ['phone', 'owner'];
const field = (key: string, overrides: Partial<CustomField> = {}): CustomField =>
  ({ id: key, entity: 'contact', key, type: 'text', labels: { az: `${key} az`, en: `${key} en` }, required: false, active: true, position: 0, options: [], version: 1, ...overrides }) as CustomField;

describe('list columns', () => {
  const options = columnOptions(STANDARD, [field('segment'), field('old', { active: false }), field('budget', { labels: { az: 'Büdcə' } as never })], 'en');

  it('offers the standard columns, then the active custom fields labelled in the interface language', () => {
    expect(options.map((o) => [o.id, o.label, o.custom])).toEqual([
      ['phone', 'contacts.fields.phone', false],
      ['email', 'contacts.fields.email', false],
      ['owner', 'contacts.fields.owner', false],
      ['cf.segment', 'segment en', true],
      ['cf.budget', 'Büdcə', true],
    ]);
  });

  it('reads the address (the default without one, unknown ids ignored) and writes it back, absent for the default', () => {
    expect(chosenColumns(undefined, options, DEFAULTS)).toEqual(['phone', 'owner']);
    expect(chosenColumns('name,cf.budget,email,colour', options, DEFAULTS)).toEqual(['email', 'cf.budget']);
    expect(chosenColumns('name', options, DEFAULTS)).toEqual([]);
    expect(columnsParam(['owner', 'phone'], options, DEFAULTS)).toBeNull();
    expect(columnsParam(['cf.segment', 'phone'], options, DEFAULTS)).toBe('name,phone,cf.segment');
    expect(columnsParam([], options, DEFAULTS)).toBe('name');
  });

  it('leaves out a chosen column the rows do not carry (field limits), and gives the custom ones their definitions', () => {
    const rows = signal<object[]>([]);
    const columns = listColumns<{ phone?: string; email?: string; custom?: object }>({
      standard: STANDARD, defaults: DEFAULTS, limited: { phone: 'phone', email: 'email' },
      param: () => 'name,phone,email,owner,cf.segment', fields: () => [field('segment')], language: () => 'az', rows,
    });
    expect(columns.shown()).toEqual(['phone', 'email', 'owner', 'cf.segment']);
    rows.set([{ phone: '+994501234567' }]);
    expect(columns.shown()).toEqual(['phone', 'owner']);
    expect(columns.custom().map((c) => [c.id, c.label, c.field.key])).toEqual([['cf.segment', 'segment az', 'segment']]);
    expect(columns.paramOf(['phone', 'owner'])).toBeNull();
  });
});

describe('ColumnChooser', () => {
  async function render(chosen: string[]) {
    TestBed.configureTestingModule({
      imports: [ColumnChooser, TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
    });
    const fixture = TestBed.createComponent(ColumnChooser);
    const options: ColumnOption[] = [
      { id: 'phone', label: 'contacts.fields.phone', custom: false },
      { id: 'email', label: 'contacts.fields.email', custom: false },
      { id: 'cf.segment', label: 'Seqment', custom: true },
    ];
    fixture.componentRef.setInput('options', options);
    fixture.componentRef.setInput('chosen', chosen);
    fixture.componentRef.setInput('defaults', ['phone']);
    const emitted: string[][] = [];
    fixture.componentInstance.chosenChange.subscribe((value) => emitted.push(value));
    await fixture.whenStable();
    const button = fixture.nativeElement.querySelector('[data-testid="column-chooser"]') as HTMLButtonElement;
    button.click();
    await fixture.whenStable();
    const item = (id: string) => document.querySelector<HTMLButtonElement>(`[data-testid="column-${id}"]`)!;
    return { fixture, emitted, item };
  }

  it('lists the columns as checkable menu items and toggles one per click, the menu staying open', async () => {
    const { fixture, emitted, item } = await render(['phone', 'cf.segment']);
    expect(document.querySelector('[role="menu"]')!.getAttribute('aria-label')).toBe('lists.columns.menu');
    expect(item('phone').getAttribute('role')).toBe('menuitemcheckbox');
    expect(item('phone').getAttribute('aria-checked')).toBe('true');
    expect(item('email').getAttribute('aria-checked')).toBe('false');
    expect(item('cf.segment').textContent).toContain('Seqment');

    item('email').click();
    expect(emitted).toEqual([['phone', 'email', 'cf.segment']]);
    item('phone').click();
    expect(emitted[1]).toEqual(['cf.segment']);
    await fixture.whenStable();
    expect(item('email')).not.toBeNull();

    document.querySelector<HTMLButtonElement>('[data-testid="columns-default"]')!.click();
    expect(emitted[2]).toEqual(['phone']);
  });
});
