import { HttpClient, HttpEventType, HttpParams } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { Subscription } from 'rxjs';
import { queryParams } from '@app/core/api/request';
import { AuthStore } from '@app/core/auth/auth.store';
import { Notify } from '@app/shared/ui/notify.service';
import { saveBlob } from '@app/shared/ui/save-file';

export type ExportResource = 'contacts' | 'companies' | 'deals';
export type ExportFormat = 'csv' | 'xlsx';

const SUBJECT = { contacts: 'Contact', companies: 'Company', deals: 'Deal' } as const;
/** Lists with an import wizard. */
const IMPORTABLE: ReadonlySet<ExportResource> = new Set(['contacts', 'companies']);

/**
 * Export (CSV or XLSX) of a list with its current filters, with download progress, and the way
 * to the import wizard where the list has one. Shows only what the role allows.
 */
@Component({
  selector: 'crm-export-menu',
  imports: [RouterLink, TranslocoPipe, MatButtonModule, MatIconModule, MatMenuModule, MatProgressBarModule],
  providers: [provideTranslocoScope('imports')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (canExport() || canImport()) {
      <button mat-stroked-button type="button" [matMenuTriggerFor]="menu" [disabled]="downloading()" data-testid="export-menu">
        <mat-icon>import_export</mat-icon>{{ 'imports.menu.label' | transloco }}
      </button>
      <mat-menu #menu="matMenu">
        @if (canExport()) {
          <button mat-menu-item type="button" (click)="download('csv')" data-testid="export-csv">
            <mat-icon>description</mat-icon>{{ 'imports.menu.csv' | transloco }}
          </button>
          <button mat-menu-item type="button" (click)="download('xlsx')" data-testid="export-xlsx">
            <mat-icon>table_view</mat-icon>{{ 'imports.menu.xlsx' | transloco }}
          </button>
        }
        @if (canImport()) {
          <a mat-menu-item [routerLink]="importLink()" data-testid="import-link">
            <mat-icon>upload_file</mat-icon>{{ 'imports.menu.import' | transloco }}
          </a>
        }
      </mat-menu>
      @if (downloading()) {
        <mat-progress-bar class="progress" [mode]="percent() === null ? 'indeterminate' : 'determinate'" [value]="percent() ?? 0"
          [attr.aria-label]="'imports.menu.downloading' | transloco" />
      }
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-direction: column;
      gap: 4px;
    }
    .progress {
      width: 100%;
    }
  `,
})
export class ExportMenu {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthStore);
  private readonly notify = inject(Notify);
  private readonly destroyRef = inject(DestroyRef);

  readonly resource = input.required<ExportResource>();
  /** The list's current filters and sort. */
  readonly query = input<object>({});
  /** Where the import wizard of this list lives, relative to the list. */
  readonly importLink = input<string>('import');

  protected readonly canExport = computed(() => this.auth.ability().can('export', SUBJECT[this.resource()]));
  protected readonly canImport = computed(() => IMPORTABLE.has(this.resource()) && this.auth.ability().can('create', SUBJECT[this.resource()]));
  protected readonly downloading = signal(false);
  /** Percent of the file received, when the server told its size; a streamed export does not. */
  protected readonly percent = signal<number | null>(null);
  private running?: Subscription;

  protected download(format: ExportFormat): void {
    this.running?.unsubscribe();
    this.downloading.set(true);
    this.percent.set(null);
    const params = new HttpParams({ fromObject: { ...queryParams(this.query()), format } });
    this.running = this.http
      .get(`/api/v1/${this.resource()}/export`, { params, responseType: 'blob', reportProgress: true, observe: 'events' })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (event) => {
          if (event.type === HttpEventType.DownloadProgress && event.total) {
            this.percent.set(Math.round((100 * event.loaded) / event.total));
          } else if (event.type === HttpEventType.Response && event.body) {
            saveBlob(event.body, fileNameOf(event.headers.get('Content-Disposition')) ?? `${this.resource()}.${format}`);
            this.downloading.set(false);
          }
        },
        error: (error: unknown) => {
          this.downloading.set(false);
          this.notify.error(error);
        },
      });
  }
}

function fileNameOf(disposition: string | null): string | undefined {
  return disposition ? /filename="([^"]+)"/.exec(disposition)?.[1] : undefined;
}
