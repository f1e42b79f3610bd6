import type { CountryCode } from 'libphonenumber-js';
import { normalizeEmail, normalizePhone } from './contact-points';

export const CUSTOM_FIELD_ENTITIES = ['contact', 'company', 'deal'] as const;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'money', 'date', 'select', 'multiselect', 'checkbox', 'url', 'phone', 'email'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export const CURRENCIES = ['AZN', 'TRY', 'USD', 'EUR'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const LANGUAGES = ['az', 'tr', 'en', 'ru'] as const;
export type Labels = Partial<Record<(typeof LANGUAGES)[number], string>>;

export interface CustomFieldOption {
  value: string;
  labels: Labels;
}

/** What validation and filters need to know about a definition. */
export interface CustomFieldShape {
  key: string;
  type: CustomFieldType;
  required: boolean;
  options: CustomFieldOption[];
  active: boolean;
}

export const TEXT_MAX_LENGTH = 2000;

/** Thrown by `normaliseValue` with the reason in words; the caller names the field. */
export class InvalidValue extends Error {}

/** Values that mean "no value": they clear the field instead of being stored. */
export const isEmptyValue = (value: unknown): boolean =>
  value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/** The stored form of one value of a field of this type, or `InvalidValue`. Empty values are the caller's concern. */
/** `region`: where phone numbers without a country code belong (CRM_DEFAULT_PHONE_REGION). */
export function normaliseValue(field: Pick<CustomFieldShape, 'type' | 'options'>, value: unknown, region: CountryCode): unknown {
  switch (field.type) {
    case 'text':
      return text(value, TEXT_MAX_LENGTH);
    case 'number':
      return finiteNumber(value);
    case 'money':
      return money(value);
    case 'date':
      return isoDate(value);
    case 'select':
      return option(field.options, value);
    case 'multiselect':
      return options(field.options, value);
    case 'checkbox':
      if (typeof value !== 'boolean') {
        throw new InvalidValue('must be true or false');
      }
      return value;
    case 'url':
      return url(value);
    case 'phone':
      return phone(value, region);
    case 'email':
      return email(value);
  }
}

function text(value: unknown, maxLength: number): string {
  if (typeof value !== 'string') {
    throw new InvalidValue('must be text');
  }
  const trimmed = value.trim();
  if (trimmed.length > maxLength) {
    throw new InvalidValue(`must be at most ${maxLength} characters`);
  }
  return trimmed;
}

function finiteNumber(value: unknown): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw new InvalidValue('must be a number');
  }
  return number;
}

function money(value: unknown): { amount: number; currency: Currency } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidValue('must be {amount, currency}');
  }
  const { amount, currency, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) {
    throw new InvalidValue('must have only amount and currency');
  }
  if (!CURRENCIES.includes(currency as Currency)) {
    throw new InvalidValue(`currency must be one of ${CURRENCIES.join(', ')}`);
  }
  return { amount: finiteNumber(amount), currency: currency as Currency };
}

function isoDate(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new InvalidValue('must be a date YYYY-MM-DD');
  }
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new InvalidValue('must be a date YYYY-MM-DD');
  }
  return value;
}

function option(choices: CustomFieldOption[], value: unknown): string {
  if (typeof value !== 'string' || !choices.some((choice) => choice.value === value)) {
    throw new InvalidValue(`must be one of ${choices.map((choice) => choice.value).join(', ')}`);
  }
  return value;
}

function options(choices: CustomFieldOption[], value: unknown): string[] {
  if (!Array.isArray(value)) {
    throw new InvalidValue('must be a list of options');
  }
  const picked = value.map((item) => option(choices, item));
  if (new Set(picked).size !== picked.length) {
    throw new InvalidValue('must not repeat an option');
  }
  // Stored in the definition's order, so that equal choices are equal values.
  return choices.map((choice) => choice.value).filter((choice) => picked.includes(choice));
}

function url(value: unknown): string {
  const candidate = text(value, 2000);
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    throw new InvalidValue('must be a web address starting with http:// or https://');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidValue('must be a web address starting with http:// or https://');
  }
  return candidate;
}

function phone(value: unknown, region: CountryCode): string {
  const normalized = normalizePhone(text(value, 64), region);
  if (!normalized) {
    throw new InvalidValue('must be a valid phone number');
  }
  return normalized;
}

function email(value: unknown): string {
  const normalized = normalizeEmail(text(value, 254));
  if (normalized === undefined) {
    throw new InvalidValue('must be an e-mail address');
  }
  return normalized;
}
