import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/http/api-problems';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { Can } from '../permissions/can.decorator';
import { DuplicatesService } from './duplicates.service';
import { CompanyDuplicatesRequest, ContactDuplicatesRequest, DuplicateCandidate } from './dto/duplicates.dto';

@ApiTags('duplicates')
@ApiBearerAuth()
@Controller('api/v1')
export class DuplicatesController {
  constructor(private readonly duplicates: DuplicatesService) {}

  @Post('contacts/duplicates')
  @HttpCode(200)
  @Can('read', 'Contact')
  @ApiOperation({ operationId: 'findContactDuplicates', summary: 'Contacts that look like the one being entered (same e-mail or phone, similar name), best first, at most 10' })
  @ApiOkResponse({ type: [DuplicateCandidate] })
  @ApiProblems(400, 401, 403)
  contacts(@CurrentActor() actor: Actor, @Body() body: ContactDuplicatesRequest): Promise<DuplicateCandidate[]> {
    return this.duplicates.find(actor, 'contact', body);
  }

  @Post('companies/duplicates')
  @HttpCode(200)
  @Can('read', 'Company')
  @ApiOperation({ operationId: 'findCompanyDuplicates', summary: 'Companies that look like the one being entered (same tax id, e-mail or phone, similar name), best first, at most 10' })
  @ApiOkResponse({ type: [DuplicateCandidate] })
  @ApiProblems(400, 401, 403)
  companies(@CurrentActor() actor: Actor, @Body() body: CompanyDuplicatesRequest): Promise<DuplicateCandidate[]> {
    return this.duplicates.find(actor, 'company', body);
  }
}
