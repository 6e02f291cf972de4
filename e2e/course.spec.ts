/**
 * Moving through the course as a learner does: jumping to a later lesson finds its machine ready,
 * an exercise done by Run blocks alone, a quiz, Reset and Undo, progress, files and history after
 * a reload, Back to the previous lesson, and the language switch changing the lesson text.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, openApp, region, runInTerminal, screenText, waitForPrompt, waitForRow } from './helpers';

const lesson = (page: Page) => region(page, 'Lesson');

async function exerciseStatus(page: Page, title: string) {
  const ex = lesson(page).getByRole('region', { name: title });
  await expect(ex).toBeVisible();
  return { ex, status: ex.locator('.dy-exercise-status') };
}

test('a later lesson opens with its machine ready, and its exercise is done by clicking Run blocks', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, '?lesson=pipes-and-redirection&lang=en');
  await expect(lesson(page).getByRole('heading', { level: 1 })).toContainText('Pipes');
  // The lesson's starting files are there at the first prompt.
  await runInTerminal(page, 'wc -l logs/access.log');
  await waitForRow(page, '36 logs/access.log');

  const { ex, status } = await exerciseStatus(page, 'Count the 404s');
  await ex.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(status).toContainText('expected a file count-404.txt in your home folder, found none');
  // The Solution's commands, run by their Run buttons only.
  await ex.getByRole('button', { name: 'Solution', exact: true }).click();
  for (const run of await ex.getByRole('button', { name: 'Run', exact: true }).all()) {
    await run.click();
    await waitForPrompt(page);
  }
  await expect(status).toContainText('Done');
  expect(errors).toEqual([]);
});

test('a quiz says why an answer is wrong, and turns Done on the right one', async ({ page }) => {
  await openApp(page, '?lesson=editing-files&lang=en');
  const quiz = lesson(page).getByRole('region', { name: /What does app.conf hold now/ });
  await quiz.getByRole('radio', { name: 'Its three lines, then debug=true' }).check();
  await quiz.getByRole('button', { name: 'Check answer' }).click();
  await expect(quiz).toContainText('That is what >> does: it appends.');
  await expect(quiz.locator('.dy-exercise-status')).toContainText('Not done yet');
  await quiz.getByRole('radio', { name: 'Only the line debug=true' }).check();
  await quiz.getByRole('button', { name: 'Check answer' }).click();
  await expect(quiz.locator('.dy-exercise-status')).toContainText('Done');
});

test('Reset brings the lesson back to its start, and Undo reset brings the work back', async ({ page }) => {
  await openApp(page, '?lesson=terminal-and-editor&lang=en');
  await runInTerminal(page, 'echo "Hello, Dockyard" > hello.txt && rm welcome.txt');
  const { status } = await exerciseStatus(page, 'Make hello.txt');
  await expect(status).toContainText('Done');

  await lesson(page).getByRole('button', { name: 'Reset', exact: true }).click();
  await waitForRow(page, /is back at its start/);
  await waitForPrompt(page);
  await expect(status).toContainText('Not done yet');
  await runInTerminal(page, 'ls');
  await waitForRow(page, 'welcome.txt');
  await runInTerminal(page, 'cat hello.txt');
  await waitForRow(page, 'cat: hello.txt: No such file or directory');

  await lesson(page).getByRole('button', { name: 'Undo reset' }).click();
  await waitForRow(page, /your work in lesson 1, “Your terminal and editor”, is back/);
  await waitForPrompt(page);
  await runInTerminal(page, 'cat hello.txt');
  await waitForRow(page, 'Hello, Dockyard');
});

test('progress, files and history survive a reload; Back returns to the previous lesson', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, '?lesson=terminal-and-editor&lang=en');
  await runInTerminal(page, 'echo "Hello, Dockyard" > hello.txt');
  const first = await exerciseStatus(page, 'Make hello.txt');
  await expect(first.status).toContainText('Done');

  // Next lesson: its own machine; the file of lesson 1 is not there.
  await lesson(page).getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page).toHaveURL(/lesson=files-and-folders/);
  await waitForRow(page, /Lesson 2, “.*”: this terminal is now on that lesson's machine/);
  await waitForPrompt(page);
  await runInTerminal(page, 'ls hello.txt; echo marker-two > two.txt');
  await waitForRow(page, "ls: cannot access 'hello.txt': No such file or directory");

  // Back: lesson 1 again, with its world as the learner left it.
  await page.goBack();
  await expect(page).toHaveURL(/lesson=terminal-and-editor/);
  await waitForRow(page, /Lesson 1, “Your terminal and editor”/);
  await waitForPrompt(page);
  await runInTerminal(page, 'cat hello.txt');
  await waitForRow(page, 'Hello, Dockyard');

  // Reload: the same lesson, its files, its exercise done, and the history (Up arrow).
  await page.waitForTimeout(1500); // the world is saved after a quiet second
  await page.reload();
  await waitForPrompt(page);
  await expect((await exerciseStatus(page, 'Make hello.txt')).status).toContainText('Done');
  await runInTerminal(page, 'cat hello.txt');
  await waitForRow(page, 'Hello, Dockyard', { count: 1 });
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page)).toMatch(/marker-two|Hello, Dockyard[\s\S]*Hello, Dockyard/);
  // Lesson 2's world was saved too.
  await lesson(page).getByRole('navigation', { name: 'Lessons' }).locator('summary').click();
  await lesson(page).getByRole('link', { name: /^2\./ }).click();
  await waitForPrompt(page);
  await runInTerminal(page, 'cat two.txt');
  await waitForRow(page, 'marker-two');
  expect(errors).toEqual([]);
});

test('the language switch changes the lesson text and the URL', async ({ page }) => {
  await openApp(page, '?lesson=files-and-folders&lang=en');
  const h1 = lesson(page).getByRole('heading', { level: 1 });
  const en = await h1.textContent();
  await page.getByRole('button', { name: /中文|Chinese/ }).click();
  await expect(page).toHaveURL(/lang=zh/);
  const zh = region(page, '课程').getByRole('heading', { level: 1 });
  await expect(zh).toBeVisible();
  await expect(zh).not.toHaveText(en ?? '');
  await expect(page.getByRole('navigation', { name: '课程列表' })).toBeVisible();
});

test('a second tab does not save until the learner takes it over; damaged storage still gives a working page', async ({ page, context }) => {
  await openApp(page, '?lesson=terminal-and-editor&lang=en');
  const second = await context.newPage();
  await openApp(second, '?lesson=terminal-and-editor&lang=en');
  await expect(second.getByText('Dockyard is open in another tab. This tab does not save your progress.')).toBeVisible();
  await expect(page.getByText('Dockyard is open in another tab.')).toHaveCount(0);
  await second.getByRole('button', { name: 'Use this tab' }).click();
  await expect(second.getByText('Dockyard is open in another tab.')).toHaveCount(0);
  await expect(page.getByText('Dockyard is open in another tab. This tab does not save your progress.')).toBeVisible();
  await second.close();

  // Damage every saved record, then reload: a working page that says what happened.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('dockyard');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    for (const name of Array.from(db.objectStoreNames)) {
      await new Promise<void>((res) => {
        const tx = db.transaction(name, 'readwrite');
        const st = tx.objectStore(name);
        const keys = st.getAllKeys();
        keys.onsuccess = () => {
          for (const k of keys.result) st.put({ garbage: true }, k);
        };
        tx.oncomplete = () => res();
        tx.onerror = () => res();
        tx.onabort = () => res();
      });
    }
    db.close();
  });
  await page.reload();
  await waitForPrompt(page);
  await expect(page.getByText(/could not be read/).first()).toBeVisible();
  await runInTerminal(page, 'echo still-works');
  await waitForRow(page, 'still-works');
});
