import { createMongoAbility, MongoAbility, RawRuleOf } from '@casl/ability';
import { PackRule, unpackRules } from '@casl/ability/extra';

/** Subjects and actions the server's roles speak of (server/src/modules/permissions/subjects.ts). */
export type Subject =
  | 'Contact' | 'Company' | 'Deal' | 'Activity' | 'Task' | 'Case' | 'Campaign' | 'Segment' | 'Report'
  | 'AuditEvent' | 'User' | 'Team' | 'Role' | 'Pipeline' | 'AutomationRule' | 'Settings' | 'all';
export type Action = 'read' | 'create' | 'update' | 'delete' | 'export' | 'assign' | 'manage';
export type AppAbility = MongoAbility<[Action, Subject | { __caslSubjectType__: Subject }]>;

/** The ability of the signed-in user, from the packed rules of `/auth/me`. It only hides; the server enforces. */
export function abilityFromPackedRules(packed: unknown[][]): AppAbility {
  const rules = unpackRules(packed as PackRule<RawRuleOf<AppAbility>>[]);
  return createMongoAbility<AppAbility>(rules);
}

/** An empty ability: nothing is allowed (signed out). */
export const NO_ABILITY: AppAbility = createMongoAbility<AppAbility>([]);
