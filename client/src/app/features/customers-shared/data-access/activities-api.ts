import { HttpClient, HttpEvent, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { operations } from '@app/core/api/api-schema';
import { queryParams } from '@app/core/api/request';
import type { Schema } from '@app/core/api/schema';

export type RecordEntity = 'contact' | 'company' | 'deal';
export type Activity = Schema<'ActivityResponse'>;
export type ActivityKind = Activity['kind'];
export type NewActivity = Schema<'CreateActivityRequest'>;
export type TimelinePage = Schema<'TimelinePage'>;
export type TimelineItem = Schema<'TimelineItem'>;
export type TimelineParams = NonNullable<operations['getContactTimeline']['parameters']['query']>;
export type Attachment = Schema<'AttachmentResponse'>;
export type AttachmentPage = Schema<'AttachmentPage'>;
export type HistoryEvent = Schema<'AuditEventResponse'>;
export type HistoryPage = Schema<'AuditEventPage'>;
export type HistoryParams = NonNullable<operations['getContactHistory']['parameters']['query']>;

export const ACTIVITY_KINDS: readonly ActivityKind[] = ['call', 'email', 'meeting', 'note'];
export const CALL_OUTCOMES: readonly NonNullable<Activity['outcome']>[] = ['connected', 'no_answer', 'busy', 'voicemail', 'wrong_number', 'left_message'];
export const TIMELINE_TYPES = [...ACTIVITY_KINDS, 'change'] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];

const RECORD_PATHS: Record<RecordEntity, string> = { contact: '/api/v1/contacts', company: '/api/v1/companies', deal: '/api/v1/deals' };
const recordPath = (entity: RecordEntity, id: string): string => `${RECORD_PATHS[entity]}/${encodeURIComponent(id)}`;

/** Activities, record timelines, change histories and attachments: the endpoints shared by the contact, company and deal cards. */
@Injectable({ providedIn: 'root' })
export class ActivitiesApi {
  private readonly http = inject(HttpClient);

  /** The same key on a retry makes the server answer with the activity it logged the first time. */
  create(body: NewActivity, idempotencyKey: string): Observable<Activity> {
    return this.http.post<Activity>('/api/v1/activities', body, { headers: new HttpHeaders({ 'Idempotency-Key': idempotencyKey }) });
  }

  timeline(entity: RecordEntity, id: string, query: TimelineParams): Observable<TimelinePage> {
    return this.http.get<TimelinePage>(`${recordPath(entity, id)}/timeline`, { params: queryParams(query) });
  }

  /** The record's own changes from the audit trail, newest first. */
  history(entity: RecordEntity, id: string, query: HistoryParams): Observable<HistoryPage> {
    return this.http.get<HistoryPage>(`${recordPath(entity, id)}/history`, { params: queryParams(query) });
  }

  attachments(entity: RecordEntity, id: string, cursor?: string): Observable<AttachmentPage> {
    return this.http.get<AttachmentPage>(`${recordPath(entity, id)}/attachments`, { params: queryParams({ limit: 100, cursor }) });
  }

  /** Upload events with progress; the last one is the response with the stored attachment. */
  upload(entity: RecordEntity, id: string, file: File): Observable<HttpEvent<Attachment>> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.post<Attachment>(`${recordPath(entity, id)}/attachments`, form, { reportProgress: true, observe: 'events' });
  }

  download(id: string): Observable<Blob> {
    return this.http.get(`/api/v1/attachments/${encodeURIComponent(id)}/content`, { responseType: 'blob' });
  }

  removeAttachment(id: string): Observable<void> {
    return this.http.delete<void>(`/api/v1/attachments/${encodeURIComponent(id)}`);
  }
}
