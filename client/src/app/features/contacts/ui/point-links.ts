import type { ContactPoint } from '../data-access/contacts-api';

/**
 * The link that starts a conversation through a contact point: a call, an e-mail, a chat in the
 * messenger's own app, or the web page. Null when the point cannot be opened (an unknown network).
 */
export function pointHref(point: Pick<ContactPoint, 'kind' | 'channel' | 'value'>): string | null {
  const digits = point.value.replace(/\D/g, '');
  switch (point.kind) {
    case 'phone':
      return `tel:${point.value.replace(/[^\d+]/g, '')}`;
    case 'email':
      return `mailto:${point.value}`;
    case 'web':
      return /^https?:\/\//i.test(point.value) ? point.value : `https://${point.value}`;
    case 'messenger':
      if (point.channel === 'whatsapp') {
        return `https://wa.me/${digits}`;
      }
      if (point.channel === 'telegram') {
        return point.value.startsWith('@') || !/^\+?\d/.test(point.value) ? `https://t.me/${point.value.replace(/^@/, '')}` : `https://t.me/+${digits}`;
      }
      if (point.channel === 'viber') {
        return `viber://chat?number=%2B${digits}`;
      }
      return null;
    case 'social':
      return /^https?:\/\//i.test(point.value) ? point.value : null;
  }
}

/** The Material icon of a point. */
export function pointIcon(point: Pick<ContactPoint, 'kind' | 'channel'>): string {
  switch (point.kind) {
    case 'phone':
      return 'call';
    case 'email':
      return 'mail';
    case 'web':
      return 'language';
    case 'messenger':
      return point.channel === 'telegram' ? 'send' : 'chat';
    case 'social':
      return 'share';
  }
}
