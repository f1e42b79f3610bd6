import { computed, inject } from '@angular/core';
import { signalStore, withComputed } from '@ngrx/signals';
import { map } from 'rxjs';
import { withRecordCard } from '@app/features/customers-shared/data-access/with-record-card';
import { CompaniesApi, Company, CompanyChanges, CompanyContact, NewCompany } from './companies-api';

/**
 * One company with its linked contacts: the shared record card (load, retry-safe create, changes
 * and delete with optimistic locking), the contacts loaded with the company.
 */
export const CompanyStore = signalStore(
  withRecordCard<Company, NewCompany, CompanyChanges, CompanyContact[]>(() => {
    const api = inject(CompaniesApi);
    return {
      get: (id) => api.get(id),
      create: (body, key) => api.create(body, key),
      update: (id, etag, changes) => api.update(id, etag, changes),
      remove: (id, etag) => api.remove(id, etag),
      related: (company) => api.contacts(company.id).pipe(map((page) => page.items)),
    };
  }),
  withComputed(({ record, related }) => ({
    company: computed(() => record()),
    contacts: computed(() => related() ?? []),
  })),
);
