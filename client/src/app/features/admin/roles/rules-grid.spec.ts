import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { emptyGrid, RuleGrid, withCell } from './role-rules';
import { RulesGrid } from './rules-grid';

@Component({
  imports: [RulesGrid],
  template: `<crm-rules-grid [(grid)]="grid" [readonly]="readonly()" />`,
})
class Host {
  readonly grid = signal<RuleGrid>(withCell(emptyGrid(), 'Contact', 'update', 'own'));
  readonly readonly = signal(false);
}

describe('RulesGrid', () => {
  const render = async (): Promise<{ host: Host; element: HTMLElement; fixture: ReturnType<typeof TestBed.createComponent<Host>> }> => {
    TestBed.configureTestingModule({
      imports: [Host, TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
    });
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    return { host: fixture.componentInstance, element: fixture.nativeElement as HTMLElement, fixture };
  };
  const cell = (element: HTMLElement, label: string): HTMLSelectElement => element.querySelector(`select[aria-label="${label}"]`) as HTMLSelectElement;
  const options = (select: HTMLSelectElement): string[] => [...select.options].map((option) => option.value);

  it('has a select for every subject and action, showing the scope of each cell', async () => {
    const { element } = await render();
    expect(element.querySelectorAll('select')).toHaveLength(17 * 7);
    expect(cell(element, 'admin.subjects.Contact: admin.actions.update').value).toBe('own');
    expect(cell(element, 'admin.subjects.Contact: admin.actions.read').value).toBe('none');
  });

  it('offers own and team only on subjects with an owner', async () => {
    const { element } = await render();
    expect(options(cell(element, 'admin.subjects.Deal: admin.actions.read'))).toEqual(['none', 'own', 'team', 'all']);
    expect(options(cell(element, 'admin.subjects.User: admin.actions.read'))).toEqual(['none', 'all']);
    expect(options(cell(element, 'admin.subjects.all: admin.actions.manage'))).toEqual(['none', 'all']);
  });

  it('writes a chosen scope back into the grid', async () => {
    const { host, element, fixture } = await render();
    const select = cell(element, 'admin.subjects.Contact: admin.actions.read');
    select.value = 'all';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(host.grid().Contact.read).toBe('all');
    expect(host.grid().Contact.update).toBe('own');
    expect(select.closest('td')?.getAttribute('data-scope')).toBe('all');
  });

  it('shows the scopes as text, without selects, when read-only', async () => {
    const { host, element, fixture } = await render();
    host.readonly.set(true);
    await fixture.whenStable();
    expect(element.querySelectorAll('select')).toHaveLength(0);
    expect(element.querySelector('td[data-scope="own"]')?.textContent?.trim()).toBe('admin.scopes.own');
  });
});
