import { HttpEventType } from '@angular/common/http';
import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { catchError, EMPTY, filter, pipe, switchMap, takeWhile, tap, timer } from 'rxjs';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';
import { DuplicateHandling, ImportEntity, ImportPreview, ImportsApi, ImportStatus, ImportUpload } from './imports-api';

/** How often a running import's progress is asked for. */
export const POLL_MS = 1000;

interface ImportWizardState {
  entity: ImportEntity;
  uploaded: ImportUpload | null;
  /** Upload progress 0..100 while the file is on its way. */
  uploadPercent: number | null;
  /** header -> target; an empty target leaves the column out. */
  mapping: Record<string, string>;
  duplicates: DuplicateHandling;
  previewResult: ImportPreview | null;
  status: ImportStatus | null;
}

const initialState: ImportWizardState = {
  entity: 'contact',
  uploaded: null,
  uploadPercent: null,
  mapping: {},
  duplicates: 'skip',
  previewResult: null,
  status: null,
};

/**
 * The import wizard: upload, mapping (prefilled from the server's suggestions), preview, and a
 * run whose progress is polled until it is done or failed.
 */
export const ImportWizardStore = signalStore(
  withState(initialState),
  withCallState(),
  withComputed(({ mapping, status, uploaded }) => ({
    mappedTargets: computed(() => Object.values(mapping()).filter((target) => target !== '')),
    /** A name (or its parts) is mapped: the run would refuse otherwise. */
    nameMapped: computed(() => Object.values(mapping()).some((t) => t === 'name' || t === 'firstName' || t === 'lastName')),
    finished: computed(() => status()?.status === 'done' || status()?.status === 'failed'),
    running: computed(() => status()?.status === 'running'),
    progress: computed(() => {
      const current = status();
      return current === null || current.totalRows === 0 ? 0 : Math.round((100 * current.processedRows) / current.totalRows);
    }),
    headers: computed(() => uploaded()?.headers ?? []),
  })),
  withMethods((store, api = inject(ImportsApi)) => {
    const request = () => ({
      mapping: Object.fromEntries(Object.entries(store.mapping()).filter(([, target]) => target !== '')),
      options: { duplicates: store.duplicates() },
    });
    const poll = rxMethod<string>(
      pipe(
        switchMap((id) =>
          timer(POLL_MS, POLL_MS).pipe(
            switchMap(() => api.status(id)),
            tap((status) => patchState(store, { status })),
            takeWhile((status) => status.status === 'running'),
            catchError((error: unknown) => {
              patchState(store, setError(error));
              return EMPTY;
            }),
          ),
        ),
      ),
    );
    return {
      setEntity(entity: ImportEntity): void {
        patchState(store, { ...initialState, entity, callState: 'idle' });
      },
      upload: rxMethod<File>(
        pipe(
          tap(() => patchState(store, { uploaded: null, previewResult: null, status: null, uploadPercent: 0 }, setLoading())),
          switchMap((file) =>
            api.upload(store.entity(), file).pipe(
              tap((event) => {
                if (event.type === HttpEventType.UploadProgress && event.total) {
                  patchState(store, { uploadPercent: Math.round((100 * event.loaded) / event.total) });
                }
              }),
              filter((event) => event.type === HttpEventType.Response),
              tap((event) => {
                const uploaded = event.body as ImportUpload;
                const mapping = Object.fromEntries(uploaded.headers.map((header) => [header, uploaded.suggestedMapping[header] ?? '']));
                patchState(store, { uploaded, mapping, uploadPercent: null }, setLoaded());
              }),
              catchError((error: unknown) => {
                patchState(store, { uploadPercent: null }, setError(error));
                return EMPTY;
              }),
            ),
          ),
        ),
      ),
      map(header: string, target: string): void {
        patchState(store, { mapping: { ...store.mapping(), [header]: target }, previewResult: null });
      },
      setDuplicates(duplicates: DuplicateHandling): void {
        patchState(store, { duplicates });
      },
      preview: rxMethod<void>(
        pipe(
          filter(() => store.uploaded() !== null),
          tap(() => patchState(store, setLoading())),
          switchMap(() =>
            api.preview(store.uploaded()!.id, request()).pipe(
              tap((previewResult) => patchState(store, { previewResult }, setLoaded())),
              catchError((error: unknown) => {
                patchState(store, setError(error));
                return EMPTY;
              }),
            ),
          ),
        ),
      ),
      run: rxMethod<void>(
        pipe(
          filter(() => store.uploaded() !== null && store.status() === null),
          tap(() => patchState(store, setLoading())),
          switchMap(() =>
            api.run(store.uploaded()!.id, request()).pipe(
              tap((status) => {
                patchState(store, { status }, setLoaded());
                poll(status.id);
              }),
              catchError((error: unknown) => {
                patchState(store, setError(error));
                return EMPTY;
              }),
            ),
          ),
        ),
      ),
    };
  }),
);
