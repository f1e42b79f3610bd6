import { HttpClient, HttpHeaders, HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import type { operations } from '@app/core/api/api-schema';
import { etagOf, queryParams } from '@app/core/api/request';
import type { Schema } from '@app/core/api/schema';
import type { Versioned } from '@app/features/customers-shared/data-access/with-record-card';

export type Company = Schema<'CompanyResponse'>;
export type CompanyPage = Schema<'CompanyPage'>;
export type NewCompany = Schema<'CreateCompanyRequest'>;
export type CompanyChanges = Omit<Schema<'UpdateCompanyRequest'>, 'version'>;
export type CompanyContact = Schema<'CompanyContactResponse'>;
export type CompanyListParams = NonNullable<operations['listCompanies']['parameters']['query']>;
export type CompanySize = NonNullable<Company['size']>;

export const COMPANY_SIZES: readonly CompanySize[] = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1000+'];

export type VersionedCompany = Versioned<Company>;

const BASE = '/api/v1/companies';

/** The companies endpoints of the API, typed from the generated schema. */
@Injectable({ providedIn: 'root' })
export class CompaniesApi {
  private readonly http = inject(HttpClient);

  list(query: CompanyListParams): Observable<CompanyPage> {
    return this.http.get<CompanyPage>(BASE, { params: queryParams(query) });
  }

  get(id: string): Observable<VersionedCompany> {
    return this.http.get<Company>(`${BASE}/${encodeURIComponent(id)}`, { observe: 'response' }).pipe(map(versioned));
  }

  create(body: NewCompany, idempotencyKey: string): Observable<VersionedCompany> {
    const headers = new HttpHeaders({ 'Idempotency-Key': idempotencyKey });
    return this.http.post<Company>(BASE, body, { headers, observe: 'response' }).pipe(map(versioned));
  }

  update(id: string, etag: string, changes: CompanyChanges): Observable<VersionedCompany> {
    const headers = new HttpHeaders({ 'If-Match': etag });
    return this.http.patch<Company>(`${BASE}/${encodeURIComponent(id)}`, changes, { headers, observe: 'response' }).pipe(map(versioned));
  }

  remove(id: string, etag: string): Observable<void> {
    return this.http.delete<void>(`${BASE}/${encodeURIComponent(id)}`, { headers: new HttpHeaders({ 'If-Match': etag }) });
  }

  contacts(id: string): Observable<Schema<'CompanyContactPage'>> {
    return this.http.get<Schema<'CompanyContactPage'>>(`${BASE}/${encodeURIComponent(id)}/contacts`, { params: { limit: 200 } });
  }
}

function versioned(response: HttpResponse<Company>): VersionedCompany {
  const record = response.body as Company;
  return { record, etag: response.headers.get('ETag') || etagOf(record.version) };
}
