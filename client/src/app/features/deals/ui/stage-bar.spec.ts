import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { Stage } from '../data-access/deals-api';
import { StageBar } from './stage-bar';

const stages: Stage[] = [
  { id: 's1', name: 'Initial contact', labels: { en: 'First call' }, position: 0, probability: 10, kind: 'open' },
  { id: 's2', name: 'Negotiation', labels: {}, position: 1, probability: 70, kind: 'open' },
  { id: 's3', name: 'Won', labels: {}, position: 2, probability: 100, kind: 'won' },
  { id: 's4', name: 'Lost', labels: {}, position: 3, probability: 0, kind: 'lost' },
];

describe('StageBar', () => {
  function render(stageId: string, status: 'open' | 'won' | 'lost', disabled = false) {
    TestBed.configureTestingModule({
      imports: [StageBar, TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
    });
    localStorage.setItem('crm.language', 'en');
    const fixture = TestBed.createComponent(StageBar);
    fixture.componentRef.setInput('stages', stages);
    fixture.componentRef.setInput('stageId', stageId);
    fixture.componentRef.setInput('status', status);
    fixture.componentRef.setInput('disabled', disabled);
    fixture.detectChanges();
    const moves: string[] = [];
    const reopens: string[] = [];
    fixture.componentInstance.move.subscribe((stage) => moves.push(stage.id));
    fixture.componentInstance.reopen.subscribe((stage) => reopens.push(stage.id));
    const element = fixture.nativeElement as HTMLElement;
    return { element, moves, reopens, steps: [...element.querySelectorAll<HTMLButtonElement>('[data-testid="stage-step"]')] };
  }

  afterEach(() => localStorage.clear());

  it('shows the stages in order by their label in the language, the current one marked', () => {
    const { steps } = render('s2', 'open');
    expect(steps.map((s) => s.textContent!.replace(/\s+/g, ' ').trim())).toEqual(['First call 10%', 'Negotiation 70%', 'Won 100%', 'Lost 0%']);
    expect(steps.map((s) => s.getAttribute('aria-current'))).toEqual([null, 'step', null, null]);
    expect(steps[1].disabled).toBe(true);
    expect(steps[0].classList).toContain('passed');
  });

  it('asks to move when another stage is clicked', () => {
    const { steps, moves } = render('s1', 'open');
    steps[3].click();
    expect(moves).toEqual(['s4']);
  });

  it('shows a closed deal with "Reopen" to the last open stage', () => {
    const { element, reopens } = render('s4', 'lost');
    expect(element.querySelector('[data-testid="stage-closed"]')).not.toBeNull();
    element.querySelector<HTMLButtonElement>('[data-testid="stage-reopen"]')!.click();
    expect(reopens).toEqual(['s2']);
  });

  it('only shows the stages to a role that may not change the deal', () => {
    const { element, steps } = render('s3', 'won', true);
    expect(steps.every((s) => s.disabled)).toBe(true);
    expect(element.querySelector('[data-testid="stage-reopen"]')).toBeNull();
  });
});
