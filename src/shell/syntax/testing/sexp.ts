/**
 * A compact, unambiguous rendering of the shell AST for tests: `show(parse(src))`.
 *
 *   statement list   a; b &            (`&` marks background)
 *   and-or           (a && b || c)
 *   pipeline         (| a b) (|& a b) (! a) (time a)
 *   simple command   [assignments words redirects]
 *   words            <parts>: literal text with escaped chars as \c, 'single', "double",
 *                    $'ansi', $x / ${x op arg}, $(list), `list`, $((expr)), <(list)
 */
import type { Command, Pipeline, Redirect, Script, Statement, TestExpr, Word, WordPart, Assignment, AndOr } from '../ast';

export function showWord(w: Word): string {
  return w.parts.map(showPart).join('');
}

function showPart(p: WordPart): string {
  switch (p.type) {
    case 'Literal': {
      if (!p.escaped?.length) return p.value;
      const esc = new Set(p.escaped);
      let out = '';
      for (let i = 0; i < p.value.length; i++) out += esc.has(i) ? '\\' + p.value[i] : p.value[i];
      return out;
    }
    case 'SingleQuoted':
      return `'${p.value}'`;
    case 'AnsiCQuoted':
      return `$'${JSON.stringify(p.value).slice(1, -1)}'`;
    case 'DoubleQuoted':
      return `"${p.parts.map(showPart).join('')}"`;
    case 'Param': {
      if (!p.braced) return '$' + p.name;
      if (p.bad) return `\${BAD ${p.text ?? ''}}`;
      let s = '${';
      if (p.length) s += '#';
      if (p.indirect) s += '!';
      s += p.name;
      if (p.index) s += `[${showWord(p.index)}]`;
      if (p.prefixMatch) s += p.prefixMatch;
      if (p.transform) s += '@' + p.transform;
      if (p.op) s += ` ${p.op} `;
      if (p.arg) s += `<${showWord(p.arg)}>`;
      if (p.arg2) s += ` <${showWord(p.arg2)}>`;
      return s + '}';
    }
    case 'CommandSubst':
      return p.backquote ? '`' + showList(p.body.body) + '`' : `$(${showList(p.body.body)})`;
    case 'ArithSubst':
      return `$((${showWord(p.expr)}))`;
    case 'ProcessSubst':
      return `${p.direction}(${showList(p.body.body)})`;
  }
}

function showAssign(a: Assignment): string {
  let s = a.name;
  if (a.index) s += `[${showWord(a.index)}]`;
  s += a.append ? '+=' : '=';
  if (a.array) return s + `(${a.array.map(showWord).join(' ')})`;
  return s + (a.value ? showWord(a.value) : '');
}

function showRedirect(r: Redirect): string {
  let s = `${r.fd ?? ''}${r.op}${showWord(r.target)}`;
  if (r.heredoc) s += `{${r.heredoc.quoted ? 'q:' : ''}${JSON.stringify(showWord(r.heredoc.body))}}`;
  return s;
}

function redirs(rs: readonly Redirect[]): string {
  return rs.length ? ' ' + rs.map(showRedirect).join(' ') : '';
}

export function showList(body: readonly Statement[]): string {
  return body.map((s) => showAndOr(s.command) + (s.background ? ' &' : '')).join('; ');
}

function showAndOr(a: AndOr): string {
  if (!a.rest.length) return showPipeline(a.first);
  return `(${showPipeline(a.first)}${a.rest.map((r) => ` ${r.op} ${showPipeline(r.pipeline)}`).join('')})`;
}

function showPipeline(p: Pipeline): string {
  let s: string;
  if (p.commands.length === 1) s = showCommand(p.commands[0]!);
  else {
    const ops = p.pipeStderr.some((x) => x) ? p.pipeStderr.map((x) => (x ? '|&' : '|')).join(',') : '|';
    s = `(${ops} ${p.commands.map(showCommand).join(' ')})`;
  }
  if (p.timed) s = `(time ${s})`;
  if (p.negated) s = `(! ${s})`;
  return s;
}

function showTest(e: TestExpr): string {
  switch (e.type) {
    case 'TestWord':
      return showWord(e.word);
    case 'TestUnary':
      return `(${e.op} ${showWord(e.arg)})`;
    case 'TestBinary':
      return `(${showWord(e.left)} ${e.op} ${showWord(e.right)})`;
    case 'TestNot':
      return `(! ${showTest(e.expr)})`;
    case 'TestAnd':
      return `(${showTest(e.left)} && ${showTest(e.right)})`;
    case 'TestOr':
      return `(${showTest(e.left)} || ${showTest(e.right)})`;
    case 'TestParen':
      return `(paren ${showTest(e.expr)})`;
  }
}

export function showCommand(c: Command): string {
  switch (c.type) {
    case 'SimpleCommand':
      return `[${[...c.assignments.map(showAssign), ...c.words.map((w) => (w.assignment ? `{${showAssign(w.assignment)}}` : showWord(w))), ...c.redirects.map(showRedirect)].join(' ')}]`;
    case 'Subshell':
      return `(sub ${showList(c.body)})${redirs(c.redirects)}`;
    case 'BraceGroup':
      return `{${showList(c.body)}}${redirs(c.redirects)}`;
    case 'If': {
      let s = '(if';
      c.clauses.forEach((cl, i) => (s += `${i ? ' elif' : ''} ${showList(cl.condition)} then ${showList(cl.body)}`));
      if (c.elseBody) s += ` else ${showList(c.elseBody)}`;
      return s + ')' + redirs(c.redirects);
    }
    case 'For':
      return `(for ${c.variable}${c.items ? ` in ${c.items.map(showWord).join(' ')}` : ''} do ${showList(c.body)})${redirs(c.redirects)}`;
    case 'ArithFor':
      return `(for ((${showWord(c.init)};${showWord(c.test)};${showWord(c.update)})) do ${showList(c.body)})${redirs(c.redirects)}`;
    case 'While':
      return `(${c.until ? 'until' : 'while'} ${showList(c.condition)} do ${showList(c.body)})${redirs(c.redirects)}`;
    case 'Case':
      return `(case ${showWord(c.word)} in${c.items.map((it) => ` ${it.patterns.map(showWord).join('|')}) ${showList(it.body)} ${it.terminator}`).join('')})${redirs(c.redirects)}`;
    case 'FunctionDef':
      return `(function ${c.name} ${showCommand(c.body)})`;
    case 'ArithCommand':
      return `((${showWord(c.expr)}))${redirs(c.redirects)}`;
    case 'TestCommand':
      return `[[ ${showTest(c.expr)} ]]${redirs(c.redirects)}`;
  }
}

export function show(s: Script): string {
  return showList(s.body);
}
