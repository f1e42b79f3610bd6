import { lineTotal, linesTotal } from './line-items';

describe('line item totals', () => {
  it('multiplies quantity by unit price and takes off the discount, to the cent', () => {
    expect(lineTotal({ name: 'Licence', quantity: 3, unitPrice: 19.99, discountPercent: 0 })).toBe(59.97);
    expect(lineTotal({ name: 'Licence', quantity: 3, unitPrice: 19.99, discountPercent: 10 })).toBe(53.97);
    expect(lineTotal({ name: 'Setup', quantity: 1.5, unitPrice: 100, discountPercent: 12.5 })).toBe(131.25);
  });

  it('counts an empty field as nothing and keeps the discount between 0 and 100 %', () => {
    expect(lineTotal({ name: '', quantity: null, unitPrice: 10, discountPercent: null })).toBe(0);
    expect(lineTotal({ name: '', quantity: 2, unitPrice: 10, discountPercent: 150 })).toBe(0);
  });

  it('adds the lines without floating-point dust', () => {
    const lines = [
      { name: 'a', quantity: 1, unitPrice: 0.1, discountPercent: 0 },
      { name: 'b', quantity: 1, unitPrice: 0.2, discountPercent: 0 },
    ];
    expect(linesTotal(lines)).toBe(0.3);
    expect(linesTotal([])).toBe(0);
  });
});
