import { inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import type { Task } from '../data-access/tasks-api';
import type { TaskDialogData } from '../task-dialog/task-dialog';

/** The dialog is wider than Material's default: two or three fields side by side. */
export const TASK_DIALOG_SIZE = { width: '680px', maxWidth: '95vw' };

/**
 * A function that opens the task dialog and resolves with the saved task, null when it was
 * deleted, undefined when the dialog was cancelled. Call in an injection context. The dialog's code loads on first use: the top bar's
 * bell and the cards' quick actions should not make every page download it.
 */
export function injectTaskDialog(): (data: TaskDialogData) => Promise<Task | null | undefined> {
  const dialog = inject(MatDialog);
  return async (data) => {
    const { TaskDialog } = await import('../task-dialog/task-dialog');
    return firstValueFrom(dialog.open<InstanceType<typeof TaskDialog>, TaskDialogData, Task | null>(TaskDialog, { data, autoFocus: 'first-tabbable', ...TASK_DIALOG_SIZE }).afterClosed());
  };
}
