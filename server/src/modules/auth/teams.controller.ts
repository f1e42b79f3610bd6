import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../../common/http/api-problems';
import { UUID_PARAM } from '../../common/http/uuid-param';
import { etagOf, expectedVersion } from '../../common/http/versioning';
import { Can } from '../permissions/can.decorator';
import type { Actor } from './actor';
import { CurrentActor } from './auth.decorators';
import { CreateTeamRequest, TeamListQuery, TeamPage, TeamResponse, UpdateTeamRequest } from './dto/team.dto';
import { TeamsService } from './teams.service';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('api/v1/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @Can('read', 'Team')
  @ApiOperation({ operationId: 'listTeams', summary: 'List teams' })
  @ApiOkResponse({ type: TeamPage })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: TeamListQuery): Promise<TeamPage> {
    return this.teams.list(actor, query);
  }

  @Get(':id')
  @Can('read', 'Team')
  @ApiOperation({ operationId: 'getTeam', summary: 'One team with its members' })
  @ApiOkResponse({ type: TeamResponse })
  @ApiProblems(401, 403, 404)
  async get(@Param('id', UUID_PARAM) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<TeamResponse> {
    const team = await this.teams.get(id);
    void reply.header('ETag', etagOf(team.version));
    return team;
  }

  @Post()
  @Can('create', 'Team')
  @ApiOperation({ operationId: 'createTeam', summary: 'Create a team' })
  @ApiCreatedResponse({ type: TeamResponse })
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentActor() actor: Actor, @Body() body: CreateTeamRequest): Promise<TeamResponse> {
    return this.teams.create(actor, body);
  }

  @Patch(':id')
  @Can('update', 'Team')
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOperation({ operationId: 'updateTeam', summary: 'Rename a team, change its lead or replace its members' })
  @ApiOkResponse({ type: TeamResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 428)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Body() body: UpdateTeamRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TeamResponse> {
    const { version, ...changes } = body;
    const team = await this.teams.update(actor, id, expectedVersion(ifMatch, version), changes);
    void reply.header('ETag', etagOf(team.version));
    return team;
  }

  @Delete(':id')
  @Can('delete', 'Team')
  @HttpCode(204)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ operationId: 'deleteTeam', summary: 'Delete a team (its members stay)' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403, 404, 412, 428)
  delete(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.teams.delete(actor, id, expectedVersion(ifMatch));
  }
}
