import { RoleEntity } from '../../modules/auth/role.entity';
import { TeamEntity } from '../../modules/auth/team.entity';
import { UserEntity } from '../../modules/auth/user.entity';

/**
 * Every TypeORM entity; the schema check compares them with what the migrations build. Customer
 * tables have no entity: their repositories own their SQL (hot read paths, set-based imports).
 */
export const ENTITIES = [UserEntity, TeamEntity, RoleEntity];
