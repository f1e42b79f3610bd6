import { chartsOf } from './pipeline-chart';

describe('chartsOf', () => {
  it('makes one chart per currency with a bar per row, in the server’s order, zero where a row has none of it', () => {
    const charts = chartsOf(
      {
        groupBy: 'stage',
        rows: [
          { key: 's1', label: 'Initial contact', count: 2, totals: [{ currency: 'USD', amount: 800, weightedAmount: 80 }, { currency: 'AZN', amount: 12500, weightedAmount: 1250 }] },
          { key: 's2', label: 'Proposal sent', count: 1, totals: [{ currency: 'AZN', amount: 1000, weightedAmount: 500 }] },
          { key: null, label: null, count: 1, totals: [{ currency: 'AZN', amount: 10, weightedAmount: 1 }] },
        ],
      },
      (key, fallback) => (key === 's1' ? 'İlk əlaqə' : fallback),
    );
    expect(charts).toEqual([
      { currency: 'AZN', data: [{ label: 'İlk əlaqə', value: 1250 }, { label: 'Proposal sent', value: 500 }, { label: '—', value: 1 }] },
      { currency: 'USD', data: [{ label: 'İlk əlaqə', value: 80 }, { label: 'Proposal sent', value: 0 }, { label: '—', value: 0 }] },
    ]);
  });

  it('has no chart without rows', () => {
    expect(chartsOf({ groupBy: 'owner', rows: [] }, (_key, fallback) => fallback)).toEqual([]);
  });
});
