import { HttpClient, HttpHeaders, HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import type { operations } from '@app/core/api/api-schema';
import { etagOf, queryParams } from '@app/core/api/request';
import type { Schema } from '@app/core/api/schema';
import type { Versioned } from '@app/features/customers-shared/data-access/with-record-card';

export type Contact = Schema<'ContactResponse'>;
export type ContactPage = Schema<'ContactPage'>;
export type NewContact = Schema<'CreateContactRequest'>;
export type ContactChanges = Omit<Schema<'UpdateContactRequest'>, 'version'>;
export type ContactListParams = NonNullable<operations['listContacts']['parameters']['query']>;
export type ContactSort = NonNullable<ContactListParams['sort']>;

export type ContactPoint = Schema<'ContactPointResponse'>;
export type Address = Schema<'AddressResponse'>;
export type CompanyLink = Schema<'ContactCompanyLinkResponse'>;
export type Lifecycle = NonNullable<Contact['lifecycle']>;
export type Source = NonNullable<Contact['source']>;
export type PointKind = ContactPoint['kind'];
export type AddressKind = Address['kind'];

export const LIFECYCLES: readonly Lifecycle[] = ['lead', 'prospect', 'customer', 'former'];
export const SOURCES: readonly Source[] = ['phone_call', 'website', 'social_media', 'advertising', 'referral', 'other'];
export const POINT_KINDS: readonly PointKind[] = ['phone', 'email', 'messenger', 'social', 'web'];
export const ADDRESS_KINDS: readonly AddressKind[] = ['legal', 'actual', 'postal', 'home', 'work', 'other'];
export const POINT_CHANNELS: Record<'messenger' | 'social', readonly string[]> = {
  messenger: ['whatsapp', 'telegram', 'viber', 'signal'],
  social: ['facebook', 'instagram', 'linkedin', 'tiktok', 'x', 'youtube'],
};
export const POINT_LABELS: readonly string[] = ['mobile', 'work', 'home', 'other'];

export const CONTACT_SORTS: readonly ContactSort[] = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'lastContactedAt', '-lastContactedAt'];
export const DEFAULT_CONTACT_SORT: ContactSort = '-updatedAt';
export const isContactSort = (value: unknown): value is ContactSort => (CONTACT_SORTS as readonly unknown[]).includes(value);

/** A contact with the ETag of its version, which a later change or delete must send in If-Match. */
export type VersionedContact = Versioned<Contact>;

const BASE = '/api/v1/contacts';

/** The contacts endpoints of the API, typed from the generated schema. */
@Injectable({ providedIn: 'root' })
export class ContactsApi {
  private readonly http = inject(HttpClient);

  list(query: ContactListParams): Observable<ContactPage> {
    return this.http.get<ContactPage>(BASE, { params: queryParams(query) });
  }

  get(id: string): Observable<VersionedContact> {
    return this.http.get<Contact>(`${BASE}/${encodeURIComponent(id)}`, { observe: 'response' }).pipe(map(versioned));
  }

  /** The same key on a retry makes the server answer with the contact it created the first time. */
  create(body: NewContact, idempotencyKey: string): Observable<VersionedContact> {
    const headers = new HttpHeaders({ 'Idempotency-Key': idempotencyKey });
    return this.http.post<Contact>(BASE, body, { headers, observe: 'response' }).pipe(map(versioned));
  }

  /** Answers 412 when the contact changed since the version of `etag`. */
  update(id: string, etag: string, changes: ContactChanges): Observable<VersionedContact> {
    const headers = new HttpHeaders({ 'If-Match': etag });
    return this.http.patch<Contact>(`${BASE}/${encodeURIComponent(id)}`, changes, { headers, observe: 'response' }).pipe(map(versioned));
  }

  remove(id: string, etag: string): Observable<void> {
    return this.http.delete<void>(`${BASE}/${encodeURIComponent(id)}`, { headers: new HttpHeaders({ 'If-Match': etag }) });
  }

  /** Gives contacts to one user, all or nothing. */
  assign(ids: string[], ownerId: string): Observable<Schema<'AssignResponse'>> {
    return this.http.post<Schema<'AssignResponse'>>(`${BASE}/assign`, { ids, ownerId });
  }
}

function versioned(response: HttpResponse<Contact>): VersionedContact {
  const record = response.body as Contact;
  return { record, etag: response.headers.get('ETag') || etagOf(record.version) };
}
