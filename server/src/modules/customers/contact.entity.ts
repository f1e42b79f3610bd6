import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../auth/user.entity';

@Entity('contacts')
@Index('contacts_search', { synchronize: false })
@Index('contacts_owner', ['ownerId', 'id'])
@Index('contacts_updated', ['updatedAt', 'id'])
@Index('contacts_created', ['createdAt', 'id'])
@Index('contacts_name', ['name', 'id'])
export class ContactEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'contacts_owner_id_fkey' })
  owner?: UserEntity;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  custom!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'contacts_created_by_fkey' })
  creator?: UserEntity;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
