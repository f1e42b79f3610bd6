import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatListModule } from '@angular/material/list';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom, map, Observable } from 'rxjs';
import { CompaniesApi } from '@app/features/companies/data-access/companies-api';
import { ContactsApi } from '@app/features/contacts/data-access/contacts-api';
import type { DedupEntity } from '../data-access/dedup-api';

export interface MergePickData {
  entity: DedupEntity;
  /** The record the menu was opened on; never offered as its own duplicate. */
  record: { id: string; name?: string | null };
}

/** A record found by the search, as the list shows it. */
interface Found {
  id: string;
  name: string;
  detail: string;
}

const PICK_TEXTS: Record<DedupEntity, { search: string; results: string }> = {
  contacts: { search: 'dedup.pick.search', results: 'dedup.pick.results' },
  companies: { search: 'dedup.pick.searchCompanies', results: 'dedup.pick.resultsCompanies' },
};

const SEARCH_DELAY_MS = 250;

/** "Merge with…": finds the other contact or company by search; closes with its id. */
@Component({
  selector: 'crm-merge-pick-dialog',
  imports: [TranslocoPipe, MatDialogModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatListModule, MatProgressBarModule],
  providers: [provideTranslocoScope('dedup')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'dedup.pick.title' | transloco: { name: data.record.name ?? '' } }}</h2>
    <mat-dialog-content>
      <mat-form-field class="search">
        <mat-label>{{ texts.search | transloco }}</mat-label>
        <input matInput type="search" autocomplete="off" cdkFocusInitial (input)="search($any($event.target).value)" data-testid="merge-pick-search" />
      </mat-form-field>
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
      <mat-action-list [attr.aria-label]="texts.results | transloco">
        @for (found of results(); track found.id) {
          <button mat-list-item type="button" (click)="pick(found.id)">
            <span matListItemTitle>{{ found.name }}</span>
            <span matListItemLine>{{ found.detail }}</span>
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
  private readonly companies = inject(CompaniesApi);

  protected readonly texts = PICK_TEXTS[this.data.entity];
  protected readonly results = signal<Found[]>([]);
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
      const found = await firstValueFrom(this.find(q));
      if (mine === this.sequence) {
        this.results.set(found.filter((r) => r.id !== this.data.record.id));
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

  private find(q: string): Observable<Found[]> {
    const detail = (...parts: (string | null | undefined)[]): string => parts.filter((p) => !!p).join(' · ');
    if (this.data.entity === 'companies') {
      return this.companies.list({ q, limit: 10 }).pipe(map((page) => page.items.map((c) => ({ id: c.id, name: c.name, detail: detail(c.taxId, c.phone, c.ownerName) }))));
    }
    return this.contacts.list({ q, limit: 10 }).pipe(map((page) => page.items.map((c) => ({ id: c.id, name: c.name ?? '', detail: detail(c.phone, c.email, c.ownerName) }))));
  }
}

/** Opens "Merge with…" for a contact or company; the id of the chosen other record, or undefined. */
export async function pickRecordToMerge(dialog: MatDialog, data: MergePickData): Promise<string | undefined> {
  return firstValueFrom(dialog.open<MergePickDialog, MergePickData, string | undefined>(MergePickDialog, { data, width: '32rem' }).afterClosed());
}
