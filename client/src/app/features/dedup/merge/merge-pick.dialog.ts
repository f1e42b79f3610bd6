import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatListModule } from '@angular/material/list';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { Contact, ContactsApi } from '@app/features/contacts/data-access/contacts-api';

export interface MergePickData {
  /** The contact the menu was opened on; never offered as its own duplicate. */
  contact: Pick<Contact, 'id' | 'name'>;
}

const SEARCH_DELAY_MS = 250;

/** "Merge with…": finds the other contact by search; closes with its id. */
@Component({
  selector: 'crm-merge-pick-dialog',
  imports: [TranslocoPipe, MatDialogModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatListModule, MatProgressBarModule],
  providers: [provideTranslocoScope('dedup')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'dedup.pick.title' | transloco: { name: data.contact.name } }}</h2>
    <mat-dialog-content>
      <mat-form-field class="search">
        <mat-label>{{ 'dedup.pick.search' | transloco }}</mat-label>
        <input matInput type="search" autocomplete="off" cdkFocusInitial (input)="search($any($event.target).value)" data-testid="merge-pick-search" />
      </mat-form-field>
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
      <mat-action-list [attr.aria-label]="'dedup.pick.results' | transloco">
        @for (contact of results(); track contact.id) {
          <button mat-list-item type="button" (click)="pick(contact.id)">
            <span matListItemTitle>{{ contact.name }}</span>
            <span matListItemLine>{{ contact.phone ?? '' }} {{ contact.email ?? '' }} · {{ contact.ownerName }}</span>
          </button>
        } @empty {
          @if (searched() && !loading()) {
            <p>{{ 'common.noResults' | transloco }}</p>
          }
        }
      </mat-action-list>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button [mat-dialog-close]="undefined">{{ 'common.cancel' | transloco }}</button>
    </mat-dialog-actions>
  `,
  styles: `.search { width: 100%; }`,
})
export class MergePickDialog {
  protected readonly data = inject<MergePickData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<MergePickDialog, string | undefined>>(MatDialogRef);
  private readonly contacts = inject(ContactsApi);

  protected readonly results = signal<Contact[]>([]);
  protected readonly loading = signal(false);
  protected readonly searched = signal(false);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sequence = 0;

  protected search(text: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(text.trim()), SEARCH_DELAY_MS);
  }

  protected pick(id: string): void {
    this.ref.close(id);
  }

  private async run(q: string): Promise<void> {
    const mine = ++this.sequence;
    if (q === '') {
      this.results.set([]);
      this.searched.set(false);
      return;
    }
    this.loading.set(true);
    try {
      const page = await firstValueFrom(this.contacts.list({ q, limit: 10 }));
      if (mine === this.sequence) {
        this.results.set(page.items.filter((c) => c.id !== this.data.contact.id));
        this.searched.set(true);
      }
    } catch {
      if (mine === this.sequence) {
        this.results.set([]);
        this.searched.set(true);
      }
    } finally {
      if (mine === this.sequence) {
        this.loading.set(false);
      }
    }
  }
}

/** Opens "Merge with…" for a contact; the id of the chosen other contact, or undefined. */
export async function pickContactToMerge(dialog: MatDialog, contact: MergePickData['contact']): Promise<string | undefined> {
  return firstValueFrom(dialog.open<MergePickDialog, MergePickData, string | undefined>(MergePickDialog, { data: { contact }, width: '32rem' }).afterClosed());
}
