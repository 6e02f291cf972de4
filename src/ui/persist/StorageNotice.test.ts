import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lang } from '../i18n';
import { openProgressStore, type ProgressStore, type StorageProblem } from './store';
import { StorageNotice } from './StorageNotice';
import { PERSIST_STRINGS, problemText } from './strings';
import { FakeChannelHub, FakeLocks } from './testing/fakes';

const stores: ProgressStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.dispose();
});

/** Two tabs on one key without IndexedDB: the second is read-only, both have the "unavailable" problem. */
async function readOnlyTab(): Promise<ProgressStore> {
  const locks = new FakeLocks();
  const hub = new FakeChannelHub();
  const deps = { indexedDB: null, locks, channel: hub.factory, lockWaitMs: 10 };
  const first = openProgressStore('k', deps);
  const second = openProgressStore('k', deps);
  stores.push(first, second);
  await Promise.all([first.load(), second.load()]);
  return second;
}

const render = (store: ProgressStore, lang: Lang, transfer?: boolean) =>
  renderToStaticMarkup(createElement(StorageNotice, { store, lang, lessonTitle: (id) => `Title of ${id}`, ...(transfer === undefined ? {} : { transfer }) }));

describe('StorageNotice', () => {
  it('says the tab is read-only, offers "Use this tab", and names every control (English)', async () => {
    const html = render(await readOnlyTab(), 'en');
    expect(html).toContain('<section class="dy-storage" aria-label="Saved progress">');
    expect(html).toContain('Dockyard is open in another tab. This tab does not save your progress.');
    expect(html).toContain('>Use this tab</button>');
    expect(html).toContain('role="alert"');
    expect(html).toContain('Your progress will not be kept after you close the page');
    expect(html).toContain('aria-label="Dismiss the messages about saved progress"');
    expect(html).toContain('>Export progress</button>');
    expect(html).toContain('>Import progress</button>');
    expect(html).toMatch(/<input type="file" accept="\.json,application\/json" hidden="" aria-label="Import progress"/);
  });

  it('speaks Chinese', async () => {
    const html = render(await readOnlyTab(), 'zh');
    expect(html).toContain('aria-label="已保存的进度"');
    expect(html).toContain('Dockyard 已在另一个标签页中打开。这个标签页不会保存你的进度。');
    expect(html).toContain('>改用这个标签页</button>');
    expect(html).toContain('>导出进度</button>');
    expect(html).toContain('>导入进度</button>');
    expect(html).not.toMatch(/Export|Import|Use this tab/);
  });

  it('shows nothing for a writer without problems when the controls are off', async () => {
    const s = openProgressStore('solo', { indexedDB: null, locks: null });
    stores.push(s);
    await s.load();
    s.dismissProblems();
    expect(s.readOnly).toBe(false);
    expect(render(s, 'en', false)).toBe('');
    const html = render(s, 'en');
    expect(html).not.toContain('another tab');
    expect(html).not.toContain('role="alert"');
    expect(html).toContain('>Export progress</button>');
  });
});

describe('problem messages', () => {
  const problems: StorageProblem[] = [
    { kind: 'unavailable', detail: '' },
    { kind: 'damaged', what: 'course', detail: '' },
    { kind: 'damaged', what: 'world', lessonId: '03-build', detail: '' },
    { kind: 'newer', what: 'course', detail: '' },
    { kind: 'rebuilt', lessonId: '03-build', detail: '' },
    { kind: 'quota', detail: '' },
    { kind: 'read-failed', detail: '' },
    { kind: 'write-failed', detail: '' },
  ];

  it('has a distinct message for each problem in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      const texts = problems.map((p) => problemText(PERSIST_STRINGS[lang], p, (id) => `«${id}»`));
      expect(new Set(texts).size, lang).toBe(problems.length);
      for (const t of texts) expect(t.length).toBeGreaterThan(5);
      expect(texts[2]).toContain('«03-build»');
      expect(texts[4]).toContain('«03-build»');
    }
  });
});
