import { AbilityBuilder, createMongoAbility, MongoAbility, MongoQuery, subject as tagSubject } from '@casl/ability';
import { packRules, PackRule, permittedFieldsOf } from '@casl/ability/extra';
import { Action, OWNED_SUBJECTS, RoleRule, Subject } from './subjects';

export type AppAbility = MongoAbility<[Action, Subject | 'all' | Record<string, unknown>], MongoQuery>;

/** What an ability needs to know about its user to turn scopes into conditions. */
export interface AbilityUser {
  id: string;
  /** Every user who shares a team with this user (as member or lead), this user included. */
  teamMemberIds: string[];
}

/**
 * Builds the CASL ability of a user from the rules of all their roles. A scope becomes a
 * condition on `ownerId`; the same conditions are translated to SQL by `permissionFilter`.
 */
export function buildAbility(user: AbilityUser, rules: readonly RoleRule[]): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  for (const rule of rules) {
    const condition = scopeCondition(user, rule);
    const fields = rule.fields && rule.fields.length > 0 ? rule.fields : undefined;
    if (condition) {
      can(rule.action, rule.subject, fields, condition);
    } else {
      can(rule.action, rule.subject, fields);
    }
  }
  return build();
}

function scopeCondition(user: AbilityUser, rule: RoleRule): MongoQuery | undefined {
  const owned = rule.subject === 'all' || OWNED_SUBJECTS.includes(rule.subject);
  if (!owned || rule.scope === 'all') {
    return undefined;
  }
  if (rule.scope === 'own') {
    return { ownerId: user.id };
  }
  return { ownerId: { $in: user.teamMemberIds } };
}

/** Tags a plain row so that CASL checks it against the rules of its subject type. */
export function asSubject(type: Subject, row: object): Record<string, unknown> {
  return tagSubject(type, { ...row } as Record<string, unknown>);
}

/**
 * The fields of a row the ability allows for an action, or `undefined` when no matching rule
 * limits fields (everything is allowed).
 */
export function permittedFields(ability: AppAbility, action: Action, type: Subject, row: object): Set<string> | undefined {
  if (!ability.rulesFor(action, type).some((rule) => rule.fields !== undefined)) {
    // No rule of the role names fields: all of them or none, as the row is allowed or not. Lists
    // build every row's response through here, so the common case skips the per-field walk.
    return ability.can(action, asSubject(type, row)) ? undefined : new Set();
  }
  const fields = permittedFieldsOf(ability, action, asSubject(type, row), { fieldsFrom: (rule) => rule.fields ?? ['*'] });
  return fields.includes('*') ? undefined : new Set(fields);
}

export function packAbilityRules(ability: AppAbility): PackRule<AppAbility['rules'][number]>[] {
  return packRules(ability.rules);
}
