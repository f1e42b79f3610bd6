import { RowContext, validateRow } from './import-rows';

/** One CSV row through the import's checks, with e-mail columns mapped to the contact and a custom field. */
function check(cells: string[]): ReturnType<typeof validateRow> {
  const context: RowContext = {
    entity: 'contact',
    mapping: { Ad: 'name', 'E-poçt': 'email', 'İş e-poçtu': 'custom.work_email' },
    headers: ['Ad', 'E-poçt', 'İş e-poçtu'],
    custom: new Map([['work_email', { key: 'work_email', type: 'email', required: false, labels: { az: 'İş e-poçtu' }, options: [] }]]),
    defaultOwnerId: '00000000-0000-4000-8000-000000000001',
    phoneRegion: 'AZ',
    findOwner: () => undefined,
    ownerProblem: () => undefined,
  };
  return validateRow(context, { row: 2, cells });
}

describe('import rows: e-mail addresses', () => {
  it('stores e-mails as the API does: trimmed and in lower case', () => {
    const { record, errors } = check(['Əliyeva Günay', ' Gunay@Example.AZ ', 'GUNAY@Work.az']);
    expect(errors).toEqual([]);
    expect(record).toMatchObject({ emails: ['gunay@example.az'], custom: { work_email: 'gunay@work.az' } });
  });

  it('names the row and the field of an address the API would refuse too', () => {
    const { errors } = check(['Əliyeva Günay', 'gunay@', 'not an address']);
    expect(errors).toEqual([
      { row: 2, field: 'email', message: '"gunay@" is not an e-mail address' },
      { row: 2, field: 'custom.work_email', message: expect.stringContaining('is not an e-mail address') },
    ]);
  });
});
