import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { FormArray, FormBuilder, FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
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
import { applyProblemToForm, problemCode, problemOf } from '@app/core/api/problem';
import { AuthStore } from '@app/core/auth/auth.store';
import type { Lifecycle, Source } from '@app/features/contacts/data-access/contacts-api';
import { localDateTime } from '@app/shared/ui/local-date-time';
import { CARD_STORE } from '@app/features/customers-shared/card/card-record';
import { FieldAccess, fieldAccess, sameAccess } from '@app/features/customers-shared/form/field-access';
import { StandingFields } from '@app/features/customers-shared/form/standing-fields';
import { TagsField } from '@app/features/customers-shared/form/tags-field';
import { CardFact, RecordHeader } from '@app/features/customers-shared/card/record-header';
import { ReachFacts } from '@app/features/customers-shared/card/reach-facts';
import { RecordTabs } from '@app/features/customers-shared/card/record-tabs';
import { DuplicateWarning } from '@app/features/dedup/duplicate-warning/duplicate-warning';
import { MergeWithButton } from '@app/features/dedup/merge/merge-with-button';
import { addressGroup, addressValues, orNull, pointErrorsOnFields, pointGroup, reachChanges, resetRows, SentPrimaries } from '@app/features/contacts/ui/customer-form';
import { pointHref } from '@app/features/contacts/ui/point-links';
import { AddressesEditor, PointsEditor } from '@app/features/contacts/ui/points-editor';
import { customFieldValues, newCustomFieldsGroup, setCustomFieldControls } from '@app/shared/custom-fields/custom-fields';
import { CustomFieldsForm } from '@app/shared/custom-fields/custom-fields-form';
import { CustomFieldsStore } from '@app/shared/custom-fields/custom-fields.store';
import { confirmAction } from '@app/shared/ui/confirm-dialog';
import { FieldErrors } from '@app/shared/ui/field-errors';
import { Notify } from '@app/shared/ui/notify.service';
import { Company, CompanyChanges, COMPANY_SIZES, CompanySize } from '../data-access/companies-api';
import { CompanyStore } from '../data-access/company.store';
import { RelatedDeals } from '@app/features/deals/ui/related-deals';

/** The server's rule for tax numbers (VÖEN, VKN): digits, spaces and dashes dropped. */
export const TAX_ID_PATTERN = /^[\d\s-]{8,20}$/;
const FIELDS = [
  'name', 'legalForm', 'taxId', 'industry', 'size', 'website', 'phone', 'email', 'points', 'addresses', 'tags', 'source', 'lifecycle',
  'nextStep', 'nextStepAt', 'ownerId', 'custom',
] as const;
type Field = (typeof FIELDS)[number];

/**
 * A company (route `:id`) or a new one (`new`, the form only): the card's header and tabs (shared
 * with contacts), with ways to reach it, its contacts, the form (as complete as a contact's: tags,
 * additional fields, the responsible person for roles that may assign, each field as the role may
 * read and write it), the duplicate warning and "Merge with…".
 */
@Component({
  selector: 'crm-company-page',
  imports: [
    NgTemplateOutlet, ReactiveFormsModule, RouterLink, TranslocoPipe, FieldErrors, PointsEditor, AddressesEditor,
    RecordHeader, RecordTabs, ReachFacts, RelatedDeals, DuplicateWarning, MergeWithButton, TagsField, StandingFields, CustomFieldsForm,
    MatButtonModule, MatFormFieldModule, MatInputModule, MatIconModule, MatProgressBarModule, MatSelectModule,
  ],
  providers: [
    CompanyStore, { provide: CARD_STORE, useExisting: CompanyStore }, CustomFieldsStore, provideTranslocoScope('companies', 'contacts'),
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './company.page.html',
  styleUrl: './company.page.scss',
})
export class CompanyPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly notify = inject(Notify);
  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);
  protected readonly store = inject(CompanyStore);
  protected readonly customFields = inject(CustomFieldsStore);
  protected readonly sizes = COMPANY_SIZES;
  protected readonly pointHref = pointHref;

  readonly id = input<string>();

  protected readonly isNew = computed(() => this.id() === undefined);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.maxLength(300)]],
    legalForm: ['', [Validators.maxLength(32)]],
    taxId: ['', [Validators.pattern(TAX_ID_PATTERN)]],
    industry: ['', [Validators.maxLength(100)]],
    size: new FormControl<CompanySize | null>(null),
    website: ['', [Validators.maxLength(300)]],
    phone: ['', [Validators.maxLength(32)]],
    email: ['', [Validators.email, Validators.maxLength(254)]],
    lifecycle: new FormControl<Lifecycle>('lead', { nonNullable: true }),
    source: new FormControl<Source | null>(null),
    nextStep: ['', [Validators.maxLength(300)]],
    nextStepAt: [''],
    points: new FormArray<ReturnType<typeof pointGroup>>([]),
    addresses: new FormArray<ReturnType<typeof addressGroup>>([]),
    tags: new FormControl<string[]>([], { nonNullable: true }),
    ownerId: [''],
    custom: newCustomFieldsGroup(),
  });

  /** Fields the role may not read are absent from the company (hidden); those it may not write are read-only. */
  /** The responsible person as saved, for the owner select (null on a new record). */
  protected readonly currentOwner = computed(() => {
    const record = this.store.company();
    return record ? { id: record.ownerId, name: record.ownerName } : null;
  });
  protected readonly access = computed<Record<Field, FieldAccess>>(
    () => fieldAccess(this.auth.ability(), 'Company', FIELDS, this.store.company(), this.isNew(), this.auth.user()?.id),
    { equal: sameAccess },
  );
  protected readonly canSave = computed(() => FIELDS.some((field) => this.access()[field].editable));
  protected readonly canUpdate = computed(() => {
    const company = this.store.company();
    return company !== null && this.auth.ability().can('update', subject('Company', { ...company }));
  });
  protected readonly canDelete = computed(() => {
    const company = this.store.company();
    return company !== null && this.auth.ability().can('delete', subject('Company', { ...company }));
  });
  /** The company's own key facts in the header, before the ones every card shows. */
  protected readonly facts = computed<CardFact[]>(() => {
    const company = this.store.company();
    const facts: CardFact[] = [
      { label: 'companies.fields.taxId', value: company?.taxId ?? '' },
      { label: 'companies.fields.industry', value: company?.industry ?? '' },
      { label: 'companies.fields.size', value: company?.size ?? '' },
    ];
    return facts.filter((fact) => fact.value !== '');
  });
  protected readonly canSeeContacts = computed(() => this.auth.ability().can('read', 'Contact'));
  protected readonly loadErrorText = this.notify.errorText(this.store.error);

  /** Which of phone and e-mail went first into the last sent points. */
  private sentPrimaries: SentPrimaries = [];

  constructor() {
    effect(() => {
      const id = this.id();
      if (id !== undefined) {
        untracked(() => void this.store.load(id));
      }
    });
    effect(() => {
      const company = this.store.company();
      untracked(() => this.fill(company));
    });
    // A merged-away id answers with its survivor (the request followed the server's 308): show the survivor's address, on the same tab.
    effect(() => {
      const [company, id] = [this.store.company(), this.id()];
      if (company !== null && id !== undefined && company.id !== id) {
        untracked(() => void this.router.navigate(['/companies', company.id], { replaceUrl: true, queryParamsHandling: 'preserve' }));
      }
    });
    void this.customFields.load('company');
    effect(() => {
      const [fields, company] = [this.customFields.active(), this.store.company()];
      untracked(() => setCustomFieldControls(this.form.controls.custom, fields, company?.custom));
    });
    effect(() => {
      const access = this.access();
      untracked(() => this.applyAccess(access));
    });
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    try {
      const editable = FIELDS.filter((field) => this.access()[field].editable);
      if (this.isNew()) {
        // The name and what was filled in; the server has defaults for the rest (the owner: the creator).
        const given = (field: Field): boolean => field === 'name' || this.form.controls[field].dirty;
        const values = this.values(editable.filter(given));
        const created = await this.store.create({ ...values, name: values.name ?? '' });
        this.notify.success('companies.form.created');
        await this.router.navigate(['/companies', created.id], { replaceUrl: true });
        return;
      }
      const changed = editable.filter((field) => this.form.controls[field].dirty);
      if (changed.length === 0) {
        this.notify.success('companies.form.noChanges');
        return;
      }
      await this.store.update(this.values(changed));
      this.notify.success('companies.form.saved');
    } catch (error) {
      this.explain(error);
    }
  }

  protected async remove(): Promise<void> {
    const company = this.store.company();
    if (company === null) {
      return;
    }
    const confirmed = await confirmAction(this.dialog, {
      title: this.transloco.translate('companies.form.deleteTitle'),
      message: this.transloco.translate('companies.form.deleteMessage', { name: company.name }),
      confirm: this.transloco.translate('common.delete'),
    });
    if (!confirmed) {
      return;
    }
    try {
      await this.store.remove();
      this.notify.success('companies.form.deleted');
      await this.router.navigate(['/companies']);
    } catch (error) {
      this.explain(error);
    }
  }

  protected reload(): void {
    void this.store.reload();
  }

  private explain(error: unknown): void {
    const code = problemCode(error);
    if (code === 'version-mismatch') {
      return;
    }
    if (code === 'validation') {
      pointErrorsOnFields(problemOf(error)?.errors ?? [], this.sentPrimaries);
      if (applyProblemToForm(this.form, error).length === 0) {
        return;
      }
    }
    this.notify.error(error);
  }

  private fill(company: Company | null): void {
    this.form.reset({
      name: company?.name ?? '',
      legalForm: company?.legalForm ?? '',
      taxId: company?.taxId ?? '',
      industry: company?.industry ?? '',
      size: company?.size ?? null,
      website: company?.website ?? '',
      phone: company?.phone ?? '',
      email: company?.email ?? '',
      lifecycle: company?.lifecycle ?? 'lead',
      source: company?.source ?? null,
      nextStep: company?.nextStep ?? '',
      nextStepAt: company?.nextStepAt ? localDateTime(new Date(company.nextStepAt)) : '',
      tags: company?.tags ?? [],
      ownerId: company?.ownerId ?? this.auth.user()?.id ?? '',
    });
    resetRows(this.form.controls.points, (company?.points ?? []).filter((p) => !(p.primary && (p.kind === 'phone' || p.kind === 'email'))).map((p) => pointGroup(p)));
    resetRows(this.form.controls.addresses, (company?.addresses ?? []).map((a) => addressGroup(a)));
    this.applyAccess(this.access());
  }

  protected setTags(tags: string[]): void {
    this.form.controls.tags.setValue(tags);
    this.form.controls.tags.markAsDirty();
  }

  private applyAccess(access: Record<Field, FieldAccess>): void {
    for (const field of FIELDS) {
      const control = this.form.controls[field];
      if (access[field].editable) {
        control.enable({ emitEvent: false });
      } else {
        control.disable({ emitEvent: false });
      }
    }
  }

  /** The given fields in API form; points carry the primary phone and e-mail from their own fields. */
  private values(fields: readonly Field[]): CompanyChanges {
    const raw = this.form.getRawValue();
    const has = (field: Field): boolean => fields.includes(field);
    const changes: CompanyChanges = {
      ...(has('name') ? { name: raw.name.trim() } : {}),
      ...(has('legalForm') ? { legalForm: orNull(raw.legalForm) } : {}),
      ...(has('taxId') ? { taxId: orNull(raw.taxId) } : {}),
      ...(has('industry') ? { industry: orNull(raw.industry) } : {}),
      ...(has('size') ? { size: raw.size } : {}),
      ...(has('website') ? { website: orNull(raw.website) } : {}),
      ...(has('lifecycle') ? { lifecycle: raw.lifecycle } : {}),
      ...(has('source') ? { source: raw.source } : {}),
      ...(has('nextStep') ? { nextStep: orNull(raw.nextStep) } : {}),
      ...(has('nextStepAt') ? { nextStepAt: raw.nextStepAt === '' ? null : new Date(raw.nextStepAt).toISOString() } : {}),
      ...(has('addresses') ? { addresses: addressValues(this.form.controls.addresses) } : {}),
      ...(has('tags') ? { tags: raw.tags } : {}),
      ...(has('ownerId') && raw.ownerId !== '' ? { ownerId: raw.ownerId } : {}),
      ...(has('custom') && this.customFields.active().length > 0 ? { custom: customFieldValues(this.form.controls.custom, this.customFields.active()) } : {}),
    };
    const reach = reachChanges(has, raw, this.form.controls.points);
    this.sentPrimaries = reach.primaries;
    return { ...changes, ...reach.changes };
  }
}
