import type { AppAbility } from '@app/core/auth/ability';

/**
 * Whether the role reads records of `subject` that others own (team or all scope): then a list
 * offers a filter by owner instead of "only mine". The ability only hides; the server filters.
 */
export function seesOthersRecords(ability: AppAbility, subject: 'Contact' | 'Company', userId: string): boolean {
  return ability.rulesFor('read', subject).some((rule) => !rule.inverted && !ownOnly(rule.conditions, userId));
}

const ownOnly = (conditions: unknown, userId: string): boolean =>
  typeof conditions === 'object' && conditions !== null && Object.keys(conditions).length === 1 && (conditions as { ownerId?: unknown }).ownerId === userId;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The owner ids of an `owner` address parameter (a comma list); anything else in it is ignored. */
export const ownerIdsOf = (param: string | undefined): string[] => (param ?? '').split(',').filter((id) => UUID.test(id));
