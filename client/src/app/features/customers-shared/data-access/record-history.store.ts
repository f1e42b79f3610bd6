import { inject } from '@angular/core';
import { signalStore } from '@ngrx/signals';
import { ActivitiesApi, HistoryEvent } from './activities-api';
import { withRecordPages } from './with-record-pages';

export const HISTORY_PAGE_SIZE = 20;

/** The changes of one contact or company from the audit trail, newest first, page by page. */
export const RecordHistoryStore = signalStore(
  withRecordPages<HistoryEvent>(() => {
    const api = inject(ActivitiesApi);
    return (entity, recordId, cursor) => api.history(entity, recordId, { limit: HISTORY_PAGE_SIZE, cursor: cursor ?? undefined });
  }, null),
);
