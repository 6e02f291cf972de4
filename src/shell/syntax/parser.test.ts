import { describe, it, expect } from 'vitest';
import { parse, type ParseOptions, type ShellSyntaxError } from './parser';
import type { Command, ParamExpansion, Redirect, SimpleCommand, Statement, Word } from './ast';
import { show } from './testing/sexp';

function ok(src: string, opts?: ParseOptions): string {
  const r = parse(src, opts);
  if (!r.ok) throw new Error(`parse failed for ${JSON.stringify(src)}: ${JSON.stringify(r)}`);
  return show(r.script);
}

function err(src: string, opts?: ParseOptions): ShellSyntaxError {
  const r = parse(src, opts);
  if (r.ok || r.incomplete) throw new Error(`expected an error for ${JSON.stringify(src)}: ${JSON.stringify(r)}`);
  return r.error;
}

function stmts(src: string, opts?: ParseOptions): Statement[] {
  const r = parse(src, opts);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return [...r.script.body];
}

function firstCommand(src: string): Command {
  return stmts(src)[0]!.command.first.commands[0]!;
}

function simple(src: string): SimpleCommand {
  const c = firstCommand(src);
  if (c.type !== 'SimpleCommand') throw new Error(c.type);
  return c;
}

function word(src: string, i = 1): Word {
  return simple(src).words[i]!;
}

function param(src: string): ParamExpansion {
  const p = word(`echo ${src}`).parts[0]!;
  if (p.type !== 'Param') throw new Error(p.type);
  return p;
}

describe('parse: AST shapes', () => {
  const table: [string, string][] = [
    // simple commands and words
    ['echo hello world', '[echo hello world]'],
    ['  echo   a\tb  ', '[echo a b]'],
    ['echo a\\ b \\$x \\\\', '[echo a\\ b \\$x \\\\]'],
    ["echo 'a b' \"c $d\" $'e\\tf'", '[echo \'a b\' "c $d" $\'e\\tf\']'],
    ['echo "a\\"b\\$c\\d"', '[echo "a"b$c\\d"]'],
    ['echo a"b"\'c\'d', '[echo a"b"\'c\'d]'],
    ['echo $"loc"', '[echo "loc"]'],
    ['echo a#b #comment', '[echo a#b]'],
    ['echo \\#x', '[echo \\#x]'],
    ['echo a\\\nb', '[echo ab]'],
    ['echo if then fi done esac { } ! [[', '[echo if then fi done esac { } ! [[]'],
    ['echo $', '[echo $]'],
    ['echo $/ a$', '[echo $/ a$]'],
    ['echo "$"', '[echo "$"]'],
    // parameters
    ['echo $x$y ${x}y $10 ${10}', '[echo $x$y ${x}y $10 ${10}]'],
    ['echo $? $$ $# $@ $* $! $- $0 $_', '[echo $? $$ $# $@ $* $! $- $0 $_]'],
    ['echo ${x:-a b} ${x-d} ${x:=d} ${x=d} ${x:?m} ${x?m} ${x:+a} ${x+a}', '[echo ${x :- <a b>} ${x - <d>} ${x := <d>} ${x = <d>} ${x :? <m>} ${x ? <m>} ${x :+ <a>} ${x + <a>}]'],
    ['echo ${#x} ${x#p*} ${x##p*} ${x%.*} ${x%%.*}', '[echo ${#x} ${x # <p*>} ${x ## <p*>} ${x % <.*>} ${x %% <.*>}]'],
    ['echo ${x/a/b} ${x//a/b} ${x/#a/b} ${x/%a/b} ${x/a}', '[echo ${x / <a> <b>} ${x // <a> <b>} ${x /# <a> <b>} ${x /% <a> <b>} ${x / <a>}]'],
    ['echo ${x^^} ${x,,} ${x^} ${x,} ${x^^[ab]}', '[echo ${x ^^ } ${x ,, } ${x ^ } ${x , } ${x ^^ <[ab]>}]'],
    ['echo ${x:1:2} ${x: -1} ${x:(-2)} ${x:i+1}', '[echo ${x : <1> <2>} ${x : < -1>} ${x : <(-2)>} ${x : <i+1>}]'],
    ['echo ${!x} ${!p*} ${!p@} ${!a[@]}', '[echo ${!x} ${!p*} ${!p@} ${!a[@]}]'],
    ['echo ${a[1]} ${a[@]} ${a[*]} ${#a[@]} ${a[$i+1]} ${a["k"]}', '[echo ${a[1]} ${a[@]} ${a[*]} ${#a[@]} ${a[$i+1]} ${a["k"]}]'],
    ['echo ${#} ${#@} ${#*} ${!} ${@} ${*}', '[echo ${#} ${#@} ${#*} ${!} ${@} ${*}]'],
    ['echo ${x:-${y:-z}} ${x:-$(echo d)}', '[echo ${x :- <${y :- <z>}>} ${x :- <$([echo d])>}]'],
    ['echo "${x:-"a b"}" "${x:-\'q\'}" ${x:-\'q\'}', '[echo "${x :- <"a b">}" "${x :- <\'q\'>}" ${x :- <\'q\'>}]'],
    ['echo ${x:-{a}}', '[echo ${x :- <{a}>}]'],
    ['echo ${x@Q}', '[echo ${x@Q}]'],
    ['echo ${x y} ${} ${x!}', '[echo ${BAD ${x y}} ${BAD ${}} ${BAD ${x!}}]'],
    // substitutions
    ['echo $(echo a $(echo b))', '[echo $([echo a $([echo b])])]'],
    ['echo "$(echo "in "q"")"', '[echo "$([echo "in "q""])"]'],
    ['echo $(case x in x) echo y;; esac)', '[echo $((case x in x) [echo y] ;;))]'],
    ['echo $( (echo a) )', '[echo $((sub [echo a]))]'],
    ['echo $((1+2)) $(( (1+2)*3 )) $((x+$(echo 1)))', '[echo $((1+2)) $(( (1+2)*3 )) $((x+$([echo 1])))]'],
    ['echo $((1+2) )', '[echo $((sub [1+2]))]'],
    ['echo `echo a` "`echo b`"', '[echo `[echo a]` "`[echo b]`"]'],
    ['echo `echo \\`echo in\\``', '[echo `[echo `[echo in]`]`]'],
    ['echo `echo \\$x`', '[echo `[echo $x]`]'],
    ['echo $()', '[echo $()]'],
    ['diff <(ls a) >(cat) a<(b)', '[diff <([ls a]) >([cat]) a<([b])]'],
    // assignments
    ['a=1 b=2 cmd', '[a=1 b=2 cmd]'],
    ['a= b=""', '[a= b=""]'],
    ['a+=x a[2]=y a[i+1]+=z', '[a+=x a[2]=y a[i+1]+=z]'],
    ['a=(1 2 "3 4") b+=(x)', '[a=(1 2 "3 4") b+=(x)]'],
    ['a=(\n  1 # one\n  2\n)', '[a=(1 2)]'],
    ['a=$(date) b=`date` c=~/x:~/y', '[a=$([date]) b=`[date]` c=~/x:~/y]'],
    ['echo a=1', '[echo a=1]'],
    ['cmd a=1', '[cmd a=1]'],
    ['1a=x', '[1a=x]'],
    ['declare -A m=([a]=1) x=$y', '[declare -A {m=([a]=1)} {x=$y}]'],
    ['export PATH=$PATH:/x', '[export {PATH=$PATH:/x}]'],
    // pipelines and lists
    ['a | b | c', '(| [a] [b] [c])'],
    ['a |& b | c', '(|&,| [a] [b] [c])'],
    ['! a | b', '(! (| [a] [b]))'],
    ['time a | b', '(time (| [a] [b]))'],
    ['time -p a', '(time [a])'],
    ['! time a', '(! (time [a]))'],
    ['a && b || c', '([a] && [b] || [c])'],
    ['a &&\n\nb', '([a] && [b])'],
    ['a |\n b', '(| [a] [b])'],
    ['a; b & c', '[a]; [b] &; [c]'],
    ['a & b &', '[a] &; [b] &'],
    ['a\nb\n\nc', '[a]; [b]; [c]'],
    ['', ''],
    ['# c\n', ''],
    // compound commands
    ['(a; b)', '(sub [a]; [b])'],
    ['( (a) )', '(sub (sub [a]))'],
    ['{ a; b; }', '{[a]; [b]}'],
    ['{ a\n}', '{[a]}'],
    ['{ a; } > f 2>&1', '{[a]} >f 2>&1'],
    ['if a; then b; fi', '(if [a] then [b])'],
    ['if a; then b; elif c; then d; elif e; then f; else g; fi', '(if [a] then [b] elif [c] then [d] elif [e] then [f] else [g])'],
    ['if a\nthen\nb\nfi', '(if [a] then [b])'],
    ['if a; then b; fi >out', '(if [a] then [b]) >out'],
    ['for x in a b; do c; done', '(for x in a b do [c])'],
    ['for x in; do c; done', '(for x in  do [c])'],
    ['for x; do c; done', '(for x do [c])'],
    ['for x do c; done', '(for x do [c])'],
    ['for x\nin a\ndo c\ndone', '(for x in a do [c])'],
    ['for x in a; { c; }', '(for x in a do [c])'],
    ['for ((i=0; i<3; i++)); do c; done', '(for ((i=0; i<3; i++)) do [c])'],
    ['for ((;;)) do c; done', '(for ((;;)) do [c])'],
    ['while a; do b; done < f', '(while [a] do [b]) <f'],
    ['until a; do b; done', '(until [a] do [b])'],
    ['case $x in a|b) c;; (d) e;& f) ;;& esac', '(case $x in a|b) [c] ;; d) [e] ;& f)  ;;&)'],
    ['case x in a) b; esac', '(case x in a) [b] ;;)'],
    ['case x in esac', '(case x in)'],
    ['case x in (esac) a;; esac', '(case x in esac) [a] ;;)'],
    ['case x\nin\na)\nb\n;;\nesac', '(case x in a) [b] ;;)'],
    ['f() { a; }', '(function f {[a]})'],
    ['f () ( a )', '(function f (sub [a]))'],
    ['f()\n{\n a\n}', '(function f {[a]})'],
    ['function f { a; }', '(function f {[a]})'],
    ['function f() { a; }', '(function f {[a]})'],
    ['f() { a; } > log', '(function f {[a]} >log)'],
    ['my-func.x() { :; }', '(function my-func.x {[:]})'],
    ['((x = 1 + 2))', '((x = 1 + 2))'],
    ['((a[1]++)) && b', '(((a[1]++)) && [b])'],
    ['[[ -f x ]]', '[[ (-f x) ]]'],
    ['[[ a ]]', '[[ a ]]'],
    ['[[ $a == b* && ! -z $c || ( d != e ) ]]', '[[ ((($a == b*) && (! (-z $c))) || (paren (d != e))) ]]'],
    ['[[ $a =~ ^(a|b)+[0-9]$ ]]', '[[ ($a =~ ^(a|b)+[0-9]$) ]]'],
    ['[[ $a =~ ^(a b)$ ]]', '[[ ($a =~ ^(a b)$) ]]'],
    ['[[ $a < $b && $a > c ]]', '[[ (($a < $b) && ($a > c)) ]]'],
    ['[[ 1 -eq 1 && a -nt b ]]', '[[ ((1 -eq 1) && (a -nt b)) ]]'],
    ['[[ -n == x ]]', '[[ (-n == x) ]]'],
    ['[[ a &&\n b ]]', '[[ (a && b) ]]'],
    // redirections
    ['a > f >> g < h <> i >| j', '[a >f >>g <h <>i >|j]'],
    ['a 2>&1 >&2 2>/dev/null 10>x', '[a 2>&1 >&2 2>/dev/null 10>x]'],
    ['a &> f &>> g >& h', '[a &>f &>>g &>h]'],
    ['a <&- >&- 3<&0', '[a <&- >&- 3<&0]'],
    ['> f', '[>f]'],
    ['< f cat', '[cat <f]'],
    ['a <<< "s $x"', '[a <<<"s $x"]'],
    ['a 2 > f', '[a 2 >f]'],
    // here-documents
    ['cat <<EOF\na $x\nEOF', '[cat <<EOF{"a $x\\n"}]'],
    ["cat <<'EOF'\na $x\nEOF", '[cat <<\'EOF\'{q:"a $x\\n"}]'],
    ['cat <<"EOF"\na $x\nEOF', '[cat <<"EOF"{q:"a $x\\n"}]'],
    ['cat <<\\EOF\na $x\nEOF', '[cat <<\\EOF{q:"a $x\\n"}]'],
    ['cat <<-EOF\n\ta\n\t\tb\n\tEOF', '[cat <<-EOF{"a\\nb\\n"}]'],
    ['cat <<A; cat <<B\n1\nA\n2\nB\necho', '[cat <<A{"1\\n"}]; [cat <<B{"2\\n"}]; [echo]'],
    ['cat <<A <<B\n1\nA\n2\nB', '[cat <<A{"1\\n"} <<B{"2\\n"}]'],
    ['cat <<EOF | grep a\nabc\nEOF\necho', '(| [cat <<EOF{"abc\\n"}] [grep a]); [echo]'],
    ['x=$(cat <<EOF\nin\nEOF\n)', '[x=$([cat <<EOF{"in\\n"}])]'],
    ['cat <<EOF\nEOF', '[cat <<EOF{""}]'],
    ['cat <<EOF\n$(echo a) `b` $((1)) \\$x \\a "q"\nEOF', '[cat <<EOF{"$([echo a]) `[b]` $((1)) $x \\\\a \\"q\\"\\n"}]'],
    ['if true; then cat <<EOF\nin if\nEOF\nfi', '(if [true] then [cat <<EOF{"in if\\n"}])'],
  ];
  for (const [src, want] of table) {
    it(JSON.stringify(src), () => {
      expect(ok(src)).toBe(want);
    });
  }
});

describe('parse: details', () => {
  it('records escaped characters of literals by index', () => {
    const w = word('echo a\\*b\\{');
    expect(w.parts).toEqual([{ type: 'Literal', value: 'a*b{', escaped: [1, 3] }]);
  });

  it('decodes $\'...\' escapes', () => {
    expect(word("echo $'a\\nb\\x41\\101\\u00e9\\'\\\\'").parts).toEqual([{ type: 'AnsiCQuoted', value: "a\nbAAé'\\" }]);
  });

  it('keeps source text on words, statements and function definitions', () => {
    const [s1, s2] = stmts('echo "a b"  $x ;  f() { echo hi; } # c');
    expect(s1!.text).toBe('echo "a b"  $x');
    expect(s1!.command.first.commands[0]!.type).toBe('SimpleCommand');
    expect((s1!.command.first.commands[0] as SimpleCommand).words.map((w) => w.text)).toEqual(['echo', '"a b"', '$x']);
    const f = s2!.command.first.commands[0]!;
    expect(f.type === 'FunctionDef' && f.text).toBe('f() { echo hi; }');
    expect(s2!.text).toBe('f() { echo hi; }');
  });

  it('statement text excludes the & of a background job', () => {
    const [s] = stmts('sleep 10 &');
    expect(s!.background).toBe(true);
    expect(s!.text).toBe('sleep 10');
  });

  it('numbers lines, across continuations, quotes and here-documents', () => {
    const s = stmts('a\nb \\\n c\n"x\ny"\ncat <<E\n1\n2\nE\nlast');
    expect(s.map((x) => x.line)).toEqual([1, 2, 4, 6, 10]);
  });

  it('gives compound commands their line', () => {
    const c = firstCommand('\n\nif a\nthen b\nfi');
    expect(c.type === 'If' && c.line).toBe(3);
  });

  it('parses parameter expansion fields', () => {
    expect(param('${#a[@]}')).toMatchObject({ name: 'a', length: true, braced: true, index: { text: '@' } });
    expect(param('${!x}')).toMatchObject({ name: 'x', indirect: true });
    expect(param('${x:1:2}')).toMatchObject({ op: ':', arg: { text: '1' }, arg2: { text: '2' } });
    expect(param('${x//a/b}')).toMatchObject({ op: '//', arg: { text: 'a' }, arg2: { text: 'b' } });
    expect(param('${x y}')).toMatchObject({ bad: true, text: '${x y}' });
    expect(param('${10}')).toMatchObject({ name: '10', braced: true });
    expect(param('$10')).toMatchObject({ name: '1', braced: false });
  });

  it('parses the redirect fd and here-document fields', () => {
    const r = simple("cat 3<<-'E'\n\tx\n\tE").redirects[0] as Redirect;
    expect(r).toMatchObject({ op: '<<-', fd: 3, heredoc: { delimiter: 'E', quoted: true, body: { text: 'x\n' } } });
  });

  it('splits the arithmetic for header', () => {
    const c = firstCommand('for ((i = 0; i < n; i += $step)); do :; done');
    expect(c.type).toBe('ArithFor');
    if (c.type !== 'ArithFor') return;
    expect([c.init.text, c.test.text, c.update.text]).toEqual(['i = 0', 'i < n', 'i += $step']);
    expect(c.update.parts.some((p) => p.type === 'Param')).toBe(true);
  });

  it('recognises reserved words only in command position', () => {
    expect(ok('echo for in do done; for x in if then; do echo fi; done')).toBe('[echo for in do done]; (for x in if then do [echo fi])');
    expect(ok('"if" x')).toBe('["if" x]');
    expect(ok('\\if x')).toBe('[\\if x]');
  });

  it('returns warnings for a here-document ended by end of file', () => {
    const r = parse('cat <<EOF\nabc');
    expect(r.ok && r.warnings).toEqual([{ message: "warning: here-document at line 1 delimited by end-of-file (wanted `EOF')", line: 2 }]);
    expect(r.ok && show(r.script)).toBe('[cat <<EOF{"abc"}]');
  });

  it('returns the complete lines before an error as partial', () => {
    const r = parse('echo a\necho b; echo c\nfi\necho d');
    expect(!r.ok && !r.incomplete && show(r.partial)).toBe('[echo a]; [echo b]; [echo c]');
    const r2 = parse('echo a; fi');
    expect(!r2.ok && !r2.incomplete && r2.partial.body).toEqual([]);
  });
});

describe('parse: bash errors', () => {
  const table: [string, string, number][] = [
    ['fi', "syntax error near unexpected token `fi'", 1],
    ['done', "syntax error near unexpected token `done'", 1],
    ['echo a; then', "syntax error near unexpected token `then'", 1],
    [')', "syntax error near unexpected token `)'", 1],
    [';;', "syntax error near unexpected token `;;'", 1],
    ['a;;', "syntax error near unexpected token `;;'", 1],
    ['| a', "syntax error near unexpected token `|'", 1],
    ['a && && b', "syntax error near unexpected token `&&'", 1],
    ['{ }', "syntax error near unexpected token `}'", 1],
    ['if true; then', 'syntax error: unexpected end of file', 2],
    ['if true; then\necho\n', 'syntax error: unexpected end of file', 3],
    ['a &&', 'syntax error: unexpected end of file', 2],
    ['a |', 'syntax error: unexpected end of file', 2],
    ['for', "syntax error near unexpected token `newline'", 1],
    ['echo >', "syntax error near unexpected token `newline'", 1],
    ['echo > ;', "syntax error near unexpected token `;'", 1],
    ["echo 'abc", "unexpected EOF while looking for matching `''", 1],
    ['echo "a\nb', 'unexpected EOF while looking for matching `"\'', 1],
    ['echo `a', "unexpected EOF while looking for matching ``'", 1],
    ['echo $(\nls', "unexpected EOF while looking for matching `)'", 3],
    ['echo ${x', "unexpected EOF while looking for matching `}'", 1],
    ['echo $((1+', "unexpected EOF while looking for matching `)'", 1],
    ['a=(1', "unexpected EOF while looking for matching `)'", 1],
    ['echo a\nfi b', "syntax error near unexpected token `fi'", 2],
    ['f() echo', "syntax error near unexpected token `echo'", 1],
    ['echo (a)', "syntax error near unexpected token `a'", 1],
    ['echo a (b)', "syntax error near unexpected token `('", 1],
    ['echo a=(1)', "syntax error near unexpected token `('", 1],
    ['case x in a b', "syntax error near unexpected token `b'", 1],
    ['[[ a', "unexpected token `newline', conditional binary operator expected", 1],
    ['[[ a b ]]', 'conditional binary operator expected', 1],
    ['[[ -f ]]', "unexpected argument `]]' to conditional unary operator", 1],
    ['[[ ( a ]]', "unexpected token `]]', expected `)'", 1],
    ['for ((i=0;i<3)); do :; done', 'syntax error: arithmetic expression required', 1],
  ];
  for (const [src, message, line] of table) {
    it(JSON.stringify(src), () => {
      const e = err(src);
      expect(e.message).toBe(message);
      expect(e.line).toBe(line);
    });
  }

  it('quotes the source line in detail for unexpected tokens', () => {
    expect(err('echo a\necho b; fi c').detail).toBe("`echo b; fi c'");
    expect(err('echo a\necho b; fi c').sourceLine).toBe('echo b; fi c');
    expect(err('if true; then').detail).toBeUndefined();
    expect(err('for ((i=0)); do :; done').detail).toBe("syntax error: `((i=0))'");
  });
});

describe('parse: dialect errors', () => {
  const dash: [string, string, number][] = [
    ['fi', 'Syntax error: "fi" unexpected', 1],
    ['if true; then', 'Syntax error: end of file unexpected (expecting "fi")', 1],
    ['if true; then echo; done', 'Syntax error: "done" unexpected (expecting "fi")', 1],
    ['if true; then done', 'Syntax error: "done" unexpected', 1],
    ['while true', 'Syntax error: end of file unexpected (expecting "do")', 1],
    ["echo 'a\nb", 'Syntax error: Unterminated quoted string', 2],
    ['echo ${x', "Syntax error: Missing '}'", 1],
    ['echo `a', 'Syntax error: EOF in backquote substitution', 1],
    ['echo $(ls', 'Syntax error: end of file unexpected (expecting ")")', 1],
    ['echo $((1', "Syntax error: Missing '))'", 1],
    ['{ a; } b', 'Syntax error: word unexpected', 1],
    ['a=(1 2)', 'Syntax error: "(" unexpected', 1],
    ['cat <<< x', 'Syntax error: redirection unexpected', 1],
    ['for 1 in a; do :; done', 'Syntax error: Bad for loop variable', 1],
    ['case', 'Syntax error: end of file unexpected (expecting word)', 1],
    ['case x in a) echo', 'Syntax error: end of file unexpected (expecting ";;")', 1],
    ['my-f() { :; }', 'Syntax error: Bad function name', 1],
  ];
  for (const [src, message, line] of dash) {
    it(`dash ${JSON.stringify(src)}`, () => {
      expect(err(src, { dialect: 'dash' })).toEqual({ message, line });
    });
  }
  const ash: [string, string][] = [
    ['fi', 'syntax error: unexpected "fi"'],
    ['if true; then', 'syntax error: unexpected end of file (expecting "fi")'],
    ["echo 'a", 'syntax error: unterminated quoted string'],
    ['echo ${x', "syntax error: Missing '}'"],
    ['{ a; } b', 'syntax error: unexpected word'],
    ['for 1 in a; do :; done', 'syntax error: bad for loop variable'],
  ];
  for (const [src, message] of ash) {
    it(`ash ${JSON.stringify(src)}`, () => {
      expect(err(src, { dialect: 'ash' }).message).toBe(message);
    });
  }

  it('dash lacks bash syntax: [[, ((, function, $\'\', arrays, &>', () => {
    expect(ok('[[ a ]]', { dialect: 'dash' })).toBe('[[[ a ]]]');
    expect(ok("echo $'x'", { dialect: 'dash' })).toBe("[echo $'x']");
    expect(ok('a &>f', { dialect: 'dash' })).toBe('[a] &; [>f]');
    expect(ok('((a))', { dialect: 'dash' })).toBe('(sub (sub [a]))');
    expect(ok('echo ${x/a/b}', { dialect: 'dash' })).toBe('[echo ${BAD ${x/a/b}}]');
    expect(param('${x/a/b}').bad).toBeUndefined();
    const r = parse('echo ${x/a/b} ${x:1} ${x^^}', { dialect: 'dash' });
    const words = r.ok ? (r.script.body[0]!.command.first.commands[0] as SimpleCommand).words : [];
    expect(words.slice(1).map((w) => { const p0 = w.parts[0]!; return p0.type === 'Param' && p0.bad; })).toEqual([true, true, true]);
  });

  it('ash has $\'\', &>, function and pattern substitution but not arrays or ^^', () => {
    expect(ok("echo $'a\\tb' &>f; function f { :; }", { dialect: 'ash' })).toBe("[echo $'a\\tb' &>f]; (function f {[:]})");
    const r = parse('echo ${x/a/b} ${x^^}', { dialect: 'ash' });
    const words = r.ok ? (r.script.body[0]!.command.first.commands[0] as SimpleCommand).words : [];
    expect(words.slice(1).map((w) => { const p0 = w.parts[0]!; return p0.type === 'Param' && !!p0.bad; })).toEqual([false, true]);
  });

  it('dash and ash accept any command as a function body', () => {
    expect(ok('f() echo hi', { dialect: 'dash' })).toBe('(function f [echo hi])');
  });
});

describe('parse: incomplete input (interactive)', () => {
  const incomplete = [
    "echo 'abc",
    'echo "abc',
    'echo `abc',
    'echo $(ls',
    'echo ${x',
    'echo $((1 +',
    'if true; then',
    'if true; then echo; else',
    'for x in a b',
    'while true; do',
    'case x in',
    'case x in a) echo;;',
    '{ echo',
    '( echo',
    'f() {',
    'a |',
    'a &&',
    'a ||',
    'echo a \\',
    'echo a \\\n',
    'cat <<EOF',
    'cat <<EOF\nline',
    'x=$(cat <<EOF\nline',
    'a=(1 2',
    '[[ a &&',
  ];
  for (const src of incomplete) {
    it(JSON.stringify(src), () => {
      // Inside a here-document's body the REPL must not do history expansion: the parser says so.
      const inHereDoc = src.includes('<<');
      expect(parse(src, { interactive: true })).toEqual(inHereDoc ? { ok: false, incomplete: true, inHereDoc: true } : { ok: false, incomplete: true });
    });
  }

  it('is an error, not incomplete, where a newline is wrong', () => {
    expect(err('echo >', { interactive: true }).message).toBe("syntax error near unexpected token `newline'");
    expect(err('fi', { interactive: true }).message).toBe("syntax error near unexpected token `fi'");
    expect(err('[[ a', { interactive: true }).message).toBe("unexpected token `newline', conditional binary operator expected");
  });

  it('completes once the construct is closed', () => {
    expect(ok('cat <<EOF\nline\nEOF', { interactive: true })).toBe('[cat <<EOF{"line\\n"}]');
    expect(ok('echo a\\\nb', { interactive: true })).toBe('[echo ab]');
    expect(ok("echo 'a\nb'", { interactive: true })).toBe("[echo 'a\nb']");
    expect(ok('echo a \\\\', { interactive: true })).toBe('[echo a \\\\]');
  });

  it('treats the same input as an error when not interactive', () => {
    expect(err('a &&').message).toBe('syntax error: unexpected end of file');
    expect(parse('cat <<EOF').ok).toBe(true);
    expect(ok('echo a\\')).toBe('[echo a\\]');
  });
});

describe('parse: aliases', () => {
  const table: Record<string, string> = {
    ll: 'ls -l',
    ls: 'ls --color',
    sudo: 'sudo ',
    loop: 'loop x',
    a: 'b',
    b: 'a',
    iff: 'if true; then',
    k: 'kubectl',
  };
  const aliases = (n: string): string | undefined => table[n];

  it('expands the first word of each simple command', () => {
    expect(ok('ll /tmp; echo ll && ll', { aliases })).toBe('[ls --color -l /tmp]; ([echo ll] && [ls --color -l])');
  });
  it('stops recursive expansion', () => {
    expect(ok('loop', { aliases })).toBe('[loop x]');
    expect(ok('a', { aliases })).toBe('[a]');
  });
  it('expands the next word after an alias ending in a blank', () => {
    expect(ok('sudo ll x', { aliases })).toBe('[sudo ls --color -l x]');
    expect(ok('sudo k get pods', { aliases })).toBe('[sudo kubectl get pods]');
  });
  it('does not expand quoted words, arguments or assignments', () => {
    expect(ok('"ll"; \\ll; echo ll; ll=1', { aliases })).toBe('["ll"]; [\\ll]; [echo ll]; [ll=1]');
  });
  it('expands after assignments and re-reads reserved words', () => {
    expect(ok('X=1 ll', { aliases })).toBe('[X=1 ls --color -l]');
    expect(ok('iff echo y; fi', { aliases })).toBe('(if [true] then [echo y])');
  });
  it('keeps reading the right text after an alias expanded inside $(...)', () => {
    // The expansion rewrites the source; the scanners outside the substitution must see the new text.
    const same = (src: string, plain: string) => expect(ok(src, { aliases })).toBe(ok(plain));
    same('echo "[$(ls /tmp)]" done', 'echo "[$(ls --color /tmp)]" done');
    same('x=$(ls /tmp); echo "[$x]"', 'x=$(ls --color /tmp); echo "[$x]"');
    same('a=( $(ls -d /tmp) z ); echo "${a[@]}"', 'a=( $(ls --color -d /tmp) z ); echo "${a[@]}"');
    same('echo ${x:-$(ll)}y ${x/$(ls)/z} end', 'echo ${x:-$(ls --color -l)}y ${x/$(ls --color)/z} end');
  });
});

describe('parse: robustness', () => {
  it('never throws on arbitrary input', () => {
    const pieces = ['a', ' ', '"', "'", '`', '$', '(', ')', '{', '}', '[[', ']]', ';', '&', '|', '<', '>', '\n', '\\', '#', 'if', 'then', 'fi', 'case', 'in', 'esac', '<<', 'EOF', '$(', '${', '$((', '=', 'x=(', '!', 'for', 'do', 'done'];
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 3000; i++) {
      let src = '';
      const len = 1 + rnd(12);
      for (let k = 0; k < len; k++) src += pieces[rnd(pieces.length)];
      for (const interactive of [false, true]) {
        for (const dialect of ['bash', 'dash', 'ash'] as const) {
          const r = parse(src, { interactive, dialect });
          expect(typeof r.ok).toBe('boolean');
        }
      }
    }
  });
});
