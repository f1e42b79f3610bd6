/** The reminder e-mail in the recipient's language. */
export type Locale = 'az' | 'tr' | 'en' | 'ru';

const TEXTS: Record<Locale, { subject: string; due: string; noDue: string; open: string; kinds: Record<string, string> }> = {
  az: { subject: 'Xatırlatma', due: 'Vaxtı', noDue: 'Vaxtı təyin edilməyib', open: 'CRM-də aç', kinds: { task: 'Tapşırıq', meeting: 'Görüş', call: 'Zəng' } },
  tr: { subject: 'Hatırlatma', due: 'Zamanı', noDue: 'Zamanı belirlenmedi', open: "CRM'de aç", kinds: { task: 'Görev', meeting: 'Toplantı', call: 'Arama' } },
  en: { subject: 'Reminder', due: 'Due', noDue: 'No due time', open: 'Open in the CRM', kinds: { task: 'Task', meeting: 'Meeting', call: 'Call' } },
  ru: { subject: 'Напоминание', due: 'Срок', noDue: 'Срок не задан', open: 'Открыть в CRM', kinds: { task: 'Задача', meeting: 'Встреча', call: 'Звонок' } },
};

const LOCALE_TAGS: Record<Locale, string> = { az: 'az-Latn-AZ', tr: 'tr-TR', en: 'en-GB', ru: 'ru-RU' };

export function reminderMail(
  locale: string,
  task: { title: string; kind: string; dueAt: Date | null },
  timeZone: string,
  link: string | null,
): { subject: string; text: string } {
  const lang: Locale = locale in TEXTS ? (locale as Locale) : 'az';
  const t = TEXTS[lang];
  const when = task.dueAt
    ? `${t.due}: ${new Intl.DateTimeFormat(LOCALE_TAGS[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(task.dueAt)}`
    : t.noDue;
  const kind = t.kinds[task.kind] ?? task.kind;
  return {
    subject: `${t.subject}: ${task.title}`,
    text: [`${kind}: ${task.title}`, when, ...(link ? ['', `${t.open}: ${link}`] : [])].join('\n'),
  };
}
