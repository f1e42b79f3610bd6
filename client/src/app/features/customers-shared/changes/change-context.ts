import type { CustomField } from '@app/shared/custom-fields/custom-fields';
import type { CardRecord } from '../card/card-record';
import type { ChangeContext } from './change-fields';

/**
 * What the timeline and the history of a card name users and fields with: the names the server
 * gave for the page first, then the record's owner and the signed-in user; the card's additional
 * fields; the interface language.
 */
export function changeContext(
  record: CardRecord | undefined,
  userNames: Readonly<Record<string, string>>,
  user: { id: string; displayName: string } | null,
  customFields: readonly CustomField[],
  language: string,
): ChangeContext {
  return {
    record,
    userNames: {
      ...(user === null ? {} : { [user.id]: user.displayName }),
      ...(record === undefined ? {} : { [record.ownerId]: record.ownerName }),
      ...userNames,
    },
    customFields,
    language,
  };
}
