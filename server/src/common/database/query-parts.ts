/** Collects WHERE conditions and their positional parameters for a hand-written query. */
export class QueryParts {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  /** Adds a parameter and returns its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Adds a condition; `sql` receives the placeholder of `value`. */
  where(sql: (placeholder: string) => string, value: unknown): this {
    this.conditions.push(sql(this.param(value)));
    return this;
  }

  /** Adds a condition that brings its own parameters numbered from `nextParam`. */
  whereRaw(condition: { sql: string; params: unknown[] } | ((nextParam: number) => { sql: string; params: unknown[] })): this {
    const built = typeof condition === 'function' ? condition(this.params.length + 1) : condition;
    this.params.push(...built.params);
    this.conditions.push(built.sql);
    return this;
  }

  get nextParam(): number {
    return this.params.length + 1;
  }

  get sql(): string {
    return this.conditions.length > 0 ? this.conditions.join(' AND ') : 'TRUE';
  }
}

/** Escapes LIKE wildcards so that user text matches literally. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, '\\$&');
