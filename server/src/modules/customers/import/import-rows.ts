import { isURL } from 'class-validator';
import type { CountryCode } from 'libphonenumber-js';
import type { FieldError } from '../../../common/errors/app-error';
import { normalizeEmail, normalizePhone } from '../contact-points';
import type { FileRow } from './import-files';
import {
  COMPANY_SIZES, CUSTOM_PREFIX, CustomFieldDefinition, enumValue, fold, foldHeader, ImportEntity, isMultiTarget,
} from './import-targets';

/** An address as records keep it (dto/customer-parts.dto.ts AddressRequest). */
export interface ImportAddress {
  kind: 'other';
  line1: string;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
}

/** A row ready for the database: normalised, validated, owner resolved. Empty means "not given". */
export interface ImportRecord {
  row: number;
  name: string;
  emails: string[];
  phones: string[];
  messengers: { channel: string; value: string }[];
  webs: string[];
  tags: string[] | null;
  source: string | null;
  lifecycle: string | null;
  company: string | null;
  jobTitle: string | null;
  address: ImportAddress | null;
  ownerId: string;
  /** The file named the owner (an update then changes it); otherwise the default owner. */
  ownerGiven: boolean;
  custom: Record<string, unknown> | null;
  taxId: string | null;
  legalForm: string | null;
  industry: string | null;
  size: string | null;
  website: string | null;
}

export interface RowError extends FieldError {
  row: number;
}

export interface RowContext {
  entity: ImportEntity;
  /** header -> target */
  mapping: Record<string, string>;
  headers: string[];
  custom: Map<string, CustomFieldDefinition>;
  defaultOwnerId: string;
  /** Region of numbers written without a country code (CRM_DEFAULT_PHONE_REGION), as in the API. */
  phoneRegion: CountryCode;
  /** The user a login or e-mail names, if active. */
  findOwner(text: string): string | undefined;
  /** Why the importer may not give records to this user, or undefined when allowed. */
  ownerProblem(userId: string): string | undefined;
}

const MAX_TEXT = 300;

/** Values of one row by target: multi-valued targets collect every mapped column, split on ; and ,. */
function valuesByTarget(context: RowContext, row: FileRow): Map<string, string[]> {
  const values = new Map<string, string[]>();
  context.headers.forEach((header, i) => {
    const target = context.mapping[header];
    const cell = row.cells[i]?.trim() ?? '';
    if (!target || cell === '') {
      return;
    }
    const parts = isMultiTarget(context.entity, target) ? cell.split(/[;,\n]/).map((p) => p.trim()).filter((p) => p !== '') : [cell];
    values.set(target, [...(values.get(target) ?? []), ...parts]);
  });
  return values;
}

/** Maps and validates one row; either the record or the exact problems with it. */
export function validateRow(context: RowContext, row: FileRow): { record?: ImportRecord; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (field: string, message: string): void => {
    errors.push({ row: row.row, field, message });
  };
  const values = valuesByTarget(context, row);
  const one = (target: string): string | null => values.get(target)?.[0] ?? null;
  const text = (target: string, max = MAX_TEXT): string | null => {
    const value = one(target);
    if (value !== null && value.length > max) {
      fail(target, `is longer than ${max} characters`);
    }
    return value;
  };

  const nameParts = context.entity === 'contact' ? [one('name'), one('firstName'), one('lastName')] : [one('name')];
  const name = nameParts.filter((p): p is string => p !== null).join(' ');
  if (name === '') {
    fail('name', 'is required');
  } else if (name.length > MAX_TEXT) {
    fail('name', `is longer than ${MAX_TEXT} characters`);
  }

  const emails = unique((values.get('email') ?? []).map((value) => {
    const email = normalizeEmail(value);
    if (email === undefined) {
      fail('email', `"${value}" is not an e-mail address`);
    }
    return email ?? value;
  }));
  const phones = unique((values.get('phone') ?? []).map((value) => normalisePhone(value, context, fail, 'phone')));
  const messengers = (['whatsapp', 'telegram'] as const).flatMap((channel) =>
    (values.get(channel) ?? []).map((value) => ({ channel, value: /^[+\d\s()\-.]+$/.test(value) ? normalisePhone(value, context, fail, channel) : value })),
  );
  const webs = unique((values.get('web') ?? []).map((value) => checkUrl(value, fail, 'web')));
  const tagValues = values.get('tags');
  const tags = tagValues ? unique(tagValues) : null;
  for (const tag of tags ?? []) {
    if (tag.length > 100) {
      fail('tags', `"${tag.slice(0, 20)}…" is longer than 100 characters`);
    }
  }

  const source = one('source');
  const sourceValue = source === null ? null : (enumValue('source', source) ?? null);
  if (source !== null && sourceValue === null) {
    fail('source', `"${source}" is not a source (phone_call, website, social_media, advertising, referral, other)`);
  }
  const lifecycle = one('lifecycle');
  const lifecycleValue = lifecycle === null ? null : (enumValue('lifecycle', lifecycle) ?? null);
  if (lifecycle !== null && lifecycleValue === null) {
    fail('lifecycle', `"${lifecycle}" is not a lifecycle stage (lead, prospect, customer, former)`);
  }

  const street = text('street');
  const address: ImportAddress = { kind: 'other', line1: street ?? '', city: text('city', 100), region: text('region', 100), postalCode: text('postalCode', 20), country: text('country', 100) };
  const hasAddress = street !== null || [address.city, address.region, address.postalCode, address.country].some((v) => v !== null);

  const ownerText = one('owner');
  let ownerId = context.defaultOwnerId;
  if (ownerText !== null) {
    const found = context.findOwner(ownerText);
    if (!found) {
      fail('owner', `"${ownerText}" is not an active user's login or e-mail`);
    } else {
      ownerId = found;
    }
  }
  const ownerProblem = context.ownerProblem(ownerId);
  if (ownerProblem) {
    fail('owner', ownerProblem);
  }

  const custom = customValues(context, values, fail);
  const size = one('size');
  if (size !== null && !(COMPANY_SIZES as readonly string[]).includes(size.replace(/\s/g, ''))) {
    fail('size', `"${size}" is not one of ${COMPANY_SIZES.join(', ')}`);
  }
  const website = one('website');

  if (errors.length > 0) {
    return { errors };
  }
  return {
    errors,
    record: {
      row: row.row,
      name,
      emails,
      phones,
      messengers,
      webs,
      tags,
      source: sourceValue,
      lifecycle: lifecycleValue,
      company: text('company'),
      jobTitle: text('jobTitle', 200),
      address: hasAddress ? address : null,
      ownerId,
      ownerGiven: ownerText !== null,
      custom,
      taxId: text('taxId', 32),
      legalForm: text('legalForm', 32),
      industry: text('industry', 100),
      size: size === null ? null : size.replace(/\s/g, ''),
      website: website === null ? null : checkUrl(website, fail, 'website'),
    },
  };
}

/** The E.164 form that contacts and companies store (contact-points.ts), or a row error. */
function normalisePhone(value: string, context: RowContext, fail: (field: string, message: string) => void, field: string): string {
  const phone = normalizePhone(value, context.phoneRegion);
  if (phone === undefined) {
    fail(field, `"${value}" is not a valid phone number`);
    return value;
  }
  return phone;
}

function checkUrl(value: string, fail: (field: string, message: string) => void, field: string): string {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  if (!isURL(url, { require_protocol: true, protocols: ['http', 'https'] }) || url.length > 300) {
    fail(field, `"${value}" is not a web address`);
  }
  return url;
}

const TRUE_WORDS = ['true', 'yes', '1', 'x', 'beli', 'he', 'evet', 'да'];
const FALSE_WORDS = ['false', 'no', '0', 'xeyr', 'yox', 'hayir', 'нет'];

function customValues(context: RowContext, values: Map<string, string[]>, fail: (field: string, message: string) => void): Record<string, unknown> | null {
  const result: Record<string, unknown> = {};
  for (const [target, cells] of values) {
    if (!target.startsWith(CUSTOM_PREFIX)) {
      continue;
    }
    const field = context.custom.get(target.slice(CUSTOM_PREFIX.length));
    if (!field) {
      continue;
    }
    const raw = cells.join(', ');
    const problem = (message: string): void => fail(target, `"${raw}" ${message}`);
    switch (field.type) {
      case 'number':
      case 'money': {
        const number = Number(raw.replace(/\s/g, '').replace(',', '.'));
        if (!Number.isFinite(number)) {
          problem('is not a number');
        }
        result[field.key] = number;
        break;
      }
      case 'date': {
        const date = parseDate(raw);
        if (!date) {
          problem('is not a date (YYYY-MM-DD or DD.MM.YYYY)');
        }
        result[field.key] = date;
        break;
      }
      case 'checkbox': {
        const folded = foldHeader(raw);
        if (!TRUE_WORDS.includes(folded) && !FALSE_WORDS.includes(folded)) {
          problem('is not yes or no');
        }
        result[field.key] = TRUE_WORDS.includes(folded);
        break;
      }
      case 'select':
      case 'multiselect': {
        const chosen = (field.type === 'select' ? [raw] : raw.split(/[;,]/).map((p) => p.trim()).filter(Boolean)).map((p) => optionValue(field, p));
        if (chosen.some((c) => c === undefined)) {
          problem(`is not one of the options of ${field.key}`);
        }
        result[field.key] = field.type === 'select' ? chosen[0] : chosen;
        break;
      }
      case 'email': {
        const email = normalizeEmail(raw);
        if (email === undefined) {
          problem('is not an e-mail address');
        }
        result[field.key] = email ?? raw;
        break;
      }
      case 'phone':
        result[field.key] = normalisePhone(raw, context, fail, target);
        break;
      case 'url':
        result[field.key] = checkUrl(raw, fail, target);
        break;
      default:
        if (raw.length > 1000) {
          problem('is longer than 1000 characters');
        }
        result[field.key] = raw;
    }
  }
  for (const field of context.custom.values()) {
    const mapped = Object.values(context.mapping).includes(`${CUSTOM_PREFIX}${field.key}`);
    if (field.required && mapped && result[field.key] === undefined) {
      fail(`${CUSTOM_PREFIX}${field.key}`, 'is required');
    }
  }
  return Object.keys(result).length > 0 ? result : null;
}

/** An option's stored value for a cell naming its value or one of its labels. */
function optionValue(field: CustomFieldDefinition, cell: string): string | undefined {
  const folded = fold(cell);
  for (const option of field.options) {
    if (typeof option === 'string') {
      if (fold(option) === folded) {
        return option;
      }
    } else if (option && typeof option === 'object') {
      const { value, key, labels } = option as { value?: string; key?: string; labels?: Record<string, string> };
      const stored = value ?? key;
      if (stored !== undefined && (fold(stored) === folded || Object.values(labels ?? {}).some((l) => fold(l) === folded))) {
        return stored;
      }
    }
  }
  return undefined;
}

function parseDate(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dotted = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dotted ? [dotted[3], dotted[2], dotted[1]] : [];
  if (!y) {
    return undefined;
  }
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];
