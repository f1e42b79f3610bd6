import { Body, Controller, Get, Headers, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../../common/http/api-problems';
import { UUID_PARAM } from '../../common/http/uuid-param';
import { etagOf, expectedVersion } from '../../common/http/versioning';
import { Can } from '../permissions/can.decorator';
import type { Actor } from './actor';
import { CurrentActor } from './auth.decorators';
import { CreatedUserResponse, CreateUserRequest, PasswordResetResponse, SetIdsRequest, UpdateUserRequest, UserListQuery, UserPage, UserResponse } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Can('read', 'User')
  @ApiOperation({ operationId: 'listUsers', summary: 'List users (keyset paging, search by login, name or e-mail)' })
  @ApiOkResponse({ type: UserPage })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: UserListQuery): Promise<UserPage> {
    return this.users.list(actor, query);
  }

  @Get(':id')
  @Can('read', 'User')
  @ApiOperation({ operationId: 'getUser', summary: 'One user' })
  @ApiOkResponse({ type: UserResponse, headers: { ETag: { description: 'Version for If-Match' } } })
  @ApiProblems(401, 403, 404)
  async get(@Param('id', UUID_PARAM) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<UserResponse> {
    const user = await this.users.get(id);
    void reply.header('ETag', etagOf(user.version));
    return user;
  }

  @Post()
  @Can('create', 'User')
  @ApiOperation({ operationId: 'createUser', summary: 'Create a user; without a password a one-time password is returned once' })
  @ApiCreatedResponse({ type: CreatedUserResponse })
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserRequest): Promise<CreatedUserResponse> {
    return this.users.create(actor, body);
  }

  @Patch(':id')
  @Can('update', 'User')
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version being changed (or send version in the body)' })
  @ApiOperation({ operationId: 'updateUser', summary: 'Change a user; active=false deactivates and ends their sessions' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Body() body: UpdateUserRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserResponse> {
    const { version, ...changes } = body;
    const user = await this.users.update(actor, id, expectedVersion(ifMatch, version), changes);
    void reply.header('ETag', etagOf(user.version));
    return user;
  }

  @Post(':id/reset-password')
  @Can('update', 'User')
  @ApiOperation({ operationId: 'resetUserPassword', summary: 'Set a one-time password (returned once) and end the user’s sessions' })
  @ApiCreatedResponse({ type: PasswordResetResponse })
  @ApiProblems(401, 403, 404)
  resetPassword(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string): Promise<PasswordResetResponse> {
    return this.users.resetPassword(actor, id);
  }

  @Put(':id/roles')
  @Can('assign', 'Role')
  @ApiOperation({ operationId: 'setUserRoles', summary: 'Replace the roles of a user' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 404)
  setRoles(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: SetIdsRequest): Promise<UserResponse> {
    return this.users.setRoles(actor, id, body.ids);
  }

  @Put(':id/teams')
  @Can('update', 'Team')
  @ApiOperation({ operationId: 'setUserTeams', summary: 'Replace the teams of a user' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 404)
  setTeams(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: SetIdsRequest): Promise<UserResponse> {
    return this.users.setTeams(actor, id, body.ids);
  }
}
