import { inject } from '@angular/core';
import { signalStore } from '@ngrx/signals';
import { withListPages } from '@app/features/lists/data-access/with-list-pages';
import { Contact, ContactSort, ContactsApi, DEFAULT_CONTACT_SORT, Lifecycle, Source } from './contacts-api';

export const CONTACT_PAGE_SIZE = 25;

/** What the list shows: the search text, the order and the filters. */
export interface ContactQuery {
  q: string;
  sort: ContactSort;
  /** Any of these owners; none: every owner. */
  ownerId: string[];
  lifecycle: Lifecycle[];
  source: Source | null;
  tag: string | null;
  companyId?: string | null;
  /** Filters on custom fields, `<key>:<op>:<value>`. */
  cf?: string[];
}

export const EMPTY_CONTACT_QUERY: ContactQuery = { q: '', sort: DEFAULT_CONTACT_SORT, ownerId: [], lifecycle: [], source: null, tag: null, cf: [] };

export const sameContactQuery = (a: ContactQuery, b: ContactQuery): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The contact list: the first page with its total (`count=true`), then further pages through
 * `nextCursor`. A new query cancels whatever page is still on its way.
 */
export const ContactListStore = signalStore(
  withListPages<Contact, ContactQuery>(EMPTY_CONTACT_QUERY, () => {
    const api = inject(ContactsApi);
    return (query, cursor) =>
      api.list({
        q: query.q,
        sort: query.sort,
        ownerId: query.ownerId.length > 0 ? query.ownerId : undefined,
        lifecycle: query.lifecycle.length > 0 ? query.lifecycle : undefined,
        source: query.source ? [query.source] : undefined,
        tag: query.tag ? [query.tag] : undefined,
        companyId: query.companyId ?? undefined,
        cf: query.cf?.length ? query.cf : undefined,
        limit: CONTACT_PAGE_SIZE,
        cursor: cursor ?? undefined,
        count: cursor === null ? true : undefined,
      });
  }),
);
