import { describe, expect, it } from 'vitest';
import { quoteFound, runChecks } from './checks';
import type { Check } from './schema';
import { FakeLessonSession } from './testing/fakeSession';

const HOME = '/home/learner';

function session(files: Record<string, string> = {}): FakeLessonSession {
  const s = new FakeLessonSession();
  for (const [p, c] of Object.entries(files)) s.fs.writeFile(`${HOME}/${p}`, c);
  return s;
}

const hello: Check[] = [{ file: 'hello.txt', contains: 'Hello, Dockyard' }];

describe('runChecks', () => {
  it('says a missing file is missing, in both languages', async () => {
    const r = await runChecks(session(), hello);
    expect(r).toEqual({
      passed: false,
      failed: 0,
      messages: {
        en: 'expected a file hello.txt in your home folder, found none',
        zh: '主目录里应该有文件 hello.txt，但没有找到',
      },
    });
  });

  it('quotes what it found when the content is wrong', async () => {
    const r = await runChecks(session({ 'hello.txt': 'Hello, world\n' }), hello);
    expect(r.messages?.en).toBe('expected hello.txt to contain “Hello, Dockyard”, found “Hello, world”');
    expect(r.messages?.zh).toBe('hello.txt 里应该有“Hello, Dockyard”，但实际内容是“Hello, world”');
    const empty = await runChecks(session({ 'hello.txt': '' }), hello);
    expect(empty.messages?.en).toBe('expected hello.txt to contain “Hello, Dockyard”, found an empty file');
  });

  it('passes when the file holds the text', async () => {
    expect((await runChecks(session({ 'hello.txt': 'Hello, Dockyard\n' }), hello)).passed).toBe(true);
  });

  it('tells a folder from a file, and checks absence', async () => {
    const s = session();
    s.fs.mkdir(`${HOME}/hello.txt`);
    expect((await runChecks(s, hello)).messages?.en).toBe('expected hello.txt to be a file, found a folder');
    const gone: Check[] = [{ file: 'old.txt', exists: false }];
    expect((await runChecks(session(), gone)).passed).toBe(true);
    expect((await runChecks(session({ 'old.txt': 'x' }), gone)).messages?.en).toBe('expected no file old.txt in your home folder, found one');
  });

  it('compares equals ignoring line ends and trailing blank space, but nothing else', async () => {
    const eq: Check[] = [{ file: 'a.txt', equals: 'one\ntwo' }];
    expect((await runChecks(session({ 'a.txt': 'one\r\ntwo\r\n\n' }), eq)).passed).toBe(true);
    const r = await runChecks(session({ 'a.txt': 'one\nthree\n' }), eq);
    expect(r.messages?.en).toBe('expected line 2 of a.txt to be “two”, found “three”');
    expect(r.messages?.zh).toBe('a.txt 的第 2 行应该是“two”，但实际是“three”');
    expect((await runChecks(session({ 'a.txt': 'one\n' }), eq)).messages?.en).toBe('expected line 2 of a.txt to be “two”, found the end of the file');
    expect((await runChecks(session({ 'a.txt': 'one\ntwo\nthree' }), eq)).messages?.en).toBe('expected a.txt to end after line 2, found more: “three”');
    const one: Check[] = [{ file: 'a.txt', equals: 'yes' }];
    expect((await runChecks(session({ 'a.txt': 'no\n' }), one)).messages?.en).toBe('expected a.txt to hold exactly “yes”, found “no”');
  });

  it('resolves ~/ and absolute paths', async () => {
    const s = session();
    s.rootFs.mkdir('/etc', { recursive: true });
    expect((await runChecks(s, [{ file: '/etc/motd' }])).messages?.en).toBe('expected a file /etc/motd, found none');
    expect((await runChecks(session({ 'x.txt': '' }), [{ file: '~/x.txt' }])).passed).toBe(true);
  });

  it('runs shell checks on a fork, fills {output} and {status}, and never changes the session', async () => {
    const s = session({ 'hello.txt': 'hi\n' });
    const checks: Check[] = [
      { shell: 'echo checked > marker.txt && cat hello.txt && false', message: { en: 'got {output} ({status})', zh: '得到 {output}（{status}）' } },
    ];
    const r = await runChecks(s, checks);
    expect(r.messages).toEqual({ en: 'got hi (1)', zh: '得到 hi（1）' });
    expect(s.fs.exists(`${HOME}/marker.txt`)).toBe(false);
    expect(s.ran).toEqual([]);
    const ok: Check[] = [{ shell: 'false', expectStatus: 1, message: { en: 'x', zh: 'x' } }];
    expect((await runChecks(s, ok)).passed).toBe(true);
  });

  it('runs checks in order and shows the first failure', async () => {
    const checks: Check[] = [
      { file: 'a.txt' },
      { file: 'b.txt' },
      { file: 'c.txt' },
    ];
    const r = await runChecks(session({ 'a.txt': '' }), checks);
    expect(r.failed).toBe(1);
    expect(r.messages?.en).toContain('b.txt');
  });

  it('looks at the commands typed, with a custom message', async () => {
    const check: Check[] = [{ history: '^cat\\s+hello\\.txt', message: { en: 'run cat hello.txt ({pattern})', zh: '运行 cat hello.txt' } }];
    expect((await runChecks(session(), check)).messages?.en).toBe('run cat hello.txt (^cat\\s+hello\\.txt)');
    // ~/.bash_history is not what was typed in this session: the learner may have edited it.
    expect((await runChecks(session({ '.bash_history': 'ls\ncat  hello.txt\n' }), check)).passed).toBe(false);
    const typed = Object.assign(session(), { typedHistory: () => ['cat hello.txt'] });
    expect((await runChecks(typed, check)).passed).toBe(true);
    const dflt = await runChecks(session(), [{ history: 'ls' }]);
    expect(dflt.messages?.en).toBe('expected a command matching /ls/ among the commands you typed, found none');
  });

  it('uses an author\'s message with {path} and {found}', async () => {
    const c: Check[] = [{ file: 'n.txt', contains: '42', message: { en: '{path} has {found}', zh: '{path} 里是 {found}' } }];
    expect((await runChecks(session({ 'n.txt': '41' }), c)).messages).toEqual({ en: 'n.txt has 41', zh: 'n.txt 里是 41' });
  });

  it('disposes the fork it made', async () => {
    const s = session();
    let fork: FakeLessonSession | undefined;
    const orig = s.fork.bind(s);
    s.fork = () => (fork = orig());
    await runChecks(s, hello);
    expect(fork?.disposed).toBe(true);
    expect(s.disposed).toBe(false);
  });
});

describe('quoteFound', () => {
  it('keeps one line of at most 60 characters', () => {
    expect(quoteFound('abc\n')).toBe('abc');
    expect(quoteFound('a\nb')).toBe('a…');
    expect(quoteFound('x'.repeat(70))).toBe('x'.repeat(60) + '…');
  });
});

describe('object checks', () => {
  function world(): FakeLessonSession {
    const s = session({ 'app.conf': 'port=80\n' });
    s.fs.mkdir(`${HOME}/site`);
    s.fs.writeFile(`${HOME}/site/index.html`, '<h1>hi</h1>');
    s.registerStateKind('container', () => ({
      label: { en: 'container', zh: '容器' },
      get: (name) =>
        name === 'web'
          ? { Name: '/web', State: { Status: 'exited', ExitCode: 0 }, Config: { Env: ['A=1', 'B=2'], Labels: { 'app.kubernetes.io/name': 'web' } }, Ports: 3 }
          : undefined,
      list: () => [],
    }));
    return s;
  }
  const run = async (c: Check) => (await runChecks(world(), [c])).messages;

  it('says what the field holds and what it should hold, in both languages', async () => {
    expect(await run({ object: 'container', name: 'web', field: 'State.Status', equals: 'running' })).toEqual({
      en: 'expected State.Status of container web to be “running”, found “exited”',
      zh: '容器 web 的 State.Status 应该是 “running”，但实际是 “exited”',
    });
    expect(await run({ object: 'container', name: 'web', field: 'State.Status', oneOf: ['exited', 'created'] })).toBeUndefined();
  });

  it('names a missing object and a present one that should be gone', async () => {
    expect((await run({ object: 'container', name: 'db' }))?.en).toBe('expected a container db, found none');
    expect((await run({ object: 'container', name: 'web', exists: false }))?.zh).toBe('不应该有容器 web，但它还在');
    expect(await run({ object: 'container', name: 'db', exists: false })).toBeUndefined();
  });

  it('reads lists, indexes, quoted keys and numbers given as text', async () => {
    expect(await run({ object: 'container', name: 'web', field: 'Config.Env', contains: 'B=2' })).toBeUndefined();
    expect(await run({ object: 'container', name: 'web', field: 'Config.Env[0]', equals: 'A=1' })).toBeUndefined();
    expect(await run({ object: 'container', name: 'web', field: 'Config.Labels["app.kubernetes.io/name"]', equals: 'web' })).toBeUndefined();
    expect(await run({ object: 'container', name: 'web', field: 'State.ExitCode', equals: '0' })).toBeUndefined();
    expect((await run({ object: 'container', name: 'web', field: 'Config.Env', atLeast: 3 }))?.en).toBe(
      'expected Config.Env of container web to have at least 3 items (it has 2), found ["A=1","B=2"]',
    );
    expect((await run({ object: 'container', name: 'web', field: 'Ports', atMost: 2 }))?.en).toBe('expected Ports of container web to be at most 2, found 3');
  });

  it('says a field is missing rather than comparing undefined', async () => {
    expect(await run({ object: 'container', name: 'web', field: 'State.Health.Status', equals: 'healthy' })).toEqual({
      en: 'expected State.Health.Status of container web to be “healthy”, found nothing',
      zh: '容器 web 的 State.Health.Status 应该是 “healthy”，但没有这一项',
    });
    expect((await run({ object: 'container', name: 'web', field: 'State.Pid' }))?.en).toBe('expected State.Pid of container web to be set, found nothing');
  });

  it('matches regular expressions and fills a custom message', async () => {
    expect(await run({ object: 'container', name: 'web', field: 'Name', matches: '^/w' })).toBeUndefined();
    expect(
      await run({ object: 'container', name: 'web', field: 'Name', matches: '^/db', message: { en: '{name}: {found} is not {expected}', zh: '{name}：{found}' } }),
    ).toEqual({ en: 'web: “/web” is not /^/db/', zh: 'web：“/web”' });
    expect(
      await run({ object: 'container', name: 'web', field: 'State.Health.Status', equals: 'healthy', message: { en: 'health: {found}', zh: '健康：{found}' } }),
    ).toEqual({ en: 'health: nothing', zh: '健康：没有' });
  });

  it('describes host files: type, mode, owner, content and folder entries', async () => {
    expect(await run({ object: 'file', name: 'app.conf', field: 'mode', equals: '0644' })).toBeUndefined();
    expect(await run({ object: 'file', name: 'site', field: 'type', equals: 'dir' })).toBeUndefined();
    expect(await run({ object: 'file', name: '~/site', field: 'entries', contains: 'index.html' })).toBeUndefined();
    expect((await run({ object: 'file', name: 'app.conf', field: 'content', contains: 'port=8080' }))?.en).toBe(
      'expected content of file app.conf to contain “port=8080”, found “port=80”',
    );
  });

  it('reports a kind nobody registered as a check that could not run', async () => {
    expect((await run({ object: 'pod', name: 'web' }))?.en).toBe('the check could not run: nothing in this world has objects of kind "pod"');
  });
});
