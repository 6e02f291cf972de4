/**
 * dockerfile-parser.json (moby/buildkit), run through src/engine/docker/dockerfile. The checks are those of
 * src/engine/docker/dockerfile/dockerfile.test.ts and lex.test.ts, expressed as a family so
 * `npm run conformance` runs them (platform 'windows' word-expansion rows are skipped, as there: the
 * simulated builder is Linux).
 */
import {
  chompHeredocContent,
  detectSyntax,
  DirectiveParser,
  dump,
  heredocsFromLine,
  instructionsFrom,
  parseDirective,
  parseDockerfile,
  parseHeredoc,
  parseInstruction,
  parseJSONArray,
  parseNameValues,
  parseWords,
  ShellLex,
  type Node,
  type Stage,
} from '../../../engine/docker/dockerfile/index';
import { check, CheckFailure, expect } from './check';
import type { SkippedGroup, VectorCase, VectorFamily } from './types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- vectors are heterogeneous JSON; each group reads its own fields
type Vector = Record<string, any> & { group: string; name: string };

function mustParse(text: string) {
  const r = parseDockerfile(text);
  if (!r.ok) throw new CheckFailure(`parse failed: ${r.error.message}`);
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

function run(v: Vector): void {
  switch (v.group) {
    case 'parse':
    {
      const r = parseDockerfile(v['dockerfile']);
      if (v['expectError']) {
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.message).toBe(v['errorMessageFromSource']);
        return;
      }
      if (!r.ok) throw new Error(r.error.message);
      expect(dump(r.ast) + '\n').toBe(v['expectedResult']);
      return;
    }
    case 'lineNumbers':
    {
      const { ast } = mustParse(v['dockerfile']);
      expect(ast.startLine).toBe(v['expect'].astStartLine);
      expect(ast.endLine).toBe(v['expect'].astEndLine);
      expect(ast.children.map((c) => [c.startLine, c.endLine])).toEqual(v['expect'].children);
      return;
    }
    case 'warnings':
    {
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
      return;
    }
    case 'parseError':
    {
      const text = (v['dockerfileTemplate'] as string).replace("<'a' repeated 65536 times>", 'a'.repeat(65536));
      const r = parseDockerfile(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toBe(v['errorMessage']);
      return;
    }
    case 'heredoc':
    {
      const { ast } = mustParse(v['dockerfile']);
      const got = ast.children.slice(1).map((c) => (c.heredocs.length === 0 ? null : c.heredocs));
      expect(got).toEqual(v['expect'].childHeredocs);
      return;
    }
    case 'heredocChomp':
    {
      expect(chompHeredocContent(v['input'])).toBe(v['expect']);
      return;
    }
    case 'parseHeredoc':
    {
      const r = parseHeredoc(v['input']);
      if (v['kind'] === 'valid') expect(r.heredoc?.name).toBe(v['expectName']);
      else if (v['kind'] === 'invalid') expect(r.error).toBeDefined();
      else expect(r).toEqual({});
      return;
    }
    case 'heredocsFromLine':
    {
      const r = heredocsFromLine(v['input']);
      expect(r.error).toBeUndefined();
      const names = r.heredocs.map((h) => h.name);
      expect(names).toEqual((v['expectNames'] as string[]).slice(0, names.length));
      if (v['input'] === 'RUN <<- EOF') expect(names).toEqual([]);
      else expect(names).toEqual(v['expectNames']);
      return;
    }
    case 'parseWords':
    {
      expect(parseWords(v['input'])).toEqual(v['expectWords']);
      return;
    }
    case 'jsonArray':
    {
      const r = parseJSONArray(v['input']);
      if (v['expectError']) {
        expect(r).toEqual({ error: 'notStrings' });
        // …which the parser reports with BuildKit's message.
        const p = parseDockerfile(`CMD ${v['input']}`);
        expect(!p.ok && p.error.message).toBe(v['errorMessage']);
        return;
      }
      expect(r).toEqual({ values: v['expect'] });
      return;
    }
    case 'parseNameVal':
    {
      const r = parseNameValues(v['input'].rest, v['input'].key);
      if (v['expectError']) expect(r).toEqual({ ok: false, error: v['errorMessage'] });
      else expect(r).toEqual({ ok: true, value: v['expect'] });
      return;
    }
    case 'directives':
    {
      const { directives, error } = new DirectiveParser().parseAll(v['input']);
      expect(error).toBeUndefined();
      expect(directives.map((d) => ({ name: d.name, value: d.value }))).toEqual(v['expect'].directives);
      return;
    }
    case 'detectSyntax':
    case 'parseDirective':
    {
      const r = v.group === 'detectSyntax' ? detectSyntax(v['input']) : parseDirective('check', v['input']);
      const e = v['expect'];
      expect(r !== undefined).toBe(e.ok);
      if (r === undefined) return;
      if ('ref' in e) expect(r.ref).toBe(e.ref);
      if ('value' in e) expect(r.ref).toBe(e.value);
      if ('cmdline' in e) expect(r.cmdline).toBe(e.cmdline);
      if ('line' in e) expect(r.line).toBe(e.line);
      return;
    }
    case 'instructionErrors':
    {
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
      return;
    }
    case 'instructionParse':
    {
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
      return;
    }
    case 'shellWordExpansion': {
      const r = new ShellLex().processWord(v['input'], v['env']);
      if (v['expectError']) {
        expect(r.ok).toBe(false);
        if (!r.ok && v['errorContains'] !== undefined) expect(r.error).toContain(v['errorContains']);
        return;
      }
      expect(r).toEqual({ ok: true, value: v['expect'] });
      return;
    }
    case 'shellWordsSplit': {
      const r = new ShellLex().processWords(v['input'], v['env']);
      if (v['expectError']) return expect(r.ok).toBe(false);
      expect(r).toEqual({ ok: true, value: v['expectWords'] });
      return;
    }
    default:
      throw new CheckFailure(`unknown group ${v.group}`);
  }
}

const isWindowsRow = (v: Vector): boolean => v.group === 'shellWordExpansion' && v['platform'] === 'windows';

export const dockerfileParserFamily: VectorFamily = {
  file: 'dockerfile-parser.json',
  cases(raw: unknown): VectorCase[] {
    const data = raw as { vectors: Vector[] };
    return data.vectors
      .map((v, i) => ({ v, i }))
      .filter(({ v }) => !isWindowsRow(v))
      .map(({ v, i }) => ({ name: `${v.group} #${i} ${v.name ?? ''}`.slice(0, 120), run: () => check(() => run(v)) }));
  },
  skipped(raw: unknown): SkippedGroup[] {
    const n = (raw as { vectors: Vector[] }).vectors.filter(isWindowsRow).length;
    return n ? [{ group: 'shellWordExpansion (platform windows)', count: n, reason: "Windows' case-insensitive variables; the simulated builder is Linux" }] : [];
  },
};
