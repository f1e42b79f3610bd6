import type { BoardColumn, DealListItem, MoneyTotal } from './deals-api';

/** Money in cents while adding, so that totals put back after a rollback are exactly the old ones. */
const cents = (value: number): number => Math.round(value * 100);
const fromCents = (value: number): number => value / 100;

/** A deal's amount × its stage's probability, to the cent; null without an amount. */
export function weighted(amount: number | null, probability: number): number | null {
  return amount === null ? null : fromCents(Math.round((cents(amount) * probability) / 100));
}

/**
 * The column totals with one deal added (`sign` 1) or taken away (-1). A currency whose deals all
 * left keeps no row of zeros.
 */
export function adjustTotals(totals: readonly MoneyTotal[], deal: Pick<DealListItem, 'amount' | 'currency' | 'weightedAmount'>, sign: 1 | -1): MoneyTotal[] {
  if (deal.amount === null) {
    return [...totals];
  }
  const amount = sign * cents(deal.amount);
  const weightedAmount = sign * cents(deal.weightedAmount ?? 0);
  const found = totals.some((total) => total.currency === deal.currency);
  const next = found
    ? totals.map((total) =>
        total.currency === deal.currency
          ? { currency: total.currency, amount: fromCents(cents(total.amount) + amount), weightedAmount: fromCents(cents(total.weightedAmount) + weightedAmount) }
          : total,
      )
    : [...totals, { currency: deal.currency, amount: fromCents(amount), weightedAmount: fromCents(weightedAmount) }];
  return next.filter((total) => total.amount !== 0 || total.weightedAmount !== 0);
}

/**
 * A column's weighted totals as the server computes them: each currency's amount × the stage's
 * probability, rounded once (not the sum of the deals' rounded weighted amounts).
 */
export function weighTotals(column: BoardColumn, probability: number): BoardColumn {
  return { ...column, totals: column.totals.map((total) => ({ ...total, weightedAmount: weighted(total.amount, probability) ?? 0 })) };
}

/** Where a deal is on the board: its column and place in it; null when it is not shown. */
export interface CardPlace {
  stageId: string;
  index: number;
}

export function findCard(columns: readonly BoardColumn[], dealId: string): (CardPlace & { deal: DealListItem }) | null {
  for (const column of columns) {
    const index = column.items.findIndex((item) => item.id === dealId);
    if (index >= 0) {
      return { stageId: column.stageId, index, deal: column.items[index] };
    }
  }
  return null;
}

/** The columns without the deal (count and totals less by it). */
export function takeCard(columns: readonly BoardColumn[], dealId: string): BoardColumn[] {
  return columns.map((column) => {
    const deal = column.items.find((item) => item.id === dealId);
    return deal === undefined
      ? column
      : { ...column, count: column.count - 1, totals: adjustTotals(column.totals, deal, -1), items: column.items.filter((item) => item.id !== dealId) };
  });
}

/** The columns with the deal put into a column at a place (count and totals more by it). */
export function putCard(columns: readonly BoardColumn[], deal: DealListItem, place: CardPlace): BoardColumn[] {
  return columns.map((column) => {
    if (column.stageId !== place.stageId) {
      return column;
    }
    const items = [...column.items];
    items.splice(Math.max(0, Math.min(place.index, items.length)), 0, deal);
    return { ...column, count: column.count + 1, totals: adjustTotals(column.totals, deal, 1), items };
  });
}

/** The card replaced in place by a newer version of itself, without touching counts or totals. */
export function replaceCard(columns: readonly BoardColumn[], deal: DealListItem): BoardColumn[] {
  return columns.map((column) => (column.items.some((item) => item.id === deal.id) ? { ...column, items: column.items.map((item) => (item.id === deal.id ? deal : item)) } : column));
}
