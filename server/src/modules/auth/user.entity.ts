import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const LOCALES = ['az', 'tr', 'en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

@Entity('users')
@Unique('users_login_key', ['login'])
@Check('users_login_lowercase', 'login = lower(login)')
@Check('users_locale_check', `locale IN ('az', 'tr', 'en', 'ru')`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  login!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'varchar', length: 5, default: 'az' })
  locale!: Locale;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword!: boolean;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
