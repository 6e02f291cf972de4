import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  chompHeredocContent,
  detectSyntax,
  DirectiveParser,
  dump,
  expandWord,
  heredocsFromLine,
  instructionsFrom,
  parseDirective,
  parseDockerfile,
  parseHeredoc,
  parseInstruction,
  parseJSONArray,
  parseMount,
  parseNameValues,
  parseWords,
  type Command,
  type Node,
  type Stage,
} from './index';

// Every group of dockerfile-parser.json is run here or in shell.test.ts (shellWordExpansion, shellWordsSplit).
// No group is skipped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- vectors are heterogeneous JSON; each group reads its own fields
type Vector = Record<string, any> & { group: string; name: string };
const data = JSON.parse(readFileSync(new URL('../../../../data/conformance/dockerfile-parser.json', import.meta.url), 'utf8')) as { vectors: Vector[] };
const group = (g: string) => data.vectors.filter((v) => v.group === g);

function mustParse(text: string) {
  const r = parseDockerfile(text);
  if (!r.ok) throw new Error(`parse failed: ${r.error.message}`);
  return r;
}

/** A hand-built node chain, as BuildKit's tests build `&parser.Node{Value: …, Next: …}`. */
function nodeFromValues(values: string[]): Node {
  const mk = (value: string): Node => ({
    value, next: null, children: [], heredocs: [], attributes: {}, original: values.join(' '), flags: [], startLine: 1, endLine: 1, prevComment: [],
  });
  const root = mk(values[0] ?? '');
  let prev = root;
  for (const v of values.slice(1)) {
    const n = mk(v);
    prev.next = n;
    prev = n;
  }
  return root;
}

describe('dockerfile-parser.json vectors', () => {
  it('has only groups the tests know', () => {
    const known = new Set([
      'parse', 'lineNumbers', 'warnings', 'parseError', 'heredoc', 'heredocChomp', 'parseHeredoc', 'heredocsFromLine', 'parseWords', 'jsonArray',
      'parseNameVal', 'directives', 'detectSyntax', 'parseDirective', 'instructionErrors', 'instructionParse', 'shellWordExpansion', 'shellWordsSplit',
    ]);
    expect(data.vectors.map((v) => v.group).filter((g) => !known.has(g))).toEqual([]);
  });

  it.each(group('parse'))('parse: $name', (v) => {
    const r = parseDockerfile(v['dockerfile']);
    if (v['expectError']) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toBe(v['errorMessageFromSource']);
      return;
    }
    if (!r.ok) throw new Error(r.error.message);
    expect(dump(r.ast) + '\n').toBe(v['expectedResult']);
  });

  it.each(group('lineNumbers'))('lineNumbers: $name', (v) => {
    const { ast } = mustParse(v['dockerfile']);
    expect(ast.startLine).toBe(v['expect'].astStartLine);
    expect(ast.endLine).toBe(v['expect'].astEndLine);
    expect(ast.children.map((c) => [c.startLine, c.endLine])).toEqual(v['expect'].children);
  });

  it.each(group('warnings'))('warnings: $name', (v) => {
    if (v['dockerfile'] === undefined) {
      // The warning's fixed texts, read from parser.go.
      const { warnings } = mustParse('FROM a\nRUN x \\\n\n  y\n');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.short).toBe('Empty continuation line found in: RUN x   y');
      expect(v['expect'].short.replace('<joined line>', 'RUN x   y')).toBe(warnings[0]?.short);
      expect(warnings[0]?.detail).toEqual([v['expect'].detail]);
      expect(warnings[0]?.url).toBe(v['expect'].url);
      return;
    }
    const { warnings } = mustParse(v['dockerfile']);
    expect(warnings).toHaveLength(v['expect'].warningCount);
    v['expect'].warnings.forEach((w: { shortContains: string[]; detailContains?: string }, i: number) => {
      for (const s of w.shortContains) expect(warnings[i]?.short).toContain(s);
      if (w.detailContains !== undefined) expect(warnings[i]?.detail.join('\n')).toContain(w.detailContains);
    });
  });

  it.each(group('parseError'))('parseError: $name', (v) => {
    const text = (v['dockerfileTemplate'] as string).replace("<'a' repeated 65536 times>", 'a'.repeat(65536));
    const r = parseDockerfile(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe(v['errorMessage']);
  });

  it.each(group('heredoc'))('heredoc: $name', (v) => {
    const { ast } = mustParse(v['dockerfile']);
    const got = ast.children.slice(1).map((c) => (c.heredocs.length === 0 ? null : c.heredocs));
    expect(got).toEqual(v['expect'].childHeredocs);
  });

  it.each(group('heredocChomp'))('heredocChomp: $name', (v) => {
    expect(chompHeredocContent(v['input'])).toBe(v['expect']);
  });

  it.each(group('parseHeredoc'))('parseHeredoc: $input', (v) => {
    const r = parseHeredoc(v['input']);
    if (v['kind'] === 'valid') expect(r.heredoc?.name).toBe(v['expectName']);
    else if (v['kind'] === 'invalid') expect(r.error).toBeDefined();
    else expect(r).toEqual({});
  });

  // Upstream (TestHeredocsFromLine) checks only the heredocs returned: heredocs[i].Name == names[i]. For
  // `RUN <<- EOF` BuildKit's lexer returns none (`<<-` and `EOF` are separate words), so the table's
  // name is never compared upstream; this test checks the same thing upstream checks, and pins that case.
  it.each(group('heredocsFromLine'))('heredocsFromLine: $input', (v) => {
    const r = heredocsFromLine(v['input']);
    expect(r.error).toBeUndefined();
    const names = r.heredocs.map((h) => h.name);
    expect(names).toEqual((v['expectNames'] as string[]).slice(0, names.length));
    if (v['input'] === 'RUN <<- EOF') expect(names).toEqual([]);
    else expect(names).toEqual(v['expectNames']);
  });

  it.each(group('parseWords'))('parseWords: $input', (v) => {
    expect(parseWords(v['input'])).toEqual(v['expectWords']);
  });

  it.each(group('jsonArray'))('jsonArray: $input', (v) => {
    const r = parseJSONArray(v['input']);
    if (v['expectError']) {
      expect(r).toEqual({ error: 'notStrings' });
      // …which the parser reports with BuildKit's message.
      const p = parseDockerfile(`CMD ${v['input']}`);
      expect(!p.ok && p.error.message).toBe(v['errorMessage']);
      return;
    }
    expect(r).toEqual({ values: v['expect'] });
  });

  it.each(group('parseNameVal'))('parseNameVal: $name', (v) => {
    const r = parseNameValues(v['input'].rest, v['input'].key);
    if (v['expectError']) expect(r).toEqual({ ok: false, error: v['errorMessage'] });
    else expect(r).toEqual({ ok: true, value: v['expect'] });
  });

  it.each(group('directives'))('directives: $name', (v) => {
    const { directives, error } = new DirectiveParser().parseAll(v['input']);
    expect(error).toBeUndefined();
    expect(directives.map((d) => ({ name: d.name, value: d.value }))).toEqual(v['expect'].directives);
  });

  it.each([...group('detectSyntax'), ...group('parseDirective')])('$group: $input', (v) => {
    const r = v.group === 'detectSyntax' ? detectSyntax(v['input']) : parseDirective('check', v['input']);
    const e = v['expect'];
    expect(r !== undefined).toBe(e.ok);
    if (r === undefined) return;
    if ('ref' in e) expect(r.ref).toBe(e.ref);
    if ('value' in e) expect(r.ref).toBe(e.value);
    if ('cmdline' in e) expect(r.cmdline).toBe(e.cmdline);
    if ('line' in e) expect(r.line).toBe(e.line);
  });

  it.each(group('instructionErrors'))('instructionErrors: $name $dockerfile', (v) => {
    if (v['astNodeValues'] !== undefined) {
      const r = parseInstruction(nodeFromValues(v['astNodeValues']));
      expect(!r.ok && r.error.message).toBe(v['errorMessage']);
      return;
    }
    if (v['errorMessage'] !== undefined) {
      // ParseInstruction on the first node: the instruction's own message.
      const { ast } = mustParse(v['dockerfile']);
      const r = parseInstruction(ast.children[0] as Node);
      expect(!r.ok && r.error.message).toBe(v['errorMessage']);
      return;
    }
    // instructions.Parse: the message is wrapped with the line.
    const { ast } = mustParse(v['dockerfile']);
    const r = instructionsFrom(ast);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain(v['errorContains']);
      expect(r.error.message).toMatch(/^dockerfile parse error on line 1: /);
    }
  });

  it.each(group('instructionParse'))('instructionParse: $name $input', (v) => {
    if (v['astNodeValues'] !== undefined) {
      const r = parseInstruction(nodeFromValues(v['astNodeValues']));
      expect(r.ok && r.value.kind === 'healthcheck' && r.value.health.test).toEqual(v['expect'].healthTest);
      return;
    }
    if (v['input'] !== undefined) {
      const r = instructionsFrom(mustParse(`FROM scratch\nHEALTHCHECK --interval=${v['input']} CMD true\n`).ast);
      expect(r.ok).toBe(!v['expectError']);
      if (!r.ok) expect(r.error.message).toContain(v['errorContains']);
      return;
    }
    const r = instructionsFrom(mustParse(v['dockerfile']).ast);
    if (!r.ok) throw new Error(r.error.message);
    const e = v['expect'];
    const stage = r.value.stages[0] as Stage;
    expect(stage.docComment).toBe(e['stages[0].DocComment']);
    expect({ key: r.value.metaArgs[0]?.args[0]?.key, docComment: r.value.metaArgs[0]?.args[0]?.docComment }).toEqual(e['metaArgs[0]']);
    const cmds = stage.commands.map((c) => (c.kind === 'arg' ? { ARG: c.args.map((a) => ({ key: a.key, docComment: a.docComment })) } : c.kind));
    expect(cmds).toEqual(e['stage0.commands']);
  });
});

describe('validation-errors.json: docker build (BuildKit) front-end messages', () => {
  interface Message {
    id: string;
    tool: string;
    trigger: { input?: string };
    exampleOutput: string;
  }
  const messages = (
    JSON.parse(readFileSync(new URL('../../../../data/conformance/validation-errors.json', import.meta.url), 'utf8')) as { messages: Message[] }
  ).messages.filter((m) => m.tool.startsWith('docker build'));
  const byId = (id: string) => messages.find((m) => m.id === id) as Message;

  it('unknown instruction, with the suggestion', () => {
    const m = byId('docker.build.unknown-instruction');
    const r = instructionsFrom(mustParse(m.trigger.input as string).ast);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(m.exampleOutput).toContain(`ERROR: failed to solve: ${r.error.message}\n`);
    expect(r.error.message).toBe('dockerfile parse error on line 2: unknown instruction: RUNN (did you mean RUN?)');
    expect(r.error.location).toEqual({ start: 2, end: 2 });
  });

  it('instruction before the first FROM', () => {
    const m = byId('docker.build.instruction-before-from');
    const r = instructionsFrom(mustParse(m.trigger.input as string).ast);
    expect(!r.ok && r.error).toEqual({ message: 'no build stage in current context', location: { start: 1, end: 1 } });
    expect(m.exampleOutput).toContain('ERROR: failed to solve: no build stage in current context\n');
  });

  it('empty continuation line: a warning on the last line of the instruction', () => {
    const m = byId('docker.build.empty-continuation');
    const r = mustParse(m.trigger.input as string);
    expect(r.warnings).toHaveLength(1);
    expect(m.exampleOutput).toContain(`(line ${r.warnings[0]?.location.start})`);
  });

  it('suggestions keep the case of what was typed', () => {
    const msg = (text: string) => {
      const r = instructionsFrom(mustParse(text).ast);
      return r.ok ? '' : r.error.message;
    };
    expect(msg('FROM a\ncopi a b\n')).toBe('dockerfile parse error on line 2: unknown instruction: copi (did you mean copy?)');
    expect(msg('FORM alpine\n')).toBe('dockerfile parse error on line 1: unknown instruction: FORM (did you mean FROM?)');
    expect(msg('FROM a\nBANANA x\n')).toBe('dockerfile parse error on line 2: unknown instruction: BANANA');
  });
});

describe('instructions', () => {
  const stagesOf = (text: string) => {
    const r = instructionsFrom(mustParse(text).ast);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const errorOf = (text: string) => {
    const r = instructionsFrom(mustParse(text).ast);
    return r.ok ? undefined : r.error.message;
  };

  it('builds stages with their commands', () => {
    const { stages, metaArgs } = stagesOf(
      'ARG BASE=ubuntu:22.04\nFROM --platform=linux/amd64 ${BASE} AS Build\nWORKDIR /src\nCOPY --from=deps --chown=1000:1000 --chmod=644 --link a b /dst/\n' +
        'RUN --mount=type=cache,target=/root/.cache --network=none make\nENV A=1 B="two words"\nENV OLD form value\nEXPOSE 8080 80/udp\n' +
        'CMD ["python", "app.py"]\nENTRYPOINT /entry.sh\nFROM build\nUSER app\n',
    );
    expect(metaArgs.map((a) => a.args)).toEqual([[{ key: 'BASE', value: 'ubuntu:22.04', docComment: '' }]]);
    expect(stages.map((s) => [s.name, s.baseName, s.platform])).toEqual([
      ['build', '${BASE}', 'linux/amd64'],
      ['', 'build', ''],
    ]);
    const c = stages[0]?.commands as Command[];
    expect(c.map((x) => x.kind)).toEqual(['workdir', 'copy', 'run', 'env', 'env', 'expose', 'cmd', 'entrypoint']);
    const copy = c[1] as Extract<Command, { kind: 'copy' }>;
    expect([copy.from, copy.chown, copy.chmod, copy.link, copy.sourcePaths, copy.destPath]).toEqual(['deps', '1000:1000', '644', true, ['a', 'b'], '/dst/']);
    const run = c[2] as Extract<Command, { kind: 'run' }>;
    expect([run.cmdLine, run.prependShell, run.network, run.mountSpecs]).toEqual([['make'], true, 'none', ['type=cache,target=/root/.cache']]);
    expect((c[3] as Extract<Command, { kind: 'env' }>).env).toEqual([
      { key: 'A', value: '1', noDelim: false },
      { key: 'B', value: '"two words"', noDelim: false },
    ]);
    expect((c[4] as Extract<Command, { kind: 'env' }>).env).toEqual([{ key: 'OLD', value: 'form value', noDelim: true }]);
    expect((c[5] as Extract<Command, { kind: 'expose' }>).ports).toEqual(['80/udp', '8080']);
    expect(c[6]).toMatchObject({ cmdLine: ['python', 'app.py'], prependShell: false, code: 'CMD ["python", "app.py"]', location: { start: 9, end: 9 } });
    expect(c[7]).toMatchObject({ cmdLine: ['/entry.sh'], prependShell: true });
  });

  it('COPY and RUN heredocs become inline files', () => {
    const { stages } = stagesOf('FROM a\nCOPY <<EOF /app/conf\nkey=$V\nEOF\nRUN <<-SH\n\techo hi\n\tSH\n');
    const copy = stages[0]?.commands[0] as Extract<Command, { kind: 'copy' }>;
    expect(copy.sourceContents).toEqual([{ path: 'EOF', data: 'key=$V\n', expand: true }]);
    expect(copy.sourcePaths).toEqual([]);
    const run = stages[0]?.commands[1] as Extract<Command, { kind: 'run' }>;
    expect(run.files).toEqual([{ name: 'SH', data: '\techo hi\n', chomp: true }]);
  });

  it.each([
    ['FROM a b\n', 'dockerfile parse error on line 1: FROM requires either one or three arguments'],
    ['FROM a AS 1st\n', 'dockerfile parse error on line 1: invalid name for build stage: "1st", name can\'t start with a number or contain symbols'],
    ['FROM a\nCOPY --form=x a b\n', 'dockerfile parse error on line 2: unknown flag: --form (did you mean from?)'],
    ['FROM a\nCOPY --chown a b\n', 'dockerfile parse error on line 2: missing a value on flag: --chown'],
    ['FROM a\nCOPY --link=maybe a b\n', 'dockerfile parse error on line 2: expecting boolean value for flag --link, not: maybe'],
    ['FROM a\nCOPY --from=x --from=y a b\n', 'dockerfile parse error on line 2: duplicate flag specified: --from'],
    ['FROM a\nRUN --network=bridge true\n', 'dockerfile parse error on line 2: invalid network mode "bridge"'],
    ['FROM a\nRUN --mount=from=$X true\n', "dockerfile parse error on line 2: 'from' doesn't support variable expansion, define alias stage instead"],
    ['FROM a\nSHELL /bin/bash -c\n', 'dockerfile parse error on line 2: SHELL requires the arguments to be in JSON form'],
    ['FROM a\nHEALTHCHECK FOO x\n', 'dockerfile parse error on line 2: Unknown type "FOO" in HEALTHCHECK (try CMD)'],
    ['FROM a\nHEALTHCHECK --interval=5 CMD x\n', 'dockerfile parse error on line 2: time: missing unit in duration "5"'],
    ['FROM a\nHEALTHCHECK --interval=1us CMD x\n', 'dockerfile parse error on line 2: Interval "interval" cannot be less than 1ms'],
    ['FROM a\nHEALTHCHECK --retries=-1 CMD x\n', 'dockerfile parse error on line 2: --retries cannot be negative (-1)'],
    ['FROM a\nHEALTHCHECK CMD\n', 'dockerfile parse error on line 2: Missing command after HEALTHCHECK CMD'],
    ['FROM a\nCOPY a <<EOF\nx\nEOF\n', 'dockerfile parse error on line 2: COPY cannot accept a heredoc as a destination'],
    ['FROM a\nARG =x\n', 'dockerfile parse error on line 2: ARG names can not be blank'],
    ['FROM a\nENV\n', 'dockerfile parse error on line 2: ENV requires at least one argument'],
    ['FROM a\nONBUILD MAINTAINER me\n', 'dockerfile parse error on line 2: MAINTAINER isn\'t allowed as an ONBUILD trigger'],
  ])('%j → %s', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('healthcheck options', () => {
    const { stages } = stagesOf('FROM a\nHEALTHCHECK --interval=30s --timeout=1m30s --retries=3 CMD curl -f http://localhost/\n');
    expect(stages[0]?.commands[0]).toMatchObject({
      kind: 'healthcheck',
      health: { test: ['CMD-SHELL', 'curl -f http://localhost/'], interval: 30e9, timeout: 90e9, retries: 3 },
    });
  });

  it('ONBUILD keeps the trigger expression', () => {
    const { stages } = stagesOf('FROM a\nONBUILD RUN echo hi\n');
    expect(stages[0]?.commands[0]).toMatchObject({ kind: 'onbuild', expression: 'RUN echo hi' });
  });

  it('parses mounts fully at build time with an expander', () => {
    const env = { DIR: '/cache' };
    const expander = (w: string) => expandWord(w, env);
    expect(parseMount('type=cache,target=$DIR,sharing=locked,id=x', expander)).toMatchObject({
      ok: true,
      value: { type: 'cache', target: '/cache', cacheSharing: 'locked', cacheID: 'x', readOnly: false },
    });
    expect(parseMount('type=secret,id=tok', expander)).toMatchObject({ ok: true, value: { type: 'secret', readOnly: true } });
    expect(parseMount('type=bind,mode=0755', expander)).toEqual({ ok: false, error: 'mode not allowed for "bind" type mounts' });
    expect(parseMount('type=cache,tagret=/x', expander)).toEqual({ ok: false, error: "unexpected key 'tagret' in 'tagret=/x' (did you mean target?)" });
    expect(parseMount('type=cach,target=/x', expander)).toEqual({ ok: false, error: 'unsupported mount type "cach" (did you mean cache?)' });
    // Without an expander (parse time) BuildKit defers every key but from=.
    expect(parseMount('type=cach,target=/x')).toMatchObject({ ok: true, value: { type: 'bind' } });
    expect(parseMount('type=secret', expander)).toEqual({ ok: false, error: 'invalid secret mount. one of source, target required' });
  });
});

describe('parser details', () => {
  it('honours # escape=` for continuations', () => {
    const { ast, escapeToken } = mustParse('# escape=`\nFROM windows\nRUN dir `\n  c:\\\n');
    expect(escapeToken).toBe('`');
    expect(dump(ast)).toBe('(from "windows")\n(run "dir   c:\\\\")');
  });

  it('rejects a bad or repeated escape directive with its line', () => {
    expect(parseDockerfile('# escape=x\nFROM a\n')).toEqual({
      ok: false,
      error: { message: "invalid escape token 'x' does not match ` or \\", location: { start: 0, end: 0 } },
    });
    expect(parseDockerfile('# escape=\\\n# escape=`\nFROM a\n')).toMatchObject({ ok: false, error: { message: 'only one escape parser directive can be used' } });
  });

  it('reports an unterminated heredoc over the lines it spans', () => {
    expect(parseDockerfile('FROM a\nRUN <<EOF\necho\n')).toEqual({ ok: false, error: { message: 'unterminated heredoc', location: { start: 2, end: 3 } } });
  });

  it('strips a byte order mark and keeps comments as PrevComment', () => {
    const { ast } = mustParse('\ufeff# syntax=docker/dockerfile:1\n# the base\nFROM alpine\n');
    expect(ast.children[0]?.value).toBe('FROM');
    expect(ast.children[0]?.prevComment).toEqual(['the base']);
  });

  it('splits flags from arguments like BuildKit, quotes included', () => {
    const { ast } = mustParse('FROM a\nCOPY --chown="a b" --from=x -- --odd /d\n');
    expect(ast.children[1]?.flags).toEqual(['--chown=a b', '--from=x']);
    expect(dump(ast.children[1] as Node)).toBe('copy ["--chown=a b" "--from=x"] "--odd" "/d"');
  });

  it('keeps unknown instructions with an empty argument', () => {
    expect(dump(mustParse('FROM a\nFOO bar baz\n').ast)).toBe('(from "a")\n(foo "")');
  });
});
