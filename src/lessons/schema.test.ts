import { describe, expect, it } from 'vitest';
import { formatIssue, lessonSpecSchema, parseLessonYaml } from './schema';

const GOOD = `id: hello
title: { en: Hello, zh: 你好 }
part: { id: basics, title: { en: Basics, zh: 基础 } }
chapter: { id: shell, title: { en: The shell, zh: Shell } }
setup:
  commands: [mkdir -p app]
exercises:
  - id: make-file
    title: { en: Make a file, zh: 创建文件 }
    checks:
      - file: hello.txt
        contains: "Hello, Dockyard"
      - shell: test -s hello.txt
        expectStatus: 0
        message: { en: "hello.txt is empty: {output}", zh: "hello.txt 是空的：{output}" }
      - history: "^cat hello"
    hints:
      en: [Try echo., Use > to write a file.]
      zh: [试试 echo。, 用 > 写入文件。]
    solution:
      commands: ['echo "Hello, Dockyard" > hello.txt']
      files: { notes.txt: "x" }
`;

function errors(text: string): string[] {
  const r = parseLessonYaml(text, 'lessons/01-hello/lesson.yaml');
  return r.ok ? [] : r.issues.map(formatIssue);
}

describe('lesson.yaml schema', () => {
  it('accepts a complete lesson', () => {
    const r = parseLessonYaml(GOOD, 'lesson.yaml');
    expect(r.issues).toEqual([]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.exercises[0]?.checks).toHaveLength(3);
    expect(r.value.setup?.commands).toEqual(['mkdir -p app']);
  });

  it('describes every field (for the authors\' JSON schema)', () => {
    const shape = lessonSpecSchema.shape;
    for (const [key, field] of Object.entries(shape)) expect(field.description, key).toBeTruthy();
  });

  it('reports an unknown field at its line and column', () => {
    expect(errors(GOOD.replace('contains: "Hello', 'contain: "Hello'))).toEqual([
      'lessons/01-hello/lesson.yaml:12:9: unknown field "contain" in exercises[0].checks[0]',
    ]);
  });

  it('reports a missing field at the object that lacks it', () => {
    expect(errors(GOOD.replace('    title: { en: Make a file, zh: 创建文件 }\n', ''))).toEqual([
      'lessons/01-hello/lesson.yaml:8:5: missing field "title" in exercises[0]',
    ]);
  });

  it('reports a missing language', () => {
    expect(errors(GOOD.replace('title: { en: Hello, zh: 你好 }', 'title: { en: Hello }'))).toEqual([
      'lessons/01-hello/lesson.yaml:2:8: missing field "zh" in title',
    ]);
  });

  it('reports a wrong type with what it found', () => {
    expect(errors(GOOD.replace('expectStatus: 0', 'expectStatus: zero'))).toEqual([
      'lessons/01-hello/lesson.yaml:14:23: exercises[0].checks[1].expectStatus: expected number, found the text "zero"',
    ]);
  });

  it('reports the errors of the check kind its key selects, not of every kind', () => {
    expect(errors(GOOD.replace('        message: { en: "hello.txt is empty: {output}", zh: "hello.txt 是空的：{output}" }\n', ''))).toEqual([
      'lessons/01-hello/lesson.yaml:13:9: missing field "message" in exercises[0].checks[1]',
    ]);
    expect(errors(GOOD.replace('- history: "^cat hello"', '- command: "^cat hello"'))).toEqual([
      'lessons/01-hello/lesson.yaml:16:9: exercises[0].checks[2]: a check needs exactly one of the keys file, shell, history, object',
    ]);
  });

  it('rejects a history pattern that is not a regular expression', () => {
    expect(errors(GOOD.replace('"^cat hello"', '"cat ("'))).toEqual([
      'lessons/01-hello/lesson.yaml:16:18: exercises[0].checks[2].history: is not a valid regular expression',
    ]);
  });

  it('rejects hints that differ in number between languages', () => {
    expect(errors(GOOD.replace('zh: [试试 echo。, 用 > 写入文件。]', 'zh: [试试 echo。]'))).toEqual([
      'lessons/01-hello/lesson.yaml:18:7: hints: 2 in en but 1 in zh; give each language the same hints',
    ]);
  });

  it('rejects an empty solution, duplicate exercise ids and bad ids', () => {
    const noSolution = GOOD.replace(/ {4}solution:\n.*\n.*\n$/, '    solution: {}\n');
    expect(errors(noSolution)).toEqual(['lessons/01-hello/lesson.yaml:20:15: solution: give commands, files or both']);
    expect(errors(GOOD.replace('id: hello', 'id: Hello World'))).toEqual([
      'lessons/01-hello/lesson.yaml:1:5: id: must be lowercase letters, digits and dashes, like "hello-file"',
    ]);
    const twice = GOOD + GOOD.slice(GOOD.indexOf('  - id: make-file'));
    expect(errors(twice)).toEqual(['lessons/01-hello/lesson.yaml:23:9: duplicate exercise id "make-file"']);
  });

  it('reports YAML syntax errors at their position', () => {
    const [e] = errors('id: hello\ntitle: { en: Hello\n');
    expect(e).toMatch(/^lessons\/01-hello\/lesson\.yaml:\d+:\d+: /);
    expect(errors('id: a\nid: b\n')[0]).toMatch(/^lessons\/01-hello\/lesson\.yaml:2:1: Map keys must be unique/);
  });

  it('rejects a file check that asks for absence and content at once, and paths with ..', () => {
    expect(errors(GOOD.replace('contains: "Hello, Dockyard"', 'exists: false\n        contains: "x"'))).toEqual([
      'lessons/01-hello/lesson.yaml:11:9: a check with exists: false cannot also ask for contains or equals',
    ]);
    expect(errors(GOOD.replace('file: hello.txt', 'file: ../etc/passwd'))).toEqual([
      'lessons/01-hello/lesson.yaml:11:15: exercises[0].checks[0].file: must not contain ".."',
    ]);
  });
});
