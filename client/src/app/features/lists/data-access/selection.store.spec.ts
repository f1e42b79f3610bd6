import { TestBed } from '@angular/core/testing';
import { MAX_SELECTION, SelectionStore } from './selection.store';

describe('SelectionStore', () => {
  let store: InstanceType<typeof SelectionStore>;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [SelectionStore] });
    store = TestBed.inject(SelectionStore);
  });

  it('picks rows of the page one by one, and all of the page or none', () => {
    store.setPage(['a', 'b', 'c']);
    expect(store.allOnPage()).toBe(false);
    expect(store.someOnPage()).toBe(false);

    store.toggle('b');
    expect(store.selected()).toEqual(['b']);
    expect(store.someOnPage()).toBe(true);
    expect(store.selectedSet().has('b')).toBe(true);

    store.toggleAll();
    expect(store.selected()).toEqual(['a', 'b', 'c']);
    expect(store.allOnPage()).toBe(true);
    expect(store.someOnPage()).toBe(false);
    expect(store.count()).toBe(3);

    store.toggleAll();
    expect(store.count()).toBe(0);
    store.toggle('c');
    store.toggle('c');
    expect(store.count()).toBe(0);
  });

  it('never keeps a row the page does not show: unknown ids are refused, a new page drops the picks it lost', () => {
    store.setPage(['a', 'b']);
    store.toggle('x');
    expect(store.count()).toBe(0);

    store.toggleAll();
    store.setPage(['b', 'c']);
    expect(store.selected()).toEqual(['b']);
    expect(store.someOnPage()).toBe(true);

    store.setPage([]);
    expect(store.count()).toBe(0);
    expect(store.allOnPage()).toBe(false);
  });

  it('says when more rows are picked than one reassignment takes, and clears', () => {
    const ids = Array.from({ length: MAX_SELECTION + 1 }, (_, i) => `id-${i}`);
    store.setPage(ids);
    store.toggleAll();
    expect(store.tooMany()).toBe(true);
    store.toggle('id-0');
    expect(store.tooMany()).toBe(false);
    store.clear();
    expect(store.count()).toBe(0);
  });
});
