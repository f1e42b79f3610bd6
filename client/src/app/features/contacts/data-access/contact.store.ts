import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import { problemCode } from '@app/core/api/problem';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';
import { Contact, ContactChanges, ContactsApi, NewContact, VersionedContact } from './contacts-api';

interface ContactState {
  contact: Contact | null;
  /** ETag of the loaded version: the If-Match of the next change. */
  etag: string | null;
  saving: boolean;
  /** The last change or delete met a newer version (412): the page says so until a reload. */
  conflict: boolean;
}

const initialState: ContactState = { contact: null, etag: null, saving: false, conflict: false };

/**
 * One contact: loading, creating (retry-safe through an Idempotency-Key), changing and deleting
 * with optimistic locking. Failed writes reject with the HTTP error, so the form can put field
 * errors on its fields.
 */
export const ContactStore = signalStore(
  withState(initialState),
  withCallState(),
  withComputed(({ errorCode, error }) => ({
    // A malformed id answers 400 on the id; for the user it is the same as a contact they cannot see.
    notFound: computed(() => errorCode() === 'not-found' || (errorCode() === 'validation' && isIdError(error()))),
  })),
  withMethods((store, api = inject(ContactsApi)) => {
    /** The key of a create, kept while the same body is retried; a changed form is a new request. */
    let pendingCreate: { key: string; body: string } | null = null;
    let inFlight: Promise<Contact> | null = null;

    const accept = ({ contact, etag }: VersionedContact): Contact => {
      patchState(store, { contact, etag, conflict: false }, setLoaded());
      return contact;
    };

    /** One write at a time: a second click while saving waits for the first instead of sending again. */
    const write = (request: () => Promise<Contact>): Promise<Contact> => {
      if (inFlight !== null) {
        return inFlight;
      }
      patchState(store, { saving: true });
      inFlight = request()
        .catch((error: unknown) => {
          if (problemCode(error) === 'version-mismatch') {
            patchState(store, { conflict: true });
          }
          throw error;
        })
        .finally(() => {
          inFlight = null;
          patchState(store, { saving: false });
        });
      return inFlight;
    };

    const load = async (id: string): Promise<void> => {
      patchState(store, setLoading());
      try {
        accept(await firstValueFrom(api.get(id)));
      } catch (error) {
        patchState(store, { contact: null, etag: null }, setError(error));
      }
    };

    return {
      load,

      /** The current version from the server replaces what the page shows; the conflict is over. */
      async reload(): Promise<void> {
        const contact = store.contact();
        if (contact !== null) {
          await load(contact.id);
        }
      },

      create(body: NewContact): Promise<Contact> {
        const fingerprint = JSON.stringify(body);
        if (pendingCreate === null || pendingCreate.body !== fingerprint) {
          pendingCreate = { key: crypto.randomUUID(), body: fingerprint };
        }
        const key = pendingCreate.key;
        return write(async () => {
          const contact = accept(await firstValueFrom(api.create(body, key)));
          pendingCreate = null;
          return contact;
        });
      },

      update(changes: ContactChanges): Promise<Contact> {
        const contact = store.contact();
        const etag = store.etag();
        if (contact === null || etag === null) {
          return Promise.reject(new Error('No contact is loaded'));
        }
        return write(async () => accept(await firstValueFrom(api.update(contact.id, etag, changes))));
      },

      remove(): Promise<Contact> {
        const contact = store.contact();
        const etag = store.etag();
        if (contact === null || etag === null) {
          return Promise.reject(new Error('No contact is loaded'));
        }
        return write(async () => {
          await firstValueFrom(api.remove(contact.id, etag), { defaultValue: undefined });
          return contact;
        });
      },
    };
  }),
);

function isIdError(error: unknown): boolean {
  const body = (error as { error?: { errors?: { field: string }[] } } | null)?.error;
  return body?.errors?.some((e) => e.field === 'id') ?? false;
}
