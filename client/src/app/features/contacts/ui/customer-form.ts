import { FormArray, FormControl, FormGroup, ValidatorFn, Validators } from '@angular/forms';
import type { Address, AddressKind, ContactPoint, PointKind } from '../data-access/contacts-api';

/** One row of the contact points editor. */
export type PointForm = FormGroup<{
  kind: FormControl<PointKind>;
  channel: FormControl<string>;
  value: FormControl<string>;
  label: FormControl<string>;
}>;

/** One row of the addresses editor. */
export type AddressForm = FormGroup<{
  kind: FormControl<AddressKind>;
  line1: FormControl<string>;
  line2: FormControl<string>;
  city: FormControl<string>;
  region: FormControl<string>;
  postalCode: FormControl<string>;
  country: FormControl<string>;
}>;

const text = (value: string | null | undefined, ...validators: ValidatorFn[]): FormControl<string> =>
  new FormControl(value ?? '', { nonNullable: true, validators });

export function pointGroup(point?: Partial<ContactPoint>): PointForm {
  return new FormGroup({
    kind: new FormControl<PointKind>(point?.kind ?? 'phone', { nonNullable: true }),
    channel: text(point?.channel, Validators.maxLength(32)),
    value: text(point?.value, Validators.required, Validators.maxLength(320)),
    label: text(point?.label, Validators.maxLength(64)),
  });
}

export function addressGroup(address?: Partial<Address>): AddressForm {
  return new FormGroup({
    kind: new FormControl<AddressKind>(address?.kind ?? 'actual', { nonNullable: true }),
    line1: text(address?.line1, Validators.required, Validators.maxLength(200)),
    line2: text(address?.line2, Validators.maxLength(200)),
    city: text(address?.city, Validators.maxLength(100)),
    region: text(address?.region, Validators.maxLength(100)),
    postalCode: text(address?.postalCode, Validators.maxLength(20)),
    country: text(address?.country, Validators.pattern(/^[A-Za-z]{2}$/)),
  });
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** The rows as the API takes them; the primary of each kind is given separately. */
export function pointValues(array: FormArray<PointForm>): { kind: PointKind; channel: string | null; value: string; label: string | null; primary: boolean }[] {
  return array.getRawValue().map((row) => ({
    kind: row.kind,
    channel: row.kind === 'messenger' || row.kind === 'social' ? orNull(row.channel) : null,
    value: row.value.trim(),
    label: orNull(row.label),
    primary: false,
  }));
}

export function addressValues(array: FormArray<AddressForm>): Address[] {
  return array.getRawValue().map((row) => ({
    kind: row.kind,
    line1: row.line1.trim(),
    line2: orNull(row.line2),
    city: orNull(row.city),
    region: orNull(row.region),
    postalCode: orNull(row.postalCode),
    country: orNull(row.country)?.toUpperCase() ?? null,
  }));
}

/** Replaces the rows of `array` without marking the form dirty. */
export function resetRows<T extends FormGroup>(array: FormArray<T>, rows: T[]): void {
  array.clear({ emitEvent: false });
  for (const row of rows) {
    array.push(row, { emitEvent: false });
  }
  array.markAsPristine();
}
