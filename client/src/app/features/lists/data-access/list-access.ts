import { computed } from '@angular/core';
import { subject as caslSubject } from '@casl/ability';
import type { AppAbility } from '@app/core/auth/ability';

type ListSubject = 'Contact' | 'Company' | 'Deal';

/**
 * Whether the role reads records of `subject` that others own (team or all scope): then a list
 * offers a filter by owner instead of "only mine". The ability only hides; the server filters.
 */
export function seesOthersRecords(ability: AppAbility, subject: ListSubject, userId: string): boolean {
  return ability.rulesFor('read', subject).some((rule) => !rule.inverted && !ownOnly(rule.conditions, userId));
}

const ownOnly = (conditions: unknown, userId: string): boolean =>
  typeof conditions === 'object' && conditions !== null && Object.keys(conditions).length === 1 && (conditions as { ownerId?: unknown }).ownerId === userId;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The owner ids of an `owner` address parameter (a comma list); anything else in it is ignored. */
export const ownerIdsOf = (param: string | undefined): string[] => (param ?? '').split(',').filter((id) => UUID.test(id));

const sameIds = (a: readonly string[], b: readonly string[]): boolean => a.join() === b.join();

export interface ListAccessConfig<R> {
  subject: ListSubject;
  ability: () => AppAbility;
  userId: () => string | null;
  /** The address's `owner` (a comma list of ids) and `mine` ('1': only the user's own). */
  owner: () => string | undefined;
  mine: () => string | undefined;
  rows: () => readonly R[];
}

/** What a list page offers around owners, from the signed-in user's rules: a filter by owner, rows to reassign. */
export function listAccess<R extends { id: string; ownerId: string }>(config: ListAccessConfig<R>) {
  const canAssign = computed(() => config.ability().can('assign', config.subject));
  const mayAssign = (row: R): boolean => config.ability().can('assign', caslSubject(config.subject, { ...row }));
  return {
    /** Roles that see other people's records filter by owner; the others keep "only mine". */
    seesOthers: computed(() => {
      const userId = config.userId();
      return userId !== null && seesOthersRecords(config.ability(), config.subject, userId);
    }),
    /** The owners the list is filtered by. */
    ownerFilter: computed(() => {
      const userId = config.userId();
      return config.mine() === '1' && userId !== null ? [userId] : ownerIdsOf(config.owner());
    }, { equal: sameIds }),
    canAssign,
    mayAssign,
    /** Ids of the rows shown that the user may give to someone else. */
    assignable: computed(() => (canAssign() ? config.rows().filter(mayAssign).map((row) => row.id) : []), { equal: sameIds }),
  };
}
