import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import { problemCode } from '@app/core/api/problem';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';
import { CompaniesApi, Company, CompanyChanges, CompanyContact, NewCompany, VersionedCompany } from './companies-api';

interface CompanyState {
  company: Company | null;
  etag: string | null;
  contacts: CompanyContact[];
  saving: boolean;
  conflict: boolean;
}

const initialState: CompanyState = { company: null, etag: null, contacts: [], saving: false, conflict: false };

/**
 * One company with its linked contacts: loading, a retry-safe create (Idempotency-Key), changes
 * and delete with optimistic locking. Failed writes reject, so the form can show field errors.
 */
export const CompanyStore = signalStore(
  withState(initialState),
  withCallState(),
  withComputed(({ errorCode }) => ({
    notFound: computed(() => errorCode() === 'not-found' || errorCode() === 'validation'),
  })),
  withMethods((store, api = inject(CompaniesApi)) => {
    let pendingCreate: { key: string; body: string } | null = null;

    const accept = ({ company, etag }: VersionedCompany): Company => {
      patchState(store, { company, etag, conflict: false }, setLoaded());
      return company;
    };

    const write = async (request: () => Promise<Company>): Promise<Company> => {
      patchState(store, { saving: true });
      try {
        return await request();
      } catch (error) {
        if (problemCode(error) === 'version-mismatch') {
          patchState(store, { conflict: true });
        }
        throw error;
      } finally {
        patchState(store, { saving: false });
      }
    };

    const load = async (id: string): Promise<void> => {
      patchState(store, setLoading());
      try {
        // The company first: a merged-away id answers with its survivor, whose contacts are the ones to show.
        const versioned = await firstValueFrom(api.get(id));
        const contacts = await firstValueFrom(api.contacts(versioned.company.id));
        patchState(store, { contacts: contacts.items });
        accept(versioned);
      } catch (error) {
        patchState(store, { company: null, etag: null, contacts: [] }, setError(error));
      }
    };

    return {
      load,
      async reload(): Promise<void> {
        const company = store.company();
        if (company !== null) {
          await load(company.id);
        }
      },
      create(body: NewCompany): Promise<Company> {
        const fingerprint = JSON.stringify(body);
        if (pendingCreate === null || pendingCreate.body !== fingerprint) {
          pendingCreate = { key: crypto.randomUUID(), body: fingerprint };
        }
        const key = pendingCreate.key;
        return write(async () => {
          const company = accept(await firstValueFrom(api.create(body, key)));
          pendingCreate = null;
          return company;
        });
      },
      update(changes: CompanyChanges): Promise<Company> {
        const company = store.company();
        const etag = store.etag();
        if (company === null || etag === null) {
          return Promise.reject(new Error('No company is loaded'));
        }
        return write(async () => accept(await firstValueFrom(api.update(company.id, etag, changes))));
      },
      remove(): Promise<Company> {
        const company = store.company();
        const etag = store.etag();
        if (company === null || etag === null) {
          return Promise.reject(new Error('No company is loaded'));
        }
        return write(async () => {
          await firstValueFrom(api.remove(company.id, etag), { defaultValue: undefined });
          return company;
        });
      },
    };
  }),
);
