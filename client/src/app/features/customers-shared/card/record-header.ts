import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { problemCode } from '@app/core/api/problem';
import { CrmDatePipe } from '@app/core/i18n/format.pipes';
import { pointHref } from '@app/features/contacts/ui/point-links';
import { Notify } from '@app/shared/ui/notify.service';
import type { RecordEntity } from '../data-access/activities-api';
import { RecordEvents } from '../data-access/record-events';
import { FollowUpDialog, FollowUpDialogData } from '../follow-up/follow-up-dialog';
import { QuickActions } from '../quick-actions/quick-actions';
import { CARD_STORE, CardRecord, FollowUp } from './card-record';

/** A key fact of one kind of record (a company's tax number, its industry): a translation key and the value. */
export interface CardFact {
  label: string;
  value: string;
}

/** How often an open card looks whether its follow-up became overdue. */
const CLOCK_TICK_MS = 30_000;

/**
 * The head of a contact or company card: the name, key facts, the follow-up (highlighted once its
 * time has passed, with "Done"), Call / E-mail links and the quick actions. Whatever the page
 * projects goes under the name (the contact's company, for one).
 */
@Component({
  selector: 'crm-record-header',
  imports: [TranslocoPipe, CrmDatePipe, MatButtonModule, MatIconModule, QuickActions],
  providers: [provideTranslocoScope('contacts', 'activities')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './record-header.html',
  styleUrl: './record-header.scss',
})
export class RecordHeader {
  private readonly card = inject(CARD_STORE);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(Notify);
  private readonly events = inject(RecordEvents);

  readonly entity = input.required<RecordEntity>();
  readonly record = input.required<CardRecord>();
  /** Facts of this kind of record, shown before the shared ones. */
  readonly facts = input<CardFact[]>([]);
  /** Whether the role may change the record: the follow-up can then be scheduled and cleared. */
  readonly canUpdate = input(false);
  /** The title of a record whose name the role may not read. */
  readonly untitled = input('contacts.detail.untitled');

  protected readonly pointHref = pointHref;
  private readonly now = signal(Date.now());
  protected readonly overdue = computed(() => {
    const at = this.record().nextStepAt;
    return !!this.record().nextStep && !!at && new Date(at).getTime() < this.now();
  });
  /** "Follow-up" needs both fields writable; a role limited to some fields gets the form instead. */
  protected readonly followUpShown = computed(() => 'nextStep' in this.record() && 'nextStepAt' in this.record());

  constructor() {
    const clock = setInterval(() => this.now.set(Date.now()), CLOCK_TICK_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(clock));
  }

  protected async schedule(): Promise<void> {
    const record = this.record();
    const data: FollowUpDialogData = {
      current: { nextStep: record.nextStep ?? null, nextStepAt: record.nextStepAt ?? null },
      save: (followUp) => this.save(followUp, 'activities.followUp.saved'),
    };
    await firstValueFrom(this.dialog.open<FollowUpDialog, FollowUpDialogData, FollowUp>(FollowUpDialog, { data, autoFocus: 'first-tabbable' }).afterClosed());
  }

  /** "Done": the follow-up is over; both fields are cleared. */
  protected async done(): Promise<void> {
    await this.save({ nextStep: null, nextStepAt: null }, 'activities.followUp.cleared').catch(() => undefined);
  }

  /**
   * Saves through the card's store and tells the timeline. Someone else's newer version (412) is
   * explained in the usual words and loaded, so the card shows what is true now.
   */
  private async save(followUp: FollowUp, message: string): Promise<void> {
    const [entity, id] = [this.entity(), this.record().id];
    try {
      await this.card.update(followUp);
      this.notify.success(message);
      this.events.changed(entity, id);
    } catch (error) {
      if (problemCode(error) !== 'validation') {
        this.notify.error(error);
      }
      if (problemCode(error) === 'version-mismatch') {
        await this.card.reload();
      }
      throw error;
    }
  }
}
