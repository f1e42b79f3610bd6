import { Injectable, signal } from '@angular/core';

/**
 * Tells the parts of a record's card that something was added from elsewhere on the card (a
 * logged call, an uploaded file, a saved next step), so the timeline reloads without the card
 * wiring them together.
 */
@Injectable({ providedIn: 'root' })
export class RecordEvents {
  private readonly revisions = signal<Record<string, number>>({});

  /** Changes whenever `changed` is called for this record. */
  revision(entity: string, id: string): number {
    return this.revisions()[`${entity}:${id}`] ?? 0;
  }

  changed(entity: string, id: string): void {
    const key = `${entity}:${id}`;
    this.revisions.update((all) => ({ ...all, [key]: (all[key] ?? 0) + 1 }));
  }
}
