import { Inject, Injectable } from '@nestjs/common';
import type { CountryCode } from 'libphonenumber-js';
import { isDeepStrictEqual } from 'node:util';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { inActorTransaction } from '../../common/database/actor-transaction';
import { AppError, ErrorCode, FieldError, forbidden, notFound, validationError } from '../../common/errors/app-error';
import { idempotent, IdempotentResult } from '../../common/idempotency/idempotency';
import { staleVersion } from '../../common/http/versioning';
import { Actor, changeContextOf } from '../auth/actor';
import type { SqlCondition } from '../permissions/permission-filter';
import type { Subject } from '../permissions/subjects';
import { phoneRegion } from './contact-points';
import { customFieldFilter, parseCustomFieldFilters } from './custom-fields.filter';
import { CustomFieldRow, CustomFieldsRepository } from './custom-fields.repository';
import {
  CustomFieldEntity, CustomFieldOption, CustomFieldShape, InvalidValue, isEmptyValue, Labels, LANGUAGES, normaliseValue,
} from './custom-fields.values';
import { CreateCustomFieldRequest, CustomFieldList, CustomFieldResponse, UpdateCustomFieldRequest } from './dto/custom-field.dto';

const SUBJECT_OF: Record<CustomFieldEntity, Subject> = { contact: 'Contact', company: 'Company', deal: 'Deal' };
const CHOICE_TYPES = new Set(['select', 'multiselect']);

/**
 * Custom field definitions (administered with `manage Settings`) and the one validation of the
 * values records carry in `custom`, which every create and update of such a record goes through.
 */
@Injectable()
export class CustomFieldsService {
  private readonly region: CountryCode;

  constructor(
    private readonly dataSource: DataSource,
    private readonly fields: CustomFieldsRepository,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'defaultPhoneRegion'>,
  ) {
    this.region = phoneRegion(config.defaultPhoneRegion) ?? 'AZ';
  }

  /** Every definition of the entity, for anyone who may read its records (forms and lists need them). */
  async list(actor: Actor, entity: CustomFieldEntity): Promise<CustomFieldList> {
    if (!actor.ability.can('read', SUBJECT_OF[entity])) {
      throw forbidden(`Your role does not allow reading ${SUBJECT_OF[entity]} records`);
    }
    return { items: (await this.fields.list(entity)).map(toCustomFieldResponse) };
  }

  async get(id: string): Promise<CustomFieldResponse> {
    const row = await this.fields.find(id);
    if (!row) {
      throw notFound('The custom field');
    }
    return toCustomFieldResponse(row);
  }

  async create(actor: Actor, request: CreateCustomFieldRequest, idempotencyKey?: string): Promise<IdempotentResult<CustomFieldResponse>> {
    const labels = checkedLabels(request.labels);
    const options = checkedOptions(request.type, request.options ?? []);
    return inActorTransaction(this.dataSource, changeContextOf(actor), (manager) =>
      idempotent(manager, { userId: actor.id, key: idempotencyKey, request, statusCode: 201 }, async () => {
        if (await this.fields.keyTaken(manager, request.entity, request.key)) {
          throw new AppError(ErrorCode.Conflict, `The ${request.entity} already has a field "${request.key}"`, { errors: [{ field: 'key', message: 'is taken' }] });
        }
        const id = await this.fields.insert(manager, {
          entity: request.entity,
          key: request.key,
          type: request.type,
          required: request.required ?? false,
          labels,
          options,
          position: request.position,
          active: request.active ?? true,
          createdBy: actor.id,
        });
        return toCustomFieldResponse((await this.fields.find(id, manager))!);
      }),
    );
  }

  async update(actor: Actor, id: string, version: number, request: Omit<UpdateCustomFieldRequest, 'version'>): Promise<CustomFieldResponse> {
    return inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      const current = await this.fields.find(id, manager);
      if (!current) {
        throw notFound('The custom field');
      }
      const labels = request.labels && checkedLabels(request.labels);
      const options = request.options && checkedOptions(current.type, request.options);
      if (options) {
        const removed = current.options.map((option) => option.value).filter((value) => !options.some((option) => option.value === value));
        const used = await this.fields.optionsInUse(manager, current.entity, current.key, removed);
        if (used.length > 0) {
          throw validationError([{ field: 'options', message: `records still choose ${used.join(', ')}; change them first` }]);
        }
      }
      const changed = await this.fields.update(manager, id, version, {
        required: request.required, labels, options, position: request.position, active: request.active,
      });
      if (!changed) {
        throw staleVersion();
      }
      return toCustomFieldResponse((await this.fields.find(id, manager))!);
    });
  }

  /** A field that records hold values of is not deleted (the values would be lost): deactivate it instead. */
  async delete(actor: Actor, id: string, version: number): Promise<void> {
    await inActorTransaction(this.dataSource, changeContextOf(actor), async (manager) => {
      const current = await this.fields.find(id, manager);
      if (!current) {
        throw notFound('The custom field');
      }
      const inUse = await this.fields.countValues(manager, current.entity, current.key);
      if (inUse > 0) {
        throw new AppError(ErrorCode.Conflict, `${inUse} record(s) hold a value of "${current.key}"; deactivate the field instead of deleting it`);
      }
      if (!(await this.fields.delete(manager, id, version))) {
        throw staleVersion();
      }
    });
  }

  /**
   * Checks and normalises the `custom` of a record being created or changed, in the writing
   * transaction. A change merges into `current`: keys sent replace, `null` (or an empty value)
   * clears, keys not sent stay. Unknown keys, values of the wrong type, and required fields left
   * empty answer 400 naming `custom.<key>`. Returns the object to store.
   */
  async validate(
    manager: EntityManager,
    entity: CustomFieldEntity,
    custom: Record<string, unknown>,
    mode: 'create' | 'update',
    current: Record<string, unknown> = {},
  ): Promise<Record<string, unknown>> {
    const definitions = new Map((await this.fields.list(entity, manager)).map((row) => [row.key, row]));
    const result: Record<string, unknown> = mode === 'update' ? { ...current } : {};
    const errors: FieldError[] = [];
    for (const [key, value] of Object.entries(custom)) {
      const field = definitions.get(key);
      if (!field) {
        errors.push({ field: `custom.${key}`, message: 'is not a custom field' });
        continue;
      }
      if (isEmptyValue(value)) {
        delete result[key];
        continue;
      }
      if (!field.active) {
        // Values of a deactivated field stay as they were; they can be cleared but not changed.
        if (!isDeepStrictEqual(value, current[key])) {
          errors.push({ field: `custom.${key}`, message: 'is no longer in use' });
        }
        continue;
      }
      try {
        result[key] = normaliseValue(field, value, this.region);
      } catch (error) {
        if (!(error instanceof InvalidValue)) {
          throw error;
        }
        errors.push({ field: `custom.${key}`, message: error.message });
      }
    }
    for (const field of definitions.values()) {
      const checked = mode === 'create' || field.key in custom;
      if (field.active && field.required && checked && isEmptyValue(result[field.key]) && !errors.some((e) => e.field === `custom.${field.key}`)) {
        errors.push({ field: `custom.${field.key}`, message: 'is required' });
      }
    }
    if (errors.length > 0) {
      throw validationError(errors);
    }
    return result;
  }

  /**
   * The list condition for `cf` filters of a list query (undefined when there are none), for the
   * repository's `whereRaw`. Inactive fields can be filtered too: their values are still in records.
   */
  async listFilter(entity: CustomFieldEntity, raw: readonly string[] | undefined): Promise<((nextParam: number) => SqlCondition) | undefined> {
    if (!raw || raw.length === 0) {
      return undefined;
    }
    const terms = parseCustomFieldFilters(raw);
    const definitions: CustomFieldShape[] = await this.fields.list(entity);
    // Built now, so that a bad filter answers 400 before any query runs.
    customFieldFilter(entity, definitions, terms, 1, this.region);
    return (nextParam) => customFieldFilter(entity, definitions, terms, nextParam, this.region);
  }
}

export function toCustomFieldResponse(row: CustomFieldRow): CustomFieldResponse {
  return {
    id: row.id,
    entity: row.entity,
    key: row.key,
    type: row.type,
    required: row.required,
    labels: row.labels,
    options: row.options,
    position: row.position,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** Labels with empty languages left out; at least one language must remain. */
function checkedLabels(labels: Labels, field = 'labels'): Labels {
  const kept: Labels = {};
  for (const language of LANGUAGES) {
    const text = labels[language]?.trim();
    if (text) {
      kept[language] = text;
    }
  }
  if (Object.keys(kept).length === 0) {
    throw validationError([{ field, message: 'must name the field in at least one language' }]);
  }
  return kept;
}

function checkedOptions(type: string, options: CustomFieldOption[]): CustomFieldOption[] {
  if (!CHOICE_TYPES.has(type)) {
    if (options.length > 0) {
      throw validationError([{ field: 'options', message: `only select and multiselect fields have options` }]);
    }
    return [];
  }
  if (options.length === 0) {
    throw validationError([{ field: 'options', message: 'a select field needs at least one option' }]);
  }
  const values = options.map((option) => option.value);
  const repeated = values.filter((value, index) => values.indexOf(value) !== index);
  if (repeated.length > 0) {
    throw validationError([{ field: 'options', message: `values must be unique: ${[...new Set(repeated)].join(', ')}` }]);
  }
  return options.map((option, index) => ({ value: option.value, labels: checkedLabels(option.labels, `options.${index}.labels`) }));
}
