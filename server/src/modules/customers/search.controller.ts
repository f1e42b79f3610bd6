import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/http/api-problems';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { GlobalSearchQuery, SearchResponse } from './dto/search.dto';
import { SearchService } from './search.service';

@ApiTags('search')
@ApiBearerAuth()
@Controller('api/v1/search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  /** Open to every signed-in user: each record type is filtered by the caller's own read rules. */
  @Get()
  @ApiOperation({ operationId: 'globalSearch', summary: 'Contacts and companies matching a text (top bar search)' })
  @ApiOkResponse({ type: SearchResponse })
  @ApiProblems(400, 401)
  find(@CurrentActor() actor: Actor, @Query() query: GlobalSearchQuery): Promise<SearchResponse> {
    return this.search.find(actor, query);
  }
}
