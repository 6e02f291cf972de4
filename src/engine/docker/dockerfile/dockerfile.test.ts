import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  dump,
  expandWord,
  instructionsFrom,
  parseDockerfile,
  parseMount,
  type Command,
  type Node,
} from './index';


function mustParse(text: string) {
  const r = parseDockerfile(text);
  if (!r.ok) throw new Error(`parse failed: ${r.error.message}`);
  return r;
}

/** A hand-built node chain, as BuildKit's tests build `&parser.Node{Value: …, Next: …}`. */

// Every vector of data/conformance/dockerfile-parser.json runs in src/cli/lib/conformance/dockerfileParser.ts
// (under vitest and in `npm run conformance`).

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
