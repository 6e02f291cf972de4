/**
 * The editor knows the domain: Kubernetes manifests and Compose files are checked against their
 * schemas (monaco-yaml), Dockerfiles by dockerfile-language-service, with markers on the exact line
 * and hover documentation. Markers are read through the page (window.__dockyardEditor, set by
 * src/ui/editor/monacoSetup.ts).
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, openApp, region } from './helpers';

interface Marker {
  path: string;
  owner: string;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

let errors: string[] = [];

test.beforeEach(async ({ page }) => {
  errors = collectErrors(page);
  await openApp(page);
});

test.afterEach(() => {
  expect(errors, 'console errors').toEqual([]);
});

/**
 * Replaces the open file's text by pasting it. (Typed or inserted text goes through Monaco's
 * auto-indent, which would re-indent every line of a YAML file; a paste keeps it as it is.)
 */
async function pasteInMonaco(page: Page, text: string): Promise<void> {
  const editor = region(page, 'Editor').locator('.monaco-editor').first();
  await expect(editor).toBeVisible();
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Makes a file with the "New file" button and pastes `text` into it. */
async function newFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByRole('button', { name: 'New file' }).click();
  await page.getByRole('textbox', { name: 'Name of the new file:' }).fill(name);
  await page.keyboard.press('Enter');
  await expect(region(page, 'Editor').getByRole('tab', { name: new RegExp(name.replace(/\./g, '\\.')) })).toBeVisible();
  await pasteInMonaco(page, text);
  await expect(region(page, 'Editor').locator('.view-lines')).toContainText(text.split('\n')[0] ?? '');
}

async function markers(page: Page, file: string): Promise<Marker[]> {
  return page.evaluate((f) => {
    const probe = (window as unknown as { __dockyardEditor?: { markers(): Marker[] } }).__dockyardEditor;
    return (probe?.markers() ?? []).filter((m) => m.path.endsWith(`/${f}`));
  }, file);
}

/** A file's markers as `line:column-endLine:endColumn message`, in document order. */
async function markerLines(page: Page, file: string): Promise<string[]> {
  const ms = await markers(page, file);
  ms.sort((a, b) => a.line - b.line || a.column - b.column || a.message.localeCompare(b.message));
  return ms.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.message}`);
}

/** Waits until the file's markers are exactly `want` (validation runs after each change, so poll). */
async function expectMarkers(page: Page, file: string, want: unknown[]): Promise<void> {
  await expect.poll(() => markerLines(page, file), { timeout: 20_000, message: `markers of ${file}` }).toEqual(want);
}

/** Moves the mouse over the first occurrence of `text` in the editor and returns the hover's text. */
async function hoverText(page: Page, text: string): Promise<string> {
  const editor = region(page, 'Editor').locator('.monaco-editor').first();
  // After a paste the cursor is at the end: go to the top so the line is rendered.
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  await editor.locator('.view-line', { hasText: text }).first().getByText(text, { exact: false }).first().hover();
  const hover = page.locator('.monaco-hover:not(.hidden)').first();
  await expect(hover).toBeVisible();
  return (await hover.textContent()) ?? '';
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: "three"
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          imagee: nginx:1.27
          ports:
            - containerPort: 80
---
apiVersion: apps/v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 80
`;

test('a Kubernetes manifest gets schema markers on the right lines, in every document', async ({ page }) => {
  await newFile(page, 'deployment.yaml', DEPLOYMENT);
  await expectMarkers(page, 'deployment.yaml', [
    // A wrong type, on the replicas value.
    '8:13-8:20 Incorrect type. Expected "integer".',
    // An unknown field: kubectl apply's default strict validation rejects it, so the editor marks it.
    '19:11-19:17 Property imagee is not allowed.',
    // Second document: Service is not served by apps/v1.
    '23:13-23:20 no matches for kind "Service" in this version: Service is served by apiVersion "v1"',
  ]);
  await expect(region(page, 'Editor').locator('.squiggly-warning, .squiggly-error').first()).toBeAttached();
});

test('a valid manifest has no markers (nor has an empty document), and an unknown kind says so', async ({ page }) => {
  const valid = `apiVersion: v1
kind: Pod
metadata:
  name: myapp-pod
  creationTimestamp: null
  labels: {app: myapp}
spec:
  containers:
    - name: myapp-container
      image: busybox
      command: ['sh', '-c', 'echo Hello Kubernetes! && sleep 3600']
      resources: {}
      ports:
        - containerPort: 8080
          protocol: TCP
---
apiVersion: v1
kind: Deploymnet
metadata:
  name: x
---
`;
  await newFile(page, 'pod.yaml', valid);
  await expectMarkers(page, 'pod.yaml', [expect.stringMatching(/^18:7-18:17 no matches for this kind in Kubernetes v1\.33 \(known kinds: Namespace, Pod, .*\)$/)]);
});

test('hovering a field shows its description from the Kubernetes schema', async ({ page }) => {
  await newFile(page, 'deploy.yaml', DEPLOYMENT);
  await expect.poll(() => markerLines(page, 'deploy.yaml')).toContain('8:13-8:20 Incorrect type. Expected "integer".');
  const text = await hoverText(page, 'replicas');
  expect(text).toContain('Number of desired pods.');
});

test('a Dockerfile with an unknown instruction gets a diagnostic on that line, and hover docs', async ({ page }) => {
  await newFile(page, 'Dockerfile', 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUNN pip install flask\nCMD ["python", "app.py"]\n');
  await expectMarkers(page, 'Dockerfile', ['4:1-4:5 Unknown instruction: RUNN']);
  expect((await markers(page, 'Dockerfile')).map((m) => m.owner)).toEqual(['dockerfile']);
  const text = await hoverText(page, 'WORKDIR');
  expect(text).toContain('Set the working directory');
  // Fixing it clears the marker.
  await pasteInMonaco(page, 'FROM python:3.12-slim\nRUN pip install flask\n');
  await expectMarkers(page, 'Dockerfile', []);
  // Completion proposes instructions.
  await page.keyboard.type('EXPO');
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.suggest-widget .monaco-list-row').first()).toContainText('EXPOSE');
});

test('a compose.yaml is checked against the Compose schema, not the Kubernetes one', async ({ page }) => {
  const compose = `services:
  web:
    image: nginx:1.27
    ports: "8080:80"
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: example
`;
  await newFile(page, 'compose.yaml', compose);
  // Only the Compose schema's complaint: no "Missing property apiVersion" from the Kubernetes one.
  await expectMarkers(page, 'compose.yaml', ['4:12-4:21 Incorrect type. Expected "array".']);
  const text = await hoverText(page, 'services');
  expect(text).toContain('The services that will be used by your application.');
});
