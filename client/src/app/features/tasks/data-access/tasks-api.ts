import { HttpClient, HttpHeaders, HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { ifMatch, queryParams } from '@app/core/api/request';

export type TaskKind = 'task' | 'meeting' | 'call';
export type TaskPriority = 'low' | 'normal' | 'high';
export type TaskStatus = 'open' | 'done' | 'cancelled';

export interface TaskParticipant {
  userId: string | null;
  contactId: string | null;
  name: string;
}

/** A task, meeting or call as the server returns it (contract of issue 5). */
export interface Task {
  id: string;
  kind: TaskKind;
  title: string;
  description: string | null;
  /** A task's deadline or a meeting's or call's start. */
  dueAt: string | null;
  endsAt: string | null;
  allDay: boolean;
  location: string | null;
  meetingUrl: string | null;
  priority: TaskPriority;
  status: TaskStatus;
  completedAt: string | null;
  remindAt: string | null;
  overdue: boolean;
  contactId: string | null;
  contactName: string | null;
  companyId: string | null;
  companyName: string | null;
  dealId: string | null;
  dealTitle: string | null;
  ownerId: string;
  ownerName: string;
  participants: TaskParticipant[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface NewTask {
  kind?: TaskKind;
  title: string;
  description?: string;
  dueAt?: string;
  endsAt?: string;
  allDay?: boolean;
  location?: string;
  meetingUrl?: string;
  priority?: TaskPriority;
  remindBeforeMinutes?: number;
  contactId?: string;
  companyId?: string;
  dealId?: string;
  ownerId?: string;
  participants?: ({ userId: string } | { contactId: string })[];
}

/** A change: the create fields (null clears one), a status or a new time. */
export type TaskChange = { [K in keyof NewTask]?: NewTask[K] | null } & { status?: TaskStatus };

export interface TaskPage {
  items: Task[];
  nextCursor: string | null;
  total?: number;
}

export type TaskSort = 'dueAt' | '-dueAt' | '-updatedAt' | 'priority';

export interface TaskQuery {
  limit?: number;
  cursor?: string;
  sort?: TaskSort;
  q?: string;
  count?: boolean;
  kind?: TaskKind[];
  status?: TaskStatus[];
  ownerId?: string[];
  dueFrom?: string;
  dueTo?: string;
  overdue?: boolean;
  contactId?: string;
  companyId?: string;
  dealId?: string;
}

export interface StaleDeal {
  id: string;
  title: string;
  amount: number | null;
  currency: string;
  pipelineId: string;
  stageId: string;
  lastContactedAt: string | null;
  silentDays: number;
  contactName: string | null;
  companyName: string | null;
}

export interface MyDay {
  tasks: Task[];
  meetings: Task[];
  overdue: Task[];
  staleDeals: StaleDeal[];
}

export interface CalendarFeed {
  active: boolean;
  createdAt: string | null;
}

/** What a task can be linked to: the record the dialog was opened from, or one chosen in it. */
export type TaskLinkType = 'contact' | 'company' | 'deal';
export interface TaskLink {
  type: TaskLinkType;
  id: string;
  name: string;
}

const TASKS = '/api/v1/tasks';
const taskPath = (id: string): string => `${TASKS}/${encodeURIComponent(id)}`;

/** Tasks, meetings and calls; My day; the calendar and its feed. */
@Injectable({ providedIn: 'root' })
export class TasksApi {
  private readonly http = inject(HttpClient);

  list(query: TaskQuery): Observable<TaskPage> {
    const { kind, status, ownerId, ...rest } = query;
    let params = queryParams(rest) as Record<string, string | number | boolean | string[]>;
    params = { ...params, ...(kind?.length ? { kind } : {}), ...(status?.length ? { status } : {}), ...(ownerId?.length ? { ownerId } : {}) };
    return this.http.get<TaskPage>(TASKS, { params });
  }

  get(id: string): Observable<Task> {
    return this.http.get<Task>(taskPath(id));
  }

  /** The same key on a retry makes the server answer with the task it created the first time. */
  create(body: NewTask, idempotencyKey: string): Observable<Task> {
    return this.http.post<Task>(TASKS, body, { headers: new HttpHeaders({ 'Idempotency-Key': idempotencyKey }) });
  }

  update(task: Pick<Task, 'id' | 'version'>, change: TaskChange): Observable<Task> {
    return this.http.patch<Task>(taskPath(task.id), change, { headers: ifMatch(task.version) });
  }

  remove(task: Pick<Task, 'id' | 'version'>): Observable<HttpResponse<unknown>> {
    return this.http.delete(taskPath(task.id), { headers: ifMatch(task.version), observe: 'response' });
  }

  /** The people a task may be given to (and who may take part in a meeting). */
  assignees(q: string): Observable<{ items: { id: string; displayName: string; active: boolean }[] }> {
    return this.http.get<{ items: { id: string; displayName: string; active: boolean }[] }>(`${TASKS}/assignees`, { params: queryParams({ q, limit: 10 }) });
  }

  /** Contacts, companies and deals matching a text, for linking a task to one of them. */
  searchRecords(q: string): Observable<{ items: { id: string; type: string; title: string; subtitle: string | null }[] }> {
    return this.http.get<{ items: { id: string; type: string; title: string; subtitle: string | null }[] }>('/api/v1/search', { params: { q, limit: 5 } });
  }

  myDay(): Observable<MyDay> {
    return this.http.get<MyDay>('/api/v1/my-day');
  }

  calendar(from: Date, to: Date, scope: 'me' | 'team'): Observable<{ items: Task[] }> {
    return this.http.get<{ items: Task[] }>('/api/v1/calendar', { params: { from: from.toISOString(), to: to.toISOString(), scope } });
  }

  feed(): Observable<CalendarFeed> {
    return this.http.get<CalendarFeed>('/api/v1/calendar/feed');
  }

  createFeed(): Observable<{ url: string }> {
    return this.http.post<{ url: string }>('/api/v1/calendar/feed', {});
  }

  revokeFeed(): Observable<unknown> {
    return this.http.delete('/api/v1/calendar/feed');
  }
}
