/**
 * The first lesson, as a learner does it, in both languages: the check first says exactly what is
 * wrong, hints come one at a time, a Run block types into the terminal, and the exercise turns
 * Done on its own once the state is right.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, openApp, region, runInTerminal, waitForPrompt, waitForRow } from './helpers';

const UI = {
  en: {
    lesson: 'Lesson',
    exercise: 'Make hello.txt',
    check: 'Check',
    hint: 'Hint',
    solution: 'Solution',
    done: 'Done',
    notDone: 'Not done yet',
    run: 'Run',
    missing: 'expected a file hello.txt in your home folder, found none',
    wrong: 'expected hello.txt to contain “Hello, Dockyard”, found “Hello, world”',
  },
  zh: {
    lesson: '课程',
    exercise: '创建 hello.txt',
    check: '检查',
    hint: '提示',
    solution: '答案',
    done: '已完成',
    notDone: '尚未完成',
    run: '运行',
    missing: '主目录里应该有文件 hello.txt，但没有找到',
    wrong: "hello.txt 里应该有“Hello, Dockyard”，但实际内容是“Hello, world”",
  },
} as const;

async function exercise(page: Page, lang: keyof typeof UI) {
  const t = UI[lang];
  const ex = region(page, t.lesson).getByRole('region', { name: t.exercise });
  await expect(ex).toBeVisible();
  // The exercise's own status line (code blocks inside it have "Copied" statuses of their own).
  return { ex, status: ex.locator('.dy-exercise-status'), t };
}

for (const lang of ['en', 'zh'] as const) {
  test(`completes the first lesson (${lang})`, async ({ page }) => {
    const errors = collectErrors(page);
    await openApp(page, `?lang=${lang}`);
    const { ex, status, t } = await exercise(page, lang);
    await expect(status).toContainText(t.notDone);

    // Check before doing anything: the precise message.
    await ex.getByRole('button', { name: t.check, exact: true }).click();
    await expect(status).toContainText(t.missing);

    // A hint, one at a time.
    await ex.getByRole('button', { name: new RegExp(`^${t.hint}`) }).click();
    await expect(ex.locator('.dy-exercise-hints li').first()).toBeVisible();

    // A Run block of the prose types into the terminal and runs.
    await region(page, t.lesson).getByRole('button', { name: t.run, exact: true }).first().click();
    await waitForRow(page, 'Hello');

    // A near miss: the file with the wrong words.
    await runInTerminal(page, 'echo "Hello, world" > hello.txt');
    await waitForPrompt(page);
    await ex.getByRole('button', { name: t.check, exact: true }).click();
    await expect(status).toContainText(t.wrong);

    // The fix: the exercise turns Done by itself (checks re-run when the state changes).
    await runInTerminal(page, 'echo "Hello, Dockyard" > hello.txt');
    await expect(status).toContainText(t.done);
    await expect(status).not.toContainText(t.notDone);

    // Done stays done even if the file changes again.
    await runInTerminal(page, 'rm hello.txt');
    await waitForPrompt(page);
    await page.waitForTimeout(500);
    await expect(status).toContainText(t.done);
    expect(errors).toEqual([]);
  });
}

test('the solution shows the commands, which run in the terminal', async ({ page }) => {
  await openApp(page, '?lang=en');
  const { ex, status, t } = await exercise(page, 'en');
  await ex.getByRole('button', { name: t.solution, exact: true }).click();
  await ex.getByRole('button', { name: t.run, exact: true }).first().click();
  await expect(status).toContainText(t.done);
});
