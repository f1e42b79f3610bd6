import { HttpClient, HttpErrorResponse, HttpEvent } from '@angular/common/http';
import { DOCUMENT, inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { queryParams } from '@app/core/api/request';
import type { Schema } from '@app/core/api/schema';
import type { AuditExportQuery, AuditListQuery } from './audit-filters';

const AUDIT = '/api/v1/audit';

/** The audit endpoints of the server, and the users the actor filter chooses from. */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  list(query: AuditListQuery): Observable<Schema<'AuditEventPage'>> {
    return this.http.get<Schema<'AuditEventPage'>>(`${AUDIT}/events`, { params: queryParams(query) });
  }

  event(id: string): Observable<Schema<'AuditEventResponse'>> {
    return this.http.get<Schema<'AuditEventResponse'>>(`${AUDIT}/events/${encodeURIComponent(id)}`);
  }

  /** The file as a blob, through HttpClient so that the Authorization header goes with it; with download progress. */
  export(query: AuditExportQuery): Observable<HttpEvent<Blob>> {
    return this.http.get(`${AUDIT}/events/export`, { params: queryParams(query), responseType: 'blob', observe: 'events', reportProgress: true });
  }

  verify(): Observable<Schema<'VerifyResponse'>> {
    return this.http.get<Schema<'VerifyResponse'>>(`${AUDIT}/verify`);
  }

  users(q: string, limit = 20): Observable<Schema<'UserPage'>> {
    return this.http.get<Schema<'UserPage'>>('/api/v1/users', { params: queryParams({ q: q.trim(), limit, sort: 'displayName' }) });
  }

  user(id: string): Observable<Schema<'UserResponse'>> {
    return this.http.get<Schema<'UserResponse'>>(`/api/v1/users/${encodeURIComponent(id)}`);
  }
}

/**
 * A failed blob request carries its problem+json body as a Blob; read it, so that problemCode()
 * and Notify see the same error as for any other request.
 */
export async function withReadableBody(error: unknown): Promise<unknown> {
  if (!(error instanceof HttpErrorResponse) || !(error.error instanceof Blob)) {
    return error;
  }
  try {
    const body: unknown = JSON.parse(await blobText(error.error));
    return new HttpErrorResponse({ error: body, headers: error.headers, status: error.status, statusText: error.statusText, url: error.url ?? undefined });
  } catch {
    return new HttpErrorResponse({ error: null, headers: error.headers, status: error.status, statusText: error.statusText, url: error.url ?? undefined });
  }
}

/** The text of a blob; FileReader works in every browser and in jsdom. */
export function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable blob'));
    reader.readAsText(blob);
  });
}

/** Saves a blob as a file the browser downloads. */
@Injectable({ providedIn: 'root' })
export class FileSaver {
  private readonly document = inject(DOCUMENT);

  save(blob: Blob, fileName: string): void {
    const url = URL.createObjectURL(blob);
    const anchor = this.document.createElement('a');
    anchor.href = url;
    anchor.download = fileName;
    anchor.hidden = true;
    this.document.body.append(anchor);
    anchor.click();
    anchor.remove();
    // Revoking at once can cancel the download in some browsers; a moment later it has started.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
