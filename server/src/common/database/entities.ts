import { RoleEntity } from '../../modules/auth/role.entity';
import { TeamEntity } from '../../modules/auth/team.entity';
import { UserEntity } from '../../modules/auth/user.entity';
import { ContactEntity } from '../../modules/customers/contact.entity';

/** Every TypeORM entity; the schema check compares them with what the migrations build. */
export const ENTITIES = [UserEntity, TeamEntity, RoleEntity, ContactEntity];
