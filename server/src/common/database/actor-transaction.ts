import { DataSource, EntityManager } from 'typeorm';

/** Who causes a change: written into the transaction so the audit triggers can record it. */
export interface ChangeContext {
  actorId: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export const SYSTEM_CONTEXT: ChangeContext = { actorId: null };

/**
 * Runs `work` in a transaction whose settings name the actor, IP and request id; every audit
 * row a trigger writes in it carries them.
 */
export async function inActorTransaction<T>(
  dataSource: DataSource,
  context: ChangeContext,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await manager.query(
      `SELECT set_config('crm.actor_id', $1, true), set_config('crm.ip', $2, true), set_config('crm.request_id', $3, true)`,
      [context.actorId ?? '', context.ip ?? '', context.requestId ?? ''],
    );
    return work(manager);
  });
}
