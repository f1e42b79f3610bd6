import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../../common/http/api-problems';
import { UUID_PARAM } from '../../common/http/uuid-param';
import { etagOf, expectedVersion } from '../../common/http/versioning';
import { Can } from '../permissions/can.decorator';
import type { Actor } from './actor';
import { CurrentActor } from './auth.decorators';
import { CreateRoleRequest, RoleList, RoleResponse, UpdateRoleRequest } from './dto/role.dto';
import { RolesService } from './roles.service';

@ApiTags('roles')
@ApiBearerAuth()
@Controller('api/v1/roles')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Get()
  @Can('read', 'Role')
  @ApiOperation({ operationId: 'listRoles', summary: 'All roles with their rules' })
  @ApiOkResponse({ type: RoleList })
  @ApiProblems(401, 403)
  async list(@CurrentActor() actor: Actor): Promise<RoleList> {
    return { items: await this.roles.list(actor) };
  }

  @Get(':id')
  @Can('read', 'Role')
  @ApiOperation({ operationId: 'getRole', summary: 'One role' })
  @ApiOkResponse({ type: RoleResponse })
  @ApiProblems(401, 403, 404)
  async get(@Param('id', UUID_PARAM) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<RoleResponse> {
    const role = await this.roles.get(id);
    void reply.header('ETag', etagOf(role.version));
    return role;
  }

  @Post()
  @Can('create', 'Role')
  @ApiOperation({ operationId: 'createRole', summary: 'Define a role: rules per subject, action and scope' })
  @ApiCreatedResponse({ type: RoleResponse })
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentActor() actor: Actor, @Body() body: CreateRoleRequest): Promise<RoleResponse> {
    return this.roles.create(actor, body);
  }

  @Patch(':id')
  @Can('update', 'Role')
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOperation({ operationId: 'updateRole', summary: 'Change a role defined by an admin' })
  @ApiOkResponse({ type: RoleResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Body() body: UpdateRoleRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RoleResponse> {
    const { version, ...changes } = body;
    const role = await this.roles.update(actor, id, expectedVersion(ifMatch, version), changes);
    void reply.header('ETag', etagOf(role.version));
    return role;
  }

  @Delete(':id')
  @Can('delete', 'Role')
  @HttpCode(204)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ operationId: 'deleteRole', summary: 'Delete a role nobody holds' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403, 404, 409, 412, 428)
  delete(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.roles.delete(actor, id, expectedVersion(ifMatch));
  }
}
