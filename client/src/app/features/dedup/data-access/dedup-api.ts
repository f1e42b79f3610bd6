import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { etagOf } from '@app/core/api/request';
import type { Schema } from '@app/core/api/schema';

export type DuplicateCandidate = Schema<'DuplicateCandidate'>;
export type DuplicateReason = DuplicateCandidate['reasons'][number];
export type DuplicateProbe = Schema<'CompanyDuplicatesRequest'>;
export type MergePreview = Schema<'MergePreview'>;
export type MergePreviewRecord = Schema<'MergePreviewRecord'>;
export type MergeCounts = Schema<'MergeCounts'>;
export type MergeResponse = Schema<'MergeResponse'>;
/** Contacts now; companies use the same endpoints under their own path. */
export type DedupEntity = 'contacts' | 'companies';

/** Duplicate search and merging, typed from the generated schema. */
@Injectable({ providedIn: 'root' })
export class DedupApi {
  private readonly http = inject(HttpClient);

  duplicates(entity: DedupEntity, probe: DuplicateProbe): Observable<DuplicateCandidate[]> {
    const body = entity === 'contacts' ? { ...probe, taxId: undefined } : probe;
    return this.http.post<DuplicateCandidate[]>(`/api/v1/${entity}/duplicates`, body);
  }

  preview(entity: DedupEntity, survivorId: string, otherIds: string[]): Observable<MergePreview> {
    const params = otherIds.reduce((p, id) => p.append('with', id), new HttpParams());
    return this.http.get<MergePreview>(`/api/v1/${entity}/${encodeURIComponent(survivorId)}/merge-preview`, { params });
  }

  /** Answers 412 when the survivor changed since `version`. */
  merge(entity: DedupEntity, survivorId: string, version: number, mergedIds: string[], fields: Record<string, string>): Observable<MergeResponse> {
    const headers = new HttpHeaders({ 'If-Match': etagOf(version) });
    return this.http.post<MergeResponse>(`/api/v1/${entity}/${encodeURIComponent(survivorId)}/merge`, { mergedIds, fields }, { headers });
  }
}
