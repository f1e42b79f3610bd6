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
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { applyProblemToForm, problemCode, problemOf } from '@app/core/api/problem';
import { AuthStore } from '@app/core/auth/auth.store';
import { Lifecycle, LIFECYCLES, Source, SOURCES } from '@app/features/contacts/data-access/contacts-api';
import { toLocalInput } from '@app/features/customers-shared/activity-dialog/activity-dialog';
import { CARD_STORE } from '@app/features/customers-shared/card/card-record';
import { CardFact, RecordHeader } from '@app/features/customers-shared/card/record-header';
import { ReachFacts } from '@app/features/customers-shared/card/reach-facts';
import { RecordTabs } from '@app/features/customers-shared/card/record-tabs';
import { DuplicateWarning } from '@app/features/dedup/duplicate-warning/duplicate-warning';
import { MergeWithButton } from '@app/features/dedup/merge/merge-with-button';
import { addressGroup, addressValues, pointGroup, pointValues, resetRows } from '@app/features/contacts/ui/customer-form';
import { pointHref } from '@app/features/contacts/ui/point-links';
import { AddressesEditor, PointsEditor } from '@app/features/contacts/ui/points-editor';
import { confirmAction } from '@app/shared/ui/confirm-dialog';
import { FieldErrors } from '@app/shared/ui/field-errors';
import { Notify } from '@app/shared/ui/notify.service';
import { Company, CompanyChanges, COMPANY_SIZES, CompanySize } from '../data-access/companies-api';
import { CompanyStore } from '../data-access/company.store';

/** The server's rule for tax numbers (VÖEN, VKN): digits, spaces and dashes dropped. */
export const TAX_ID_PATTERN = /^[\d\s-]{8,20}$/;

/**
 * A company (route `:id`) or a new one (`new`, the form only): the card's header and tabs (shared
 * with contacts), with ways to reach it, its contacts, the form, the duplicate warning and "Merge with…".
 */
@Component({
  selector: 'crm-company-page',
  imports: [
    NgTemplateOutlet, ReactiveFormsModule, RouterLink, TranslocoPipe, FieldErrors, PointsEditor, AddressesEditor,
    RecordHeader, RecordTabs, ReachFacts, DuplicateWarning, MergeWithButton,
    MatButtonModule, MatFormFieldModule, MatInputModule, MatIconModule, MatProgressBarModule, MatSelectModule,
  ],
  providers: [CompanyStore, { provide: CARD_STORE, useExisting: CompanyStore }],
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
  protected readonly lifecycles = LIFECYCLES;
  protected readonly sources = SOURCES;
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
  });

  protected readonly canSave = computed(() => {
    const company = this.store.company();
    const ability = this.auth.ability();
    return this.isNew() ? ability.can('create', 'Company') : company !== null && ability.can('update', subject('Company', { ...company }));
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
  protected readonly loadErrorText = computed(() => {
    const error = this.store.error();
    return error === null ? '' : this.notify.describe(error);
  });

  /** Which of phone and e-mail went first into the last sent points. */
  private sentPrimaries: ('phone' | 'email')[] = [];

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
    effect(() => {
      const editable = this.canSave();
      untracked(() => (editable ? this.form.enable({ emitEvent: false }) : this.form.disable({ emitEvent: false })));
    });
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    try {
      if (this.isNew()) {
        const created = await this.store.create({ ...this.values(true), name: this.form.controls.name.value.trim() });
        this.notify.success('companies.form.created');
        await this.router.navigate(['/companies', created.id], { replaceUrl: true });
        return;
      }
      if (!this.form.dirty) {
        this.notify.success('companies.form.noChanges');
        return;
      }
      await this.store.update(this.values(false));
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
      for (const item of problemOf(error)?.errors ?? []) {
        const match = /^points(?:\[(\d+)\]|\.(\d+))\.value$/.exec(item.field);
        if (match) {
          const index = Number(match[1] ?? match[2]);
          item.field = index < this.sentPrimaries.length ? this.sentPrimaries[index] : `points.${index - this.sentPrimaries.length}.value`;
        }
      }
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
      nextStepAt: company?.nextStepAt ? toLocalInput(new Date(company.nextStepAt)) : '',
    });
    resetRows(this.form.controls.points, (company?.points ?? []).filter((p) => !(p.primary && (p.kind === 'phone' || p.kind === 'email'))).map((p) => pointGroup(p)));
    resetRows(this.form.controls.addresses, (company?.addresses ?? []).map((a) => addressGroup(a)));
  }

  /** Everything on create; only the changed fields on update. */
  private values(all: boolean): CompanyChanges {
    const raw = this.form.getRawValue();
    const changed = (field: keyof typeof this.form.controls): boolean => all || this.form.controls[field].dirty;
    const optional = (value: string): string | null => (value.trim() === '' ? null : value.trim());
    const changes: CompanyChanges = {
      ...(changed('name') ? { name: raw.name.trim() } : {}),
      ...(changed('legalForm') ? { legalForm: optional(raw.legalForm) } : {}),
      ...(changed('taxId') ? { taxId: optional(raw.taxId) } : {}),
      ...(changed('industry') ? { industry: optional(raw.industry) } : {}),
      ...(changed('size') ? { size: raw.size } : {}),
      ...(changed('website') ? { website: optional(raw.website) } : {}),
      ...(changed('lifecycle') ? { lifecycle: raw.lifecycle } : {}),
      ...(changed('source') ? { source: raw.source } : {}),
      ...(changed('nextStep') ? { nextStep: optional(raw.nextStep) } : {}),
      ...(changed('nextStepAt') ? { nextStepAt: raw.nextStepAt === '' ? null : new Date(raw.nextStepAt).toISOString() } : {}),
      ...(changed('addresses') ? { addresses: addressValues(this.form.controls.addresses) } : {}),
    };
    if (this.form.controls.points.dirty || (all && this.form.controls.points.length > 0)) {
      const phone = optional(raw.phone);
      const email = optional(raw.email);
      this.sentPrimaries = [...(phone !== null ? ['phone' as const] : []), ...(email !== null ? ['email' as const] : [])];
      changes.points = [
        ...(phone !== null ? [{ kind: 'phone' as const, value: phone, primary: true }] : []),
        ...(email !== null ? [{ kind: 'email' as const, value: email, primary: true }] : []),
        ...pointValues(this.form.controls.points),
      ];
    } else {
      this.sentPrimaries = [];
      if (changed('phone')) {
        changes.phone = optional(raw.phone);
      }
      if (changed('email')) {
        changes.email = optional(raw.email);
      }
    }
    return changes;
  }
}
