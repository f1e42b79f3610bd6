import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { RoleRule } from '../permissions/subjects';

@Entity('roles')
@Unique('roles_name_key', ['name'])
export class RoleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 200 })
  label!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ name: 'built_in', type: 'boolean', default: false })
  builtIn!: boolean;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  rules!: RoleRule[];

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
