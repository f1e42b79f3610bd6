import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { AssignDialogStore } from '../data-access/assign-dialog.store';
import { AssignDialog } from './assign-dialog';

describe('AssignDialog', () => {
  it('explains a refusal with the server’s message, and closes with the count once the records are given', async () => {
    const close = jest.fn();
    TestBed.configureTestingModule({
      imports: [AssignDialog, TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
      providers: [
        provideHttpClient(), provideHttpClientTesting(),
        { provide: MAT_DIALOG_DATA, useValue: { resource: 'companies', ids: ['co1', 'co2'] } },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AssignDialog);
    await fixture.whenStable();
    http.expectOne((r) => r.url === '/api/v1/companies/assignees').flush({ items: [{ id: 'u2', displayName: 'Aysel', active: true }] });
    const el = fixture.nativeElement as HTMLElement;
    const submit = el.querySelector<HTMLButtonElement>('[data-testid="assign-submit"]')!;
    expect(el.querySelector('h2')!.textContent).toContain('lists.assign.titleCompanies');
    expect(submit.disabled).toBe(true);

    const store = fixture.debugElement.injector.get(AssignDialogStore);
    store.choose(store.candidates()[0]);
    await fixture.whenStable();
    submit.click();
    const refused = http.expectOne('/api/v1/companies/assign');
    expect(refused.request.body).toEqual({ ids: ['co1', 'co2'], ownerId: 'u2' });
    refused.flush(
      { type: 'urn:crm:problem:forbidden', title: 'Forbidden', status: 403, detail: 'Your role does not allow giving these records to that user: co2' },
      { status: 403, statusText: 'Forbidden' },
    );
    await fixture.whenStable();
    const alert = el.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('Your role does not allow giving these records to that user: co2');
    expect(close).not.toHaveBeenCalled();

    submit.click();
    http.expectOne('/api/v1/companies/assign').flush({ assigned: 2 });
    await fixture.whenStable();
    expect(close).toHaveBeenCalledWith(2);
    http.verify();
  });
});
