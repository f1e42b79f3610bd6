import { computed } from '@angular/core';
import type { CustomField } from '@app/shared/custom-fields/custom-fields';
import { labelOf } from '@app/shared/custom-fields/custom-fields';

/** A column the chooser offers: a standard one (label is a text key) or a custom field (label is the text). */
export interface ColumnOption {
  id: string;
  label: string;
  custom: boolean;
}

/** The column that is always shown and leads every `columns` value. */
export const NAME_COLUMN = 'name';
const CUSTOM_PREFIX = 'cf.';

export const customColumnId = (key: string): string => `${CUSTOM_PREFIX}${key}`;

/** The custom field key of a column id, or null for a standard column. */
export const customKeyOf = (id: string): string | null => (id.startsWith(CUSTOM_PREFIX) ? id.slice(CUSTOM_PREFIX.length) : null);

/** The standard columns (text keys as labels), then the active custom fields labelled in `language`. */
export function columnOptions(standard: readonly { id: string; label: string }[], fields: readonly CustomField[], language: string): ColumnOption[] {
  return [
    ...standard.map((column) => ({ ...column, custom: false })),
    ...fields.filter((field) => field.active).map((field) => ({ id: customColumnId(field.key), label: labelOf(field.labels, language), custom: true })),
  ];
}

/**
 * The optional columns to show, in the order the chooser lists them: those the address's
 * `columns` names (the shown columns, name first), else the defaults. Unknown ids are ignored.
 */
export function chosenColumns(param: string | undefined, options: readonly ColumnOption[], defaults: readonly string[]): string[] {
  const wanted = new Set(param ? param.split(',').map((id) => id.trim()) : defaults);
  return options.map((option) => option.id).filter((id) => wanted.has(id));
}

/** The `columns` address value for a choice: absent when it is the default one. */
export function columnsParam(chosen: readonly string[], options: readonly ColumnOption[], defaults: readonly string[]): string | null {
  const ordered = options.map((option) => option.id).filter((id) => chosen.includes(id));
  const standard = options.map((option) => option.id).filter((id) => defaults.includes(id));
  return ordered.join() === standard.join() ? null : [NAME_COLUMN, ...ordered].join(',');
}

export interface ListColumnsConfig<R> {
  /** The optional standard columns in table order; labels are text keys. */
  standard: readonly { id: string; label: string }[];
  defaults: readonly string[];
  /** Columns whose field the role's field limits may leave out of every row. */
  limited: Readonly<Record<string, keyof R>>;
  /** The address's `columns`. */
  param: () => string | undefined;
  fields: () => readonly CustomField[];
  language: () => string;
  rows: () => readonly R[];
}

const sameIds = (a: readonly string[], b: readonly string[]): boolean => a.join() === b.join();

/** The column state of a list page, derived from the address, the custom fields and the rows. */
export function listColumns<R extends object>(config: ListColumnsConfig<R>) {
  const options = computed(() => columnOptions(config.standard, config.fields(), config.language()));
  const chosen = computed(() => chosenColumns(config.param(), options(), config.defaults), { equal: sameIds });
  return {
    options,
    chosen,
    defaults: [...config.defaults],
    /** The custom field columns chosen, with their definitions, for the table's column definitions. */
    custom: computed(() => {
      const byKey = new Map(config.fields().map((field) => [field.key, field]));
      return options().flatMap((option) => {
        const field = byKey.get(customKeyOf(option.id) ?? '');
        return field && chosen().includes(option.id) ? [{ id: option.id, label: option.label, field }] : [];
      });
    }),
    /** The chosen columns the rows have: a column the role may not read is absent from every row. */
    shown: computed(() => {
      const rows = config.rows();
      const readable = (field: keyof R | 'custom') => rows.length === 0 || rows.some((row) => field in row);
      return chosen().filter((id) => {
        const field = customKeyOf(id) !== null ? 'custom' : config.limited[id];
        return field === undefined || readable(field);
      });
    }, { equal: sameIds }),
    /** The `columns` address value of a new choice. */
    paramOf: (ids: readonly string[]): string | null => columnsParam(ids, options(), config.defaults),
  };
}
