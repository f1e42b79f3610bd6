import { HttpClient, HttpHeaders, HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import { etagOf, queryParams } from '@app/core/api/request';
import type { Schema } from '@app/core/api/schema';
import type { Versioned } from '@app/features/customers-shared/data-access/with-record-card';

/** A name the server gives with its translations: show `labels[lang] ?? name`. */
export interface Labelled {
  name: string;
  labels: Schema<'SalesLabels'>;
}

export type Stage = Schema<'StageResponse'>;
export type StageKind = Stage['kind'];
export type Pipeline = Schema<'PipelineResponse'>;
export type LostReason = Schema<'LostReasonResponse'>;
export type DealListItem = Schema<'DealListItem'>;
export type DealStatus = DealListItem['status'];
export type Deal = Schema<'DealResponse'>;
export type DealSource = NonNullable<Deal['source']>;
export type LineItem = Schema<'LineItemResponse'>;
export type NewDeal = Schema<'CreateDealRequest'>;
export type DealChanges = Omit<Schema<'UpdateDealRequest'>, 'version'>;
export type MoneyTotal = Schema<'DealTotal'>;
export type BoardColumn = Schema<'BoardColumn'>;
export type Board = Schema<'DealBoard'>;
export type DealPage = Schema<'DealPage'>;
export type StageVisit = Schema<'StageHistoryEntry'>;
export type Summary = Schema<'DealSummary'>;
export type SummaryGroup = Summary['groupBy'];
export type SummaryRow = Schema<'SummaryRow'>;
export type NewPipeline = Schema<'CreatePipelineRequest'>;
export type PipelineChanges = Omit<Schema<'UpdatePipelineRequest'>, 'version'>;
export type StageInput = Schema<'StageRequest'>;
export type NewLostReason = Schema<'CreateLostReasonRequest'>;
export type LostReasonChanges = Omit<Schema<'UpdateLostReasonRequest'>, 'version'>;

/** The filters the board, the list and the chart share (kept in the address). */
export interface DealFilters {
  ownerId?: string[];
  teamId?: string;
  closeFrom?: string;
  closeTo?: string;
  tag?: string[];
  q?: string;
}

export type DealSort = '-updatedAt' | 'updatedAt' | 'title' | '-amount' | 'amount' | 'expectedCloseDate' | '-expectedCloseDate';
export const DEAL_SORTS: readonly DealSort[] = ['-updatedAt', 'updatedAt', 'title', '-amount', 'amount', 'expectedCloseDate', '-expectedCloseDate'];
export interface DealListParams extends DealFilters {
  limit?: number;
  cursor?: string;
  sort?: DealSort;
  count?: boolean;
  pipelineId?: string;
  stageId?: string;
  status?: DealStatus;
  contactId?: string;
  companyId?: string;
}

export type VersionedDeal = Versioned<Deal>;

const BASE = '/api/v1/deals';
const path = (id: string): string => `${BASE}/${encodeURIComponent(id)}`;

/** The deals, pipelines and lost reasons endpoints of the API. */
@Injectable({ providedIn: 'root' })
export class DealsApi {
  private readonly http = inject(HttpClient);

  pipelines(): Observable<Pipeline[]> {
    return this.http.get<{ items: Pipeline[] }>('/api/v1/pipelines').pipe(map((list) => list.items));
  }

  lostReasons(): Observable<LostReason[]> {
    return this.http.get<{ items: LostReason[] }>('/api/v1/lost-reasons').pipe(map((list) => list.items));
  }

  createPipeline(body: NewPipeline, idempotencyKey: string): Observable<Pipeline> {
    return this.http.post<Pipeline>('/api/v1/pipelines', body, { headers: new HttpHeaders({ 'Idempotency-Key': idempotencyKey }) });
  }

  /** `stages`, when given, is the whole new list in order (kept stages with their id); 412 when the pipeline changed since `version`. */
  updatePipeline(id: string, version: number, changes: PipelineChanges): Observable<Pipeline> {
    return this.http.patch<Pipeline>(`/api/v1/pipelines/${encodeURIComponent(id)}`, changes, { headers: new HttpHeaders({ 'If-Match': etagOf(version) }) });
  }

  createLostReason(body: NewLostReason, idempotencyKey: string): Observable<LostReason> {
    return this.http.post<LostReason>('/api/v1/lost-reasons', body, { headers: new HttpHeaders({ 'Idempotency-Key': idempotencyKey }) });
  }

  updateLostReason(id: string, version: number, changes: LostReasonChanges): Observable<LostReason> {
    return this.http.patch<LostReason>(`/api/v1/lost-reasons/${encodeURIComponent(id)}`, changes, { headers: new HttpHeaders({ 'If-Match': etagOf(version) }) });
  }

  /** Deletes a reason no deal has; one that deals have is archived instead. */
  removeLostReason(id: string, version: number): Observable<void> {
    return this.http.delete<void>(`/api/v1/lost-reasons/${encodeURIComponent(id)}`, { headers: new HttpHeaders({ 'If-Match': etagOf(version) }) });
  }

  board(pipelineId: string, filters: DealFilters, limit = 20): Observable<Board> {
    return this.http.get<Board>(`${BASE}/board`, { params: queryParams({ pipelineId, limit, ...filters }) });
  }

  list(query: DealListParams): Observable<DealPage> {
    return this.http.get<DealPage>(BASE, { params: queryParams(query) });
  }

  summary(groupBy: SummaryGroup, query: DealFilters & { pipelineId?: string }): Observable<Summary> {
    return this.http.get<Summary>(`${BASE}/summary`, { params: queryParams({ groupBy, ...query }) });
  }

  get(id: string): Observable<VersionedDeal> {
    return this.http.get<Deal>(path(id), { observe: 'response' }).pipe(map(versioned));
  }

  /** The same key on a retry makes the server answer with the deal it created the first time. */
  create(body: NewDeal, idempotencyKey: string): Observable<VersionedDeal> {
    const headers = new HttpHeaders({ 'Idempotency-Key': idempotencyKey });
    return this.http.post<Deal>(BASE, body, { headers, observe: 'response' }).pipe(map(versioned));
  }

  /** Answers 412 when the deal changed since the version of `etag`. */
  update(id: string, etag: string, changes: DealChanges): Observable<VersionedDeal> {
    const headers = new HttpHeaders({ 'If-Match': etag });
    return this.http.patch<Deal>(path(id), changes, { headers, observe: 'response' }).pipe(map(versioned));
  }

  remove(id: string, etag: string): Observable<void> {
    return this.http.delete<void>(path(id), { headers: new HttpHeaders({ 'If-Match': etag }) });
  }

  stageHistory(id: string): Observable<StageVisit[]> {
    return this.http.get<{ items: StageVisit[] }>(`${path(id)}/stage-history`).pipe(map((list) => list.items));
  }
}

function versioned(response: HttpResponse<Deal>): VersionedDeal {
  const record = response.body as Deal;
  return { record, etag: response.headers.get('ETag') || etagOf(record.version) };
}
