import { AppError, ErrorCode } from '../errors/app-error';

/** The ETag of a record version. */
export const etagOf = (version: number): string => `"${version}"`;

/**
 * The version a PATCH or DELETE is based on: from `If-Match` or the body's `version`.
 * Missing answers 428; a malformed one 412, as a version nobody has.
 */
export function expectedVersion(ifMatch: string | undefined, bodyVersion?: number): number {
  if (ifMatch !== undefined && ifMatch !== '') {
    const match = /^(?:W\/)?"(\d+)"$/.exec(ifMatch.trim());
    if (!match) {
      throw new AppError(ErrorCode.VersionMismatch, 'If-Match must be the ETag of the record, e.g. "3"');
    }
    return Number(match[1]);
  }
  if (bodyVersion !== undefined) {
    return bodyVersion;
  }
  throw new AppError(ErrorCode.VersionRequired, 'Send the record version in If-Match (its ETag) or as "version" in the body');
}

export const staleVersion = (): AppError =>
  new AppError(ErrorCode.VersionMismatch, 'The record was changed by someone else since you loaded it; reload it and apply your change again');
