import { pointHref, pointIcon } from './point-links';

describe('contact point links', () => {
  it('calls, writes and opens chats through the right scheme', () => {
    expect(pointHref({ kind: 'phone', channel: null, value: '+994501234567' })).toBe('tel:+994501234567');
    expect(pointHref({ kind: 'email', channel: null, value: 'leyla@example.az' })).toBe('mailto:leyla@example.az');
    expect(pointHref({ kind: 'messenger', channel: 'whatsapp', value: '+994551112233' })).toBe('https://wa.me/994551112233');
    expect(pointHref({ kind: 'messenger', channel: 'telegram', value: '@leyla_n' })).toBe('https://t.me/leyla_n');
    expect(pointHref({ kind: 'messenger', channel: 'telegram', value: '+994551112233' })).toBe('https://t.me/+994551112233');
    expect(pointHref({ kind: 'web', channel: null, value: 'example.az' })).toBe('https://example.az');
    expect(pointHref({ kind: 'social', channel: 'instagram', value: 'leyla.n' })).toBeNull();
    expect(pointIcon({ kind: 'phone', channel: null })).toBe('call');
  });
});
