import type { EntityManager } from 'typeorm';

type Language = 'az' | 'en';

const TEXTS: Record<Language, { tasks: string[]; calls: string[]; meetings: string[]; places: string[]; teamMeeting: string; teamPlace: string }> = {
  az: {
    tasks: ['Kommersiya təklifini göndər', 'Müqavilə layihəsini hazırla', 'Ödənişi yoxla', 'Qiymət siyahısını yenilə', 'Hesab-fakturanı göndər', 'Nümunələri çatdır'],
    calls: ['Təklif barədə zəng et', 'Çatdırılmanı dəqiqləşdir', 'Ödəniş barədə xatırlat', 'Görüş vaxtını razılaşdır'],
    meetings: ['Ofisdə görüş', 'Məhsul təqdimatı', 'Müqavilə şərtlərinin müzakirəsi'],
    places: ['Bakı, Nizami küç. 10', 'Bakı, Neftçilər prospekti 153', 'Gəncə, Atatürk prospekti 5'],
    teamMeeting: 'Həftəlik satış iclası',
    teamPlace: 'Ofis, iclas otağı',
  },
  en: {
    tasks: ['Send the quote', 'Prepare the draft contract', 'Check the payment', 'Update the price list', 'Send the invoice', 'Deliver the samples'],
    calls: ['Call about the quote', 'Confirm the delivery', 'Remind them of the payment', 'Agree on a meeting time'],
    meetings: ['Meeting at their office', 'Product demonstration', 'Contract terms'],
    places: ['London, 10 King Street', 'Manchester, 5 Deansgate', 'Leeds, 1 Park Row'],
    teamMeeting: 'Weekly sales meeting',
    teamPlace: 'Office, meeting room',
  },
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface DemoTask {
  kind: 'task' | 'meeting' | 'call';
  title: string;
  due_at: string | null;
  ends_at: string | null;
  location: string | null;
  priority: 'low' | 'normal' | 'high';
  status: 'open' | 'done';
  completed_at: string | null;
  contact_id: string | null;
  owner_id: string;
  participant_user_ids: string[];
}

/**
 * Tasks, calls and meetings of the demo users around today: some overdue, some today, some in the
 * coming days, a few done and a few undated; each lead has a weekly meeting with the team.
 * Returns how many were made.
 */
export async function insertDemoTasks(
  manager: EntityManager,
  language: Language,
  random: () => number,
  reps: { ownerId: string; contactIds: string[]; teamMates: string[] }[],
  leads: { ownerId: string; memberIds: string[] }[],
): Promise<number> {
  const text = TEXTS[language];
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const hour = Math.floor(Date.now() / HOUR) * HOUR;
  const at = (offset: number): string => new Date(hour + offset).toISOString();
  const rows: DemoTask[] = [];
  for (const rep of reps) {
    const contact = (): string | null => (rep.contactIds.length > 0 ? pick(rep.contactIds) : null);
    // Two overdue, two today, three in the coming week, one undated, two done.
    const offsets: (number | null)[] = [-3 * DAY, -1 * DAY - 2 * HOUR, 2 * HOUR, 5 * HOUR, 1 * DAY, 3 * DAY, 6 * DAY, null];
    for (const offset of offsets) {
      rows.push({
        kind: 'task', title: pick(text.tasks), due_at: offset === null ? null : at(offset), ends_at: null, location: null,
        priority: pick(['low', 'normal', 'normal', 'high'] as const), status: 'open', completed_at: null, contact_id: contact(), owner_id: rep.ownerId, participant_user_ids: [],
      });
    }
    for (const offset of [-2 * DAY, -5 * DAY]) {
      rows.push({
        kind: 'task', title: pick(text.tasks), due_at: at(offset), ends_at: null, location: null, priority: 'normal',
        status: 'done', completed_at: at(offset + HOUR), contact_id: contact(), owner_id: rep.ownerId, participant_user_ids: [],
      });
    }
    for (const offset of [3 * HOUR, 1 * DAY + 4 * HOUR, -1 * DAY]) {
      rows.push({
        kind: 'call', title: pick(text.calls), due_at: at(offset), ends_at: at(offset + HOUR / 4), location: null, priority: 'normal',
        status: 'open', completed_at: null, contact_id: contact(), owner_id: rep.ownerId, participant_user_ids: [],
      });
    }
    for (const offset of [4 * HOUR, 2 * DAY + 2 * HOUR]) {
      rows.push({
        kind: 'meeting', title: pick(text.meetings), due_at: at(offset), ends_at: at(offset + HOUR), location: pick(text.places), priority: 'high',
        status: 'open', completed_at: null, contact_id: contact(), owner_id: rep.ownerId, participant_user_ids: rep.teamMates.slice(0, 1),
      });
    }
  }
  for (const lead of leads) {
    rows.push({
      kind: 'meeting', title: text.teamMeeting, due_at: at(1 * DAY), ends_at: at(1 * DAY + HOUR), location: text.teamPlace, priority: 'normal',
      status: 'open', completed_at: null, contact_id: null, owner_id: lead.ownerId, participant_user_ids: lead.memberIds,
    });
  }
  if (rows.length === 0) {
    return 0;
  }
  const inserted: { id: string; participant_user_ids: string[] | null; contact_id: string | null; kind: string }[] = await manager.query(
    `INSERT INTO tasks (kind, title, due_at, ends_at, location, priority, status, completed_at, contact_id, owner_id, remind_at)
     SELECT kind, title, due_at, ends_at, location, priority, status, completed_at, contact_id, owner_id,
            CASE WHEN status = 'open' AND due_at > now() THEN due_at - interval '15 minutes' END
       FROM jsonb_to_recordset($1::jsonb) AS r(kind text, title text, due_at timestamptz, ends_at timestamptz, location text, priority text,
                                                status text, completed_at timestamptz, contact_id uuid, owner_id uuid, ord int)
      ORDER BY ord
     RETURNING id, contact_id, kind, NULL::uuid[] AS participant_user_ids`,
    [JSON.stringify(rows.map((row, ord) => ({ ...row, ord })))],
  );
  // RETURNING keeps the insert order of the ordered SELECT.
  const participants = inserted.flatMap((task, i) => [
    ...rows[i].participant_user_ids.map((userId) => ({ task_id: task.id, user_id: userId, contact_id: null })),
    ...(task.kind === 'meeting' && task.contact_id ? [{ task_id: task.id, user_id: null, contact_id: task.contact_id }] : []),
  ]);
  if (participants.length > 0) {
    await manager.query(
      `INSERT INTO task_participants (task_id, user_id, contact_id)
       SELECT task_id, user_id, contact_id FROM jsonb_to_recordset($1::jsonb) AS p(task_id uuid, user_id uuid, contact_id uuid)`,
      [JSON.stringify(participants)],
    );
  }
  return rows.length;
}
