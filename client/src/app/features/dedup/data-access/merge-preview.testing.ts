import type { MergePreview, MergePreviewRecord } from './dedup-api';

/** Two contacts to merge, for the specs of the merge store and page. */
export const A = '11111111-1111-4111-8111-111111111111';
export const B = '22222222-2222-4222-8222-222222222222';
const record = (id: string, values: Record<string, unknown>, counts = { points: 1, links: 0, activities: 2, attachments: 1, deals: 0, tasks: 0 }): MergePreviewRecord => ({
  id, name: String(values['name']), ownerName: 'Aysel', version: 3, values, tags: [], points: [], counts,
});
export const PREVIEW: MergePreview = {
  fields: ['name', 'email', 'phone', 'source'],
  records: [
    record(A, { name: 'Memmedov E.', email: 'e@example.az', phone: null, source: 'website' }, { points: 1, links: 1, activities: 0, attachments: 0, deals: 0, tasks: 0 }),
    record(B, { name: 'Məmmədov Elçin', email: 'e@example.az', phone: '+994557654321', source: 'referral' }),
  ],
};
