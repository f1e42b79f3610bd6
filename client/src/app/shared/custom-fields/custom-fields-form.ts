import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '@app/core/i18n/language.service';
import { FieldErrors } from '@app/shared/ui/field-errors';
import { CustomFieldValue } from './custom-field-value';
import { CURRENCIES, CustomField, CustomFieldsGroup, CustomValues, labelOf } from './custom-fields';

/**
 * The custom fields of a record: the right control for each type in `group` (filled by
 * `setCustomFieldControls`), labels in the interface language, the form's and the server's errors
 * (`custom.<key>`) on their control. Read-only, the values as text.
 */
@Component({
  selector: 'crm-custom-fields-form',
  imports: [
    ReactiveFormsModule, TranslocoPipe, FieldErrors, CustomFieldValue,
    MatFormFieldModule, MatInputModule, MatSelectModule, MatCheckboxModule, MatDatepickerModule,
  ],
  providers: [provideTranslocoScope('fields'), provideNativeDateAdapter()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (readonly()) {
      @if (fields().length > 0) {
        <dl class="values" data-testid="custom-values">
          @for (field of fields(); track field.key) {
            <div>
              <dt>{{ label(field) }}</dt>
              <dd><crm-custom-field-value [field]="field" [value]="values()?.[field.key]" /></dd>
            </div>
          }
        </dl>
      }
    } @else {
      <div class="crm-form-grid" [formGroup]="group()" data-testid="custom-fields-form">
        @for (field of fields(); track field.key) {
          @if (group().controls[field.key]; as control) {
            @switch (field.type) {
              @case ('money') {
                <div class="money" [formGroupName]="field.key">
                  <mat-form-field class="amount">
                    <mat-label>{{ label(field) }}</mat-label>
                    <input matInput type="number" formControlName="amount" [required]="field.required" autocomplete="off" />
                    <mat-error><crm-field-errors [control]="moneyPart(control, 'amount')" /></mat-error>
                  </mat-form-field>
                  <mat-form-field class="currency">
                    <mat-label>{{ 'fields.form.currency' | transloco }}</mat-label>
                    <mat-select formControlName="currency">
                      @for (currency of currencies; track currency) {
                        <mat-option [value]="currency">{{ currency }}</mat-option>
                      }
                    </mat-select>
                  </mat-form-field>
                  <crm-field-errors class="group-error" role="alert" [control]="control" />
                </div>
              }
              @case ('checkbox') {
                <div class="checkbox">
                  <mat-checkbox [formControlName]="field.key">{{ label(field) }}</mat-checkbox>
                  <crm-field-errors class="group-error" role="alert" [control]="control" />
                </div>
              }
              @case ('date') {
                <mat-form-field>
                  <mat-label>{{ label(field) }}</mat-label>
                  <input matInput [matDatepicker]="picker" [formControlName]="field.key" [required]="field.required" autocomplete="off" />
                  <mat-datepicker-toggle matIconSuffix [for]="picker" />
                  <mat-datepicker #picker />
                  <mat-error><crm-field-errors [control]="control" /></mat-error>
                </mat-form-field>
              }
              @default {
                <mat-form-field>
                  <mat-label>{{ label(field) }}</mat-label>
                  @switch (field.type) {
                    @case ('select') {
                      <mat-select [formControlName]="field.key" [required]="field.required">
                        @if (!field.required) {
                          <mat-option [value]="''">—</mat-option>
                        }
                        @for (option of field.options; track option.value) {
                          <mat-option [value]="option.value">{{ optionLabel(option.labels) }}</mat-option>
                        }
                      </mat-select>
                    }
                    @case ('multiselect') {
                      <mat-select [formControlName]="field.key" [required]="field.required" multiple>
                        @for (option of field.options; track option.value) {
                          <mat-option [value]="option.value">{{ optionLabel(option.labels) }}</mat-option>
                        }
                      </mat-select>
                    }
                    @case ('number') {
                      <input matInput type="number" [formControlName]="field.key" [required]="field.required" autocomplete="off" />
                    }
                    @default {
                      <input matInput [type]="inputType(field)" [formControlName]="field.key" [required]="field.required" autocomplete="off" />
                    }
                  }
                  @if (field.type === 'url') {
                    <mat-hint>{{ 'fields.form.urlHint' | transloco }}</mat-hint>
                  }
                  <mat-error><crm-field-errors [control]="control" /></mat-error>
                </mat-form-field>
              }
            }
          }
        }
      </div>
    }
  `,
  styles: `
    :host { display: block; }
    .money { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-start; }
    .money .amount { flex: 2 1 140px; }
    .money .currency { flex: 1 1 90px; }
    .checkbox { display: flex; flex-direction: column; justify-content: center; min-height: 56px; }
    .group-error { flex-basis: 100%; color: var(--mat-sys-error); font: var(--mat-sys-body-small); }
    .values { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px 24px; margin: 0; }
    .values dt { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); }
    .values dd { margin: 2px 0 0; font: var(--mat-sys-body-large); }
  `,
})
export class CustomFieldsForm {
  private readonly language = inject(LanguageService);

  /** The fields to show (the active ones, in form order). */
  readonly fields = input.required<readonly CustomField[]>();
  readonly group = input.required<CustomFieldsGroup>();
  /** Show the values as text instead of controls. */
  readonly readonly = input(false);
  /** The record's values, for the read-only view. */
  readonly values = input<CustomValues | undefined>();

  protected readonly currencies = CURRENCIES;
  private readonly lang = computed(() => this.language.current());

  protected label(field: CustomField): string {
    return labelOf(field.labels, this.lang());
  }

  protected optionLabel(labels: CustomField['labels']): string {
    return labelOf(labels, this.lang());
  }

  protected inputType(field: CustomField): string {
    return field.type === 'phone' ? 'tel' : field.type === 'email' ? 'email' : field.type === 'url' ? 'url' : 'text';
  }

  protected moneyPart(control: unknown, part: 'amount' | 'currency'): FormControl {
    return (control as FormGroup).controls[part] as FormControl;
  }
}
