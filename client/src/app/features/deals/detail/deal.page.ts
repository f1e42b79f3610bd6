import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, Signal, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, FormArray, FormBuilder, FormControl, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatAutocompleteModule, MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { subject } from '@casl/ability';
import { provideTranslocoScope, TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { catchError, debounceTime, distinctUntilChanged, firstValueFrom, map, Observable, of, startWith, switchMap } from 'rxjs';
import { applyProblemToForm, problemCode } from '@app/core/api/problem';
import { AuthStore } from '@app/core/auth/auth.store';
import { LanguageService } from '@app/core/i18n/language.service';
import { CompaniesApi } from '@app/features/companies/data-access/companies-api';
import { ContactsApi } from '@app/features/contacts/data-access/contacts-api';
import { CARD_STORE } from '@app/features/customers-shared/card/card-record';
import { CHANGE_NAMES } from '@app/features/customers-shared/changes/change-context';
import { RecordEvents } from '@app/features/customers-shared/data-access/record-events';
import { CardFact, RecordHeader } from '@app/features/customers-shared/card/record-header';
import { RecordTabs } from '@app/features/customers-shared/card/record-tabs';
import { FieldAccess, fieldAccess, sameAccess } from '@app/features/customers-shared/form/field-access';
import { TagsField } from '@app/features/customers-shared/form/tags-field';
import { ListsApi, Owner } from '@app/features/lists/data-access/lists-api';
import { customFieldValues, newCustomFieldsGroup, setCustomFieldControls } from '@app/shared/custom-fields/custom-fields';
import { CustomFieldsForm } from '@app/shared/custom-fields/custom-fields-form';
import { CustomFieldsStore } from '@app/shared/custom-fields/custom-fields.store';
import { confirmAction } from '@app/shared/ui/confirm-dialog';
import { FieldErrors } from '@app/shared/ui/field-errors';
import { Notify } from '@app/shared/ui/notify.service';
import type { LostDetails } from '../data-access/board.store';
import { DealStore } from '../data-access/deal.store';
import { Deal, DealChanges, DealSource, NewDeal, Stage } from '../data-access/deals-api';
import { SOURCES } from '@app/features/contacts/data-access/contacts-api';
import { labelOf } from '../data-access/labels';
import { LineForm, lineGroup, LineItemsEditor, lineValues } from '../ui/line-items-editor';
import { LostReasonDialog, LostReasonDialogData } from '../ui/lost-reason-dialog';
import { StageBar } from '../ui/stage-bar';
import { StageHistory } from '../ui/stage-history';

const FIELDS = ['title', 'amount', 'currency', 'lineItems', 'expectedCloseDate', 'pipelineId', 'contactId', 'companyId', 'ownerId', 'source', 'tags', 'custom'] as const;
type Field = (typeof FIELDS)[number];
type FieldAccessMap = Record<Field, FieldAccess>;

/** Currencies offered first; a deal's own currency is always among the choices. */
const CURRENCIES = ['AZN', 'TRY', 'USD', 'EUR', 'RUB', 'GBP'];

const notBlank = (control: AbstractControl<string>): ValidationErrors | null => (control.value.trim() === '' ? { required: true } : null);

/** The names a deal's timeline and history show for stage, pipeline and lost reason ids, in the interface language. */
function dealChangeNames(): Signal<Record<string, string>> {
  const store = inject(DealStore);
  const language = inject(LanguageService);
  return computed(() => {
    const lang = language.current();
    const named = [...store.pipelines(), ...store.pipelines().flatMap((p) => p.stages), ...store.lostReasons()];
    return Object.fromEntries(named.map((item) => [item.id, labelOf(item, lang)]));
  });
}

interface Pick {
  id: string;
  name: string;
}

/**
 * A deal (route `:id`) or a new one (route `new`, the form only; `pipeline`, `contact`, `company`
 * and their names in the address prefill it): the shared card header and tabs with the deal's key
 * facts, the stage bar, the form with line items, and the stage history.
 */
@Component({
  selector: 'crm-deal-page',
  imports: [
    NgTemplateOutlet, ReactiveFormsModule, RouterLink, TranslocoPipe, FieldErrors, CustomFieldsForm, RecordHeader, RecordTabs,
    MatButtonModule, MatFormFieldModule, MatInputModule, MatIconModule, MatProgressBarModule, MatSelectModule, MatAutocompleteModule,
    TagsField, StageBar, StageHistory, LineItemsEditor,
  ],
  providers: [
    DealStore, { provide: CARD_STORE, useExisting: DealStore }, { provide: CHANGE_NAMES, useFactory: dealChangeNames }, CustomFieldsStore, provideTranslocoScope('deals', 'activities', 'contacts'),
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './deal.page.html',
  styleUrl: './deal.page.scss',
})
export class DealPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly notify = inject(Notify);
  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);
  private readonly language = inject(LanguageService);
  private readonly lists = inject(ListsApi);
  private readonly events = inject(RecordEvents);
  private readonly destroyRef = inject(DestroyRef);
  private readonly contactsApi = inject(ContactsApi);
  private readonly companiesApi = inject(CompaniesApi);
  protected readonly store = inject(DealStore);
  protected readonly customFields = inject(CustomFieldsStore);

  /** The route's `:id`; absent on `new`. */
  readonly id = input<string>();
  /** Prefill of a new deal, from the address. */
  readonly pipeline = input<string>();
  readonly contact = input<string>();
  readonly contactName = input<string>();
  readonly company = input<string>();
  readonly companyName = input<string>();

  protected readonly sources = SOURCES;
  protected readonly isNew = computed(() => this.id() === undefined);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    title: ['', [notBlank, Validators.maxLength(300)]],
    amount: new FormControl<number | null>(null, [Validators.min(0)]),
    currency: ['AZN'],
    lineItems: new FormArray<LineForm>([]),
    expectedCloseDate: [''],
    pipelineId: [''],
    stageId: [''],
    contactId: new FormControl<Pick | null>(null),
    companyId: new FormControl<Pick | null>(null),
    ownerId: [''],
    source: new FormControl<DealSource | null>(null),
    tags: new FormControl<string[]>([], { nonNullable: true }),
    custom: newCustomFieldsGroup(),
  });
  protected readonly contactSearch = new FormControl<string | Pick>('', { nonNullable: true });
  protected readonly companySearch = new FormControl<string | Pick>('', { nonNullable: true });
  protected readonly contactOptions = toSignal(this.search(this.contactSearch, (q) => this.contactsApi.list({ q, limit: 10 }).pipe(map((page) => page.items.map((c) => ({ id: c.id, name: c.name ?? '' }))))), { initialValue: [] });
  protected readonly companyOptions = toSignal(this.search(this.companySearch, (q) => this.companiesApi.list({ q, limit: 10 }).pipe(map((page) => page.items.map((c) => ({ id: c.id, name: c.name ?? '' }))))), { initialValue: [] });
  protected readonly assignees = signal<Owner[]>([]);
  protected readonly assigneeIds = computed(() => new Set(this.assignees().map((user) => user.id)));
  private readonly lineCount = toSignal(this.form.controls.lineItems.valueChanges.pipe(startWith(null), map(() => this.form.controls.lineItems.length)), { initialValue: 0 });
  protected readonly hasLines = computed(() => this.lineCount() > 0);
  private readonly chosenPipeline = toSignal(this.form.controls.pipelineId.valueChanges, { initialValue: '' });
  protected readonly currencyValue = toSignal(this.form.controls.currency.valueChanges, { initialValue: 'AZN' });

  protected readonly access = computed<FieldAccessMap>(
    () => fieldAccess(this.auth.ability(), 'Deal', FIELDS, this.store.deal(), this.isNew(), this.auth.user()?.id),
    { equal: sameAccess },
  );
  protected readonly canSave = computed(() => FIELDS.some((field) => this.access()[field].editable));
  protected readonly canUpdate = computed(() => {
    const deal = this.store.deal();
    return deal !== null && this.auth.ability().can('update', subject('Deal', { ...deal }));
  });
  protected readonly canDelete = computed(() => {
    const deal = this.store.deal();
    return !this.isNew() && deal !== null && this.auth.ability().can('delete', subject('Deal', { ...deal }));
  });
  protected readonly loadErrorText = this.notify.errorText(this.store.error);
  protected readonly currencies = computed(() => {
    const own = this.store.deal()?.currency;
    return own !== undefined && !CURRENCIES.includes(own) ? [...CURRENCIES, own] : CURRENCIES;
  });
  protected readonly activePipelines = computed(() => this.store.pipelines().filter((p) => !p.archived || p.id === this.store.deal()?.pipelineId));
  protected readonly newStages = computed(() => this.store.pipelines().find((p) => p.id === this.chosenPipeline())?.stages.filter((s) => s.kind === 'open') ?? []);
  /** What the shared header shows: the deal under its title. */
  protected readonly cardRecord = computed(() => {
    const deal = this.store.deal();
    return deal === null ? null : { ...deal, name: deal.title };
  });
  protected readonly facts = computed<CardFact[]>(() => {
    const [deal, stage, pipeline] = [this.store.deal(), this.store.stage(), this.store.pipeline()];
    if (deal === null) {
      return [];
    }
    const locale = this.language.intlLocale();
    const money = (value: number | null): string => (value === null ? '—' : new Intl.NumberFormat(locale, { style: 'currency', currency: deal.currency }).format(value));
    return [
      { label: 'deals.fields.amount', value: money(deal.amount) },
      { label: 'deals.fields.weightedAmount', value: money(deal.weightedAmount) },
      { label: 'deals.fields.pipeline', value: this.label(pipeline) || '—' },
      { label: 'deals.fields.stage', value: this.label(stage) || '—' },
      { label: 'deals.fields.probability', value: `${deal.probability}%` },
      { label: 'deals.fields.expectedCloseDate', value: deal.expectedCloseDate ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(`${deal.expectedCloseDate}T00:00:00`)) : '—' },
      { label: 'deals.fields.status', value: this.transloco.translate(`deals.status.${deal.status}`) },
    ];
  });
  protected readonly lostReason = computed(() => {
    const deal = this.store.deal();
    return deal?.lostReasonId ? this.label(this.store.lostReasons().find((r) => r.id === deal.lostReasonId) ?? null) : '';
  });

  constructor() {
    void this.store.loadChoices();
    void this.customFields.load('deal');
    effect(() => {
      const id = this.id();
      if (id !== undefined) {
        untracked(() => void this.store.load(id));
      }
    });
    effect(() => {
      const deal = this.store.deal();
      untracked(() => this.fill(deal));
    });
    effect(() => {
      const [fields, deal] = [this.customFields.active(), this.store.deal()];
      untracked(() => setCustomFieldControls(this.form.controls.custom, fields, deal?.custom));
    });
    // A new deal goes to the chosen pipeline's first open stage unless another is picked.
    effect(() => {
      const stages = this.newStages();
      untracked(() => {
        if (this.isNew() && !stages.some((s) => s.id === this.form.controls.stageId.value)) {
          this.form.controls.stageId.setValue(stages[0]?.id ?? '');
        }
      });
    });
    effect(() => {
      const pipelines = this.store.pipelines();
      untracked(() => {
        if (this.isNew() && this.form.controls.pipelineId.value === '' && pipelines.length > 0) {
          const wanted = pipelines.find((p) => p.id === this.pipeline()) ?? pipelines.find((p) => !p.archived);
          this.form.controls.pipelineId.setValue(wanted?.id ?? '');
        }
      });
    });
    effect(() => {
      const access = this.access();
      untracked(() => this.applyAccess(access));
    });
    effect(() => {
      if (this.access().ownerId.editable && this.assignees().length === 0) {
        untracked(() => void this.loadAssignees());
      }
    });
    // With line items the amount is their sum: the field is shown but not typed in.
    effect(() => {
      const lines = this.hasLines();
      untracked(() => {
        const amount = this.form.controls.amount;
        if (lines) {
          amount.disable({ emitEvent: false });
        } else if (this.access().amount.editable) {
          amount.enable({ emitEvent: false });
        }
      });
    });
  }

  protected label(item: Parameters<typeof labelOf>[0]): string {
    return labelOf(item, this.language.current());
  }

  protected readonly pickName = (value: Pick | string | null): string => (typeof value === 'string' ? value : (value?.name ?? ''));

  protected pickContact(event: MatAutocompleteSelectedEvent): void {
    this.form.controls.contactId.setValue(event.option.value as Pick);
    this.form.controls.contactId.markAsDirty();
  }

  protected pickCompany(event: MatAutocompleteSelectedEvent): void {
    this.form.controls.companyId.setValue(event.option.value as Pick);
    this.form.controls.companyId.markAsDirty();
  }

  protected unlink(which: 'contactId' | 'companyId'): void {
    this.form.controls[which].setValue(null);
    this.form.controls[which].markAsDirty();
    (which === 'contactId' ? this.contactSearch : this.companySearch).setValue('');
  }

  protected setTags(tags: string[]): void {
    this.form.controls.tags.setValue(tags);
    this.form.controls.tags.markAsDirty();
  }

  /** A click on the stage bar: a lost stage asks why first; cancelling leaves the deal where it is. */
  protected async moveTo(stage: Stage): Promise<void> {
    const deal = this.store.deal();
    if (deal === null) {
      return;
    }
    let lost: LostDetails | undefined;
    if (stage.kind === 'lost') {
      const data: LostReasonDialogData = { dealTitle: deal.title, reasons: this.store.lostReasons().filter((r) => !r.archived) };
      lost = await firstValueFrom(this.dialog.open<LostReasonDialog, LostReasonDialogData, LostDetails>(LostReasonDialog, { data, autoFocus: 'first-tabbable' }).afterClosed());
      if (!lost?.lostReasonId) {
        return;
      }
    }
    try {
      await this.store.update({ stageId: stage.id, ...(lost ?? {}) });
      this.notify.success('deals.board.moved', { title: deal.title, stage: this.label(stage) });
      // The timeline may be open beside the stage bar: it shows the move at once.
      this.events.changed('deal', deal.id);
    } catch (error) {
      if (problemCode(error) !== 'version-mismatch') {
        this.notify.error(error);
      }
    }
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    try {
      if (this.isNew()) {
        const given = (field: Field): boolean => field === 'title' || field === 'pipelineId' || this.form.controls[field].dirty;
        const values = this.values(FIELDS.filter((field) => this.access()[field].editable && given(field)));
        const stageId = this.form.controls.stageId.value;
        const created = await this.store.create({ ...values, title: values.title ?? '', ...(stageId === '' ? {} : { stageId }) } as NewDeal);
        this.notify.success('deals.form.created');
        await this.router.navigate(['/deals', created.id], { replaceUrl: true });
        return;
      }
      const changed = FIELDS.filter((field) => this.access()[field].editable && this.form.controls[field].dirty);
      if (changed.length === 0) {
        this.notify.success('deals.form.noChanges');
        return;
      }
      await this.store.update(this.values(changed));
      this.notify.success('deals.form.saved');
    } catch (error) {
      this.explain(error);
    }
  }

  protected async remove(): Promise<void> {
    const deal = this.store.deal();
    if (deal === null) {
      return;
    }
    const confirmed = await confirmAction(this.dialog, {
      title: this.transloco.translate('deals.form.deleteTitle'),
      message: this.transloco.translate('deals.form.deleteMessage', { title: deal.title }),
      confirm: this.transloco.translate('common.delete'),
    });
    if (!confirmed) {
      return;
    }
    try {
      await this.store.remove();
      this.notify.success('deals.form.deleted');
      await this.router.navigate(['/deals']);
    } catch (error) {
      this.explain(error);
    }
  }

  protected reload(): void {
    void this.store.reload();
  }

  protected retryLoad(): void {
    const id = this.id();
    if (id !== undefined) {
      void this.store.load(id);
    }
  }

  private explain(error: unknown): void {
    const code = problemCode(error);
    if (code === 'version-mismatch') {
      return;
    }
    if (code === 'validation' && applyProblemToForm(this.form, error).length === 0) {
      return;
    }
    this.notify.error(error);
  }

  private fill(deal: Deal | null): void {
    this.form.reset({
      title: deal?.title ?? '',
      amount: deal?.amount ?? null,
      currency: deal?.currency ?? 'AZN',
      expectedCloseDate: deal?.expectedCloseDate ?? '',
      pipelineId: deal?.pipelineId ?? '',
      stageId: deal?.stageId ?? '',
      contactId: deal?.contactId ? { id: deal.contactId, name: deal.contactName ?? '' } : this.prefill(this.contact(), this.contactName()),
      companyId: deal?.companyId ? { id: deal.companyId, name: deal.companyName ?? '' } : this.prefill(this.company(), this.companyName()),
      ownerId: deal?.ownerId ?? this.auth.user()?.id ?? '',
      source: deal?.source ?? null,
      tags: deal?.tags ?? [],
    });
    const lines = this.form.controls.lineItems;
    lines.clear({ emitEvent: false });
    for (const line of deal?.lineItems ?? []) {
      lines.push(lineGroup(line), { emitEvent: false });
    }
    lines.updateValueAndValidity();
    if (this.isNew()) {
      // Prefilled links are sent with the new deal.
      for (const control of [this.form.controls.contactId, this.form.controls.companyId]) {
        if (control.value !== null) {
          control.markAsDirty();
        }
      }
    }
    this.applyAccess(this.access());
  }

  private prefill(id: string | undefined, name: string | undefined): Pick | null {
    return this.isNew() && id !== undefined && id !== '' ? { id, name: name ?? '' } : null;
  }

  private applyAccess(access: FieldAccessMap): void {
    for (const field of FIELDS) {
      const control = this.form.controls[field];
      if (access[field].editable && !(field === 'amount' && this.form.controls.lineItems.length > 0)) {
        control.enable({ emitEvent: false });
      } else {
        control.disable({ emitEvent: false });
      }
    }
  }

  private values(fields: readonly Field[]): DealChanges {
    const raw = this.form.getRawValue();
    const has = (field: Field): boolean => fields.includes(field);
    const lines = raw.lineItems.length > 0;
    const pipelineMoved = has('pipelineId') && !this.isNew() && raw.pipelineId !== this.store.deal()?.pipelineId;
    const firstStage = this.store.pipelines().find((p) => p.id === raw.pipelineId)?.stages.find((s) => s.kind === 'open')?.id;
    return {
      ...(has('title') ? { title: raw.title.trim() } : {}),
      ...(has('amount') && !lines && !has('lineItems') ? { amount: raw.amount } : {}),
      ...(has('currency') ? { currency: raw.currency } : {}),
      ...(has('lineItems') ? { lineItems: lineValues(this.form.controls.lineItems) } : {}),
      ...(has('lineItems') && !lines && raw.amount !== null ? { amount: raw.amount } : {}),
      ...(has('expectedCloseDate') ? { expectedCloseDate: raw.expectedCloseDate === '' ? null : raw.expectedCloseDate } : {}),
      ...(has('pipelineId') && (this.isNew() || pipelineMoved) ? { pipelineId: raw.pipelineId } : {}),
      ...(pipelineMoved && firstStage !== undefined ? { stageId: firstStage } : {}),
      ...(has('contactId') ? { contactId: raw.contactId?.id ?? null } : {}),
      ...(has('companyId') ? { companyId: raw.companyId?.id ?? null } : {}),
      ...(has('ownerId') && raw.ownerId !== '' ? { ownerId: raw.ownerId } : {}),
      ...(has('source') ? { source: raw.source } : {}),
      ...(has('tags') ? { tags: raw.tags } : {}),
      ...(has('custom') && this.customFields.active().length > 0 ? { custom: customFieldValues(this.form.controls.custom, this.customFields.active()) } : {}),
    };
  }

  private async loadAssignees(): Promise<void> {
    try {
      this.assignees.set(await firstValueFrom(this.lists.assignees('deals', { limit: 200 })));
    } catch {
      // Without the list the select keeps the current responsible person.
    }
  }

  /** Names found for the text typed in a picker (nothing for an empty text or a failed search). */
  private search(control: FormControl<string | Pick>, find: (q: string) => Observable<Pick[]>): Observable<Pick[]> {
    return control.valueChanges.pipe(
      debounceTime(250),
      map((value) => (typeof value === 'string' ? value.trim() : '')),
      distinctUntilChanged(),
      switchMap((q) => (q === '' ? of([]) : find(q).pipe(catchError(() => of([]))))),
      takeUntilDestroyed(this.destroyRef),
    );
  }
}
