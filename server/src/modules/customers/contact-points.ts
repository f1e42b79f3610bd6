import { CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { FieldError } from '../../common/errors/app-error';

/**
 * Normalisation of contact points (phones, e-mails, messengers, social profiles, web sites),
 * shared by contacts, companies, import and duplicate detection: the same input always becomes
 * the same stored value, so equal numbers compare equal.
 */

export const POINT_KINDS = ['phone', 'email', 'messenger', 'social', 'web'] as const;
export type PointKind = (typeof POINT_KINDS)[number];

/** Known channels; others are accepted as free text (lower case) so new networks need no release. */
export const POINT_CHANNELS = ['whatsapp', 'telegram', 'viber', 'signal', 'facebook', 'instagram', 'linkedin', 'tiktok', 'x', 'youtube'] as const;
export const POINT_LABELS = ['work', 'mobile', 'home', 'other'] as const;

export interface ContactPoint {
  kind: PointKind;
  channel: string | null;
  value: string;
  label: string | null;
  primary: boolean;
}

/** A point as it arrives: optional parts may be missing. */
export interface ContactPointInput {
  kind: PointKind;
  channel?: string | null;
  value: string;
  label?: string | null;
  primary?: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const WEB = /^(https?:\/\/)?[^\s/.]+(\.[^\s/.]+)+(\/\S*)?$/i;
const HANDLE = /^@?[\p{L}\p{N}._-]{2,64}$/u;
/** Input that a person would read as a phone number: digits with the usual separators. */
const PHONE_LIKE = /^\+?[\d\s()\-.]{5,32}$/;

/** The ISO 3166-1 alpha-2 code if libphonenumber knows the region. */
export function phoneRegion(code: string): CountryCode | undefined {
  const upper = code.toUpperCase();
  return isSupportedCountry(upper) ? upper : undefined;
}

/** E.164 form of a phone number (`+994501234567`), or undefined when it is not a valid number. */
export function normalizePhone(raw: string, region: CountryCode): string | undefined {
  if (!PHONE_LIKE.test(raw.trim())) {
    return undefined;
  }
  const parsed = parsePhoneNumberFromString(raw.trim(), region);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** Lower-cased e-mail address, or undefined when it is not one. */
export function normalizeEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : undefined;
}

/**
 * The digits to search for when a query looks like a phone number: the E.164 digits when it is a
 * whole valid number ("050 123 45 67" -> "994501234567"), otherwise its bare digits (a fragment).
 * Undefined for queries that are not phone-like.
 */
export function phoneSearchDigits(query: string, region: CountryCode): string | undefined {
  const q = query.trim();
  if (!PHONE_LIKE.test(q) || q.replace(/\D/g, '').length < 3) {
    return undefined;
  }
  return (normalizePhone(q, region) ?? q).replace(/\D/g, '');
}

function normalizeValue(point: ContactPointInput, region: CountryCode): string | undefined {
  const value = point.value.trim();
  switch (point.kind) {
    case 'phone':
      return normalizePhone(value, region);
    case 'email':
      return normalizeEmail(value);
    case 'web':
      return WEB.test(value) ? (/^https?:\/\//i.test(value) ? value : `https://${value}`) : undefined;
    case 'messenger':
      // WhatsApp, Viber and Signal address people by phone number; Telegram also by @username.
      if (point.channel === 'whatsapp' || point.channel === 'viber' || point.channel === 'signal') {
        return normalizePhone(value, region);
      }
      return (PHONE_LIKE.test(value) ? normalizePhone(value, region) : undefined) ?? (HANDLE.test(value) ? value : undefined);
    case 'social':
      return WEB.test(value) || HANDLE.test(value) ? value : undefined;
  }
}

const MESSAGES: Record<PointKind, string> = {
  phone: 'is not a valid phone number',
  email: 'is not a valid e-mail address',
  web: 'is not a web address',
  messenger: 'is not a phone number or user name for this messenger',
  social: 'is not a profile address or user name',
};

/**
 * Normalises a list of points: values per kind, channel and label lower case, exactly one primary
 * per kind that has points (the first one marked, else the first of the kind). Errors name the
 * field as `${field}[i].value`.
 */
export function normalizePoints(
  input: readonly ContactPointInput[],
  region: CountryCode,
  field = 'points',
): { points: ContactPoint[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const points: ContactPoint[] = [];
  input.forEach((point, i) => {
    const channel = point.channel?.trim().toLowerCase() || null;
    const value = normalizeValue({ ...point, channel }, region);
    if (value === undefined) {
      errors.push({ field: `${field}[${i}].value`, message: MESSAGES[point.kind] });
      return;
    }
    points.push({ kind: point.kind, channel, value, label: point.label?.trim().toLowerCase() || null, primary: point.primary === true });
  });
  return { points: withOnePrimaryPerKind(dropDuplicates(points)), errors };
}

/** The primary value of a kind (the copy kept in the record's email/phone column), or null. */
export function primaryValue(points: readonly ContactPoint[], kind: PointKind): string | null {
  return points.find((p) => p.kind === kind && p.primary)?.value ?? null;
}

/**
 * Applies the `email`/`phone` shorthand of a request: the value becomes the primary point of
 * that kind (replacing the old primary), null removes the primary point.
 */
export function withPrimary(points: readonly ContactPoint[], kind: PointKind, value: string | null): ContactPoint[] {
  const others = points.filter((p) => !(p.kind === kind && p.primary));
  if (value === null) {
    return withOnePrimaryPerKind(others);
  }
  const rest = others.filter((p) => !(p.kind === kind && p.value === value)).map((p) => (p.kind === kind ? { ...p, primary: false } : p));
  return [{ kind, channel: null, value, label: points.find((p) => p.kind === kind && p.primary)?.label ?? null, primary: true }, ...rest];
}

function dropDuplicates(points: ContactPoint[]): ContactPoint[] {
  const seen = new Set<string>();
  return points.filter((p) => {
    const key = `${p.kind}|${p.channel ?? ''}|${p.value}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

function withOnePrimaryPerKind(points: ContactPoint[]): ContactPoint[] {
  const primaryIndex = new Map<PointKind, number>();
  points.forEach((p, i) => {
    if (p.primary && !primaryIndex.has(p.kind)) {
      primaryIndex.set(p.kind, i);
    }
  });
  points.forEach((p, i) => {
    if (!primaryIndex.has(p.kind)) {
      primaryIndex.set(p.kind, i);
    }
  });
  return points.map((p, i) => ({ ...p, primary: primaryIndex.get(p.kind) === i }));
}
