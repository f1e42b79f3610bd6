import { HttpClient, HttpHeaders, HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import type { operations } from '@app/core/api/api-schema';
import { ifMatch, queryParams } from '@app/core/api/request';
import type { Schema } from '@app/core/api/schema';

export type Task = Schema<'TaskResponse'>;
export type TaskKind = Task['kind'];
export type TaskPriority = Task['priority'];
export type TaskStatus = Task['status'];
export type TaskParticipant = Schema<'TaskParticipantResponse'>;
export type NewTask = Schema<'CreateTaskRequest'>;
/** A change: the create fields (null clears one), a status or a new time. */
export type TaskChange = Schema<'UpdateTaskRequest'>;
export type TaskPage = Schema<'TaskPage'>;
export type MyDay = Schema<'MyDayResponse'>;
export type StaleDeal = Schema<'StaleDealResponse'>;
export type CalendarFeed = Schema<'CalendarFeedStatus'>;
export type TaskQuery = NonNullable<operations['listTasks']['parameters']['query']>;
type User = Schema<'UserResponse'>;
export type Owner = Schema<'OwnerResponse'>;

export type TaskSort = NonNullable<TaskQuery['sort']>;

export const TASK_KINDS: readonly TaskKind[] = ['task', 'meeting', 'call'];
export const TASK_PRIORITIES: readonly TaskPriority[] = ['low', 'normal', 'high'];

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

  /** Active users the caller may give tasks to (a team lead: the team), by name. */
  assignees(): Observable<Owner[]> {
    return this.http.get<Schema<'OwnerList'>>('/api/v1/tasks/assignees', { params: { limit: 200 } }).pipe(map((list) => list.items));
  }

  /** Users whose tasks the caller may see, for the assignee filter. */
  owners(): Observable<Owner[]> {
    return this.http.get<Schema<'OwnerList'>>('/api/v1/tasks/owners', { params: { limit: 200 } }).pipe(map((list) => list.items));
  }

  /** Active users by name: who may take part in a meeting. */
  users(q: string, limit = 20): Observable<User[]> {
    return this.http
      .get<Schema<'UserPage'>>('/api/v1/users', { params: queryParams({ q, limit, active: true, sort: 'displayName' }) })
      .pipe(map((page) => page.items));
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
