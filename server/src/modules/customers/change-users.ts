import type { FieldChangeResponse } from '../audit/dto/audit.dto';

/** Columns of the customer tables that hold a user's id. */
const USER_COLUMNS = ['owner_id'];

/**
 * The users a page of changes mentions: who made each change and the responsible person before
 * and after, so the page can name them instead of showing ids.
 */
export function usersMentioned(events: readonly { actorId: string | null; changes: Record<string, FieldChangeResponse> | null }[]): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    if (event.actorId !== null) {
      ids.add(event.actorId);
    }
    for (const column of USER_COLUMNS) {
      const change = event.changes?.[column];
      for (const value of [change?.old, change?.new]) {
        if (typeof value === 'string') {
          ids.add(value);
        }
      }
    }
  }
  return [...ids];
}
