import { subject } from '@casl/ability';
import type { AppAbility } from '@app/core/auth/ability';

/** Whether the form shows a field, and whether the role may change it. */
export interface FieldAccess {
  visible: boolean;
  editable: boolean;
}

/**
 * What a contact or company form shows and lets change, as the card decides for both: fields
 * the role may not read are absent from the record (hidden); fields it may not write are read-only;
 * `ownerId` (the responsible person) appears only to roles that may assign. A new record is the
 * caller's own; a record still loading shows nothing. The ability only hides; the server decides.
 */
export function fieldAccess<F extends string>(
  ability: AppAbility,
  type: 'Contact' | 'Company' | 'Deal',
  fields: readonly F[],
  record: object | null,
  isNew: boolean,
  userId: string | undefined,
): Record<F, FieldAccess> {
  const action = isNew ? 'create' : 'update';
  // A fresh object each time: CASL marks the object it is given with its subject type.
  const target = (): { __caslSubjectType__: 'Contact' | 'Company' | 'Deal' } => subject(type, isNew ? { ownerId: userId } : { ...record });
  const may = ability.can(action, target());
  const mayAssign = ability.can('assign', target());
  const entries = fields.map((field) => {
    const shown = field === 'ownerId' ? mayAssign : isNew || (record !== null && field in record);
    const editable = shown && may && ability.can(action, target(), field) && (field !== 'ownerId' || mayAssign);
    return [field, { visible: shown, editable }];
  });
  return Object.fromEntries(entries) as Record<F, FieldAccess>;
}

/** Compares field access by value: a renewed session rebuilds the ability, which must not disturb the form. */
export const sameAccess = (a: object, b: object): boolean => JSON.stringify(a) === JSON.stringify(b);
