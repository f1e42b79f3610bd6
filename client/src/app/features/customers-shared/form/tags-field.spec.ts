import { ComponentFixture, TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { TagsField } from './tags-field';

describe('TagsField', () => {
  let fixture: ComponentFixture<TagsField>;
  let emitted: string[][];

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [TagsField, TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
    });
    fixture = TestBed.createComponent(TagsField);
    fixture.componentRef.setInput('tags', ['vip']);
    emitted = [];
    fixture.componentInstance.tagsChange.subscribe((tags) => emitted.push(tags));
    await fixture.whenStable();
  });

  const el = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const input = (): HTMLInputElement => el().querySelector('[data-testid="tag-input"]')!;
  function enter(text: string): void {
    input().value = text;
    input().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13, bubbles: true }));
  }

  it('adds a trimmed tag once and clears the input', () => {
    enter('  topdan  ');
    enter('vip');
    enter('   ');
    expect(emitted).toEqual([['vip', 'topdan']]);
    expect(input().value).toBe('');
  });

  it('removes a tag with its chip’s button', async () => {
    fixture.componentRef.setInput('tags', ['vip', 'b2b']);
    await fixture.whenStable();
    expect([...el().querySelectorAll('[data-testid="tag"]')].map((chip) => chip.textContent?.replace('cancel', '').trim())).toEqual(['vip', 'b2b']);
    el().querySelectorAll<HTMLButtonElement>('[data-testid="tag"] button')[0].click();
    expect(emitted).toEqual([['b2b']]);
  });

  it('offers no input while disabled', async () => {
    fixture.componentRef.setInput('disabled', true);
    await fixture.whenStable();
    expect(input().disabled).toBe(true);
  });
});
