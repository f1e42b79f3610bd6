import { computed, inject } from '@angular/core';
import { signalStore, withComputed, withMethods } from '@ngrx/signals';
import { ActivitiesApi, TIMELINE_TYPES, TimelineItem, TimelineType } from './activities-api';
import { withRecordPages } from './with-record-pages';

export const TIMELINE_PAGE_SIZE = 25;

/** The timeline of one contact or company: activities and changes, newest first, page by page, filtered by type. */
export const RecordTimelineStore = signalStore(
  // The filter is the types shown; all of them means no filter.
  withRecordPages<TimelineItem, TimelineType[]>(() => {
    const api = inject(ActivitiesApi);
    return (entity, recordId, cursor, types) =>
      api.timeline(entity, recordId, {
        limit: TIMELINE_PAGE_SIZE,
        cursor: cursor ?? undefined,
        types: types.length < TIMELINE_TYPES.length ? types.join(',') : undefined,
      });
  }, [...TIMELINE_TYPES]),
  withComputed(({ filter }) => ({
    types: computed(() => filter()),
    filtered: computed(() => filter().length < TIMELINE_TYPES.length),
  })),
  withMethods(({ setFilter }) => ({
    /** Shows only these types (none selected is treated as all). */
    setTypes(types: TimelineType[]): void {
      setFilter(types.length === 0 ? [...TIMELINE_TYPES] : TIMELINE_TYPES.filter((type) => types.includes(type)));
    },
  })),
);
