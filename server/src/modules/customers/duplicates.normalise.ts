import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Normalisers for duplicate search, kept local so that duplicate detection does not depend on
 * how records are written. They must give the same values the contact points are stored with
 * (phones in E.164, e-mails in lower case); the shared `contact-points.ts` normalisers and
 * CRM_DEFAULT_PHONE_REGION replace them when both are in place.
 */
export const DUPLICATES_DEFAULT_PHONE_REGION: CountryCode = 'AZ';

/** A phone in E.164 ("050 123 45 67" -> "+994501234567"), or undefined when it is not a possible number. */
export function normaliseDuplicatePhone(value: string, region: CountryCode = DUPLICATES_DEFAULT_PHONE_REGION): string | undefined {
  const parsed = parsePhoneNumberFromString(value.trim(), region);
  return parsed?.isPossible() ? parsed.number : undefined;
}

export const normaliseDuplicateEmail = (value: string): string | undefined => {
  const email = value.trim().toLowerCase();
  return email.includes('@') ? email : undefined;
};

/** Tax ids (VÖEN) compare without spaces and in upper case. */
export const normaliseDuplicateTaxId = (value: string): string | undefined => {
  const taxId = value.replace(/\s+/g, '').toUpperCase();
  return taxId === '' ? undefined : taxId;
};
