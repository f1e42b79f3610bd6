import type { MatDialog } from '@angular/material/dialog';
import type { TranslocoService } from '@jsverse/transloco';
import { problemCode } from '@app/core/api/problem';
import type { Schema } from '@app/core/api/schema';
import { confirmAction } from '@app/shared/ui/confirm-dialog';
import type { Notify } from '@app/shared/ui/notify.service';
import type { RolesStore } from '../data-access/roles.store';

export interface RoleRemovalDeps {
  store: InstanceType<typeof RolesStore>;
  dialog: MatDialog;
  transloco: TranslocoService;
  notify: Notify;
}

/** Deletes a custom role, from the list or from its editor: asks first, then says what happened. Resolves true when it is gone. */
export async function removeRole({ store, dialog, transloco, notify }: RoleRemovalDeps, role: Schema<'RoleResponse'>): Promise<boolean> {
  const confirmed = await confirmAction(dialog, {
    title: transloco.translate('admin.roles.confirmDelete.title', { name: role.label }),
    message: transloco.translate('admin.roles.confirmDelete.message'),
    confirm: transloco.translate('common.delete'),
  });
  if (!confirmed) {
    return false;
  }
  try {
    await store.delete(role);
    notify.success('admin.roles.deleted', { name: role.label });
    return true;
  } catch (error) {
    if (problemCode(error) === 'conflict') {
      // Someone was given the role meanwhile: say so, and show the new count.
      notify.success('admin.roles.stillHeld');
      void store.load();
    } else {
      notify.error(error);
    }
    return false;
  }
}
