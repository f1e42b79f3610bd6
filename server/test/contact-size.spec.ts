import { randomBytes } from 'node:crypto';
import { createTestApp, TestApp } from './test-app';

/** A record as big as the request limits allow must fit every index of its table. */
describe('a contact with as much as the API accepts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('saves 50 long e-mail addresses and 20 company links', async () => {
    await t.createUser('big.manager', ['manager']);
    const token = (await t.login('big.manager')).token;
    const companies: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await t.http().post('/api/v1/companies').auth(token, { type: 'bearer' }).send({ name: `${randomBytes(100).toString('hex').slice(0, 200)} MMC` });
      companies.push(res.body.id);
    }
    const points = Array.from({ length: 50 }, (_, i) => ({ kind: 'email', value: `${randomBytes(40).toString('hex')}${i}@example.az` }));
    const res = await t.http().post('/api/v1/contacts').auth(token, { type: 'bearer' })
      .send({ name: 'Böyük Kart', points, companies: companies.map((companyId) => ({ companyId })) });
    expect({ status: res.status, body: res.status === 201 ? 'ok' : res.body }).toEqual({ status: 201, body: 'ok' });
    // Found by its last address, and listed.
    const found = await t.http().get('/api/v1/contacts').query({ q: points[49].value }).auth(token, { type: 'bearer' });
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
  });
});
