import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/http/api-problems';
import { UUID_PARAM } from '../../common/http/uuid-param';
import { expectedVersion } from '../../common/http/versioning';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { Can } from '../permissions/can.decorator';
import { MergePreview, MergePreviewQuery, MergeRequest, MergeResponse } from './dto/merge.dto';
import { MergeService } from './merge.service';

const MERGE_DESCRIPTION =
  'In one transaction: the chosen field values onto the survivor, contact points, links, activities and attachments moved, ' +
  'tags unioned, empty custom values filled, the merged records deleted; their ids keep answering 308 to the survivor.';

@ApiTags('merge')
@ApiBearerAuth()
@Controller('api/v1')
export class MergeController {
  constructor(private readonly merges: MergeService) {}

  @Get('contacts/:id/merge-preview')
  @Can('read', 'Contact')
  @ApiOperation({ operationId: 'previewContactMerge', summary: 'The contacts side by side, with what each would bring to the survivor' })
  @ApiOkResponse({ type: MergePreview })
  @ApiProblems(400, 401, 403, 404)
  previewContacts(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Query() query: MergePreviewQuery): Promise<MergePreview> {
    return this.merges.preview(actor, 'contact', id, query.with);
  }

  @Post('contacts/:id/merge')
  @HttpCode(200)
  @Can('update', 'Contact')
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the survivor (or send version in the body)' })
  @ApiOperation({ operationId: 'mergeContacts', summary: 'Merge duplicate contacts into this one', description: MERGE_DESCRIPTION })
  @ApiOkResponse({ type: MergeResponse })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  mergeContacts(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: MergeRequest, @Headers('if-match') ifMatch: string | undefined): Promise<MergeResponse> {
    const { version, ...request } = body;
    return this.merges.merge(actor, 'contact', id, expectedVersion(ifMatch, version), request);
  }

  @Get('companies/:id/merge-preview')
  @Can('read', 'Company')
  @ApiOperation({ operationId: 'previewCompanyMerge', summary: 'The companies side by side, with what each would bring to the survivor' })
  @ApiOkResponse({ type: MergePreview })
  @ApiProblems(400, 401, 403, 404)
  previewCompanies(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Query() query: MergePreviewQuery): Promise<MergePreview> {
    return this.merges.preview(actor, 'company', id, query.with);
  }

  @Post('companies/:id/merge')
  @HttpCode(200)
  @Can('update', 'Company')
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the survivor (or send version in the body)' })
  @ApiOperation({ operationId: 'mergeCompanies', summary: 'Merge duplicate companies into this one', description: MERGE_DESCRIPTION })
  @ApiOkResponse({ type: MergeResponse })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  mergeCompanies(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: MergeRequest, @Headers('if-match') ifMatch: string | undefined): Promise<MergeResponse> {
    const { version, ...request } = body;
    return this.merges.merge(actor, 'company', id, expectedVersion(ifMatch, version), request);
  }
}
