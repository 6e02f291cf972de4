/**
 * Docker in the page, as a learner uses it: hello-world, a shell in an ubuntu container with its
 * own files and host name, and back to the host with the container's exit status.
 */
import { expect, test } from '@playwright/test';
import { collectErrors, openApp, runInTerminal, screenText, waitForPrompt, waitForRow } from './helpers';

test('docker run hello-world, then a shell in an ubuntu container and back', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, '?lesson=terminal-and-editor&lang=en');
  await runInTerminal(page, 'docker run hello-world');
  // The message ends with the link to the get-started guide (the start has scrolled out of view).
  await waitForRow(page, 'https://docs.docker.com/get-started/', { timeout: 30_000 });
  await waitForPrompt(page);

  await runInTerminal(page, 'docker run -it ubuntu bash');
  await expect.poll(() => screenText(page), { timeout: 30_000 }).toMatch(/root@[0-9a-f]{12}:\/#\s*$/);
  await page.keyboard.type('touch /inside && cat /etc/os-release | head -1');
  await page.keyboard.press('Enter');
  await waitForRow(page, /^PRETTY_NAME="Ubuntu 24\.04/);
  await page.keyboard.type('exit 3');
  await page.keyboard.press('Enter');
  await waitForPrompt(page);
  await runInTerminal(page, 'echo status=$?; ls /inside');
  await waitForRow(page, 'status=3');
  await waitForRow(page, "ls: cannot access '/inside': No such file or directory");
  await runInTerminal(page, 'docker ps -a --format "{{.Image}} {{.Status}}"');
  await waitForRow(page, /^ubuntu Exited \(3\) /);
  expect(errors).toEqual([]);
});
