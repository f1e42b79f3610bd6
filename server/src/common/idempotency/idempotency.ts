import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppError, ErrorCode, validationError } from '../errors/app-error';

export interface IdempotentResult<T> {
  body: T;
  /** True when the body is the stored answer of an earlier request with the same key. */
  replayed: boolean;
}

/**
 * Makes a create retry-safe: inside the create's transaction, claims `key` for the user; a
 * retry waits on the first request's row lock and then receives its stored answer.
 * A key reused with a different body answers 422.
 */
export async function idempotent<T>(
  manager: EntityManager,
  scope: { userId: string; key: string | undefined; request: unknown; statusCode: number },
  create: () => Promise<T>,
): Promise<IdempotentResult<T>> {
  if (scope.key === undefined) {
    return { body: await create(), replayed: false };
  }
  if (!/^[\x21-\x7e]{1,200}$/.test(scope.key)) {
    throw validationError([{ field: 'Idempotency-Key', message: 'must be 1-200 visible ASCII characters' }]);
  }
  const fingerprint = createHash('sha256').update(JSON.stringify(scope.request)).digest('hex');
  const claimed = await manager.query(
    `INSERT INTO idempotency_keys (user_id, key, fingerprint, status_code, response) VALUES ($1, $2, $3, 0, 'null')
     ON CONFLICT DO NOTHING RETURNING key`,
    [scope.userId, scope.key, fingerprint],
  );
  if (claimed.length === 0) {
    const [stored] = await manager.query('SELECT fingerprint, response FROM idempotency_keys WHERE user_id = $1 AND key = $2', [scope.userId, scope.key]);
    if (stored.fingerprint !== fingerprint) {
      throw new AppError(ErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was already used with a different request body');
    }
    return { body: stored.response as T, replayed: true };
  }
  const body = await create();
  await manager.query('UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2', [
    scope.userId,
    scope.key,
    scope.statusCode,
    JSON.stringify(body),
  ]);
  return { body, replayed: false };
}
