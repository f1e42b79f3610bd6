import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import type { operations } from '@app/core/api/api-schema';
import { queryParams } from '@app/core/api/request';
import type { Schema } from '@app/core/api/schema';

/** The lists that share selection, reassignment, the owner filter and the column chooser. */
export type ListResource = 'contacts' | 'companies' | 'deals';
export const SUBJECT_OF = { contacts: 'Contact', companies: 'Company', deals: 'Deal' } as const satisfies Record<ListResource, string>;

export type Owner = Schema<'OwnerResponse'>;
export type OwnerQuery = NonNullable<operations['listContactOwners']['parameters']['query']>;

/** The owner and reassignment endpoints of the contact and company lists. */
@Injectable({ providedIn: 'root' })
export class ListsApi {
  private readonly http = inject(HttpClient);

  /** Users whose records of the list the caller may see: the choices of the owner filter. */
  owners(resource: ListResource, query: OwnerQuery): Observable<Owner[]> {
    return this.http.get<Schema<'OwnerList'>>(`/api/v1/${resource}/owners`, { params: queryParams(query) }).pipe(map((list) => list.items));
  }

  /** Active users the caller may give records of the list to. */
  assignees(resource: ListResource, query: OwnerQuery): Observable<Owner[]> {
    return this.http.get<Schema<'OwnerList'>>(`/api/v1/${resource}/assignees`, { params: queryParams(query) }).pipe(map((list) => list.items));
  }

  /** Gives the records to one user, all or nothing; answers how many changed owner. */
  assign(resource: ListResource, ids: string[], ownerId: string): Observable<number> {
    return this.http.post<Schema<'AssignResponse'>>(`/api/v1/${resource}/assign`, { ids, ownerId }).pipe(map((response) => response.assigned));
  }
}
