import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatStepper, MatStepperModule } from '@angular/material/stepper';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { LanguageService } from '@app/core/i18n/language.service';
import { CrmNumberPipe } from '@app/core/i18n/format.pipes';
import { Notify } from '@app/shared/ui/notify.service';
import { saveBlob } from '@app/shared/ui/save-file';
import { ImportWizardStore } from '../data-access/import-wizard.store';
import { DuplicateHandling, ImportEntity, ImportsApi } from '../data-access/imports-api';
import { ImportErrorsTable } from './import-errors-table';

const DUPLICATE_CHOICES: DuplicateHandling[] = ['skip', 'update', 'create'];
const SAMPLE_VALUES = 3;
const ERRORS_SHOWN = 50;

/**
 * Importing contacts or companies from a CSV, XLSX or vCard file: upload (drag and drop),
 * a target per column, a preview with the duplicate handling, the run with its progress, and
 * the result with the rows that were not imported.
 */
@Component({
  selector: 'crm-import-wizard-page',
  imports: [
    RouterLink, TranslocoPipe, CrmNumberPipe, MatStepperModule, MatButtonModule, MatIconModule, MatProgressBarModule,
    MatSelectModule, MatRadioModule, ImportErrorsTable,
  ],
  providers: [ImportWizardStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import-wizard.page.html',
  styleUrl: './import-wizard.page.scss',
})
export class ImportWizardPage {
  protected readonly store = inject(ImportWizardStore);
  private readonly api = inject(ImportsApi);
  private readonly notify = inject(Notify);
  private readonly transloco = inject(TranslocoService);
  private readonly language = inject(LanguageService);

  /** From the route's data: what the file's rows are. */
  readonly entity = input<ImportEntity>('contact');

  private readonly stepper = viewChild(MatStepper);
  protected readonly dragging = signal(false);
  protected readonly duplicateChoices = DUPLICATE_CHOICES;
  protected readonly listLink = computed(() => (this.entity() === 'company' ? '/companies' : '/contacts'));

  protected readonly columns = computed(() => {
    const upload = this.store.uploaded();
    if (!upload) {
      return [];
    }
    return upload.headers.map((header, i) => ({
      header,
      samples: upload.sampleRows.slice(0, SAMPLE_VALUES).map((row) => row[i] ?? '').filter((value) => value !== ''),
    }));
  });
  protected readonly targets = computed(() => this.store.uploaded()?.targets ?? []);
  /** Single-valued targets already chosen for another column are not offered again. */
  protected readonly takenTargets = computed(() => {
    const multi = new Set(this.targets().filter((t) => t.multi).map((t) => t.target));
    return new Set(this.store.mappedTargets().filter((target) => !multi.has(target)));
  });
  protected readonly failedRows = computed(() => (this.store.status()?.errors ?? []).slice(0, ERRORS_SHOWN));
  protected readonly errorText = this.notify.errorText(this.store.error);

  constructor() {
    effect(() => {
      const entity = this.entity();
      untracked(() => this.store.setEntity(entity));
    });
    // A finished run moves on to the result.
    effect(() => {
      if (this.store.finished()) {
        untracked(() => queueMicrotask(() => this.goTo(4)));
      }
    });
  }

  /** The label of a target in the user's language; custom fields bring their own labels. */
  protected readonly fieldLabel = (target: string): string => this.targetLabel(target);

  protected targetLabel(target: string): string {
    const custom = this.targets().find((t) => t.target === target)?.labels;
    if (custom) {
      return custom[this.language.current()] ?? custom['en'] ?? target.replace(/^custom\./, '');
    }
    const key = `imports.targets.${target}`;
    const text = this.transloco.translate(key);
    return text === key ? target : text;
  }

  protected chooseFile(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) {
      this.store.upload(file);
    }
  }

  protected dragOver(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(true);
  }

  protected drop(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    const file = event.dataTransfer?.files[0];
    if (file) {
      this.store.upload(file);
    }
  }

  protected toPreview(): void {
    this.store.preview();
    this.goTo(2);
  }

  protected changeDuplicates(choice: DuplicateHandling): void {
    this.store.setDuplicates(choice);
    this.store.preview();
  }

  protected start(): void {
    this.store.run();
    this.goTo(3);
  }

  protected downloadFailedRows(): void {
    const id = this.store.status()?.id;
    if (!id) {
      return;
    }
    this.api.failedRows(id).subscribe({
      next: (blob) => saveBlob(blob, 'failed-rows.csv'),
      error: (error: unknown) => this.notify.error(error),
    });
  }

  private goTo(index: number): void {
    const stepper = this.stepper();
    if (!stepper) {
      return;
    }
    // Steps before the target are done; the linear stepper lets the user go back to them only.
    stepper.steps.forEach((step, i) => {
      if (i < index) {
        step.completed = true;
      }
    });
    stepper.selectedIndex = index;
  }
}
