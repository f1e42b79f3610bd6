import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, FormBuilder, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { CUSTOM_FIELD_TYPES, CustomField, CustomFieldLabels, CustomFieldType, isChoiceType, LABEL_LANGUAGES } from '@app/shared/custom-fields/custom-fields';
import { FieldErrors } from '@app/shared/ui/field-errors';
import { Notify } from '@app/shared/ui/notify.service';
import { showOnForm } from '../server-errors';
import { CustomFieldDefinitionsStore } from './custom-field-definitions.store';

export interface CustomFieldFormData {
  /** The field to change; absent: a new one. */
  field?: CustomField;
}

/** The server's rules (server/src/modules/customers/dto/custom-field.dto.ts). */
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
export const OPTION_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

type LabelsGroup = FormGroup<Record<(typeof LABEL_LANGUAGES)[number], FormControl<string>>>;

/** At least one language names the field. */
function someLabel(group: AbstractControl): ValidationErrors | null {
  return Object.values(group.value as Record<string, string>).some((text) => text.trim() !== '') ? null : { required: true };
}

function uniqueValues(array: AbstractControl): ValidationErrors | null {
  const values = (array.value as { value: string }[]).map((option) => option.value.trim());
  return new Set(values).size === values.length ? null : { duplicate: true };
}

/** Defines a custom field or changes one: key and type only when new; labels in the four languages; the choices of a select field. */
@Component({
  selector: 'crm-custom-field-form-dialog',
  imports: [
    ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatCheckboxModule, MatButtonModule,
    MatIconModule, MatProgressBarModule, TranslocoPipe, FieldErrors,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ (field ? 'fields.admin.editTitle' : 'fields.admin.createTitle') | transloco }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <div class="row">
          <mat-form-field>
            <mat-label>{{ 'fields.admin.key' | transloco }}</mat-label>
            <input matInput formControlName="key" required autocomplete="off" />
            <mat-hint>{{ 'fields.admin.keyHint' | transloco }}</mat-hint>
            <mat-error><crm-field-errors [control]="form.controls.key" /></mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'fields.admin.type' | transloco }}</mat-label>
            <mat-select formControlName="type" required>
              @for (type of types; track type) {
                <mat-option [value]="type">{{ 'fields.types.' + type | transloco }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        </div>
        <mat-checkbox formControlName="required">{{ 'fields.admin.requiredLabel' | transloco }}</mat-checkbox>
        <fieldset formGroupName="labels">
          <legend>{{ 'fields.admin.labels' | transloco }}</legend>
          <div class="row">
            @for (lang of languages; track lang) {
              <mat-form-field>
                <mat-label>{{ 'fields.languages.' + lang | transloco }}</mat-label>
                <input matInput [formControlName]="lang" autocomplete="off" [attr.lang]="lang" />
              </mat-form-field>
            }
          </div>
          @if (form.controls.labels.touched && form.controls.labels.errors) {
            <p class="error" role="alert">{{ 'fields.admin.labelsRequired' | transloco }}</p>
          }
          <crm-field-errors class="error" [control]="form.controls.labels" />
        </fieldset>
        @if (choice()) {
          <fieldset>
            <legend>{{ 'fields.admin.options' | transloco }}</legend>
            @for (option of form.controls.options.controls; track option; let i = $index) {
              <div class="option" [formGroup]="option">
                <mat-form-field class="value">
                  <mat-label>{{ 'fields.admin.optionValue' | transloco }}</mat-label>
                  <input matInput formControlName="value" required autocomplete="off" />
                  <mat-error><crm-field-errors [control]="option.controls.value" /></mat-error>
                </mat-form-field>
                <ng-container formGroupName="labels">
                  @for (lang of languages; track lang) {
                    <mat-form-field class="label">
                      <mat-label>{{ 'fields.languages.' + lang | transloco }}</mat-label>
                      <input matInput [formControlName]="lang" autocomplete="off" [attr.lang]="lang" />
                    </mat-form-field>
                  }
                </ng-container>
                <button mat-icon-button type="button" (click)="removeOption(i)" [attr.aria-label]="'fields.admin.removeOption' | transloco: { n: i + 1 }">
                  <mat-icon>close</mat-icon>
                </button>
              </div>
            }
            @if (form.controls.options.errors?.['duplicate']) {
              <p class="error" role="alert">{{ 'fields.admin.duplicateOptions' | transloco }}</p>
            }
            <crm-field-errors class="error" [control]="form.controls.options" />
            <button mat-stroked-button type="button" (click)="addOption()"><mat-icon>add</mat-icon>{{ 'fields.admin.addOption' | transloco }}</button>
          </fieldset>
        }
        @if (store.saving()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [disabled]="store.saving()">{{ (field ? 'common.save' : 'common.create') | transloco }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    form { display: contents; }
    .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 0 12px; }
    fieldset { border: 1px solid var(--mat-sys-outline-variant); border-radius: var(--mat-sys-corner-small); margin: 12px 0; padding: 8px 12px; }
    legend { font: var(--mat-sys-title-small); padding: 0 4px; }
    .option { display: grid; grid-template-columns: minmax(100px, 1.2fr) repeat(4, minmax(90px, 1fr)) auto; gap: 0 8px; align-items: start; }
    .error { color: var(--mat-sys-error); font: var(--mat-sys-body-small); margin: 0 0 8px; display: block; }
    @media (max-width: 599px) { .option { grid-template-columns: 1fr 1fr; } }
  `,
})
export class CustomFieldFormDialog {
  protected readonly store = inject(CustomFieldDefinitionsStore);
  private readonly notify = inject(Notify);
  private readonly transloco = inject(TranslocoService);
  private readonly dialogRef = inject<MatDialogRef<CustomFieldFormDialog, CustomField>>(MatDialogRef);
  private readonly fb = inject(FormBuilder).nonNullable;
  protected readonly field = inject<CustomFieldFormData>(MAT_DIALOG_DATA).field;
  protected readonly types = CUSTOM_FIELD_TYPES;
  protected readonly languages = LABEL_LANGUAGES;

  protected readonly form = this.fb.group({
    key: [this.field?.key ?? '', [Validators.required, Validators.pattern(KEY_PATTERN)]],
    type: [this.field?.type ?? ('text' as CustomFieldType), Validators.required],
    required: [this.field?.required ?? false],
    labels: this.labelsGroup(this.field?.labels ?? {}, true),
    options: this.fb.array((this.field?.options ?? []).map((option) => this.optionGroup(option.value, option.labels)), [uniqueValues]),
  });
  private readonly type = toSignal(this.form.controls.type.valueChanges, { initialValue: this.form.controls.type.value });
  protected readonly choice = computed(() => isChoiceType(this.type()));

  constructor() {
    if (this.field) {
      // Records hold values under the key, typed by the type: both stay as created.
      this.form.controls.key.disable();
      this.form.controls.type.disable();
    }
  }

  protected addOption(): void {
    this.form.controls.options.push(this.optionGroup('', {}));
  }

  protected removeOption(index: number): void {
    this.form.controls.options.removeAt(index);
  }

  protected async submit(): Promise<void> {
    const options = isChoiceType(this.form.controls.type.value) ? this.form.controls.options : undefined;
    const invalid = this.form.controls.key.invalid || this.form.controls.labels.invalid || (options?.invalid ?? false);
    if (invalid || this.store.saving()) {
      this.form.markAllAsTouched();
      return;
    }
    const raw = this.form.getRawValue();
    const common = {
      required: raw.required,
      labels: trimmed(raw.labels),
      ...(options ? { options: raw.options.map((option) => ({ value: option.value.trim(), labels: trimmed(option.labels) })) } : {}),
    };
    try {
      const saved = this.field === undefined
        ? await this.store.create({ key: raw.key, type: raw.type, ...common })
        : await this.store.update(this.field, common);
      this.dialogRef.close(saved);
    } catch (error) {
      if (!showOnForm(this.form, error, this.transloco)) {
        this.notify.error(error);
      }
    }
  }

  private labelsGroup(labels: CustomFieldLabels, required: boolean): LabelsGroup {
    const group: LabelsGroup = this.fb.group({ az: labels.az ?? '', tr: labels.tr ?? '', en: labels.en ?? '', ru: labels.ru ?? '' });
    if (required) {
      group.addValidators(someLabel);
    }
    return group;
  }

  private optionGroup(value: string, labels: CustomFieldLabels) {
    return this.fb.group({
      value: [value, [Validators.required, Validators.pattern(OPTION_PATTERN)]],
      labels: this.labelsGroup(labels, false),
    });
  }
}

function trimmed(labels: CustomFieldLabels): CustomFieldLabels {
  return Object.fromEntries(Object.entries(labels).filter(([, text]) => typeof text === 'string' && text.trim() !== '').map(([lang, text]) => [lang, (text as string).trim()]));
}
