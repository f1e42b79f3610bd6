import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { deleteVersioned, updateVersioned } from '../../common/database/versioned-write';
import type { CustomFieldEntity, CustomFieldOption, CustomFieldType, Labels } from './custom-fields.values';

export interface CustomFieldRow {
  id: string;
  entity: CustomFieldEntity;
  key: string;
  type: CustomFieldType;
  required: boolean;
  labels: Labels;
  options: CustomFieldOption[];
  position: number;
  active: boolean;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export interface CustomFieldChanges {
  required?: boolean;
  labels?: Labels;
  options?: CustomFieldOption[];
  position?: number;
  active?: boolean;
}

/** The tables whose `custom` column holds the values of each entity's fields. */
const VALUE_TABLES: Partial<Record<CustomFieldEntity, string>> = { contact: 'contacts', company: 'companies', deal: 'deals' };

const SELECT = `
  SELECT id, entity, key, type, required, labels, options, position, active, created_at, updated_at, version
    FROM custom_field_definitions`;

/** SQL for custom field definitions and the questions asked of the values records hold. */
@Injectable()
export class CustomFieldsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every definition of the entity (active or not), in form order. */
  list(entity: CustomFieldEntity, manager?: EntityManager): Promise<CustomFieldRow[]> {
    return (manager ?? this.dataSource).query(`${SELECT} WHERE entity = $1 ORDER BY position, key`, [entity]);
  }

  async find(id: string, manager?: EntityManager): Promise<CustomFieldRow | undefined> {
    const [row]: CustomFieldRow[] = await (manager ?? this.dataSource).query(`${SELECT} WHERE id = $1`, [id]);
    return row;
  }

  async keyTaken(manager: EntityManager, entity: CustomFieldEntity, key: string): Promise<boolean> {
    return (await manager.query('SELECT 1 FROM custom_field_definitions WHERE entity = $1 AND key = $2', [entity, key])).length > 0;
  }

  async insert(
    manager: EntityManager,
    field: { entity: CustomFieldEntity; key: string; type: CustomFieldType; required: boolean; labels: Labels; options: CustomFieldOption[]; position?: number; active: boolean; createdBy: string },
  ): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO custom_field_definitions (entity, key, type, required, labels, options, position, active, created_by)
       VALUES ($1::varchar, $2, $3, $4, $5, $6,
               coalesce($7::int, (SELECT coalesce(max(position) + 1, 0) FROM custom_field_definitions WHERE entity = $1::varchar)), $8, $9)
       RETURNING id`,
      [field.entity, field.key, field.type, field.required, JSON.stringify(field.labels), JSON.stringify(field.options), field.position ?? null, field.active, field.createdBy],
    );
    return id;
  }

  update(manager: EntityManager, id: string, version: number, changes: CustomFieldChanges): Promise<boolean> {
    return updateVersioned(manager, 'custom_field_definitions', id, version, {
      required: changes.required,
      labels: changes.labels && JSON.stringify(changes.labels),
      options: changes.options && JSON.stringify(changes.options),
      position: changes.position,
      active: changes.active,
    });
  }

  delete(manager: EntityManager, id: string, version: number): Promise<boolean> {
    return deleteVersioned(manager, 'custom_field_definitions', id, version);
  }

  /** How many records of the entity hold a value under `key` (any user's: a definition is global). */
  async countValues(manager: EntityManager, entity: CustomFieldEntity, key: string): Promise<number> {
    const table = VALUE_TABLES[entity];
    if (!table) {
      return 0;
    }
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM ${table} WHERE custom ? $1`, [key]);
    return n;
  }

  /** Which of `values` records of the entity still choose in the select or multiselect field `key`. */
  async optionsInUse(manager: EntityManager, entity: CustomFieldEntity, key: string, values: string[]): Promise<string[]> {
    const table = VALUE_TABLES[entity];
    if (!table || values.length === 0) {
      return [];
    }
    const rows: { value: string }[] = await manager.query(
      `SELECT v.value FROM unnest($2::text[]) AS v(value)
        WHERE EXISTS (SELECT 1 FROM ${table} t
                       WHERE t.custom @> jsonb_build_object($1::text, v.value)
                          OR t.custom @> jsonb_build_object($1::text, jsonb_build_array(v.value)))`,
      [key, values],
    );
    return rows.map((row) => row.value);
  }
}
