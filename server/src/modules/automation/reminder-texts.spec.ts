import { reminderMail } from './reminder-texts';

describe('reminderMail', () => {
  const task = { title: 'Təklifi göndər', kind: 'meeting', dueAt: new Date('2031-05-06T06:30:00.000Z') };

  it('writes in the recipient’s language with the time of the install’s time zone', () => {
    expect(reminderMail('az', task, 'Asia/Baku', 'https://crm.example.az/my-day')).toEqual({
      subject: 'Xatırlatma: Təklifi göndər',
      text: expect.stringMatching(/^Görüş: Təklifi göndər\nVaxtı: .*10:30.*\n\nCRM-də aç: https:\/\/crm\.example\.az\/my-day$/),
    });
    expect(reminderMail('en', task, 'Europe/Istanbul', null).text).toMatch(/^Meeting: Təklifi göndər\nDue: .*09:30$/);
    expect(reminderMail('ru', { ...task, dueAt: null }, 'Asia/Baku', null)).toEqual({ subject: 'Напоминание: Təklifi göndər', text: 'Встреча: Təklifi göndər\nСрок не задан' });
    expect(reminderMail('tr', task, 'Asia/Baku', null).subject).toBe('Hatırlatma: Təklifi göndər');
  });

  it('falls back to Azerbaijani for an unknown language', () => {
    expect(reminderMail('de', task, 'Asia/Baku', null).subject).toBe('Xatırlatma: Təklifi göndər');
  });
});
