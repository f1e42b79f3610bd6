import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/http/api-problems';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { Can } from '../permissions/can.decorator';
import { OwnerList, OwnerQuery } from './dto/owner.dto';
import { OwnersService } from './owners.service';

/** Who a contact or company list offers as owner: in its owner filter, and as the new owner of a bulk reassignment. */
@ApiTags('owners')
@ApiBearerAuth()
@Controller('api/v1')
export class OwnersController {
  constructor(private readonly owners: OwnersService) {}

  @Get('contacts/owners')
  @Can('read', 'Contact')
  @ApiOperation({ operationId: 'listContactOwners', summary: 'Users whose contacts the caller may see (owner filter)' })
  @ApiOkResponse({ type: OwnerList })
  @ApiProblems(400, 401, 403)
  contactOwners(@CurrentActor() actor: Actor, @Query() query: OwnerQuery): Promise<OwnerList> {
    return this.owners.readable(actor, 'Contact', query);
  }

  @Get('contacts/assignees')
  @Can('assign', 'Contact')
  @ApiOperation({ operationId: 'listContactAssignees', summary: 'Active users the caller may give contacts to' })
  @ApiOkResponse({ type: OwnerList })
  @ApiProblems(400, 401, 403)
  contactAssignees(@CurrentActor() actor: Actor, @Query() query: OwnerQuery): Promise<OwnerList> {
    return this.owners.assignable(actor, 'Contact', query);
  }

  @Get('companies/owners')
  @Can('read', 'Company')
  @ApiOperation({ operationId: 'listCompanyOwners', summary: 'Users whose companies the caller may see (owner filter)' })
  @ApiOkResponse({ type: OwnerList })
  @ApiProblems(400, 401, 403)
  companyOwners(@CurrentActor() actor: Actor, @Query() query: OwnerQuery): Promise<OwnerList> {
    return this.owners.readable(actor, 'Company', query);
  }

  @Get('companies/assignees')
  @Can('assign', 'Company')
  @ApiOperation({ operationId: 'listCompanyAssignees', summary: 'Active users the caller may give companies to' })
  @ApiOkResponse({ type: OwnerList })
  @ApiProblems(400, 401, 403)
  companyAssignees(@CurrentActor() actor: Actor, @Query() query: OwnerQuery): Promise<OwnerList> {
    return this.owners.assignable(actor, 'Company', query);
  }
}
