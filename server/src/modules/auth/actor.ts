import type { ChangeContext } from '../../common/database/actor-transaction';
import type { AppAbility } from '../permissions/ability';

/** The authenticated user of a request, with what their roles allow. */
export interface Actor {
  id: string;
  login: string;
  roles: string[];
  mustChangePassword: boolean;
  ability: AppAbility;
  ip: string | null;
  requestId: string | null;
}

export const changeContextOf = (actor: Pick<Actor, 'id' | 'ip' | 'requestId'>): ChangeContext => ({
  actorId: actor.id,
  ip: actor.ip,
  requestId: actor.requestId,
});
