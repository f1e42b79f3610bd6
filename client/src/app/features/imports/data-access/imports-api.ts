import { HttpClient, HttpEvent } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { Schema } from '@app/core/api/schema';

export type ImportEntity = 'contact' | 'company';
export type ImportUpload = Schema<'ImportUploadResponse'>;
export type ImportStatus = Schema<'ImportResponse'>;
export type ImportPreview = Schema<'ImportPreviewResponse'>;
export type ImportMapping = Schema<'ImportMappingRequest'>;
export type DuplicateHandling = NonNullable<NonNullable<ImportMapping['options']>['duplicates']>;

const BASE = '/api/v1/imports';

/** The import endpoints of the API, typed from the generated schema. */
@Injectable({ providedIn: 'root' })
export class ImportsApi {
  private readonly http = inject(HttpClient);

  /** Sends the file as multipart/form-data, with upload progress events. */
  upload(entity: ImportEntity, file: File): Observable<HttpEvent<ImportUpload>> {
    const form = new FormData();
    form.append('entity', entity);
    form.append('file', file, file.name);
    return this.http.post<ImportUpload>(BASE, form, { reportProgress: true, observe: 'events' });
  }

  preview(id: string, body: ImportMapping): Observable<ImportPreview> {
    return this.http.post<ImportPreview>(`${BASE}/${encodeURIComponent(id)}/preview`, body);
  }

  run(id: string, body: ImportMapping): Observable<ImportStatus> {
    return this.http.post<ImportStatus>(`${BASE}/${encodeURIComponent(id)}/run`, body);
  }

  status(id: string): Observable<ImportStatus> {
    return this.http.get<ImportStatus>(`${BASE}/${encodeURIComponent(id)}`);
  }

  failedRows(id: string): Observable<Blob> {
    return this.http.get(`${BASE}/${encodeURIComponent(id)}/failed-rows`, { responseType: 'blob' });
  }
}
