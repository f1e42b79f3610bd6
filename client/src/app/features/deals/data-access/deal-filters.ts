import { ownerIdsOf } from '@app/features/lists/data-access/list-access';
import type { DealFilters } from './deals-api';

/** The board's and the list's filters as the address holds them (`owner` and `tag` comma lists). */
export interface DealFilterParams {
  q?: string;
  owner?: string;
  team?: string;
  from?: string;
  to?: string;
  tag?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const list = (value: string | undefined): string[] => (value ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');

/** The filters of an address; anything malformed in it is left out rather than sent. */
export function dealFiltersOf(params: DealFilterParams): DealFilters {
  const owners = ownerIdsOf(params.owner);
  const tags = list(params.tag);
  const q = (params.q ?? '').trim();
  return {
    ...(q === '' ? {} : { q }),
    ...(owners.length > 0 ? { ownerId: owners } : {}),
    ...(params.team !== undefined && UUID.test(params.team) ? { teamId: params.team } : {}),
    ...(params.from !== undefined && DATE.test(params.from) ? { closeFrom: params.from } : {}),
    ...(params.to !== undefined && DATE.test(params.to) ? { closeTo: params.to } : {}),
    ...(tags.length > 0 ? { tag: tags } : {}),
  };
}

/** Compared by value: the same filters must not read the board again. */
export const sameFilters = (a: DealFilters, b: DealFilters): boolean => JSON.stringify(a) === JSON.stringify(b);
