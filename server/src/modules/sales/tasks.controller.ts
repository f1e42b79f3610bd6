import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../../common/http/api-problems';
import { UUID_PARAM } from '../../common/http/uuid-param';
import { etagOf, expectedVersion } from '../../common/http/versioning';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { Can } from '../permissions/can.decorator';
import { OwnerList, OwnerQuery } from '../customers/dto/owner.dto';
import { OwnersService } from '../customers/owners.service';
import { CreateTaskRequest, MyDayResponse, TaskListQuery, TaskPage, TaskResponse, UpdateTaskRequest } from './dto/task.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/v1')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly owners: OwnersService,
  ) {}

  @Get('tasks/owners')
  @Can('read', 'Task')
  @ApiOperation({ operationId: 'listTaskOwners', summary: 'Users whose tasks the caller may see (assignee filter)' })
  @ApiOkResponse({ type: OwnerList })
  @ApiProblems(400, 401, 403)
  taskOwners(@CurrentActor() actor: Actor, @Query() query: OwnerQuery): Promise<OwnerList> {
    return this.owners.readable(actor, 'Task', query);
  }

  @Get('tasks/assignees')
  @Can('assign', 'Task')
  @ApiOperation({ operationId: 'listTaskAssignees', summary: 'Active users the caller may give tasks to' })
  @ApiOkResponse({ type: OwnerList })
  @ApiProblems(400, 401, 403)
  taskAssignees(@CurrentActor() actor: Actor, @Query() query: OwnerQuery): Promise<OwnerList> {
    return this.owners.assignable(actor, 'Task', query);
  }

  @Get('tasks')
  @Can('read', 'Task')
  @ApiOperation({ operationId: 'listTasks', summary: 'Tasks, meetings and calls the caller may see: filters, keyset paging' })
  @ApiOkResponse({ type: TaskPage })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: TaskListQuery): Promise<TaskPage> {
    return this.tasks.list(actor, query);
  }

  @Get('tasks/:id')
  @Can('read', 'Task')
  @ApiOperation({ operationId: 'getTask', summary: 'One task, meeting or call' })
  @ApiOkResponse({ type: TaskResponse, headers: { ETag: { description: 'Version for If-Match' } } })
  @ApiProblems(400, 401, 403, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<TaskResponse> {
    const task = await this.tasks.get(actor, id);
    void reply.header('ETag', etagOf(task.version));
    return task;
  }

  @Post('tasks')
  @Can('create', 'Task')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried create with the same key returns the first result' })
  @ApiOperation({ operationId: 'createTask', summary: 'Create a task, meeting or call' })
  @ApiCreatedResponse({ type: TaskResponse })
  @ApiProblems(400, 401, 403, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateTaskRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TaskResponse> {
    const { body: task, replayed } = await this.tasks.create(actor, body, idempotencyKey);
    void reply.header('ETag', etagOf(task.version)).header('Location', `/api/v1/tasks/${task.id}`);
    if (replayed) {
      void reply.header('Idempotent-Replayed', 'true');
    }
    return task;
  }

  @Patch('tasks/:id')
  @Can('update', 'Task')
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version being changed (or send version in the body)' })
  @ApiOperation({ operationId: 'updateTask', summary: 'Change, complete, reopen or reschedule a task (optimistic locking)' })
  @ApiOkResponse({ type: TaskResponse })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Body() body: UpdateTaskRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TaskResponse> {
    const { version, ...changes } = body;
    const task = await this.tasks.update(actor, id, expectedVersion(ifMatch, version), changes);
    void reply.header('ETag', etagOf(task.version));
    return task;
  }

  @Delete('tasks/:id')
  @Can('delete', 'Task')
  @HttpCode(204)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ operationId: 'deleteTask', summary: 'Delete a task' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 412, 428)
  delete(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.tasks.delete(actor, id, expectedVersion(ifMatch));
  }

  @Get('my-day')
  @Can('read', 'Task')
  @ApiOperation({ operationId: 'getMyDay', summary: "The caller's day: today's tasks and meetings, overdue items, deals gone quiet" })
  @ApiOkResponse({ type: MyDayResponse })
  @ApiProblems(401, 403)
  myDay(@CurrentActor() actor: Actor): Promise<MyDayResponse> {
    return this.tasks.myDay(actor);
  }
}
