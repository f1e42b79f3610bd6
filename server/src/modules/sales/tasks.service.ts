import { Injectable } from '@nestjs/common';
import type { IdempotentResult } from '../../common/idempotency/idempotency';
import type { Actor } from '../auth/actor';
import type { CreateTaskRequest, MyDayResponse, TaskListQuery, TaskPage, TaskResponse, UpdateTaskRequest } from './dto/task.dto';

@Injectable()
export class TasksService {
  list(_actor: Actor, _query: TaskListQuery): Promise<TaskPage> {
    throw new Error('not yet');
  }
  get(_actor: Actor, _id: string): Promise<TaskResponse> {
    throw new Error('not yet');
  }
  create(_actor: Actor, _request: CreateTaskRequest, _key?: string): Promise<IdempotentResult<TaskResponse>> {
    throw new Error('not yet');
  }
  update(_actor: Actor, _id: string, _version: number, _request: Omit<UpdateTaskRequest, 'version'>): Promise<TaskResponse> {
    throw new Error('not yet');
  }
  delete(_actor: Actor, _id: string, _version: number): Promise<void> {
    throw new Error('not yet');
  }
  myDay(_actor: Actor): Promise<MyDayResponse> {
    throw new Error('not yet');
  }
}
