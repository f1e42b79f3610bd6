import { FormArray } from '@angular/forms';
import { AddressForm, addressGroup, addressValues, PointForm, pointGroup, pointValues, resetRows } from './customer-form';

describe('customer form rows', () => {
  it('turns point rows into API points: channels only for messengers and profiles, empty parts as null', () => {
    const rows = new FormArray<PointForm>([
      pointGroup({ kind: 'messenger', channel: 'whatsapp', value: ' +994 55 111 22 33 ', label: '' }),
      pointGroup({ kind: 'phone', channel: 'telegram', value: '050 123 45 67', label: 'work' }),
    ]);
    expect(pointValues(rows)).toEqual([
      { kind: 'messenger', channel: 'whatsapp', value: '+994 55 111 22 33', label: null, primary: false },
      { kind: 'phone', channel: null, value: '050 123 45 67', label: 'work', primary: false },
    ]);
    rows.at(0).controls.value.setValue('');
    expect(rows.valid).toBe(false);
  });

  it('turns address rows into API addresses with an upper-case country, and checks the country code', () => {
    const rows = new FormArray<AddressForm>([addressGroup({ kind: 'legal', line1: 'Nizami küç. 10 ', city: 'Bakı', country: 'az' })]);
    expect(addressValues(rows)).toEqual([{ kind: 'legal', line1: 'Nizami küç. 10', line2: null, city: 'Bakı', region: null, postalCode: null, country: 'AZ' }]);
    rows.at(0).controls.country.setValue('Azerbaijan');
    expect(rows.at(0).controls.country.errors).toEqual({ pattern: expect.anything() });
  });

  it('replaces rows without marking the form changed', () => {
    const rows = new FormArray<PointForm>([pointGroup()]);
    rows.markAsDirty();
    resetRows(rows, [pointGroup({ kind: 'email', value: 'a@example.az' }), pointGroup({ kind: 'web', value: 'example.az' })]);
    expect(rows.length).toBe(2);
    expect(rows.dirty).toBe(false);
  });
});
