import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, FormArray, FormBuilder, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatAutocompleteModule, MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { subject } from '@casl/ability';
import { provideTranslocoScope, TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { catchError, debounceTime, distinctUntilChanged, filter, of, switchMap } from 'rxjs';
import { applyProblemToForm, problemCode, problemOf } from '@app/core/api/problem';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmDatePipe } from '@app/core/i18n/format.pipes';
import { confirmAction } from '@app/shared/ui/confirm-dialog';
import { FieldErrors } from '@app/shared/ui/field-errors';
import { Notify } from '@app/shared/ui/notify.service';
import { CompaniesApi, Company } from '@app/features/companies/data-access/companies-api';
import { customFieldValues, newCustomFieldsGroup, setCustomFieldControls } from '@app/shared/custom-fields/custom-fields';
import { CustomFieldsForm } from '@app/shared/custom-fields/custom-fields-form';
import { CustomFieldsStore } from '@app/shared/custom-fields/custom-fields.store';
import { ContactStore } from '../data-access/contact.store';
import { Contact, ContactChanges, Lifecycle, Source } from '../data-access/contacts-api';
import { addressGroup, addressValues, orNull, pointErrorsOnFields, pointGroup, reachChanges, resetRows, SentPrimaries } from '../ui/customer-form';
import { AddressesEditor, PointsEditor } from '../ui/points-editor';
import { CARD_STORE } from '@app/features/customers-shared/card/card-record';
import { FieldAccess, fieldAccess, sameAccess } from '@app/features/customers-shared/form/field-access';
import { StandingFields } from '@app/features/customers-shared/form/standing-fields';
import { TagsField } from '@app/features/customers-shared/form/tags-field';
import { RecordHeader } from '@app/features/customers-shared/card/record-header';
import { ReachFacts } from '@app/features/customers-shared/card/reach-facts';
import { RecordTabs } from '@app/features/customers-shared/card/record-tabs';
import { localDateTime } from '@app/shared/ui/local-date-time';
import { DuplicateWarning } from '../../dedup/duplicate-warning/duplicate-warning';
import { MergeWithButton } from '../../dedup/merge/merge-with-button';
import { RelatedDeals } from '@app/features/deals/ui/related-deals';

/** The server's rules (server/src/modules/customers/dto/contact.dto.ts). */
export const PHONE_PATTERN = /^\+?[0-9 ()\-.]{5,32}$/;
const FIELDS = [
  'name', 'phone', 'email', 'points', 'addresses', 'tags', 'source', 'lifecycle', 'nextStep', 'nextStepAt',
  'emailConsent', 'smsConsent', 'companies', 'ownerId', 'custom',
] as const;
type Field = (typeof FIELDS)[number];
type FieldAccessMap = Record<Field, FieldAccess>;

/** The server trims the name: spaces alone are no name. */
function notBlank(control: AbstractControl<string>): ValidationErrors | null {
  return control.value.trim() === '' ? { required: true } : null;
}

type LinkForm = FormGroup<{ companyId: FormControl<string>; companyName: FormControl<string>; jobTitle: FormControl<string>; primary: FormControl<boolean> }>;

const linkGroup = (link: { companyId: string; companyName: string | null; jobTitle?: string | null; primary?: boolean }): LinkForm =>
  new FormGroup({
    companyId: new FormControl(link.companyId, { nonNullable: true }),
    companyName: new FormControl(link.companyName ?? '', { nonNullable: true }),
    jobTitle: new FormControl(link.jobTitle ?? '', { nonNullable: true, validators: [Validators.maxLength(200)] }),
    primary: new FormControl(link.primary ?? false, { nonNullable: true }),
  });

/**
 * A contact (route `:id`) or a new one (route `new`, the form only): the card's header and tabs
 * (shared with companies), the form, who may change it, and a conflict notice when someone else
 * saved first.
 */
@Component({
  selector: 'crm-contact-page',
  imports: [
    NgTemplateOutlet, ReactiveFormsModule, RouterLink, TranslocoPipe, CrmDatePipe, FieldErrors, CustomFieldsForm,
    RecordHeader, RecordTabs, ReachFacts, RelatedDeals, DuplicateWarning, MergeWithButton,
    MatButtonModule, MatFormFieldModule, MatInputModule, MatIconModule, MatProgressBarModule,
    MatSelectModule, MatSlideToggleModule, MatAutocompleteModule, PointsEditor, AddressesEditor, TagsField, StandingFields,
  ],
  providers: [
    ContactStore, { provide: CARD_STORE, useExisting: ContactStore }, CustomFieldsStore, provideTranslocoScope('contacts', 'activities'),
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './contact.page.html',
  styleUrl: './contact.page.scss',
})
export class ContactPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly notify = inject(Notify);
  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);
  protected readonly store = inject(ContactStore);
  private readonly companiesApi = inject(CompaniesApi);
  /** The company search of the links editor and what it found. */
  protected readonly companySearch = new FormControl('', { nonNullable: true });
  protected readonly companyOptions = signal<Company[]>([]);
  protected readonly customFields = inject(CustomFieldsStore);

  /** The route's `:id`; absent on `new`. */
  readonly id = input<string>();

  protected readonly isNew = computed(() => this.id() === undefined);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [notBlank, Validators.maxLength(300)]],
    phone: ['', [Validators.pattern(PHONE_PATTERN), Validators.maxLength(32)]],
    email: ['', [Validators.email, Validators.maxLength(254)]],
    points: new FormArray<ReturnType<typeof pointGroup>>([]),
    addresses: new FormArray<ReturnType<typeof addressGroup>>([]),
    tags: new FormControl<string[]>([], { nonNullable: true }),
    source: new FormControl<Source | null>(null),
    lifecycle: new FormControl<Lifecycle>('lead', { nonNullable: true }),
    nextStep: ['', [Validators.maxLength(300)]],
    nextStepAt: [''],
    emailConsent: [false],
    smsConsent: [false],
    companies: new FormArray<LinkForm>([]),
    ownerId: [''],
    custom: newCustomFieldsGroup(),
  });

  /**
   * The ability only hides; the server decides. Fields the role may not read are absent from the
   * contact. Compared by value: a renewed session rebuilds the ability, which must not disturb the form.
   */
  /** The responsible person as saved, for the owner select (null on a new record). */
  protected readonly currentOwner = computed(() => {
    const record = this.store.contact();
    return record ? { id: record.ownerId, name: record.ownerName } : null;
  });
  protected readonly access = computed<FieldAccessMap>(
    () => fieldAccess(this.auth.ability(), 'Contact', FIELDS, this.store.contact(), this.isNew(), this.auth.user()?.id),
    { equal: sameAccess },
  );
  protected readonly canSave = computed(() => FIELDS.some((field) => this.access()[field].editable));
  protected readonly canUpdate = computed(() => {
    const contact = this.store.contact();
    return contact !== null && this.auth.ability().can('update', subject('Contact', { ...contact }));
  });
  protected readonly canDelete = computed(() => {
    const contact = this.store.contact();
    return !this.isNew() && contact !== null && this.auth.ability().can('delete', subject('Contact', { ...contact }));
  });
  protected readonly loadErrorText = this.notify.errorText(this.store.error);

  constructor() {
    effect(() => {
      const id = this.id();
      if (id !== undefined) {
        untracked(() => void this.store.load(id));
      }
    });
    // A loaded, saved or reloaded contact replaces what the form shows.
    effect(() => {
      const contact = this.store.contact();
      untracked(() => this.fill(contact));
    });
    void this.customFields.load('contact');
    effect(() => {
      const [fields, contact] = [this.customFields.active(), this.store.contact()];
      untracked(() => setCustomFieldControls(this.form.controls.custom, fields, contact?.custom));
    });
    this.companySearch.valueChanges
      .pipe(
        debounceTime(250),
        distinctUntilChanged(),
        filter((q) => typeof q === 'string'),
        switchMap((q) => (q.trim() === '' ? of({ items: [] as Company[] }) : this.companiesApi.list({ q: q.trim(), limit: 10 }).pipe(catchError(() => of({ items: [] as Company[] }))))),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((page) => this.companyOptions.set(page.items));
    // A merged-away id answers with its survivor (the request followed the server's 308): show the survivor's address, on the same tab.
    effect(() => {
      const [contact, id] = [this.store.contact(), this.id()];
      if (contact !== null && id !== undefined && contact.id !== id) {
        untracked(() => void this.router.navigate(['/contacts', contact.id], { replaceUrl: true, queryParamsHandling: 'preserve' }));
      }
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
      if (this.isNew()) {
        // The name, phone and e-mail always; the rest only when filled in (the server has defaults).
        const given = (field: Field): boolean => ['name', 'phone', 'email'].includes(field) || this.form.controls[field].dirty;
        const values = this.values(FIELDS.filter((field) => this.access()[field].editable && given(field)));
        const created = await this.store.create({ ...values, name: values.name ?? '' });
        this.notify.success('contacts.form.created');
        await this.router.navigate(['/contacts', created.id], { replaceUrl: true });
        return;
      }
      const changed: Field[] = FIELDS.filter((field) => this.access()[field].editable && this.form.controls[field].dirty);
      if (changed.length === 0) {
        this.notify.success('contacts.form.noChanges');
        return;
      }
      await this.store.update(this.values(changed));
      this.notify.success('contacts.form.saved');
    } catch (error) {
      this.explain(error);
    }
  }

  protected async remove(): Promise<void> {
    const contact = this.store.contact();
    if (contact === null) {
      return;
    }
    const confirmed = await confirmAction(this.dialog, {
      title: this.transloco.translate('contacts.form.deleteTitle'),
      message: this.transloco.translate('contacts.form.deleteMessage', { name: contact.name ?? '' }),
      confirm: this.transloco.translate('common.delete'),
    });
    if (!confirmed) {
      return;
    }
    try {
      await this.store.remove();
      this.notify.success('contacts.form.deleted');
      await this.router.navigate(['/contacts']);
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

  /** A conflict is shown on the page; field errors on their fields; anything else in a message. */
  private explain(error: unknown): void {
    const code = problemCode(error);
    if (code === 'version-mismatch') {
      return;
    }
    if (code === 'validation' && this.applyFieldErrors(error).length === 0) {
      return;
    }
    this.notify.error(error);
  }

  /** Sent points start with the primary phone and e-mail (their own fields); the others follow. */
  private applyFieldErrors(error: unknown): string[] {
    pointErrorsOnFields(problemOf(error)?.errors ?? [], this.sentPrimaries);
    return applyProblemToForm(this.form, error);
  }

  /** Which of phone and e-mail went first into the last sent points. */
  private sentPrimaries: SentPrimaries = [];

  protected setTags(tags: string[]): void {
    this.form.controls.tags.setValue(tags);
    this.form.controls.tags.markAsDirty();
  }

  protected linkCompany(event: MatAutocompleteSelectedEvent): void {
    const company = event.option.value as Company;
    const links = this.form.controls.companies;
    if (!links.getRawValue().some((link) => link.companyId === company.id)) {
      links.push(linkGroup({ companyId: company.id, companyName: company.name, primary: links.length === 0 }));
      links.markAsDirty();
    }
    this.companySearch.setValue('');
    this.companyOptions.set([]);
  }

  protected unlinkCompany(index: number): void {
    const links = this.form.controls.companies;
    links.removeAt(index);
    if (links.length > 0 && !links.getRawValue().some((link) => link.primary)) {
      links.at(0).controls.primary.setValue(true);
    }
    links.markAsDirty();
  }

  protected makePrimary(index: number): void {
    const links = this.form.controls.companies;
    links.controls.forEach((link, i) => link.controls.primary.setValue(i === index));
    links.markAsDirty();
  }

  protected readonly companyName = (company: Company | string | null): string => (typeof company === 'string' ? company : (company?.name ?? ''));

  private fill(contact: Contact | null): void {
    const primaryKinds = new Set(['phone', 'email']);
    this.form.reset({
      name: contact?.name ?? '',
      phone: contact?.phone ?? '',
      email: contact?.email ?? '',
      tags: contact?.tags ?? [],
      source: contact?.source ?? null,
      lifecycle: contact?.lifecycle ?? 'lead',
      nextStep: contact?.nextStep ?? '',
      nextStepAt: contact?.nextStepAt ? localDateTime(new Date(contact.nextStepAt)) : '',
      emailConsent: contact?.emailConsent?.granted ?? false,
      smsConsent: contact?.smsConsent?.granted ?? false,
      ownerId: contact?.ownerId ?? this.auth.user()?.id ?? '',
    });
    resetRows(this.form.controls.points, (contact?.points ?? []).filter((p) => !(p.primary && primaryKinds.has(p.kind))).map((p) => pointGroup(p)));
    resetRows(this.form.controls.addresses, (contact?.addresses ?? []).map((a) => addressGroup(a)));
    resetRows(this.form.controls.companies, (contact?.companies ?? []).map((link) => linkGroup(link)));
    this.applyAccess(this.access());
  }

  private applyAccess(access: FieldAccessMap): void {
    for (const field of FIELDS) {
      const control = this.form.controls[field];
      if (access[field].editable) {
        control.enable({ emitEvent: false });
      } else {
        control.disable({ emitEvent: false });
      }
    }
  }

  private values(fields: readonly Field[]): ContactChanges {
    const raw = this.form.getRawValue();
    const has = (field: Field): boolean => fields.includes(field);
    const changes: ContactChanges = {
      ...(has('name') ? { name: raw.name.trim() } : {}),
      ...(has('addresses') ? { addresses: addressValues(this.form.controls.addresses) } : {}),
      ...(has('tags') ? { tags: raw.tags } : {}),
      ...(has('source') ? { source: raw.source } : {}),
      ...(has('lifecycle') ? { lifecycle: raw.lifecycle } : {}),
      ...(has('nextStep') ? { nextStep: orNull(raw.nextStep) } : {}),
      ...(has('nextStepAt') ? { nextStepAt: raw.nextStepAt === '' ? null : new Date(raw.nextStepAt).toISOString() } : {}),
      ...(has('emailConsent') ? { emailConsent: { granted: raw.emailConsent } } : {}),
      ...(has('smsConsent') ? { smsConsent: { granted: raw.smsConsent } } : {}),
      ...(has('ownerId') && raw.ownerId !== '' ? { ownerId: raw.ownerId } : {}),
      ...(has('companies')
        ? { companies: raw.companies.map((link) => ({ companyId: link.companyId, jobTitle: orNull(link.jobTitle), primary: link.primary })) }
        : {}),
      ...(has('custom') && this.customFields.active().length > 0 ? { custom: customFieldValues(this.form.controls.custom, this.customFields.active()) } : {}),
    };
    const reach = reachChanges(has, raw, this.form.controls.points);
    this.sentPrimaries = reach.primaries;
    return { ...changes, ...reach.changes };
  }
}
