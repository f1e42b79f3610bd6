import type { Page } from '@playwright/test';
import type { Schema } from '../src/app/core/api/schema';
import { Api, unique } from './support/api';
import { expect, expectAccessible, message, openedDialog, screenshot, signIn, test } from './support/fixtures';

type Task = Schema<'TaskResponse'>;
type TaskPage = Schema<'TaskPage'>;
type Contact = Schema<'ContactResponse'>;

const inHours = (hours: number): string => new Date(Date.now() + hours * 3_600_000).toISOString();

/** Drags with the mouse in small steps, as a person would: the drag starts only after the pointer moved a few pixels. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 8, from.y + 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 20 });
  await page.mouse.up();
}

test.describe('tasks, My day, calendar and reminders', () => {
  test('a sales rep starts on My day, completes a task with one click, and it stays done after a reload', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    const api = await Api.signIn(rep);
    const today = await api.call<Task>('POST', '/api/v1/tasks', { title: `Qiymət təklifini göndər ${unique()}` });
    const late = await api.call<Task>('POST', '/api/v1/tasks', { title: `Müqaviləni yoxla ${unique()}`, dueAt: inHours(-30), priority: 'high' });
    await api.call<Task>('POST', '/api/v1/tasks', { kind: 'call', title: `Zəng: Rəşad ${unique()}`, dueAt: inHours(50), endsAt: inHours(50.5) });

    await signIn(page, rep);
    await expect(page).toHaveURL(/\/my-day$/);
    await expect(page.getByRole('heading', { name: 'My day' })).toBeVisible();
    const overdue = page.getByTestId('my-day-overdue').getByTestId('task-row').filter({ hasText: late.title });
    await expect(overdue).toBeVisible();
    await expect(overdue.getByTestId('task-overdue')).toHaveText('Overdue');
    const row = page.getByTestId('my-day-tasks').getByTestId('task-row').filter({ hasText: today.title });
    await expect(row).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'my-day');

    await row.getByRole('checkbox', { name: `Mark “${today.title}” done` }).click();
    await expect(message(page, `Done: ${today.title}`)).toBeVisible();
    await expect(row).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('task-row').filter({ hasText: late.title })).toBeVisible();
    await expect(page.getByTestId('task-row').filter({ hasText: today.title })).toHaveCount(0);
    const saved = await api.call<Task>('GET', `/api/v1/tasks/${today.id}`);
    expect(saved.status).toBe('done');
    await api.dispose();
  });

  test('a reminder arrives while the rep works: the bell counts it and a message offers to open the task', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    await signIn(page, rep, '/contacts');
    const bell = page.getByTestId('notifications-bell');
    await expect(bell).toHaveAccessibleName('Notifications');

    const api = await Api.signIn(rep);
    const title = `Görüşə hazırlaş ${unique()}`;
    const task = await api.call<Task>('POST', '/api/v1/tasks', { title, dueAt: inHours(1), remindAt: new Date(Date.now() + 4000).toISOString() });
    await api.dispose();

    const reminder = message(page, `Reminder: ${title} at`);
    await expect(reminder).toBeVisible({ timeout: 45_000 });
    await expect(bell).toHaveAccessibleName('Notifications, 1 unread');
    await expect(page).toHaveURL(/\/contacts$/);
    await reminder.getByRole('button', { name: 'Open' }).click();
    const dialog = await openedDialog(page);
    await expect(dialog.getByTestId('task-title')).toHaveValue(title);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(bell).toHaveAccessibleName('Notifications');

    await bell.click();
    const item = page.getByTestId('notification').filter({ hasText: title });
    await expect(item).toBeVisible();
    expect(task.id).toBeTruthy();
  });

  test('a rep schedules a task from a contact card’s quick action; it is linked to the contact', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    const api = await Api.signIn(rep);
    const contact = await api.call<Contact>('POST', '/api/v1/contacts', { name: `Nəsibova Aytən ${unique()}` });

    await signIn(page, rep, `/contacts/${contact.id}`);
    await page.getByTestId('quick-task').click();
    const dialog = await openedDialog(page, 'New task');
    await expect(dialog.getByTestId('task-link')).toHaveValue(contact.name!);
    await expect(dialog.getByTestId('task-kind')).toContainText('Task');
    await expect(dialog.getByTestId('task-reminder')).toContainText('15 minutes before');
    await dialog.getByTestId('task-title').fill('Təklifi göndər');
    await dialog.getByTestId('task-priority').click();
    await page.getByRole('option', { name: 'High' }).click();
    await expectAccessible(page);
    await screenshot(page, 'task-dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(message(page, 'Task scheduled')).toBeVisible();
    const openTask = page.getByTestId('open-tasks').getByTestId('task-row').filter({ hasText: 'Təklifi göndər' });
    await expect(openTask).toBeVisible();

    const tasks = await api.call<TaskPage>('GET', `/api/v1/tasks?contactId=${contact.id}`);
    expect(tasks.items.map((t) => [t.title, t.priority, t.contactName, t.remindAt !== null])).toEqual([['Təklifi göndər', 'high', contact.name, true]]);

    await openTask.getByTestId('task-title').click();
    const edit = await openedDialog(page, 'Task');
    await edit.getByTestId('task-delete').click();
    const confirm = await openedDialog(page, 'Delete this entry?');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByTestId('open-tasks')).toHaveCount(0);
    expect((await api.call<TaskPage>('GET', `/api/v1/tasks?contactId=${contact.id}`)).items).toEqual([]);
    await api.dispose();
  });

  test('a sales rep does not see another rep’s tasks', async ({ page, admin }) => {
    const owner = await admin.createUser(['sales_rep']);
    const other = await admin.createUser(['sales_rep']);
    const ownerApi = await Api.signIn(owner);
    const secret = await ownerApi.call<Task>('POST', '/api/v1/tasks', { title: `Gizli tapşırıq ${unique()}`, dueAt: inHours(-2) });
    await ownerApi.dispose();
    const otherApi = await Api.signIn(other);
    const mine = await otherApi.call<Task>('POST', '/api/v1/tasks', { title: `Öz tapşırığım ${unique()}` });

    await signIn(page, other, '/tasks');
    await expect(page.getByTestId('task-row').filter({ hasText: mine.title })).toBeVisible();
    await expect(page.getByTestId('task-row').filter({ hasText: secret.title })).toHaveCount(0);
    await page.goto('/my-day');
    await expect(page.getByTestId('task-row').filter({ hasText: mine.title })).toBeVisible();
    await expect(page.getByTestId('task-row').filter({ hasText: secret.title })).toHaveCount(0);
    const response = await otherApi.context.get(`/api/v1/tasks/${secret.id}`, { headers: { Authorization: `Bearer ${otherApi.token}` } });
    expect(response.status()).toBe(404);
    await otherApi.dispose();
  });

  test('a rep plans a meeting in the calendar and drags it to another day; it stays there after a reload', async ({ page, admin }) => {
    const rep = await admin.createUser(['sales_rep']);
    await signIn(page, rep, '/calendar');
    await expect(page.getByTestId('calendar-view-week')).toHaveAttribute('class', /mat-button-toggle-checked/);
    const columns = page.getByTestId('calendar-column');
    await expect(columns).toHaveCount(7);
    const todayIndex = await columns.evaluateAll((elements) => elements.findIndex((element) => element.classList.contains('today')));
    const targetIndex = todayIndex === 6 ? 5 : todayIndex + 1;
    const source = columns.nth(todayIndex);
    const target = columns.nth(targetIndex);

    // 10:00 is 10 hours of 48 pixels down the column; the view opens at 8:00.
    await source.click({ position: { x: 20, y: 10 * 48 + 6 } });
    const dialog = await openedDialog(page, 'Plan a meeting');
    await expect(dialog.getByTestId('task-due-time')).toHaveValue('10:00');
    await expect(dialog.getByTestId('task-end-time')).toHaveValue('11:00');
    const title = `Görüş: Xəzər Logistika ${unique()}`;
    await dialog.getByTestId('task-title').fill(title);
    await dialog.getByTestId('task-location').fill('Bakı, Nizami küç. 10');
    // 10:00 may have passed today: no reminder, so that no message covers the calendar.
    await dialog.getByTestId('task-reminder').click();
    await page.getByRole('option', { name: 'No reminder' }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    const entry = source.getByTestId('calendar-entry').filter({ hasText: title });
    await expect(entry).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'calendar-week');

    const from = (await entry.boundingBox())!;
    const to = (await target.boundingBox())!;
    await drag(page, { x: from.x + from.width / 2, y: from.y + 8 }, { x: to.x + to.width / 2, y: from.y + 8 });
    const moved = target.getByTestId('calendar-entry').filter({ hasText: title });
    await expect(moved).toBeVisible();
    await expect(moved).toContainText('10:00');
    await expect(source.getByTestId('calendar-entry').filter({ hasText: title })).toHaveCount(0);

    await page.reload();
    await expect(page.getByTestId('calendar-column').nth(targetIndex).getByTestId('calendar-entry').filter({ hasText: title })).toContainText('10:00');
    await expect(page.getByTestId('calendar-column').nth(todayIndex).getByTestId('calendar-entry').filter({ hasText: title })).toHaveCount(0);

    await page.getByTestId('calendar-view-month').click();
    await expect(page.getByTestId('calendar-day').getByTestId('calendar-entry').filter({ hasText: title })).toHaveCount(1);
    await expectAccessible(page);
    await screenshot(page, 'calendar-month');
  });

  test('a rep subscribes to the calendar feed, which lists the meeting, and stops sharing it', async ({ page, admin, request }) => {
    const rep = await admin.createUser(['sales_rep']);
    const api = await Api.signIn(rep);
    const title = `Görüş: Kaspi Tikinti ${unique()}`;
    await api.call<Task>('POST', '/api/v1/tasks', { kind: 'meeting', title, dueAt: inHours(26), endsAt: inHours(27) });
    await api.dispose();

    await signIn(page, rep, '/calendar');
    await page.getByTestId('calendar-subscribe').click();
    const dialog = await openedDialog(page, 'Subscribe to your calendar');
    await expect(dialog.getByTestId('feed-inactive')).toBeVisible();
    await expect(dialog).toContainText('Outlook, Google Calendar or Thunderbird');
    await dialog.getByRole('button', { name: 'Create address' }).click();
    const url = await dialog.getByTestId('feed-url').inputValue();
    expect(url).toMatch(/\/api\/v1\/calendar\/feed\/[\w-]+\.ics$/);
    const path = new URL(url).pathname;
    const feed = await request.get(path);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toContain('text/calendar');
    const text = await feed.text();
    expect(text).toContain('BEGIN:VCALENDAR');
    expect(text.replace(/\r\n[ \t]/g, '')).toContain(title.replace(/([,;])/g, '\\$1'));

    await dialog.getByRole('button', { name: 'Stop sharing' }).click();
    await expect(dialog.getByTestId('feed-inactive')).toBeVisible();
    await expect(dialog.getByTestId('feed-url')).toHaveCount(0);
    expect((await request.get(path)).status()).toBe(404);
  });

  test('a team lead lists the team’s overdue tasks with their responsible persons and sees the team’s calendar', async ({ page, admin }) => {
    const lead = await admin.createUser(['team_lead'], `Lead ${unique()}`);
    const rep = await admin.createUser(['sales_rep'], `Rep ${unique()}`);
    await admin.call('POST', '/api/v1/teams', { name: `Satış ${unique()}`, leadId: lead.id, memberIds: [rep.id] });
    const repApi = await Api.signIn(rep);
    const late = await repApi.call<Task>('POST', '/api/v1/tasks', { title: `Gecikmiş zəng ${unique()}`, kind: 'call', dueAt: inHours(-5), endsAt: inHours(-4.5) });
    const later = await repApi.call<Task>('POST', '/api/v1/tasks', { title: `Sabahkı görüş ${unique()}`, kind: 'meeting', dueAt: inHours(20), endsAt: inHours(21) });
    await repApi.dispose();

    await signIn(page, lead, '/tasks');
    const lateRow = page.getByTestId('task-row').filter({ hasText: late.title });
    await expect(lateRow).toBeVisible();
    await expect(lateRow).toContainText(late.ownerName);
    await expect(lateRow.getByTestId('task-overdue')).toHaveText('Overdue');
    await expect(page.getByTestId('task-filter-status')).toContainText('Open');
    await expect(page.getByTestId('task-sort')).toContainText('Due date, earliest first');
    await page.getByTestId('task-filter-overdue').click();
    await expect(page.getByTestId('task-row').filter({ hasText: later.title })).toHaveCount(0);
    await expect(lateRow).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'tasks-list');

    await page.goto('/calendar');
    await page.getByTestId('calendar-view-month').click();
    await expect(page.getByTestId('calendar-entry').filter({ hasText: later.title })).toHaveCount(0);
    await page.getByTestId('calendar-scope-team').click();
    const entry = page.getByTestId('calendar-entry').filter({ hasText: later.title });
    if (new Date(later.dueAt!).getMonth() !== new Date().getMonth()) {
      await page.getByTestId('calendar-next').click();
    }
    await expect(entry).toHaveCount(1);
  });
});
