import { HttpEventType } from '@angular/common/http';
import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom, lastValueFrom, tap } from 'rxjs';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';
import { ActivitiesApi, Attachment, RecordEntity } from './activities-api';

interface AttachmentsState {
  entity: RecordEntity;
  recordId: string | null;
  items: Attachment[];
  /** The file being uploaded and how far (0-100); null when none is. */
  uploading: { name: string; percent: number } | null;
}

const initialState: AttachmentsState = { entity: 'contact', recordId: null, items: [], uploading: null };

/** The files of one contact or company: list, upload with progress, download, delete. Failed writes reject. */
export const AttachmentsStore = signalStore(
  withState(initialState),
  withCallState(),
  withComputed(({ items, loaded }) => ({
    empty: computed(() => loaded() && items().length === 0),
  })),
  withMethods((store, api = inject(ActivitiesApi)) => {
    const load = async (): Promise<void> => {
      const recordId = store.recordId();
      if (recordId === null) {
        return;
      }
      patchState(store, setLoading());
      try {
        const page = await firstValueFrom(api.attachments(store.entity(), recordId));
        patchState(store, { items: page.items }, setLoaded());
      } catch (error) {
        patchState(store, setError(error));
      }
    };
    return {
      load(entity: RecordEntity, recordId: string): Promise<void> {
        patchState(store, { entity, recordId, items: [] });
        return load();
      },
      reload: load,

      async upload(file: File): Promise<Attachment> {
        const recordId = store.recordId();
        if (recordId === null) {
          throw new Error('No record is loaded');
        }
        patchState(store, { uploading: { name: file.name, percent: 0 } });
        try {
          const response = await lastValueFrom(
            api.upload(store.entity(), recordId, file).pipe(
              tap((event) => {
                if (event.type === HttpEventType.UploadProgress && event.total) {
                  patchState(store, { uploading: { name: file.name, percent: Math.round((100 * event.loaded) / event.total) } });
                }
              }),
            ),
          );
          const attachment = (response as { body: Attachment }).body;
          patchState(store, { items: [attachment, ...store.items()] });
          return attachment;
        } finally {
          patchState(store, { uploading: null });
        }
      },

      /** Fetches the file (the request carries the sign-in) and hands it to the browser as a download. */
      async download(attachment: Attachment): Promise<void> {
        const blob = await firstValueFrom(api.download(attachment.id));
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = attachment.fileName;
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      },

      async remove(attachment: Attachment): Promise<void> {
        await firstValueFrom(api.removeAttachment(attachment.id), { defaultValue: undefined });
        patchState(store, { items: store.items().filter((item) => item.id !== attachment.id) });
      },
    };
  }),
);
