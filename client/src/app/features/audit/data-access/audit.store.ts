import { HttpEvent, HttpEventType, HttpResponse } from '@angular/common/http';
import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import { filter, lastValueFrom, map, Subscription, tap } from 'rxjs';
import { problemCode } from '@app/core/api/problem';
import type { Schema } from '@app/core/api/schema';
import { AuthStore } from '@app/core/auth/auth.store';
import { AuditApi, FileSaver, withReadableBody } from './audit.api';
import type { AuditEvent } from './audit-diff';
import { AuditFilters, ExportFormat, exportFileName, exportQuery, listQuery, sameFilters } from './audit-filters';

export type CallStatus = 'idle' | 'loading' | 'loaded' | 'error';

interface AuditState {
  /** The search the list shows; the page keeps it in its address. */
  filters: AuditFilters;
  events: AuditEvent[];
  nextCursor: string | null;
  status: CallStatus;
  error: unknown;
  moreStatus: CallStatus;
  moreError: unknown;
  /** The user the list was loaded for: another sign-in in the same tab starts afresh. */
  loadedFor: string | null;

  verifyStatus: CallStatus;
  verifyResult: Schema<'VerifyResponse'> | null;
  verifiedAt: string | null;
  verifyError: unknown;

  exporting: ExportFormat | null;
  exportedBytes: number;
  exportError: unknown;

  /** The event the detail page shows. `missing`: no such event, or not visible to this user. */
  selected: AuditEvent | null;
  selectedStatus: CallStatus | 'missing';
  selectedError: unknown;
  selectedActor: Schema<'UserResponse'> | null;
}

const initialState: AuditState = {
  filters: {},
  events: [],
  nextCursor: null,
  status: 'idle',
  error: null,
  moreStatus: 'idle',
  moreError: null,
  loadedFor: null,
  verifyStatus: 'idle',
  verifyResult: null,
  verifiedAt: null,
  verifyError: null,
  exporting: null,
  exportedBytes: 0,
  exportError: null,
  selected: null,
  selectedStatus: 'idle',
  selectedError: null,
  selectedActor: null,
};

const isResponse = (event: HttpEvent<Blob>): event is HttpResponse<Blob> => event.type === HttpEventType.Response;

/**
 * The audit log: the search with keyset paging, the hash-chain check, the export and the event
 * on the detail page. Provided on the audit routes, so going back from an event keeps the list.
 */
export const AuditStore = signalStore(
  withState(initialState),
  withComputed((store) => ({
    loading: computed(() => store.status() === 'loading'),
    loadingMore: computed(() => store.moreStatus() === 'loading'),
    hasMore: computed(() => store.status() === 'loaded' && store.nextCursor() !== null),
    empty: computed(() => store.status() === 'loaded' && store.events().length === 0),
    verifying: computed(() => store.verifyStatus() === 'loading'),
  })),
  withMethods((store, api = inject(AuditApi), saver = inject(FileSaver), auth = inject(AuthStore)) => {
    let listRequest: Subscription | undefined;
    let verifyRequest: Subscription | undefined;
    let selectRequest: Subscription | undefined;
    const userId = (): string | null => auth.user()?.id ?? null;

    function search(filters: AuditFilters, options: { force?: boolean } = {}): void {
      const current = sameFilters(filters, store.filters()) && store.loadedFor() === userId();
      if (current && !options.force && (store.status() === 'loading' || store.status() === 'loaded')) {
        return;
      }
      listRequest?.unsubscribe();
      patchState(store, { filters, events: [], nextCursor: null, status: 'loading', error: null, moreStatus: 'idle', moreError: null, loadedFor: userId() });
      listRequest = api.list(listQuery(filters)).subscribe({
        next: (page) => patchState(store, { events: page.items, nextCursor: page.nextCursor, status: 'loaded' }),
        error: (error: unknown) => patchState(store, { status: 'error', error }),
      });
    }

    function loadMore(): void {
      const cursor = store.nextCursor();
      if (cursor === null || store.status() !== 'loaded' || store.moreStatus() === 'loading') {
        return;
      }
      patchState(store, { moreStatus: 'loading', moreError: null });
      listRequest = api.list(listQuery(store.filters(), cursor)).subscribe({
        next: (page) => patchState(store, (state) => ({ events: [...state.events, ...page.items], nextCursor: page.nextCursor, moreStatus: 'loaded' as const })),
        error: (error: unknown) => patchState(store, { moreStatus: 'error', moreError: error }),
      });
    }

    function verify(): void {
      verifyRequest?.unsubscribe();
      patchState(store, { verifyStatus: 'loading', verifyError: null });
      verifyRequest = api.verify().subscribe({
        next: (result) => patchState(store, { verifyStatus: 'loaded', verifyResult: result, verifiedAt: new Date().toISOString() }),
        error: (error: unknown) => patchState(store, { verifyStatus: 'error', verifyError: error }),
      });
    }

    /** Downloads the events of the current search; true when the file was saved. */
    async function exportEvents(format: ExportFormat): Promise<boolean> {
      if (store.exporting() !== null) {
        return false;
      }
      const filters = store.filters();
      patchState(store, { exporting: format, exportedBytes: 0, exportError: null });
      try {
        const response = await lastValueFrom(
          api.export(exportQuery(filters, format)).pipe(
            tap((event) => {
              if (event.type === HttpEventType.DownloadProgress) {
                patchState(store, { exportedBytes: event.loaded });
              }
            }),
            filter(isResponse),
            map((event) => event.body ?? new Blob([])),
          ),
        );
        saver.save(response, exportFileName(format, filters, new Date()));
        patchState(store, { exporting: null });
        return true;
      } catch (error) {
        patchState(store, { exporting: null, exportError: await withReadableBody(error) });
        return false;
      }
    }

    /** Shows an event: at once when the list holds it, otherwise fetched (a shared link or a reload). */
    function open(id: string): void {
      selectRequest?.unsubscribe();
      const known = store.loadedFor() === userId() ? store.events().find((event) => event.id === id) : undefined;
      patchState(store, { selected: known ?? null, selectedStatus: known ? 'loaded' : 'loading', selectedError: null, selectedActor: null });
      if (known) {
        loadActor(known);
        return;
      }
      if (!/^\d{1,19}$/.test(id)) {
        patchState(store, { selectedStatus: 'missing' });
        return;
      }
      selectRequest = api.event(id).subscribe({
        next: (event) => {
          patchState(store, { selected: event, selectedStatus: 'loaded' });
          loadActor(event);
        },
        error: (error: unknown) =>
          problemCode(error) === 'not-found'
            ? patchState(store, { selectedStatus: 'missing' })
            : patchState(store, { selectedStatus: 'error', selectedError: error }),
      });
    }

    /** The actor's name for the detail page; the login the event carries is enough when it cannot be read. */
    function loadActor(event: AuditEvent): void {
      if (event.actorId === null) {
        return;
      }
      selectRequest = api.user(event.actorId).subscribe({
        next: (user) => {
          if (store.selected()?.id === event.id) {
            patchState(store, { selectedActor: user });
          }
        },
        error: () => undefined,
      });
    }

    return {
      search,
      loadMore,
      verify,
      exportEvents,
      open,
      retry(): void {
        if (store.status() === 'error' || store.status() === 'idle') {
          search(store.filters(), { force: true });
        } else if (store.moreStatus() === 'error') {
          loadMore();
        }
      },
      /** Verifies once per visit; "verify again" calls verify() itself. */
      verifyOnce(): void {
        if (store.verifyStatus() === 'idle') {
          verify();
        }
      },
      dismissExportError(): void {
        patchState(store, { exportError: null });
      },
      cancelAll(): void {
        listRequest?.unsubscribe();
        verifyRequest?.unsubscribe();
        selectRequest?.unsubscribe();
      },
    };
  }),
  withHooks({ onDestroy: (store) => store.cancelAll() }),
);
