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

/** A text field's value as the API takes it: trimmed, empty as null. */
export const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

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

/** A point as a save sends it (the primaries without channel and label). */
export type SentPoint = { kind: PointKind; value: string; primary: boolean; channel?: string | null; label?: string | null };

/** The primary phone and e-mail a save sent first in `points`, in that order. */
export type SentPrimaries = ('phone' | 'email')[];

/**
 * How a card's save sends the ways to reach the record. With the points editor (`has('points')`):
 * the whole list, the primary phone and e-mail from their own fields first; otherwise only the
 * `phone` / `email` shorthands the role may change.
 */
export function reachChanges(
  has: (field: 'points' | 'phone' | 'email') => boolean,
  raw: { phone: string; email: string },
  points: FormArray<PointForm>,
): { changes: { points?: SentPoint[]; phone?: string | null; email?: string | null }; primaries: SentPrimaries } {
  const phone = orNull(raw.phone);
  const email = orNull(raw.email);
  if (has('points')) {
    return {
      changes: {
        points: [
          ...(phone !== null ? [{ kind: 'phone' as const, value: phone, primary: true }] : []),
          ...(email !== null ? [{ kind: 'email' as const, value: email, primary: true }] : []),
          ...pointValues(points),
        ],
      },
      primaries: [...(phone !== null ? ['phone' as const] : []), ...(email !== null ? ['email' as const] : [])],
    };
  }
  return { changes: { ...(has('phone') ? { phone } : {}), ...(has('email') ? { email } : {}) }, primaries: [] };
}

/** Puts the server's errors on sent points (`points[i].value`) on the fields they came from. */
export function pointErrorsOnFields(errors: { field: string }[], primaries: SentPrimaries): void {
  for (const item of errors) {
    const match = /^points(?:\[(\d+)\]|\.(\d+))\.value$/.exec(item.field);
    if (match) {
      const index = Number(match[1] ?? match[2]);
      item.field = index < primaries.length ? primaries[index] : `points.${index - primaries.length}.value`;
    }
  }
}
