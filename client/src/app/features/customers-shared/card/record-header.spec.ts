import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { createMongoAbility } from '@casl/ability';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { AuthStore } from '@app/core/auth/auth.store';
import { LanguageService } from '@app/core/i18n/language.service';
import { Notify } from '@app/shared/ui/notify.service';
import { RecordEvents } from '../data-access/record-events';
import { CARD_STORE, CardRecord, CardStore } from './card-record';
import { RecordHeader } from './record-header';

const HOUR = 3_600_000;
const record = (overrides: Partial<CardRecord> = {}): CardRecord => ({
  id: 'k1', name: 'Xəzər Logistika MMC', version: 3, ownerId: 'u1', ownerName: 'Aysel', updatedAt: '2026-01-02T00:00:00Z',
  phone: '+994124931234', email: null, lifecycle: 'customer', lastContactedAt: null, nextStep: null, nextStepAt: null, ...overrides,
});
const problem = (type: string, status: number): HttpErrorResponse =>
  new HttpErrorResponse({ status, error: { type: `urn:crm:problem:${type}`, title: type, status, detail: type } });

describe('RecordHeader', () => {
  let fixture: ComponentFixture<RecordHeader>;
  let card: { update: jest.Mock; reload: jest.Mock };
  const notify = { success: jest.fn(), error: jest.fn(), describe: () => '' };

  function setUp(value: CardRecord, canUpdate = true): void {
    card = { update: jest.fn().mockResolvedValue(undefined), reload: jest.fn().mockResolvedValue(undefined) };
    TestBed.configureTestingModule({
      imports: [RecordHeader, TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
      providers: [
        provideHttpClient(), provideHttpClientTesting(),
        { provide: CARD_STORE, useValue: card satisfies CardStore },
        { provide: Notify, useValue: notify },
        { provide: LanguageService, useValue: { current: () => 'en', intlLocale: () => 'en-GB' } },
        { provide: AuthStore, useValue: { ability: signal(createMongoAbility([{ action: 'create', subject: 'Activity' }] as never)), user: signal({ id: 'u1' }) } },
      ],
    });
    fixture = TestBed.createComponent(RecordHeader);
    fixture.componentRef.setInput('entity', 'company');
    fixture.componentRef.setInput('record', value);
    fixture.componentRef.setInput('canUpdate', canUpdate);
    fixture.componentRef.setInput('facts', [{ label: 'companies.fields.taxId', value: '1401234561' }]);
  }

  const el = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const find = (testId: string): HTMLElement | null => el().querySelector(`[data-testid="${testId}"]`);
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
  }

  afterEach(() => jest.clearAllMocks());

  it('shows the key facts, a tel: link and the next step with its time, not overdue while its time is ahead', async () => {
    setUp(record({ nextStep: 'Send the offer', nextStepAt: new Date(Date.now() + 24 * HOUR).toISOString() }));
    await settle();
    expect(el().textContent).toContain('1401234561');
    expect(el().querySelector('a[href="tel:+994124931234"]')).not.toBeNull();
    expect(find('follow-up-what')?.textContent).toBe('Send the offer');
    expect(find('follow-up-when')).not.toBeNull();
    expect(find('follow-up')?.classList.contains('overdue')).toBe(false);
    expect(find('follow-up-overdue')).toBeNull();
  });

  it('highlights a next step whose time has passed and says it is overdue', async () => {
    setUp(record({ nextStep: 'Call back', nextStepAt: new Date(Date.now() - HOUR).toISOString() }));
    await settle();
    expect(find('follow-up')?.classList.contains('overdue')).toBe(true);
    expect(find('follow-up-overdue')?.textContent).toContain('activities.followUp.overdue');
  });

  it('"Done" clears both fields through the card’s store and tells the timeline', async () => {
    setUp(record({ nextStep: 'Call back', nextStepAt: new Date(Date.now() - HOUR).toISOString() }));
    await settle();
    const events = TestBed.inject(RecordEvents);
    find('follow-up-done')!.click();
    await settle();
    expect(card.update).toHaveBeenCalledWith({ nextStep: null, nextStepAt: null });
    expect(notify.success).toHaveBeenCalledWith('activities.followUp.cleared');
    expect(events.revision('company', 'k1')).toBe(1);
  });

  it('explains a stale version (412) in the usual words and loads the current one', async () => {
    setUp(record({ nextStep: 'Call back', nextStepAt: null }));
    await settle();
    const stale = problem('version-mismatch', 412);
    card.update.mockRejectedValueOnce(stale);
    find('follow-up-done')!.click();
    await settle();
    expect(notify.error).toHaveBeenCalledWith(stale);
    expect(card.reload).toHaveBeenCalled();
    expect(notify.success).not.toHaveBeenCalled();
  });

  it('offers neither scheduling nor Done to a role that may not change the record', async () => {
    setUp(record({ nextStep: 'Call back', nextStepAt: null }), false);
    await settle();
    expect(find('follow-up')).not.toBeNull();
    expect(find('follow-up-done')).toBeNull();
    expect(find('quick-follow-up')).toBeNull();
    // The role may still log activities.
    expect(find('quick-call')).not.toBeNull();
  });

  it('offers "Schedule a follow-up" among the quick actions when the record may be changed', async () => {
    setUp(record());
    await settle();
    expect(find('follow-up')).toBeNull();
    expect(find('quick-follow-up')).not.toBeNull();
  });
});
