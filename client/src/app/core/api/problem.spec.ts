import { HttpErrorResponse } from '@angular/common/http';
import { FormArray, FormControl, FormGroup } from '@angular/forms';
import { applyProblemToForm, problemCode } from './problem';

const validation = new HttpErrorResponse({
  status: 400,
  error: {
    type: 'urn:crm:problem:validation',
    title: 'The request is not valid',
    status: 400,
    detail: 'email: email must be an email',
    errors: [
      { field: 'email', message: 'email must be an email' },
      { field: 'custom.vat', message: 'vat is unknown' },
    ],
  },
});

describe('problems from the server', () => {
  it('puts each field error on the control it names and returns the others', () => {
    const form = new FormGroup({ name: new FormControl('Elçin'), email: new FormControl('x') });
    expect(applyProblemToForm(form, validation)).toEqual(['custom.vat: vat is unknown']);
    expect(form.controls.email.errors).toEqual({ server: 'email must be an email' });
    expect(form.controls.email.touched).toBe(true);
    expect(form.controls.name.errors).toBeNull();
  });

  it('finds list items named with brackets or dots', () => {
    const form = new FormGroup({ points: new FormArray([new FormGroup({ value: new FormControl('a') }), new FormGroup({ value: new FormControl('b') })]) });
    const problem = new HttpErrorResponse({
      status: 400,
      error: { type: 'urn:crm:problem:validation', status: 400, errors: [{ field: 'points[1].value', message: 'bad phone' }, { field: 'points.0.value', message: 'bad e-mail' }] },
    });
    expect(applyProblemToForm(form, problem)).toEqual([]);
    expect(form.get('points.1.value')?.errors).toEqual({ server: 'bad phone' });
    expect(form.get('points.0.value')?.errors).toEqual({ server: 'bad e-mail' });
  });

  it('names the problem by its code, and network loss as network', () => {
    expect(problemCode(validation)).toBe('validation');
    expect(problemCode(new HttpErrorResponse({ status: 412, error: { type: 'urn:crm:problem:version-mismatch', status: 412 } }))).toBe('version-mismatch');
    expect(problemCode(new HttpErrorResponse({ status: 0 }))).toBe('network');
    expect(problemCode(new HttpErrorResponse({ status: 502, error: '<html>Bad gateway</html>' }))).toBe('http-502');
  });
});
