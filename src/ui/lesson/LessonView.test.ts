import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { compileLesson, indexEntry, type CompiledLesson } from '../../lessons/lesson';
import { FakeLessonSession } from '../../lessons/testing/fakeSession';
import { readLessonSource } from '../../node/lessons-fs';
import { LessonView } from './LessonView';

const fixtures = fileURLToPath(new URL('../../lessons/testing/fixtures/good', import.meta.url));

function lesson(): CompiledLesson {
  const r = compileLesson(readLessonSource(fixtures, '01-make-file'));
  if (!r.lesson) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.lesson;
}

function render(lang: 'en' | 'zh'): string {
  const l = lesson();
  const second = { ...indexEntry(l), id: 'second-lesson', order: 2, title: { en: 'Second', zh: '第二课' } };
  return renderToStaticMarkup(
    createElement(LessonView, {
      lang,
      lessons: [indexEntry(l), second],
      lesson: l,
      session: new FakeLessonSession(),
      onRun: () => {},
      onOpenFile: () => {},
      onNavigate: () => {},
      onReset: () => {},
    }),
  );
}

describe('LessonView', () => {
  it('names its landmarks, regions and buttons in English', () => {
    const html = render('en');
    expect(html).toContain('<nav aria-label="Lessons"');
    expect(html).toContain('aria-current="page"');
    expect(html).toContain('>1. Make a file</a>');
    expect(html).toContain('href="#second-lesson"');
    expect(html).toMatch(/<section role="region" aria-label="Write a greeting"[^>]*>/);
    expect(html).toMatch(/<section role="region" aria-label="Append"[^>]*>/);
    for (const name of ['Check', 'Hint', 'Solution', 'Run', 'Copy', 'Reset', 'Next']) expect(html).toContain(`>${name}</button>`);
    expect(html).toContain('Not done yet');
    expect(html).not.toContain('>Done<');
  });

  it('uses the Chinese names in Chinese', () => {
    const html = render('zh');
    expect(html).toContain('<nav aria-label="课程列表"');
    expect(html).toMatch(/aria-label="写一句问候"/);
    for (const name of ['检查', '提示', '答案', '运行', '复制', '重置', '下一课']) expect(html).toContain(`>${name}</button>`);
    expect(html).toContain('尚未完成');
    expect(html).toContain('从这里开始');
  });

  it('places each exercise where the prose puts it', () => {
    const html = render('en');
    const a = html.indexOf('aria-label="Write a greeting"');
    const then = html.indexOf('Then:');
    const b = html.indexOf('aria-label="Append"');
    expect(a).toBeGreaterThan(0);
    expect(then).toBeGreaterThan(a);
    expect(b).toBeGreaterThan(then);
  });
});
