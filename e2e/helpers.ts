/** Helpers for driving Dockyard's page in Playwright: the terminal, the editor, errors. */
import { expect, type Locator, type Page } from '@playwright/test';

/** The region of a pane by its accessible name (contract 2). */
export function region(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true });
}

/** The shown terminal tab's screen. */
export function terminalScreen(page: Page): Locator {
  return page.locator('.dy-terminal-pane .dy-term-panel:not([hidden]) .xterm').first();
}

/** The text of each row of the shown terminal (trailing blanks trimmed, nbsp as space). */
export async function screenRows(page: Page): Promise<string[]> {
  const rows = page.locator('.dy-terminal-pane .dy-term-panel:not([hidden]) .xterm-rows > div');
  const texts = await rows.allTextContents();
  return texts.map((t) => t.replace(/\u00a0/g, ' ').trimEnd());
}

/** The whole screen as text, for failure messages. */
export async function screenText(page: Page): Promise<string> {
  return (await screenRows(page)).join('\n').replace(/\n+$/, '');
}

/** Waits until some row of the shown terminal equals `row` (a string, after trimming) or matches it (a RegExp). */
export async function waitForRow(page: Page, row: string | RegExp, opts: { count?: number; timeout?: number } = {}): Promise<void> {
  const want = opts.count ?? 1;
  const test = (r: string) => (typeof row === 'string' ? r.trim() === row : row.test(r));
  await expect
    .poll(async () => (await screenRows(page)).filter(test).length, { timeout: opts.timeout ?? 20_000, message: `row ${String(row)}` })
    .toBeGreaterThanOrEqual(want);
}

/** The last non-empty row, i.e. where the cursor usually is. */
export async function lastRow(page: Page): Promise<string> {
  const rows = (await screenRows(page)).filter((r) => r.trim() !== '');
  return rows[rows.length - 1] ?? '';
}

const PROMPT = /\$$/;

/** Waits until the shown terminal's last line is a shell prompt (ends with `$`). */
export async function waitForPrompt(page: Page, timeout = 20_000): Promise<void> {
  await expect.poll(() => lastRow(page), { timeout, message: 'a shell prompt' }).toMatch(PROMPT);
}

/** Focuses the shown terminal and types (no Enter). */
export async function typeInTerminal(page: Page, text: string): Promise<void> {
  await terminalScreen(page).click();
  await page.keyboard.type(text);
}

/** Types a command line and presses Enter. */
export async function runInTerminal(page: Page, line: string): Promise<void> {
  await typeInTerminal(page, line);
  await page.keyboard.press('Enter');
}

/** Replaces the text of the open file in Monaco (click, select all, insert text as is). */
export async function editInMonaco(page: Page, text: string): Promise<void> {
  const editor = region(page, 'Editor').locator('.monaco-editor').first();
  await expect(editor).toBeVisible();
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // insertText: no auto-indent or auto-closed brackets changing what the test wrote.
  await page.keyboard.insertText(text);
}

/** Saves the file in the editor (Ctrl-S / Cmd-S) and waits for the unsaved marker to go. */
export async function saveInEditor(page: Page): Promise<void> {
  await page.keyboard.press('ControlOrMeta+S');
  await expect(region(page, 'Editor').locator('[role="tab"][aria-selected="true"] .dy-dirty')).toHaveCount(0);
}

/** Collects console errors and page errors from now on. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Opens the page and waits for the first prompt. */
export async function openApp(page: Page, query = '?lang=en'): Promise<void> {
  await page.goto(`/${query}`);
  await waitForPrompt(page);
  // The lesson's machine is ready (its starting files written, or its saved world back).
  await expect(page.locator('.dy-host[data-dy-course="ready"]').first()).toBeAttached();
}
