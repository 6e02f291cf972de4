/**
 * Docker in the page, as a learner uses it: hello-world, a shell in an ubuntu container with its
 * own files and host name, and back to the host with the container's exit status.
 */
import { expect, test } from '@playwright/test';
import { collectErrors, editInMonaco, openApp, runInTerminal, saveInEditor, screenText, waitForPrompt, waitForRow } from './helpers';

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

test('builds hello-docker from a Dockerfile written in the editor, rebuilds from the cache, and runs the cow', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, '?lesson=dockerfile-hello-docker&lang=en');
  await runInTerminal(page, 'cd hello-docker && code Dockerfile');
  await editInMonaco(
    page,
    'FROM ubuntu\nRUN apt-get update\nRUN apt-get -y install cowsay\nCMD /usr/games/cowsay "Hello Docker"\n',
  );
  await saveInEditor(page);
  await runInTerminal(page, 'docker build . -t hello-docker');
  await waitForRow(page, /=> => naming to docker\.io\/library\/hello-docker:latest/, { timeout: 60_000 });
  await waitForPrompt(page);
  await runInTerminal(page, 'clear; docker build . -t hello-docker');
  await waitForRow(page, /=> CACHED \[3\/3\] RUN apt-get -y install cowsay/, { timeout: 30_000 });
  await waitForPrompt(page);
  await runInTerminal(page, 'clear; docker run hello-docker');
  await waitForRow(page, '< Hello Docker >', { timeout: 30_000 });
  await waitForPrompt(page);
  expect(errors).toEqual([]);
});
