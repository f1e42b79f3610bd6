/** A line of a deal as the editor holds it. */
export interface LineValues {
  name: string;
  quantity: number | null;
  unitPrice: number | null;
  discountPercent: number | null;
}

const cents = (value: number): number => Math.round(value * 100);

/**
 * quantity × unit price less the discount, to the cent: what the form shows while typing. The
 * server computes the same (a generated column) and its figure is the one kept after saving.
 */
export function lineTotal(line: LineValues): number {
  const quantity = line.quantity ?? 0;
  const price = line.unitPrice ?? 0;
  const discount = Math.min(100, Math.max(0, line.discountPercent ?? 0));
  return cents(quantity * price * (1 - discount / 100)) / 100;
}

/** The sum of the lines, to the cent. */
export function linesTotal(lines: readonly LineValues[]): number {
  return lines.reduce((sum, line) => sum + cents(lineTotal(line)), 0) / 100;
}
