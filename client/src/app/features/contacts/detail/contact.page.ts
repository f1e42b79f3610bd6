import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { AbstractControl, FormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Router, RouterLink } from '@angular/router';
import { subject } from '@casl/ability';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { applyProblemToForm, problemCode } from '@app/core/api/problem';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmDatePipe } from '@app/core/i18n/format.pipes';
import { confirmAction } from '@app/shared/ui/confirm-dialog';
import { FieldErrors } from '@app/shared/ui/field-errors';
import { Notify } from '@app/shared/ui/notify.service';
import { ContactStore } from '../data-access/contact.store';
import { ContactChanges } from '../data-access/contacts-api';
import { ContactHistory } from './contact-history';
import { DuplicateWarning } from '../../dedup/duplicate-warning/duplicate-warning';
import { MergeWithButton } from '../../dedup/merge/merge-with-button';

/** The server's rules (server/src/modules/customers/dto/contact.dto.ts). */
export const PHONE_PATTERN = /^\+?[0-9 ()\-.]{5,32}$/;
const FIELDS = ['name', 'phone', 'email'] as const;
type Field = (typeof FIELDS)[number];
type FieldAccess = Record<Field, { visible: boolean; editable: boolean }>;

/** The server trims the name: spaces alone are no name. */
function notBlank(control: AbstractControl<string>): ValidationErrors | null {
  return control.value.trim() === '' ? { required: true } : null;
}

/**
 * A contact (route `:id`) or a new one (route `new`): the form, who may change it, a conflict
 * notice when someone else saved first, and the history of changes.
 */
@Component({
  selector: 'crm-contact-page',
  imports: [
    NgTemplateOutlet, ReactiveFormsModule, RouterLink, TranslocoPipe, CrmDatePipe, FieldErrors, ContactHistory, DuplicateWarning, MergeWithButton,
    MatButtonModule, MatFormFieldModule, MatInputModule, MatIconModule, MatProgressBarModule, MatTabsModule,
  ],
  providers: [ContactStore],
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

  /** The route's `:id`; absent on `new`. */
  readonly id = input<string>();

  protected readonly isNew = computed(() => this.id() === undefined);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [notBlank, Validators.maxLength(300)]],
    phone: ['', [Validators.pattern(PHONE_PATTERN), Validators.maxLength(32)]],
    email: ['', [Validators.email, Validators.maxLength(254)]],
  });

  /**
   * The ability only hides; the server decides. Fields the role may not read are absent from the
   * contact. Compared by value: a renewed session rebuilds the ability, which must not disturb the form.
   */
  protected readonly access = computed<FieldAccess>(() => {
    const ability = this.auth.ability();
    const contact = this.store.contact();
    const isNew = this.isNew();
    const action = isNew ? 'create' : 'update';
    const record = isNew ? { ownerId: this.auth.user()?.id } : { ...contact };
    const visible = (field: Field): boolean => isNew || (contact !== null && field in contact);
    const may = ability.can(action, subject('Contact', { ...record }));
    const entries = FIELDS.map((field) => {
      const shown = visible(field);
      return [field, { visible: shown, editable: shown && may && ability.can(action, subject('Contact', { ...record }), field) }];
    });
    return Object.fromEntries(entries) as FieldAccess;
  }, { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  protected readonly canSave = computed(() => FIELDS.some((field) => this.access()[field].editable));
  protected readonly canDelete = computed(() => {
    const contact = this.store.contact();
    return !this.isNew() && contact !== null && this.auth.ability().can('delete', subject('Contact', { ...contact }));
  });
  protected readonly loadErrorText = computed(() => {
    const error = this.store.error();
    return error === null ? '' : this.notify.describe(error);
  });

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
      untracked(() => this.form.reset({ name: contact?.name ?? '', phone: contact?.phone ?? '', email: contact?.email ?? '' }));
    });
    // A merged-away id answers with its survivor (the request followed the server's 308): show the survivor's address.
    effect(() => {
      const [contact, id] = [this.store.contact(), this.id()];
      if (contact !== null && id !== undefined && contact.id !== id) {
        untracked(() => void this.router.navigate(['/contacts', contact.id], { replaceUrl: true }));
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
        const values = this.values(FIELDS.filter((field) => this.access()[field].editable));
        const created = await this.store.create({ ...values, name: values.name ?? '' });
        this.notify.success('contacts.form.created');
        await this.router.navigate(['/contacts', created.id], { replaceUrl: true });
        return;
      }
      const changed = FIELDS.filter((field) => this.access()[field].editable && this.form.controls[field].dirty);
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
    if (code === 'validation' && applyProblemToForm(this.form, error).length === 0) {
      return;
    }
    this.notify.error(error);
  }

  private applyAccess(access: FieldAccess): void {
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
    const optional = (value: string): string | null => (value.trim() === '' ? null : value.trim());
    return {
      ...(fields.includes('name') ? { name: raw.name.trim() } : {}),
      ...(fields.includes('phone') ? { phone: optional(raw.phone) } : {}),
      ...(fields.includes('email') ? { email: optional(raw.email) } : {}),
    };
  }
}
