import { computed } from '@angular/core';
import { patchState, signalStoreFeature, withComputed, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom, Observable } from 'rxjs';
import { problemCode } from '@app/core/api/problem';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';

/** A record with the ETag of its version, which a later change or delete must send in If-Match. */
export interface Versioned<T> {
  record: T;
  etag: string;
}

/**
 * The endpoints of one kind of record (contacts, companies), and optionally what its card shows
 * beside it (a company's contacts), loaded before the record appears so the card shows both at once.
 */
export interface RecordCardSource<T extends { id: string }, New, Changes, Related> {
  get(id: string): Observable<Versioned<T>>;
  /** The same key on a retry makes the server answer with the record it created the first time. */
  create(body: New, idempotencyKey: string): Observable<Versioned<T>>;
  /** Answers 412 when the record changed since the version of `etag`. */
  update(id: string, etag: string, changes: Changes): Observable<Versioned<T>>;
  remove(id: string, etag: string): Observable<void>;
  /** Asked with the loaded record: a merged-away id answers with its survivor, whose related records are the ones to show. */
  related?(record: T): Observable<Related>;
}

export interface RecordCardState<T, Related> {
  record: T | null;
  /** ETag of the loaded version: the If-Match of the next change. */
  etag: string | null;
  /** What `related` gave for the loaded record; null before (or without) it. */
  related: Related | null;
  saving: boolean;
  /** The last change or delete met a newer version (412): the page says so until a reload. */
  conflict: boolean;
}

/**
 * One record on its card: loading, creating (retry-safe through an Idempotency-Key), changing and
 * deleting with optimistic locking, one write at a time. Failed writes reject with the HTTP error,
 * so the form can put field errors on its fields. `source` runs in the store's injection context.
 */
export function withRecordCard<T extends { id: string }, New, Changes, Related = never>(source: () => RecordCardSource<T, New, Changes, Related>) {
  const initialState: RecordCardState<T, Related> = { record: null, etag: null, related: null, saving: false, conflict: false };
  return signalStoreFeature(
    withState(initialState),
    withCallState(),
    withComputed(({ errorCode, error }) => ({
      // A malformed id answers 400 on the id; for the user it is the same as a record they cannot see.
      notFound: computed(() => errorCode() === 'not-found' || (errorCode() === 'validation' && isIdError(error()))),
    })),
    withMethods((store) => {
      const api = source();
      /** The key of a create, kept while the same body is retried; a changed form is a new request. */
      let pendingCreate: { key: string; body: string } | null = null;
      let inFlight: Promise<T> | null = null;

      const accept = ({ record, etag }: Versioned<T>): T => {
        patchState(store, { record, etag, conflict: false }, setLoaded());
        return record;
      };

      /** One write at a time: a second click while saving waits for the first instead of sending again. */
      const write = (request: () => Promise<T>): Promise<T> => {
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

      /** The loaded record and its version, or a rejection when there is none. */
      const current = (): { record: T; etag: string } | null => {
        const [record, etag] = [store.record(), store.etag()];
        return record === null || etag === null ? null : { record, etag };
      };
      const nothingLoaded = (): Promise<T> => Promise.reject(new Error('No record is loaded'));

      const load = async (id: string): Promise<void> => {
        patchState(store, setLoading());
        try {
          const versioned = await firstValueFrom(api.get(id));
          if (api.related) {
            const related = await firstValueFrom(api.related(versioned.record));
            patchState(store, { related });
          }
          accept(versioned);
        } catch (error) {
          patchState(store, { record: null, etag: null, related: null }, setError(error));
        }
      };

      return {
        load,

        /** The current version from the server replaces what the page shows; the conflict is over. */
        async reload(): Promise<void> {
          const record = store.record();
          if (record !== null) {
            await load(record.id);
          }
        },

        create(body: New): Promise<T> {
          const fingerprint = JSON.stringify(body);
          if (pendingCreate === null || pendingCreate.body !== fingerprint) {
            pendingCreate = { key: crypto.randomUUID(), body: fingerprint };
          }
          const key = pendingCreate.key;
          return write(async () => {
            const record = accept(await firstValueFrom(api.create(body, key)));
            pendingCreate = null;
            return record;
          });
        },

        update(changes: Changes): Promise<T> {
          const loaded = current();
          if (loaded === null) {
            return nothingLoaded();
          }
          return write(async () => accept(await firstValueFrom(api.update(loaded.record.id, loaded.etag, changes))));
        },

        remove(): Promise<T> {
          const loaded = current();
          if (loaded === null) {
            return nothingLoaded();
          }
          return write(async () => {
            await firstValueFrom(api.remove(loaded.record.id, loaded.etag), { defaultValue: undefined });
            return loaded.record;
          });
        },
      };
    }),
  );
}

function isIdError(error: unknown): boolean {
  const body = (error as { error?: { errors?: { field: string }[] } } | null)?.error;
  return body?.errors?.some((e) => e.field === 'id') ?? false;
}
