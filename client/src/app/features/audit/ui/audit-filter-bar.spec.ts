import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { AuditFilters } from '../data-access/audit-filters';
import { AuditFilterBar, fromLocalInput, toLocalInput } from './audit-filter-bar';

const ACTOR_ID = '0f8e6a52-3b1d-4d7e-a0c4-9e8f7a6b5c4d';

describe('AuditFilterBar', () => {
  let fixture: ComponentFixture<AuditFilterBar>;
  let http: HttpTestingController;
  let emitted: AuditFilters[];

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      imports: [AuditFilterBar, TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AuditFilterBar);
    emitted = [];
    fixture.componentInstance.filtersChange.subscribe((filters) => emitted.push(filters));
  });

  afterEach(() => {
    jest.useRealTimers();
    http.verify();
  });

  const input = (selector: string): HTMLInputElement => fixture.nativeElement.querySelector(selector) as HTMLInputElement;
  const type = (element: HTMLInputElement, value: string): void => {
    element.value = value;
    element.dispatchEvent(new Event('input'));
  };

  // Fake timers drive the debounce; whenStable would wait on them, so changes are detected by hand.
  function show(filters: AuditFilters): void {
    fixture.componentRef.setInput('filters', filters);
    fixture.detectChanges();
  }

  it('shows the filters of the address, with the actor by name, without emitting them back', async () => {
    show({ tableName: 'roles', recordId: 'r-1', actorId: ACTOR_ID, from: '2026-03-05T06:30:00.000Z' });
    http.expectOne(`/api/v1/users/${ACTOR_ID}`).flush({ id: ACTOR_ID, displayName: 'Aysel Məmmədova', login: 'aysel' });
    await Promise.resolve(); // the autocomplete writes the chosen user into the field a microtask later
    fixture.detectChanges();
    expect(input('input[formcontrolname="recordId"]').value).toBe('r-1');
    expect(input('input[formcontrolname="from"]').value).toBe(toLocalInput('2026-03-05T06:30:00.000Z'));
    expect(input('[data-testid="actor-filter"]').value).toBe('Aysel Məmmədova (aysel)');
    jest.advanceTimersByTime(1000);
    expect(emitted).toEqual([]);
  });

  it('emits the record id after a pause in typing, keeping the other filters', () => {
    show({ tableName: 'roles' });
    type(input('input[formcontrolname="recordId"]'), ' 42 ');
    jest.advanceTimersByTime(100);
    expect(emitted).toEqual([]);
    jest.advanceTimersByTime(400);
    expect(emitted).toEqual([{ tableName: 'roles', recordId: '42' }]);
  });

  it('turns the local date and time of the range into instants', () => {
    show({});
    type(input('input[formcontrolname="to"]'), '2026-03-05T10:30');
    jest.advanceTimersByTime(500);
    expect(emitted).toEqual([{ to: new Date(2026, 2, 5, 10, 30).toISOString() }]);
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('not a date')).toBeUndefined();
  });

  it('searches users for the actor and drops the actor filter when the field is emptied', () => {
    show({ actorId: ACTOR_ID });
    http.expectOne(`/api/v1/users/${ACTOR_ID}`).flush({ id: ACTOR_ID, displayName: 'Aysel', login: 'aysel' });
    const actor = input('[data-testid="actor-filter"]');
    type(actor, 'elç');
    jest.advanceTimersByTime(300);
    const search = http.expectOne((r) => r.url === '/api/v1/users');
    expect(search.request.params.get('q')).toBe('elç');
    search.flush({ items: [], nextCursor: null });
    expect(emitted).toEqual([]);
    type(actor, '');
    expect(emitted).toEqual([{}]);
    jest.advanceTimersByTime(300);
    http.expectOne((r) => r.url === '/api/v1/users').flush({ items: [], nextCursor: null });
  });

  it('clears every filter at once', () => {
    show({ action: 'delete', tableName: 'contacts' });
    (fixture.nativeElement.querySelector('[data-testid="clear-filters"]') as HTMLButtonElement).click();
    expect(emitted).toEqual([{}]);
  });
});
