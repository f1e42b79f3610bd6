import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import type { Subject } from '../permissions/subjects';
import type { OwnerList, OwnerQuery } from './dto/owner.dto';
import { OwnersRepository } from './owners.repository';

/** The users a customer list offers as owners: to filter by, or to give records to. */
@Injectable()
export class OwnersService {
  constructor(private readonly owners: OwnersRepository) {}

  /** Users whose records of `subject` the caller may read (inactive ones too: their records remain). */
  async readable(actor: Actor, subject: Subject, query: OwnerQuery): Promise<OwnerList> {
    return { items: await this.owners.list(actor.ability, 'read', subject, { ...query, activeOnly: false }) };
  }

  /**
   * Active users the caller may give records of `subject` to: as in a reassignment, the caller
   * must be allowed to change the record once the user owns it.
   */
  async assignable(actor: Actor, subject: Subject, query: OwnerQuery): Promise<OwnerList> {
    return { items: await this.owners.list(actor.ability, 'update', subject, { ...query, activeOnly: true }) };
  }
}
