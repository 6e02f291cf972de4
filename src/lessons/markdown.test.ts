import type { Element, Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { compileMarkdown, hastText, parseCodeMeta } from './markdown';

function elements(root: Root): Element[] {
  const out: Element[] = [];
  const walk = (n: Root | Element) => {
    for (const c of n.children) {
      if (c.type === 'element') {
        out.push(c);
        walk(c);
      }
    }
  };
  walk(root);
  return out;
}

describe('compileMarkdown', () => {
  it('removes script and event handlers, and unsafe URLs', () => {
    const md = [
      '# Title',
      '',
      '<script>alert("x")</script>',
      '',
      '<div onclick="steal()">click</div>',
      '',
      'Inline <img src="x" onerror="steal()"> and <a href="#" onclick="steal()">a</a>.',
      '',
      '[bad](javascript:alert(1)) ![pic](javascript:alert(2))',
    ].join('\n');
    const { hast } = compileMarkdown(md, 'en.md');
    const json = JSON.stringify(hast);
    expect(json).not.toMatch(/script|onclick|onerror|javascript|steal/i);
    for (const el of elements(hast)) {
      for (const key of Object.keys(el.properties)) expect(key).not.toMatch(/^on/i);
    }
    const links = elements(hast).filter((e) => e.tagName === 'a');
    expect(links.map((a) => a.properties.href)).toEqual([undefined]);
  });

  it('opens external links in a new tab with noopener', () => {
    const { hast, links } = compileMarkdown('[docs](https://docs.docker.com) and [next](../02-next/) and [top](#top)', 'en.md');
    const as = elements(hast).filter((e) => e.tagName === 'a');
    expect(as[0]?.properties).toEqual({ href: 'https://docs.docker.com', target: '_blank', rel: ['noopener', 'noreferrer'] });
    expect(as[1]?.properties).toEqual({ href: '../02-next/' });
    expect(links.map((l) => l.url)).toEqual(['https://docs.docker.com', '../02-next/', '#top']);
  });

  it('places exercises with ::exercise and reports their positions', () => {
    const r = compileMarkdown('Intro\n\n::exercise{id="hello-file"}\n\nMore\n\n::exercise{id="second"}\n', 'en.md');
    expect(r.exercises).toEqual([
      { id: 'hello-file', line: 3, col: 1 },
      { id: 'second', line: 7, col: 1 },
    ]);
    const divs = elements(r.hast).filter((e) => e.tagName === 'div');
    expect(divs.map((d) => d.properties.dataExercise)).toEqual(['hello-file', 'second']);
    expect(r.issues).toEqual([]);
  });

  it('reports unknown directives and an exercise without id at file:line:col', () => {
    const r = compileMarkdown('::exercise\n\n::video{src="x"}\n\n:::danger\nx\n:::\n', 'lessons/01-a/en.md');
    expect(r.issues.map((i) => `${i.file}:${i.line}:${i.col}: ${i.message}`)).toEqual([
      'lessons/01-a/en.md:1:1: ::exercise needs an id, as in ::exercise{id="hello-file"}',
      'lessons/01-a/en.md:3:1: unknown directive ::video (known: ::exercise, ::quiz)',
      'lessons/01-a/en.md:5:1: unknown directive :::danger (known: :::tip, :::note, :::warning)',
    ]);
  });

  it('turns :::tip and :::warning into callouts and leaves text like 10:30 or note:this alone', () => {
    const r = compileMarkdown(':::tip\nUse **Tab**.\n:::\n\n:::warning\nCareful.\n:::\n\nAt 10:30, see note:this.\n', 'en.md');
    const asides = elements(r.hast).filter((e) => e.tagName === 'aside');
    expect(asides.map((a) => a.properties.dataCallout)).toEqual(['tip', 'warning']);
    expect(hastText(r.hast)).toContain('At 10:30, see note:this.');
  });

  it('writes keys with :kbd[...]', () => {
    const r = compileMarkdown('Press :kbd[Ctrl]+:kbd[S].', 'en.md');
    const kbd = elements(r.hast).filter((e) => e.tagName === 'kbd');
    expect(kbd.map((k) => hastText(k))).toEqual(['Ctrl', 'S']);
  });

  it('marks shell blocks runnable and file blocks openable', () => {
    const md = '```bash\necho hi\n```\n\n```bash norun\nrm -rf /\n```\n\n```yaml file=pod.yaml\nkind: Pod\n```\n\n```text\noutput\n```\n';
    const r = compileMarkdown(md, 'en.md');
    expect(r.codeBlocks.map((b) => [b.lang, b.run, b.file, b.line])).toEqual([
      ['bash', true, undefined, 1],
      ['bash', false, undefined, 5],
      ['yaml', false, 'pod.yaml', 9],
      ['text', false, undefined, 13],
    ]);
    const codes = elements(r.hast).filter((e) => e.tagName === 'code');
    expect(codes.map((c) => [c.properties.dataRun, c.properties.dataFile, hastText(c)])).toEqual([
      ['true', undefined, 'echo hi\n'],
      [undefined, undefined, 'rm -rf /\n'],
      [undefined, 'pod.yaml', 'kind: Pod\n'],
      [undefined, undefined, 'output\n'],
    ]);
  });

  it('keeps GFM (tables, task lists, strikethrough) and drops positions', () => {
    const r = compileMarkdown('| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~\n', 'en.md');
    const tags = elements(r.hast).map((e) => e.tagName);
    expect(tags).toEqual(expect.arrayContaining(['table', 'td', 'input', 'del']));
    expect(JSON.stringify(r.hast)).not.toContain('position');
  });

  it('parses code meta', () => {
    expect([...parseCodeMeta('file="my pod.yaml" norun x=1')]).toEqual([
      ['file', 'my pod.yaml'],
      ['norun', ''],
      ['x', '1'],
    ]);
  });
});
