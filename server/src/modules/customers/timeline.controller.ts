import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/http/api-problems';
import { UUID_PARAM } from '../../common/http/uuid-param';
import { FieldChangeResponse } from '../audit/dto/audit.dto';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { Can } from '../permissions/can.decorator';
import { TimelinePage, TimelineQuery } from './dto/timeline.dto';
import { TimelineService } from './timeline.service';

const SUMMARY = 'Activities and every change of the record, its contact points, company links and attachments, newest first';

@ApiTags('timeline')
@ApiBearerAuth()
@ApiExtraModels(FieldChangeResponse)
@Controller('api/v1')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @Get('contacts/:id/timeline')
  @Can('read', 'Contact')
  @ApiOperation({ operationId: 'getContactTimeline', summary: SUMMARY })
  @ApiOkResponse({ type: TimelinePage })
  @ApiProblems(400, 401, 403, 404)
  contact(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Query() query: TimelineQuery): Promise<TimelinePage> {
    return this.timeline.page(actor, 'contact', id, query);
  }

  @Get('companies/:id/timeline')
  @Can('read', 'Company')
  @ApiOperation({ operationId: 'getCompanyTimeline', summary: SUMMARY })
  @ApiOkResponse({ type: TimelinePage })
  @ApiProblems(400, 401, 403, 404)
  company(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Query() query: TimelineQuery): Promise<TimelinePage> {
    return this.timeline.page(actor, 'company', id, query);
  }

  @Get('deals/:id/timeline')
  @Can('read', 'Deal')
  @ApiOperation({ operationId: 'getDealTimeline', summary: 'Activities and every change of the deal, its line items and attachments, newest first' })
  @ApiOkResponse({ type: TimelinePage })
  @ApiProblems(400, 401, 403, 404)
  deal(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Query() query: TimelineQuery): Promise<TimelinePage> {
    return this.timeline.page(actor, 'deal', id, query);
  }
}
