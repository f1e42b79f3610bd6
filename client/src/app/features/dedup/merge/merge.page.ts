import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { Router, RouterLink } from '@angular/router';
import { provideTranslocoScope, TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { problemCode } from '@app/core/api/problem';
import { CrmDatePipe } from '@app/core/i18n/format.pipes';
import { Notify } from '@app/shared/ui/notify.service';
import { DedupEntity, MergePreviewRecord } from '../data-access/dedup-api';
import { MergeStore } from '../data-access/merge.store';

const DATE_FIELDS = new Set(['lastContactedAt']);

/**
 * Merge screen (`contacts/:id/merge?with=<id>`): the records side by side, a choice for every
 * field whose values differ, which record survives, what moves to it; then the merge.
 */
@Component({
  selector: 'crm-merge-page',
  imports: [RouterLink, TranslocoPipe, MatButtonModule, MatIconModule, MatProgressBarModule, MatRadioModule],
  providers: [MergeStore, provideTranslocoScope('dedup')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './merge.page.html',
  styleUrl: './merge.page.scss',
})
export class MergePage {
  protected readonly store = inject(MergeStore);
  private readonly router = inject(Router);
  private readonly notify = inject(Notify);
  private readonly transloco = inject(TranslocoService);
  /** Dates in the interface language, as in templates. */
  private readonly date = new CrmDatePipe();

  /** The route's `:id`: the record the user came from, the first survivor. */
  readonly id = input.required<string>();
  /** `?with=`: the record(s) to merge into it. */
  readonly with = input<string | string[]>();
  /** From the route's data. */
  readonly entity = input<DedupEntity>('contacts');

  protected readonly otherIds = computed(() => {
    const value = this.with();
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((id) => id !== this.id());
  });
  protected readonly columns = computed(() => `minmax(8rem, 12rem) repeat(${this.store.preview()?.records.length ?? 1}, minmax(10rem, 1fr))`);
  protected readonly sameCount = computed(() => (this.store.preview()?.fields.length ?? 0) - this.store.differing().length);
  protected readonly loadErrorText = this.notify.errorText(this.store.error);

  constructor() {
    effect(() => {
      const [id, others, entity] = [this.id(), this.otherIds(), this.entity()];
      if (others.length > 0) {
        untracked(() => void this.store.load(entity, id, others));
      }
    });
  }

  protected display(record: MergePreviewRecord, field: string): string {
    const value = record.values[field];
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
      return this.transloco.translate('dedup.merge.empty');
    }
    if (field === 'ownerId') {
      return record.ownerName;
    }
    if (typeof value === 'boolean') {
      return this.transloco.translate(value ? 'common.yes' : 'common.no');
    }
    if (DATE_FIELDS.has(field) && typeof value === 'string') {
      return this.date.transform(value);
    }
    if (Array.isArray(value)) {
      return value.map((item) => (typeof item === 'object' && item !== null ? Object.values(item).filter((v) => typeof v === 'string' && v !== '').join(', ') : String(item))).join('; ');
    }
    return String(value);
  }

  protected async confirm(): Promise<void> {
    try {
      const result = await this.store.merge();
      this.notify.success('dedup.merge.done', { count: result.mergedIds.length });
      await this.router.navigate(['/', this.entity(), result.survivorId], { replaceUrl: true });
    } catch (error) {
      if (problemCode(error) !== 'version-mismatch') {
        this.notify.error(error);
      }
    }
  }

  protected reload(): void {
    void this.store.load(this.entity(), this.store.survivorId() ?? this.id(), this.store.preview()?.records.map((r) => r.id).filter((id) => id !== (this.store.survivorId() ?? this.id())) ?? this.otherIds());
  }
}
