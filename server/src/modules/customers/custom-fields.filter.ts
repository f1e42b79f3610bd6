import type { CountryCode } from 'libphonenumber-js';
import { validationError } from '../../common/errors/app-error';
import { escapeLike } from '../../common/database/query-parts';
import type { SqlCondition } from '../permissions/permission-filter';
import { CustomFieldEntity, CustomFieldShape, CustomFieldType, InvalidValue, normaliseValue } from './custom-fields.values';

export const FILTER_OPS = ['eq', 'in', 'gte', 'lte', 'contains', 'empty'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

/** One `cf=<key>:<op>:<value>` of a list's query. */
export interface CustomFieldFilterTerm {
  key: string;
  op: FilterOp;
  value: string;
}

/** The operators each type of field can be filtered with. */
const OPS_BY_TYPE: Record<CustomFieldType, readonly FilterOp[]> = {
  text: ['eq', 'in', 'contains', 'empty'],
  url: ['eq', 'in', 'contains', 'empty'],
  phone: ['eq', 'in', 'contains', 'empty'],
  email: ['eq', 'in', 'contains', 'empty'],
  number: ['eq', 'in', 'gte', 'lte', 'empty'],
  money: ['eq', 'gte', 'lte', 'empty'],
  date: ['eq', 'gte', 'lte', 'empty'],
  select: ['eq', 'in', 'empty'],
  multiselect: ['eq', 'in', 'empty'],
  checkbox: ['eq', 'empty'],
};

/** The alias of the filtered table in the repositories' queries. */
const TABLE_ALIAS: Record<CustomFieldEntity, string> = { contact: 'c', company: 'co', deal: 'd' };

/** The field a problem with a filter is reported on: the query parameter. */
const FIELD = 'cf';

/** Splits the raw `cf` parameters; values may contain `:`, so only the first two separate. */
export function parseCustomFieldFilters(raw: readonly string[]): CustomFieldFilterTerm[] {
  return raw.map((term) => {
    const match = /^([a-z][a-z0-9_]*):([a-z]+)(?::(.*))?$/s.exec(term);
    if (!match) {
      throw validationError([{ field: FIELD, message: `"${term}" must look like <key>:<op>:<value>` }]);
    }
    const [, key, op, value] = match;
    if (!(FILTER_OPS as readonly string[]).includes(op)) {
      throw validationError([{ field: FIELD, message: `"${op}" is not an operator; use one of ${FILTER_OPS.join(', ')}` }]);
    }
    return { key, op: op as FilterOp, value: value ?? '' };
  });
}

/**
 * The SQL condition for filters on custom fields of `entity`, with parameters numbered from
 * `nextParam`, for `QueryParts.whereRaw`. Equality and `in` use jsonb containment (`@>`), which
 * the GIN index on `custom` serves; ranges compare typed values; `contains` folds letters like search.
 * Unknown keys, operators the type has no use for, and bad values answer 400 naming `cf`.
 */
export function customFieldFilter(
  entity: CustomFieldEntity,
  definitions: readonly CustomFieldShape[],
  filters: readonly CustomFieldFilterTerm[],
  nextParam: number,
  region: CountryCode,
): SqlCondition {
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${nextParam + params.length - 1}`;
  };
  const custom = `${TABLE_ALIAS[entity]}.custom`;
  const conditions = filters.map((filter) => {
    const field = definitions.find((definition) => definition.key === filter.key);
    if (!field) {
      throw validationError([{ field: FIELD, message: `"${filter.key}" is not a custom field` }]);
    }
    if (!OPS_BY_TYPE[field.type].includes(filter.op)) {
      throw validationError([{ field: FIELD, message: `${filter.key} (${field.type}) cannot be filtered with ${filter.op}` }]);
    }
    const contains = (value: unknown): string => `${custom} @> ${param(JSON.stringify({ [field.key]: field.type === 'multiselect' ? [value] : value }))}::jsonb`;
    switch (filter.op) {
      case 'eq':
        if (field.type === 'money') {
          return `${typed(custom, field, param)} = ${param(filterValue(field, filter.value, region))}`;
        }
        return contains(filterValue(field, filter.value, region));
      case 'in': {
        const values = filter.value.split(',').map((value) => filterValue(field, value, region));
        return `(${values.map(contains).join(' OR ')})`;
      }
      case 'gte':
      case 'lte':
        return `${typed(custom, field, param)} ${filter.op === 'gte' ? '>=' : '<='} ${param(filterValue(field, filter.value, region))}`;
      case 'contains':
        return `crm_fold(${custom} ->> ${param(field.key)}) LIKE '%' || crm_fold(${param(escapeLike(filter.value))}) || '%'`;
      case 'empty': {
        const empty = `coalesce(${custom} -> ${param(field.key)}, 'null') IN ('null'::jsonb, '[]'::jsonb, '""'::jsonb)`;
        return emptyWanted(filter.value) ? empty : `NOT ${empty}`;
      }
    }
  });
  return { sql: conditions.length > 0 ? conditions.map((condition) => `(${condition})`).join(' AND ') : 'TRUE', params };
}

/** A typed expression of the value for range comparisons; NULL when a stored value is not of the type. */
function typed(custom: string, field: CustomFieldShape, param: (value: unknown) => string): string {
  const key = param(field.key);
  switch (field.type) {
    case 'number':
      return `(CASE WHEN jsonb_typeof(${custom} -> ${key}) = 'number' THEN (${custom} ->> ${key})::numeric END)`;
    case 'money':
      return `(CASE WHEN jsonb_typeof(${custom} -> ${key} -> 'amount') = 'number' THEN (${custom} -> ${key} ->> 'amount')::numeric END)`;
    default:
      return `(CASE WHEN ${custom} ->> ${key} ~ '^\\d{4}-\\d{2}-\\d{2}$' THEN (${custom} ->> ${key})::date END)`;
  }
}

/** The filter's text as the stored form of a value, so that containment compares like with like. */
function filterValue(field: CustomFieldShape, text: string, region: CountryCode): unknown {
  try {
    switch (field.type) {
      case 'number':
      case 'money':
        return normaliseValue({ type: 'number', options: [] }, text, region);
      case 'checkbox':
        if (text !== 'true' && text !== 'false') {
          throw new InvalidValue('must be true or false');
        }
        return text === 'true';
      case 'multiselect':
        return normaliseValue({ type: 'select', options: field.options }, text, region);
      default:
        return normaliseValue(field, text, region);
    }
  } catch (error) {
    if (error instanceof InvalidValue) {
      throw validationError([{ field: FIELD, message: `${field.key}: "${text}" ${error.message}` }]);
    }
    throw error;
  }
}

function emptyWanted(text: string): boolean {
  if (text === '' || text === 'true') {
    return true;
  }
  if (text === 'false') {
    return false;
  }
  throw validationError([{ field: FIELD, message: 'empty takes true or false' }]);
}
