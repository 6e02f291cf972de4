import { describe, expect, it } from 'vitest';
import { checkCourse, compileLesson, type LessonSource } from './lesson';
import { formatIssue } from './schema';

const YAML = `id: demo
title: { en: Demo, zh: 演示 }
part: { id: basics, title: { en: Basics, zh: 基础 } }
chapter: { id: files, title: { en: Files, zh: 文件 } }
exercises:
  - id: one
    title: { en: One, zh: 一 }
    checks: [{ file: a.txt }]
    hints: { en: [], zh: [] }
    solution: { commands: [echo > a.txt] }
`;

function source(over: Partial<LessonSource> = {}): LessonSource {
  return {
    folder: '01-demo',
    displayDir: 'lessons/01-demo',
    yaml: YAML,
    prose: { en: '# Demo\n\n::exercise{id="one"}\n', zh: '# 演示\n\n::exercise{id="one"}\n' },
    files: { 'start.txt': 'hi\n' },
    exists: (p) => ['01-demo/img/cat.png', '02-next'].includes(p),
    ...over,
  };
}

const issues = (s: LessonSource) => compileLesson(s).issues.map(formatIssue);

describe('compileLesson', () => {
  it('compiles a valid lesson into what the page loads', () => {
    const r = compileLesson(source());
    expect(r.issues).toEqual([]);
    expect(r.lesson).toMatchObject({ id: 'demo', order: 1, files: { 'start.txt': 'hi\n' }, setup: { commands: [] } });
    expect(r.lesson?.prose.zh.children.length).toBeGreaterThan(0);
  });

  it('wants both languages and a folder named after the id', () => {
    expect(issues(source({ prose: { en: '::exercise{id="one"}' } }))).toEqual([
      'lessons/01-demo/zh.md:1:1: missing: every lesson has its prose in en.md and zh.md',
    ]);
    expect(issues(source({ folder: '01-other', displayDir: 'lessons/01-other' }))).toEqual([
      'lessons/01-other/lesson.yaml:1:1: id "demo" does not match the folder name 01-other: name the folder 01-demo, or make the id "other"',
    ]);
    expect(issues(source({ yaml: undefined }))).toEqual(['lessons/01-demo/lesson.yaml:1:1: missing: every lesson has a lesson.yaml']);
  });

  it('checks that the prose places exactly the exercises of lesson.yaml', () => {
    expect(issues(source({ prose: { en: '::exercise{id="one"}\n\n::exercise{id="two"}\n\n::exercise{id="one"}', zh: '::exercise{id="one"}' } }))).toEqual([
      'lessons/01-demo/en.md:3:1: exercise "two" is not in lesson.yaml (its exercises: one)',
      'lessons/01-demo/en.md:5:1: exercise "one" is placed twice',
    ]);
  });

  it('resolves links and images, and refuses unsafe ones', () => {
    const en = '::exercise{id="one"}\n\n![cat](img/cat.png) ![dog](img/dog.png) [next](../02-next) [out](../../etc) [js](javascript:x) [web](https://example.com) [top](#top)';
    expect(issues(source({ prose: { en, zh: '::exercise{id="one"}' } }))).toEqual([
      'lessons/01-demo/en.md:3:21: link img/dog.png: no such file (01-demo/img/dog.png under lessons/)',
      'lessons/01-demo/en.md:3:60: link ../../etc leaves the lessons folder',
      'lessons/01-demo/en.md:3:77: unsafe link javascript:x: only http, https and mailto links are allowed',
    ]);
  });

  it('finds clashes across lessons', () => {
    const a = compileLesson(source()).lesson!;
    const b = { ...a, folder: '02-demo', part: { id: 'basics', title: { en: 'Basic', zh: '基础' } } };
    expect(checkCourse([a, b])).toEqual([
      'lessons 01-demo and 02-demo have the same id "demo"',
      'lessons 01-demo and 02-demo have the same number 1',
      'part "basics" has different titles in 01-demo and 02-demo',
    ]);
  });
});
