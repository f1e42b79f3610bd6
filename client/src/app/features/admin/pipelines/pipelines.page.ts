import { CdkDrag, CdkDragDrop, CdkDragHandle, CdkDropList, moveItemInArray } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { applyProblemToForm, problemCode } from '@app/core/api/problem';
import { AuthStore } from '@app/core/auth/auth.store';
import { LanguageService } from '@app/core/i18n/language.service';
import type { LostReason, Pipeline, StageInput, StageKind } from '@app/features/deals/data-access/deals-api';
import { labelOf } from '@app/features/deals/data-access/labels';
import { confirmAction } from '@app/shared/ui/confirm-dialog';
import { FieldErrors } from '@app/shared/ui/field-errors';
import { Notify } from '@app/shared/ui/notify.service';
import { AdminListStatus } from '../list-status';
import { PipelinesAdminStore } from './pipelines-admin.store';

const LANGS = ['az', 'tr', 'en', 'ru'] as const;
type Lang = (typeof LANGS)[number];
const KINDS: readonly StageKind[] = ['open', 'won', 'lost'];

type LabelsForm = FormGroup<Record<Lang, FormControl<string>>>;
const labelsGroup = (labels: Partial<Record<Lang, string>> = {}): LabelsForm =>
  new FormGroup({
    az: new FormControl(labels.az ?? '', { nonNullable: true }),
    tr: new FormControl(labels.tr ?? '', { nonNullable: true }),
    en: new FormControl(labels.en ?? '', { nonNullable: true }),
    ru: new FormControl(labels.ru ?? '', { nonNullable: true }),
  });
/** Only the languages filled in: the name stands for the others. */
const labelValues = (form: LabelsForm): Partial<Record<Lang, string>> =>
  Object.fromEntries(Object.entries(form.getRawValue()).map(([lang, text]) => [lang, text.trim()]).filter(([, text]) => text !== ''));

type StageForm = FormGroup<{ id: FormControl<string | null>; name: FormControl<string>; labels: LabelsForm; probability: FormControl<number>; kind: FormControl<StageKind> }>;
const stageGroup = (stage?: Partial<StageInput>): StageForm =>
  new FormGroup({
    id: new FormControl<string | null>(stage?.id ?? null),
    name: new FormControl(stage?.name ?? '', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    labels: labelsGroup(stage?.labels),
    probability: new FormControl(stage?.probability ?? 10, { nonNullable: true, validators: [Validators.required, Validators.min(0), Validators.max(100)] }),
    kind: new FormControl<StageKind>(stage?.kind ?? 'open', { nonNullable: true }),
  });

type ReasonForm = FormGroup<{ name: FormControl<string>; labels: LabelsForm }>;

/**
 * Administration of the sales pipelines (`/admin/pipelines`): each pipeline's name and labels,
 * the days after which a silent deal counts as stale, and its stages in order (drag or the
 * arrows to reorder; name and labels per language, probability, kind); new pipelines, archiving;
 * and the lost reasons.
 */
@Component({
  selector: 'crm-admin-pipelines-page',
  imports: [
    ReactiveFormsModule, TranslocoPipe, FieldErrors, AdminListStatus, CdkDropList, CdkDrag, CdkDragHandle,
    MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule,
  ],
  providers: [PipelinesAdminStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './pipelines.page.html',
  styleUrl: './pipelines.page.scss',
})
export class PipelinesPage {
  protected readonly store = inject(PipelinesAdminStore);
  private readonly notify = inject(Notify);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);
  private readonly language = inject(LanguageService);

  protected readonly langs = LANGS;
  protected readonly kinds = KINDS;
  protected readonly canManage = computed(() => this.auth.ability().can('update', 'Pipeline'));
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    labels: labelsGroup(),
    staleAfterDays: new FormControl(14, { nonNullable: true, validators: [Validators.required, Validators.min(1), Validators.max(365)] }),
    stages: new FormArray<StageForm>([]),
  });
  protected readonly newReason: ReasonForm = new FormGroup({ name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }), labels: labelsGroup() });
  protected readonly reasonForms = computed(() =>
    this.store.lostReasons().map((reason) => ({ reason, form: new FormGroup({ name: new FormControl(reason.name, { nonNullable: true, validators: [Validators.required] }), labels: labelsGroup(reason.labels) }) as ReasonForm })),
  );

  constructor() {
    void this.store.load();
    effect(() => {
      const pipeline = this.store.selected();
      untracked(() => this.fill(pipeline));
    });
  }

  protected label(item: Pipeline | LostReason): string {
    return labelOf(item, this.language.current());
  }

  protected reorder(event: CdkDragDrop<unknown>): void {
    this.move(event.previousIndex, event.currentIndex);
  }

  /** The arrows beside each stage: the keyboard's way to reorder. */
  protected move(from: number, to: number): void {
    const stages = this.form.controls.stages;
    if (to < 0 || to >= stages.length || from === to) {
      return;
    }
    const controls = [...stages.controls];
    moveItemInArray(controls, from, to);
    stages.clear({ emitEvent: false });
    controls.forEach((control) => stages.push(control, { emitEvent: false }));
    stages.markAsDirty();
    stages.updateValueAndValidity();
  }

  protected addStage(): void {
    const stages = this.form.controls.stages;
    // New open stages go before the closing (won/lost) ones.
    const firstClosed = stages.controls.findIndex((stage) => stage.controls.kind.value !== 'open');
    stages.insert(firstClosed < 0 ? stages.length : firstClosed, stageGroup());
    stages.markAsDirty();
  }

  protected removeStage(index: number): void {
    this.form.controls.stages.removeAt(index);
    this.form.controls.stages.markAsDirty();
  }

  protected async save(): Promise<void> {
    const pipeline = this.store.selected();
    if (pipeline === null) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const raw = this.form.getRawValue();
    try {
      await this.store.updatePipeline(pipeline, {
        name: raw.name.trim(),
        labels: labelValues(this.form.controls.labels),
        staleAfterDays: raw.staleAfterDays,
        stages: this.form.controls.stages.controls.map((stage) => {
          const value = stage.getRawValue();
          return { ...(value.id ? { id: value.id } : {}), name: value.name.trim(), labels: labelValues(stage.controls.labels), probability: value.probability, kind: value.kind };
        }),
      });
      this.notify.success('deals.admin.saved');
    } catch (error) {
      this.explain(error);
    }
  }

  protected async toggleArchived(): Promise<void> {
    const pipeline = this.store.selected();
    if (pipeline === null) {
      return;
    }
    try {
      await this.store.updatePipeline(pipeline, { archived: !pipeline.archived });
      this.notify.success(pipeline.archived ? 'deals.admin.restored' : 'deals.admin.archived');
    } catch (error) {
      this.explain(error);
    }
  }

  protected async createPipeline(): Promise<void> {
    const name = this.transloco.translate('deals.admin.newName');
    try {
      await this.store.createPipeline({
        name,
        stages: [
          { name: this.transloco.translate('deals.admin.template.open'), probability: 20, kind: 'open' },
          { name: this.transloco.translate('deals.status.won'), probability: 100, kind: 'won' },
          { name: this.transloco.translate('deals.status.lost'), probability: 0, kind: 'lost' },
        ],
      });
      this.notify.success('deals.admin.created');
    } catch (error) {
      this.explain(error);
    }
  }

  protected async addReason(): Promise<void> {
    if (this.newReason.invalid) {
      this.newReason.markAllAsTouched();
      return;
    }
    try {
      await this.store.createReason({ name: this.newReason.controls.name.value.trim(), labels: labelValues(this.newReason.controls.labels) });
      this.newReason.reset();
      this.notify.success('deals.admin.reasonAdded');
    } catch (error) {
      this.explainOn(this.newReason, error);
    }
  }

  protected async saveReason(reason: LostReason, form: ReasonForm): Promise<void> {
    if (form.invalid) {
      form.markAllAsTouched();
      return;
    }
    try {
      await this.store.updateReason(reason, { name: form.controls.name.value.trim(), labels: labelValues(form.controls.labels) });
      this.notify.success('deals.admin.saved');
    } catch (error) {
      this.explainOn(form, error);
    }
  }

  protected async restoreReason(reason: LostReason): Promise<void> {
    try {
      await this.store.updateReason(reason, { archived: false });
    } catch (error) {
      this.explain(error);
    }
  }

  protected async removeReason(reason: LostReason): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.transloco.translate('deals.admin.removeReasonTitle'),
      message: this.transloco.translate('deals.admin.removeReasonText', { name: this.label(reason) }),
      confirm: this.transloco.translate('common.delete'),
    });
    if (!confirmed) {
      return;
    }
    try {
      await this.store.removeReason(reason);
    } catch (error) {
      this.explain(error);
    }
  }

  protected reload(): void {
    void this.store.load();
  }

  private fill(pipeline: Pipeline | null): void {
    this.form.reset({ name: pipeline?.name ?? '', labels: { az: '', tr: '', en: '', ru: '', ...(pipeline?.labels ?? {}) }, staleAfterDays: pipeline?.staleAfterDays ?? 14 });
    const stages = this.form.controls.stages;
    stages.clear({ emitEvent: false });
    for (const stage of pipeline?.stages ?? []) {
      stages.push(stageGroup(stage), { emitEvent: false });
    }
    stages.updateValueAndValidity();
  }

  /** Someone else's newer version is loaded; field errors go on their fields; the rest in a message. */
  private explain(error: unknown): void {
    this.explainOn(this.form, error);
  }

  private explainOn(form: FormGroup, error: unknown): void {
    if (problemCode(error) === 'version-mismatch') {
      this.notify.error(error);
      void this.store.load();
      return;
    }
    if (problemCode(error) === 'validation' && applyProblemToForm(form, error).length === 0) {
      return;
    }
    this.notify.error(error);
  }
}
