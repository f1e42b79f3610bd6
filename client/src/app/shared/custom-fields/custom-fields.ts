import { AbstractControl, FormControl, FormGroup, ValidatorFn, Validators } from '@angular/forms';
import type { Schema } from '@app/core/api/schema';

export type CustomField = Schema<'CustomFieldResponse'>;
export type CustomFieldType = CustomField['type'];
export type CustomFieldEntity = CustomField['entity'];
export type CustomFieldLabels = Schema<'CustomFieldLabels'>;
export type CustomValues = Record<string, unknown>;

export const CUSTOM_FIELD_TYPES: readonly CustomFieldType[] = ['text', 'number', 'money', 'date', 'select', 'multiselect', 'checkbox', 'url', 'phone', 'email'];
export const CURRENCIES = ['AZN', 'TRY', 'USD', 'EUR'] as const;
export const LABEL_LANGUAGES = ['az', 'tr', 'en', 'ru'] as const;

/** The label in the interface language, else the first language that has one (az first, the default). */
export function labelOf(labels: CustomFieldLabels, language: string): string {
  const own = labels[language as keyof CustomFieldLabels];
  return own || LABEL_LANGUAGES.map((lang) => labels[lang]).find((text) => !!text) || '';
}

export const isChoiceType = (type: CustomFieldType): boolean => type === 'select' || type === 'multiselect';

/** The group of controls the custom fields form edits: one per field, a group {amount, currency} for money. */
export type CustomFieldsGroup = FormGroup<Record<string, AbstractControl>>;

export const newCustomFieldsGroup = (): CustomFieldsGroup => new FormGroup<Record<string, AbstractControl>>({});

const URL_PATTERN = /^https?:\/\/\S+$/i;

function validatorsOf(field: CustomField): ValidatorFn[] {
  const required = field.required ? (field.type === 'checkbox' ? [] : [Validators.required]) : [];
  switch (field.type) {
    case 'url':
      return [...required, Validators.pattern(URL_PATTERN)];
    case 'email':
      return [...required, Validators.email];
    case 'text':
      return [...required, Validators.maxLength(2000)];
    default:
      return required;
  }
}

function controlFor(field: CustomField, value: unknown): AbstractControl {
  switch (field.type) {
    case 'money': {
      const money = (value ?? {}) as { amount?: number; currency?: string };
      return new FormGroup({
        amount: new FormControl<number | null>(money.amount ?? null, { nonNullable: true, validators: field.required ? [Validators.required] : [] }),
        currency: new FormControl<string>(money.currency ?? CURRENCIES[0], { nonNullable: true }),
      });
    }
    case 'multiselect':
      return new FormControl<string[]>(Array.isArray(value) ? (value as string[]) : [], { nonNullable: true, validators: field.required ? [Validators.required] : [] });
    case 'checkbox':
      return new FormControl<boolean>(value === true, { nonNullable: true });
    case 'date':
      return new FormControl<Date | null>(typeof value === 'string' ? fromIsoDate(value) : null, { nonNullable: true, validators: validatorsOf(field) });
    case 'number':
      return new FormControl<number | null>(typeof value === 'number' ? value : null, { nonNullable: true, validators: validatorsOf(field) });
    default:
      return new FormControl<string>(typeof value === 'string' ? value : '', { nonNullable: true, validators: validatorsOf(field) });
  }
}

/**
 * Puts one control per active field into `group`, holding the record's values, and removes the
 * controls of fields no longer there. The group comes back pristine; every control resets to the
 * record's value (so a reset of the whole form keeps what the record holds).
 */
export function setCustomFieldControls(group: CustomFieldsGroup, fields: readonly CustomField[], values: CustomValues | undefined): void {
  const active = fields.filter((field) => field.active);
  for (const name of Object.keys(group.controls)) {
    if (!active.some((field) => field.key === name)) {
      group.removeControl(name, { emitEvent: false });
    }
  }
  for (const field of active) {
    group.setControl(field.key, controlFor(field, values?.[field.key]), { emitEvent: false });
  }
  group.markAsPristine();
  group.markAsUntouched();
  group.updateValueAndValidity();
}

/** The values to send: one per active field, `null` for an empty one (the server clears it). */
export function customFieldValues(group: CustomFieldsGroup, fields: readonly CustomField[]): CustomValues {
  const values: CustomValues = {};
  for (const field of fields) {
    const control = group.controls[field.key];
    if (!field.active || !control) {
      continue;
    }
    values[field.key] = toApiValue(field.type, control.value);
  }
  return values;
}

function toApiValue(type: CustomFieldType, value: unknown): unknown {
  switch (type) {
    case 'money': {
      const money = value as { amount: number | null; currency: string };
      return money.amount === null || (money.amount as unknown) === '' ? null : { amount: Number(money.amount), currency: money.currency };
    }
    case 'date':
      return value instanceof Date ? toIsoDate(value) : null;
    case 'number':
      return value === null || value === '' ? null : Number(value);
    case 'multiselect':
      return (value as string[]).length === 0 ? null : value;
    case 'checkbox':
      return value === true;
    default:
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  }
}

/** `YYYY-MM-DD` of a calendar day picked in local time. */
export function toIsoDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The local calendar day of `YYYY-MM-DD`. */
export function fromIsoDate(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}
