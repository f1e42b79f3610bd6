import { rulesToAST } from '@casl/ability/extra';
import { Condition, CompoundCondition, FieldCondition } from '@ucast/mongo2js';
import { AppAbility } from './ability';
import { Action, Subject } from './subjects';

/** A SQL boolean expression with positional parameters starting after the caller's own. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/** Maps the ability's field names (camelCase) to the SQL expressions of a query's columns. */
export type ColumnMap = Record<string, string>;

/**
 * The one place where permission rules become SQL. Returns the WHERE condition that keeps
 * exactly the rows of `subject` the ability allows for `action`; `FALSE` when it allows none.
 * Parameters are numbered from `firstParam`, so the condition can be appended to a query.
 */
export function permissionFilter(
  ability: AppAbility,
  action: Action,
  subject: Subject,
  columns: ColumnMap,
  firstParam = 1,
): SqlCondition {
  const ast = rulesToAST(ability, action, subject);
  if (ast === null) {
    return { sql: 'FALSE', params: [] };
  }
  const params: unknown[] = [];
  const sql = toSql(ast, columns, (value) => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  });
  return { sql, params };
}

function toSql(condition: Condition, columns: ColumnMap, param: (value: unknown) => string): string {
  if (condition instanceof CompoundCondition) {
    const compound = condition;
    if (compound.operator === 'and' || compound.operator === 'or') {
      if (compound.value.length === 0) {
        return compound.operator === 'and' ? 'TRUE' : 'FALSE';
      }
      const joiner = compound.operator === 'and' ? ' AND ' : ' OR ';
      return `(${compound.value.map((c) => toSql(c, columns, param)).join(joiner)})`;
    }
    if (compound.operator === 'not') {
      return `NOT (${compound.value.map((c) => toSql(c, columns, param)).join(' AND ')})`;
    }
  }
  const field = condition as FieldCondition;
  const column = columns[field.field];
  if (!column) {
    throw new Error(`permission rule uses field "${field.field}", which this query does not map to a column`);
  }
  switch (field.operator) {
    case 'eq':
      return field.value === null ? `${column} IS NULL` : `${column} = ${param(field.value)}`;
    case 'ne':
      return field.value === null ? `${column} IS NOT NULL` : `${column} IS DISTINCT FROM ${param(field.value)}`;
    case 'in':
      return `${column} = ANY(${param(field.value)})`;
    case 'nin':
      return `NOT (${column} = ANY(${param(field.value)}))`;
    default:
      throw new Error(`permission rule operator "${field.operator}" has no SQL translation`);
  }
}
