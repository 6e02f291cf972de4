import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createNodeSession } from './host';
import { checkLessons } from './lessons-check';

const fixtures = fileURLToPath(new URL('../lessons/testing/fixtures/', import.meta.url));
const newSession = () => createNodeSession();

describe('lessons:check', () => {
  it('passes a lesson whose checks fail before and pass after the solution, and reports the messages', async () => {
    const r = await checkLessons({ root: fixtures + 'good', newSession });
    expect(r.report).toContain('lessons/01-make-file');
    expect(r.report).toContain('expected a file greeting.txt in your home folder, found none');
    expect(r.report).toContain('主目录里应该有文件 greeting.txt，但没有找到');
    expect(r.report).toContain('expected a file notes/todo.txt in your home folder, found none');
    expect(r.report).toContain('2 Run blocks of the prose ran, all simulated');
    expect(r.report).toMatch(/1 lesson, 2 exercises proven: all good\n$/);
    expect(r.ok).toBe(true);
  });

  it('fails a lesson whose check already passes before its solution', async () => {
    const r = await checkLessons({ root: fixtures + 'passes-before', newSession });
    expect(r.ok).toBe(false);
    expect(r.report).toContain('before the solution: passes (it must fail)');
    expect(r.report).toContain('its checks already pass before the solution');
    expect(r.report).toMatch(/1 problem\n$/);
  });

  it('exits 1 from the command line, with the real session, for such a lesson', async () => {
    const { spawnSync } = await import('node:child_process');
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const r = spawnSync(root + 'node_modules/.bin/tsx', [root + 'src/node/lessons-check.ts', '--root', fixtures + 'passes-before'], {
      encoding: 'utf8',
      cwd: root,
    });
    expect(r.stdout).toContain('its checks already pass before the solution');
    expect(r.status).toBe(1);
  });

  it('fails on a Run block that is not simulated, with its file and line', async () => {
    const { mkdtempSync, cpSync, writeFileSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(tmpdir() + '/lessons-');
    cpSync(fixtures + 'good', dir, { recursive: true });
    const en = dir + '/01-make-file/en.md';
    writeFileSync(en, readFileSync(en, 'utf8') + '\n```bash\nhelm list\n```\n');
    const r = await checkLessons({ root: dir, newSession });
    expect(r.ok).toBe(false);
    expect(r.report).toMatch(/✗ lessons\/01-make-file\/en\.md:15: helm list/);
    expect(r.report).toMatch(/bash: line \d+: helm: command not found/);
  });

  it('reports schema errors at file:line:col and proves nothing', async () => {
    const { mkdtempSync, cpSync, writeFileSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(tmpdir() + '/lessons-');
    cpSync(fixtures + 'good', dir, { recursive: true });
    const y = dir + '/01-make-file/lesson.yaml';
    writeFileSync(y, readFileSync(y, 'utf8').replace('contains: Hello', 'contain: Hello'));
    const r = await checkLessons({ root: dir, newSession });
    expect(r.ok).toBe(false);
    expect(r.report).toContain('lessons/01-make-file/lesson.yaml:13:9: unknown field "contain" in exercises[0].checks[0]');
    expect(r.report).not.toContain('before the solution');
  });

  it('fails when the zh prose does not place an exercise', async () => {
    const { mkdtempSync, cpSync, writeFileSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(tmpdir() + '/lessons-');
    cpSync(fixtures + 'good', dir, { recursive: true });
    const zh = dir + '/01-make-file/zh.md';
    writeFileSync(zh, readFileSync(zh, 'utf8').replace('::exercise{id="second"}', ''));
    const r = await checkLessons({ root: dir, newSession });
    expect(r.ok).toBe(false);
    expect(r.report).toContain('lessons/01-make-file/zh.md:1:1: exercise "second" is not placed: add ::exercise{id="second"} where it belongs');
  });

  it('replays alternative solutions and near misses: a lenient check or a wrong message fails the lesson', async () => {
    const { mkdtempSync, cpSync, writeFileSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(tmpdir() + '/lessons-');
    cpSync(fixtures + 'good', dir, { recursive: true });
    const y = dir + '/01-make-file/lesson.yaml';
    const base = readFileSync(y, 'utf8');
    const variants = (extra: string) =>
      base.replace(
        '        - echo Hello > greeting.txt\n',
        '        - echo Hello > greeting.txt\n' + extra,
      );
    writeFileSync(
      y,
      variants(
        [
          '    alternatives:',
          '      - files: { greeting.txt: "Hello there\\n" }',
          '    nearMisses:',
          '      - why: wrong word',
          '        commands: [echo Hi > greeting.txt]',
          '        expect: "to contain “Hello”"',
          '',
        ].join('\n'),
      ),
    );
    const good = await checkLessons({ root: dir, newSession });
    expect(good.report).toContain('alternative 1: passes');
    expect(good.report).toContain('near-miss 1 (wrong word): fails: expected greeting.txt to contain “Hello”, found “Hi”');
    expect(good.ok).toBe(true);

    writeFileSync(
      y,
      variants(
        [
          '    alternatives:',
          '      - commands: [echo Howdy > greeting.txt]',
          '    nearMisses:',
          '      - why: lenient',
          '        commands: [echo Hello world > greeting.txt]',
          '        expect: anything',
          '      - why: wrong file',
          '        commands: [echo Hello > greet.txt]',
          '        expect: "to contain"',
          '',
        ].join('\n'),
      ),
    );
    const bad = await checkLessons({ root: dir, newSession });
    expect(bad.ok).toBe(false);
    expect(bad.report).toContain('alternative 1 does not pass (check 1): expected greeting.txt to contain “Hello”, found “Howdy”');
    expect(bad.report).toContain('near-miss 1 (lenient) passes: the checks are too lenient');
    expect(bad.report).toContain(
      'near-miss 2 (wrong file) fails with “expected a file greeting.txt in your home folder, found none”, not with a message containing “to contain”',
    );
  });
});
