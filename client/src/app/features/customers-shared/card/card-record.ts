import { InjectionToken } from '@angular/core';
import type { Lifecycle } from '@app/features/contacts/data-access/contacts-api';

/**
 * What the contact and company cards share: the header's key facts, the follow-up and the
 * history. Optional fields are absent when the role may not read them.
 */
export interface CardRecord {
  id: string;
  version: number;
  ownerId: string;
  ownerName: string;
  updatedAt: string;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  lifecycle?: Lifecycle;
  lastContactedAt?: string | null;
  nextStep?: string | null;
  nextStepAt?: string | null;
}

/** The follow-up of a record: what to do next, and when. Both null when there is none. */
export interface FollowUp {
  nextStep: string | null;
  nextStepAt: string | null;
}

/** The writes the shared parts of a card make on its record; the contact and company stores both serve. */
export interface CardStore {
  /** A change with If-Match of the loaded version; rejects with the HTTP error (412 on a stale version). */
  update(changes: FollowUp): Promise<unknown>;
  /** The current version from the server replaces what the card shows. */
  reload(): Promise<void>;
}

/** Provided by a card page: `{ provide: CARD_STORE, useExisting: ContactStore }`. */
export const CARD_STORE = new InjectionToken<CardStore>('CardStore');
