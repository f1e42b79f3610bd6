import { inject } from '@angular/core';
import { signalStore } from '@ngrx/signals';
import { withListPages } from '@app/features/lists/data-access/with-list-pages';
import type { Lifecycle } from '@app/features/contacts/data-access/contacts-api';
import { CompaniesApi, Company } from './companies-api';

export const COMPANY_PAGE_SIZE = 25;

export interface CompanyQuery {
  q: string;
  sort: string;
  /** Any of these owners; none: every owner. */
  ownerId: string[];
  lifecycle: Lifecycle[];
}

/** The company list: first page with its total, then further pages through `nextCursor`. */
export const CompanyListStore = signalStore(
  withListPages<Company, CompanyQuery>({ q: '', sort: 'name', ownerId: [], lifecycle: [] }, () => {
    const api = inject(CompaniesApi);
    return (query, cursor) =>
      api.list({
        q: query.q,
        sort: query.sort as never,
        ownerId: query.ownerId.length > 0 ? query.ownerId : undefined,
        lifecycle: query.lifecycle.length > 0 ? query.lifecycle : undefined,
        limit: COMPANY_PAGE_SIZE,
        cursor: cursor ?? undefined,
        count: cursor === null ? true : undefined,
      });
  }),
);
