import { ChangeDetectionStrategy, Component, inject, Injector, input, OnInit } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { ActivatedRoute, Router } from '@angular/router';
import { provideTranslocoScope, TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { confirmAction } from '@app/shared/ui/confirm-dialog';
import { Notify } from '@app/shared/ui/notify.service';
import { SavedViewDialog, SavedViewDialogData, SavedViewDialogResult } from './saved-view.dialog';
import { paramsOf, SavedView, SavedViewEntity, SavedViewsStore, viewQueryOf } from './saved-views.store';

/**
 * The saved views of a list: apply one (its query becomes the address), save the current list
 * as a view (private or shared with a team), rename or delete my own. Shared views show their team.
 */
@Component({
  selector: 'crm-saved-views-menu',
  imports: [MatButtonModule, MatMenuModule, MatIconModule, MatDividerModule, TranslocoPipe],
  providers: [provideTranslocoScope('views'), SavedViewsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button mat-stroked-button type="button" [matMenuTriggerFor]="menu" data-testid="saved-views">
      <mat-icon>bookmarks</mat-icon>{{ 'views.title' | transloco }}
    </button>
    <mat-menu #menu="matMenu">
      @for (view of store.mine(); track view.id) {
        <button mat-menu-item type="button" [matMenuTriggerFor]="own" [matMenuTriggerData]="{ view }">
          <mat-icon>{{ view.teamId ? 'group' : 'person' }}</mat-icon>
          <span>{{ view.name }}</span>
          @if (view.teamName) {
            <span class="team">· {{ view.teamName }}</span>
          }
        </button>
      }
      @for (view of store.shared(); track view.id) {
        <button mat-menu-item type="button" (click)="apply(view)">
          <mat-icon>group</mat-icon>
          <span>{{ view.name }}</span>
          <span class="team">· {{ 'views.sharedBy' | transloco: { team: view.teamName ?? '', owner: view.ownerName } }}</span>
        </button>
      }
      @if (store.loaded() && store.items().length === 0) {
        <p class="none" role="note">{{ 'views.none' | transloco }}</p>
      }
      <mat-divider />
      <button mat-menu-item type="button" (click)="saveCurrent()">
        <mat-icon>bookmark_add</mat-icon><span>{{ 'views.saveCurrent' | transloco }}</span>
      </button>
    </mat-menu>
    <mat-menu #own="matMenu">
      <ng-template matMenuContent let-view="view">
        <button mat-menu-item type="button" (click)="apply(view)"><mat-icon>filter_list</mat-icon><span>{{ 'views.apply' | transloco }}</span></button>
        <button mat-menu-item type="button" (click)="edit(view)"><mat-icon>edit</mat-icon><span>{{ 'views.edit' | transloco }}</span></button>
        <button mat-menu-item type="button" (click)="overwrite(view)"><mat-icon>save</mat-icon><span>{{ 'views.overwrite' | transloco }}</span></button>
        <button mat-menu-item type="button" (click)="remove(view)"><mat-icon>delete</mat-icon><span>{{ 'common.delete' | transloco }}</span></button>
      </ng-template>
    </mat-menu>
  `,
  styles: `
    .team { margin-inline-start: 6px; color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
    .none { margin: 8px 16px; color: var(--mat-sys-on-surface-variant); }
  `,
})
export class SavedViewsMenu implements OnInit {
  protected readonly store = inject(SavedViewsStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly notify = inject(Notify);
  private readonly transloco = inject(TranslocoService);

  readonly entity = input.required<SavedViewEntity>();

  ngOnInit(): void {
    void this.store.load(this.entity());
  }

  protected apply(view: SavedView): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: paramsOf(view.query) });
  }

  protected async saveCurrent(): Promise<void> {
    const result = await this.ask({ title: this.transloco.translate('views.saveTitle'), teams: [] });
    if (!result) {
      return;
    }
    try {
      await this.store.create(result.name, this.currentQuery(), result.teamId);
      this.notify.success('views.saved', { name: result.name });
    } catch (error) {
      this.notify.error(error);
    }
  }

  protected async edit(view: SavedView): Promise<void> {
    const result = await this.ask({ title: this.transloco.translate('views.editTitle'), name: view.name, teamId: view.teamId, teams: [] });
    if (!result) {
      return;
    }
    try {
      await this.store.update(view, result);
      this.notify.success('views.saved', { name: result.name });
    } catch (error) {
      this.notify.error(error);
    }
  }

  protected async overwrite(view: SavedView): Promise<void> {
    try {
      await this.store.update(view, { query: this.currentQuery() });
      this.notify.success('views.saved', { name: view.name });
    } catch (error) {
      this.notify.error(error);
    }
  }

  protected async remove(view: SavedView): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.transloco.translate('views.deleteTitle', { name: view.name }),
      message: this.transloco.translate('views.deleteMessage'),
      confirm: this.transloco.translate('common.delete'),
    });
    if (!confirmed) {
      return;
    }
    try {
      await this.store.delete(view);
      this.notify.success('views.deleted', { name: view.name });
    } catch (error) {
      this.notify.error(error);
    }
  }

  private currentQuery() {
    const params = this.route.snapshot.queryParamMap;
    return viewQueryOf(Object.fromEntries(params.keys.map((key) => [key, key === 'cf' ? params.getAll(key) : (params.get(key) ?? undefined)])));
  }

  private async ask(data: SavedViewDialogData): Promise<SavedViewDialogResult | undefined> {
    await this.store.loadTeams().catch(() => undefined);
    const ref = this.dialog.open<SavedViewDialog, SavedViewDialogData, SavedViewDialogResult>(SavedViewDialog, {
      data: { ...data, teams: this.store.teams() },
      injector: this.injector,
      width: '480px',
      maxWidth: '95vw',
    });
    return firstValueFrom(ref.afterClosed());
  }
}
