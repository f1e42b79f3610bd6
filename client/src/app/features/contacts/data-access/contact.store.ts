import { computed, inject } from '@angular/core';
import { signalStore, withComputed } from '@ngrx/signals';
import { withRecordCard } from '@app/features/customers-shared/data-access/with-record-card';
import { Contact, ContactChanges, ContactsApi, NewContact } from './contacts-api';

/**
 * One contact: loading, a retry-safe create, changes and delete with optimistic locking (the
 * shared record card), with the contact under its own name for the page.
 */
export const ContactStore = signalStore(
  withRecordCard<Contact, NewContact, ContactChanges>(() => inject(ContactsApi)),
  withComputed(({ record }) => ({ contact: computed(() => record()) })),
);
