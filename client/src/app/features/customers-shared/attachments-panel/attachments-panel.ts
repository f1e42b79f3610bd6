import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { provideTranslocoScope, TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { CrmDatePipe, CrmNumberPipe } from '@app/core/i18n/format.pipes';
import { confirmAction } from '@app/shared/ui/confirm-dialog';
import { Notify } from '@app/shared/ui/notify.service';
import type { Attachment, RecordEntity } from '../data-access/activities-api';
import { AttachmentsStore } from '../data-access/attachments.store';
import { RecordEvents } from '../data-access/record-events';

/** A size in the unit that reads best: 532 B, 12.4 KB, 3.1 MB. */
export function fileSize(bytes: number): { value: number; unit: 'B' | 'KB' | 'MB' | 'GB' } {
  const units = ['B', 'KB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return { value: unit === 0 ? value : Math.round(value * 10) / 10, unit: units[unit] };
}

/** The files of a contact or company: upload (button or drop) with progress, list, download and delete. */
@Component({
  selector: 'crm-attachments',
  imports: [TranslocoPipe, CrmDatePipe, CrmNumberPipe, MatButtonModule, MatIconModule, MatProgressBarModule],
  providers: [AttachmentsStore, provideTranslocoScope('activities')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './attachments-panel.html',
  styleUrl: './attachments-panel.scss',
})
export class AttachmentsPanel {
  private readonly notify = inject(Notify);
  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);
  private readonly events = inject(RecordEvents);
  protected readonly store = inject(AttachmentsStore);

  readonly entity = input.required<RecordEntity>();
  readonly recordId = input.required<string>();
  readonly canEdit = input(false);

  protected readonly dragging = signal(false);
  protected readonly rows = computed(() => this.store.items().map((attachment) => ({ attachment, size: fileSize(attachment.sizeBytes) })));
  protected readonly errorText = this.notify.errorText(this.store.error);

  constructor() {
    effect(() => {
      const entity = this.entity();
      const id = this.recordId();
      untracked(() => void this.store.load(entity, id));
    });
  }

  protected picked(input: HTMLInputElement): void {
    const files = [...(input.files ?? [])];
    input.value = '';
    void this.uploadAll(files);
  }

  protected dragOver(event: DragEvent): void {
    if (this.canEdit() && event.dataTransfer?.types.includes('Files')) {
      event.preventDefault();
      this.dragging.set(true);
    }
  }

  protected dropped(event: DragEvent): void {
    this.dragging.set(false);
    if (!this.canEdit()) {
      return;
    }
    event.preventDefault();
    void this.uploadAll([...(event.dataTransfer?.files ?? [])]);
  }

  protected async download(attachment: Attachment): Promise<void> {
    try {
      await this.store.download(attachment);
    } catch (error) {
      this.notify.error(error);
    }
  }

  protected async remove(attachment: Attachment): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.transloco.translate('activities.attachments.deleteTitle'),
      message: this.transloco.translate('activities.attachments.deleteMessage', { name: attachment.fileName }),
      confirm: this.transloco.translate('common.delete'),
    });
    if (!confirmed) {
      return;
    }
    try {
      await this.store.remove(attachment);
      this.notify.success('activities.attachments.deleted');
      this.events.changed(this.entity(), this.recordId());
    } catch (error) {
      this.notify.error(error);
    }
  }

  /** One file after the other, so the progress bar tells about one file at a time. */
  private async uploadAll(files: File[]): Promise<void> {
    for (const file of files) {
      try {
        await this.store.upload(file);
        this.notify.success('activities.attachments.uploaded', { name: file.name });
        this.events.changed(this.entity(), this.recordId());
      } catch (error) {
        this.notify.error(error);
      }
    }
  }
}
