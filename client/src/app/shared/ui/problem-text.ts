import type { TranslocoService } from '@jsverse/transloco';
import { problemCode } from '@app/core/api/problem';

/** The text key that explains a failed request: `errors.<problem code>` when there is one, else `errors.unknown`. */
export function problemTextKey(error: unknown, transloco: TranslocoService): string {
  const key = `errors.${problemCode(error)}`;
  return transloco.translate(key) === key ? 'errors.unknown' : key;
}
