import { InjectionToken, type Signal } from '@angular/core';
import type { CustomField } from '@app/shared/custom-fields/custom-fields';
import type { CardRecord } from '../card/card-record';
import type { ChangeContext } from './change-fields';

/**
 * Names of the things a card's changes point to by id (a deal's stages, pipelines and lost
 * reasons), in the interface language. Provided by a card page that has such columns.
 */
export const CHANGE_NAMES = new InjectionToken<Signal<Readonly<Record<string, string>>>>('ChangeNames');

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
  names: Readonly<Record<string, string>> = {},
): ChangeContext {
  return {
    names,
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
