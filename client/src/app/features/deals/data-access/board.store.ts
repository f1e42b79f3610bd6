import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import { etagOf } from '@app/core/api/request';
import { problemCode } from '@app/core/api/problem';
import { setError, setLoaded, setLoading, withCallState } from '@app/shared/data-access/call-state';
import { CardPlace, findCard, putCard, replaceCard, takeCard, weighted, weighTotals } from './board-columns';
import { BoardColumn, DealFilters, DealListItem, DealsApi, LostReason, Pipeline, Stage } from './deals-api';

/** Cards per column on the first page and on each "Show more". */
export const COLUMN_PAGE = 20;

/** What a lost stage needs besides the stage: why the deal was lost. */
export interface LostDetails {
  lostReasonId: string;
  lostNote?: string;
}

/** How a move ended: it stayed, it went back (with the server's error), or it was no move at all. */
export type MoveResult = { outcome: 'moved' } | { outcome: 'unchanged' } | { outcome: 'rolledBack'; error: unknown; reloaded: boolean };

interface BoardState {
  pipelines: Pipeline[];
  lostReasons: LostReason[];
  pipelineId: string | null;
  filters: DealFilters;
  columns: BoardColumn[];
  /** Columns whose next page is on its way. */
  columnsLoading: string[];
  /** Deals whose move is on its way: their card waits before another move. */
  moving: string[];
}

const initialState: BoardState = { pipelines: [], lostReasons: [], pipelineId: null, filters: {}, columns: [], columnsLoading: [], moving: [] };

/**
 * The board of one pipeline: a column per stage with its first cards, counts and totals, more cards
 * per column on request, and moves between columns that show at once and go back, totals
 * included, when the server refuses them (412 someone else changed the deal; 403, 404, 400).
 */
export const BoardStore = signalStore(
  withState(initialState),
  withCallState(),
  withComputed(({ pipelines, pipelineId, lostReasons }) => {
    const pipeline = computed(() => pipelines().find((p) => p.id === pipelineId()) ?? null);
    return {
      pipeline,
      stages: computed<Stage[]>(() => pipeline()?.stages ?? []),
      activePipelines: computed(() => pipelines().filter((p) => !p.archived)),
      activeLostReasons: computed(() => lostReasons().filter((reason) => !reason.archived)),
    };
  }),
  withMethods((store) => {
    const api = inject(DealsApi);
    /** Answers of older board requests are dropped: only the latest pipeline and filters count. */
    let boardRequest = 0;

    const loadBoard = async (): Promise<void> => {
      const pipelineId = store.pipelineId();
      if (pipelineId === null) {
        return;
      }
      const request = ++boardRequest;
      patchState(store, setLoading());
      try {
        const board = await firstValueFrom(api.board(pipelineId, store.filters(), COLUMN_PAGE));
        if (request === boardRequest) {
          patchState(store, { columns: board.columns, columnsLoading: [] }, setLoaded());
        }
      } catch (error) {
        if (request === boardRequest) {
          patchState(store, { columns: [] }, setError(error));
        }
      }
    };

    const stageOf = (stageId: string): Stage | undefined => store.stages().find((stage) => stage.id === stageId);
    /** The columns of a move, their weighted totals as the server gives them. */
    const weighed = (columns: BoardColumn[], stageIds: string[]): BoardColumn[] =>
      columns.map((column) => (stageIds.includes(column.stageId) ? weighTotals(column, stageOf(column.stageId)?.probability ?? 0) : column));

    return {
      loadBoard,

      /** The pipelines and lost reasons, then the board of `pipelineId` (or the first active pipeline) with `filters`. */
      async open(pipelineId: string | null, filters: DealFilters): Promise<void> {
        patchState(store, setLoading());
        try {
          const [pipelines, lostReasons] = await Promise.all([firstValueFrom(api.pipelines()), firstValueFrom(api.lostReasons())]);
          const chosen = pipelines.find((p) => p.id === pipelineId) ?? pipelines.find((p) => !p.archived) ?? null;
          patchState(store, { pipelines, lostReasons, pipelineId: chosen?.id ?? null, filters });
        } catch (error) {
          patchState(store, setError(error));
          return;
        }
        await loadBoard();
      },

      /** Another pipeline or other filters: the board is read again. */
      async show(pipelineId: string | null, filters: DealFilters): Promise<void> {
        const chosen = store.pipelines().find((p) => p.id === pipelineId) ?? store.activePipelines()[0] ?? null;
        patchState(store, { pipelineId: chosen?.id ?? null, filters });
        await loadBoard();
      },

      /** The next cards of a column, after those already shown. */
      async loadMore(stageId: string): Promise<void> {
        const column = store.columns().find((c) => c.stageId === stageId);
        const pipelineId = store.pipelineId();
        if (column?.nextCursor === null || column === undefined || pipelineId === null || store.columnsLoading().includes(stageId)) {
          return;
        }
        patchState(store, { columnsLoading: [...store.columnsLoading(), stageId] });
        try {
          const page = await firstValueFrom(api.list({ ...store.filters(), pipelineId, stageId, cursor: column.nextCursor, limit: COLUMN_PAGE }));
          patchState(store, {
            columns: store.columns().map((c) => {
              if (c.stageId !== stageId) {
                return c;
              }
              const shown = new Set(c.items.map((item) => item.id));
              return { ...c, items: [...c.items, ...page.items.filter((item) => !shown.has(item.id))], nextCursor: page.nextCursor };
            }),
          });
        } finally {
          patchState(store, { columnsLoading: store.columnsLoading().filter((id) => id !== stageId) });
        }
      },

      /**
       * Moves a deal to another stage at once (count, amount and weighted amount follow), then asks
       * the server with the version the card showed. When the server refuses, the card goes back
       * to where it was; when someone else changed the deal (412), the board is read again.
       */
      async move(dealId: string, toStageId: string, toIndex: number, lost?: LostDetails): Promise<MoveResult> {
        const found = findCard(store.columns(), dealId);
        const stage = stageOf(toStageId);
        if (found === null || stage === undefined || found.stageId === toStageId || store.moving().includes(dealId)) {
          return { outcome: 'unchanged' };
        }
        const from: CardPlace = { stageId: found.stageId, index: found.index };
        const original = found.deal;
        const moved: DealListItem = {
          ...original,
          stageId: toStageId,
          probability: stage.probability,
          weightedAmount: weighted(original.amount, stage.probability),
          status: stage.kind,
          stageEnteredAt: new Date().toISOString(),
        };
        const touched = [from.stageId, toStageId];
        patchState(store, { columns: weighed(putCard(takeCard(store.columns(), dealId), moved, { stageId: toStageId, index: toIndex }), touched), moving: [...store.moving(), dealId] });
        try {
          const changes = lost === undefined ? { stageId: toStageId } : { stageId: toStageId, lostReasonId: lost.lostReasonId, ...(lost.lostNote ? { lostNote: lost.lostNote } : {}) };
          const saved = await firstValueFrom(api.update(dealId, etagOf(original.version), changes));
          // The server's numbers are the truth: the card is put again with them, in the place it took.
          const now = findCard(store.columns(), dealId);
          if (now !== null) {
            const server = toListItem(saved.record);
            patchState(store, {
              columns:
                server.amount === moved.amount && server.weightedAmount === moved.weightedAmount && server.currency === moved.currency
                  ? replaceCard(store.columns(), server)
                  : weighed(putCard(takeCard(store.columns(), dealId), server, { stageId: now.stageId, index: now.index }), touched),
            });
          }
          return { outcome: 'moved' };
        } catch (error) {
          // Only a card still where this move put it goes back (a board read meanwhile already shows the truth).
          if (findCard(store.columns(), dealId)?.stageId === toStageId) {
            patchState(store, { columns: weighed(putCard(takeCard(store.columns(), dealId), original, from), touched) });
          }
          const stale = problemCode(error) === 'version-mismatch';
          if (stale) {
            await loadBoard();
          }
          return { outcome: 'rolledBack', error, reloaded: stale };
        } finally {
          patchState(store, { moving: store.moving().filter((id) => id !== dealId) });
        }
      },
    };
  }),
);

/** The fields of a deal that its card on the board shows. */
export function toListItem(deal: DealListItem): DealListItem {
  return {
    id: deal.id, title: deal.title, amount: deal.amount, currency: deal.currency, expectedCloseDate: deal.expectedCloseDate,
    pipelineId: deal.pipelineId, stageId: deal.stageId, stageEnteredAt: deal.stageEnteredAt, probability: deal.probability,
    weightedAmount: deal.weightedAmount, status: deal.status, contactId: deal.contactId, contactName: deal.contactName,
    companyId: deal.companyId, companyName: deal.companyName, ownerId: deal.ownerId, ownerName: deal.ownerName, tags: deal.tags,
    lastContactedAt: deal.lastContactedAt, updatedAt: deal.updatedAt, version: deal.version,
  };
}
