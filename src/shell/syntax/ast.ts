/**
 * The shell's typed AST: a discriminated union on `type`, shared by the parser (which builds it)
 * and the interpreter (which walks it). The parser never imports the interpreter.
 *
 * Words keep their quoting structure so the interpreter can do bash's expansions in bash's order:
 * brace expansion, tilde, parameter / command / arithmetic substitution, word splitting of
 * unquoted results, pathname expansion of unquoted glob characters, quote removal.
 */

export interface Script {
  readonly type: 'Script';
  readonly body: readonly Statement[];
}

/** One command of a list, with how it ends: `;`/newline (wait) or `&` (background). */
export interface Statement {
  readonly type: 'Statement';
  readonly command: AndOr;
  readonly background: boolean;
  /** 1-based line where the statement starts, for `bash: line N:` messages. */
  readonly line: number;
  /** The statement's source text, as `jobs` and history show it. */
  readonly text: string;
}

export interface AndOr {
  readonly type: 'AndOr';
  readonly first: Pipeline;
  readonly rest: readonly { readonly op: '&&' | '||'; readonly pipeline: Pipeline }[];
}

export interface Pipeline {
  readonly type: 'Pipeline';
  /** `! cmd` */
  readonly negated: boolean;
  /** `time cmd` */
  readonly timed: boolean;
  readonly commands: readonly Command[];
  /** For each `|` between commands i and i+1: true when it was `|&` (stderr too). */
  readonly pipeStderr: readonly boolean[];
}

export type Command =
  | SimpleCommand
  | Subshell
  | BraceGroup
  | IfClause
  | ForClause
  | ArithForClause
  | WhileClause
  | CaseClause
  | FunctionDef
  | ArithCommand
  | TestCommand;

export interface SimpleCommand {
  readonly type: 'SimpleCommand';
  readonly assignments: readonly Assignment[];
  readonly words: readonly Word[];
  readonly redirects: readonly Redirect[];
  readonly line: number;
}

export interface Assignment {
  readonly type: 'Assignment';
  readonly name: string;
  /** `a[i]=x` */
  readonly index?: Word;
  /** `a+=x` */
  readonly append: boolean;
  /** Scalar value; absent for `a=` (empty) and for arrays. */
  readonly value?: Word;
  /** `a=(x y z)` */
  readonly array?: readonly Word[];
}

export interface Subshell {
  readonly type: 'Subshell';
  readonly body: readonly Statement[];
  readonly redirects: readonly Redirect[];
  readonly line: number;
}

export interface BraceGroup {
  readonly type: 'BraceGroup';
  readonly body: readonly Statement[];
  readonly redirects: readonly Redirect[];
  readonly line: number;
}

export interface IfClause {
  readonly type: 'If';
  /** `if c1; then b1; elif c2; then b2; else b3; fi` → clauses [{c1,b1},{c2,b2}], elseBody b3. */
  readonly clauses: readonly { readonly condition: readonly Statement[]; readonly body: readonly Statement[] }[];
  readonly elseBody?: readonly Statement[];
  readonly redirects: readonly Redirect[];
  readonly line: number;
}

export interface ForClause {
  readonly type: 'For';
  readonly variable: string;
  /** Absent for `for x; do` (iterates "$@"). */
  readonly items?: readonly Word[];
  readonly body: readonly Statement[];
  readonly redirects: readonly Redirect[];
  readonly line: number;
}

export interface ArithForClause {
  readonly type: 'ArithFor';
  /** `for ((init; test; update))`; each an arithmetic expression source (may be empty). */
  readonly init: Word;
  readonly test: Word;
  readonly update: Word;
  readonly body: readonly Statement[];
  readonly redirects: readonly Redirect[];
  readonly line: number;
}

export interface WhileClause {
  readonly type: 'While';
  /** true for `until`. */
  readonly until: boolean;
  readonly condition: readonly Statement[];
  readonly body: readonly Statement[];
  readonly redirects: readonly Redirect[];
  readonly line: number;
}

export interface CaseClause {
  readonly type: 'Case';
  readonly word: Word;
  readonly items: readonly CaseItem[];
  readonly redirects: readonly Redirect[];
  readonly line: number;
}

export interface CaseItem {
  readonly patterns: readonly Word[];
  readonly body: readonly Statement[];
  /** `;;` stop, `;&` fall through, `;;&` test the next patterns. */
  readonly terminator: ';;' | ';&' | ';;&';
}

export interface FunctionDef {
  readonly type: 'FunctionDef';
  readonly name: string;
  readonly body: Command;
  /** Source text of the whole definition, for `type f` and `declare -f`. */
  readonly text: string;
  readonly line: number;
}

/** `(( expr ))` */
export interface ArithCommand {
  readonly type: 'ArithCommand';
  readonly expr: Word;
  readonly redirects: readonly Redirect[];
  readonly line: number;
}

/** `[[ expr ]]` */
export interface TestCommand {
  readonly type: 'TestCommand';
  readonly expr: TestExpr;
  readonly redirects: readonly Redirect[];
  readonly line: number;
}

export type TestExpr =
  | { readonly type: 'TestWord'; readonly word: Word }
  | { readonly type: 'TestUnary'; readonly op: string; readonly arg: Word }
  /** Binary ops: `== = != =~ < > -eq -ne -lt -le -gt -ge -nt -ot -ef`. For `==`/`!=` the right side is a pattern, for `=~` a regex. */
  | { readonly type: 'TestBinary'; readonly op: string; readonly left: Word; readonly right: Word }
  | { readonly type: 'TestNot'; readonly expr: TestExpr }
  | { readonly type: 'TestAnd'; readonly left: TestExpr; readonly right: TestExpr }
  | { readonly type: 'TestOr'; readonly left: TestExpr; readonly right: TestExpr }
  | { readonly type: 'TestParen'; readonly expr: TestExpr };

export type RedirectOp =
  | '<' // fd defaults to 0
  | '>' // fd defaults to 1
  | '>>'
  | '>|'
  | '<>'
  | '<&' // dup or close (`<&-`)
  | '>&' // dup or close (`>&-`); `>&file` with no fd is `&>`
  | '&>' // stdout and stderr to a file
  | '&>>'
  | '<<' // here-document
  | '<<-' // here-document, leading tabs stripped
  | '<<<'; // here-string

export interface Redirect {
  readonly type: 'Redirect';
  readonly op: RedirectOp;
  /** Explicit fd (`2>`), absent when defaulted. */
  readonly fd?: number;
  /** The target word (file, fd number, `-`), or the delimiter word for here-documents. */
  readonly target: Word;
  /** For `<<` and `<<-`: the body. Quoted delimiter → `quoted` and a literal body. */
  readonly heredoc?: HereDoc;
}

export interface HereDoc {
  /** The delimiter after quote removal. */
  readonly delimiter: string;
  /** Delimiter was quoted: no expansion in the body. */
  readonly quoted: boolean;
  /** The body with `<<-` tabs already stripped; parsed like the inside of double quotes when unquoted. */
  readonly body: Word;
}

export interface Word {
  readonly type: 'Word';
  readonly parts: readonly WordPart[];
  /** The word's source text, as typed. */
  readonly text: string;
  /**
   * Set by the parser on arguments of `declare`, `typeset`, `local`, `export` and `readonly` that
   * have the shape of an assignment (`x=$y`, `a=(1 2)`, `a[1]=x`): bash expands these like
   * assignments (no word splitting or globbing of the value) and allows `a=(...)` there.
   */
  readonly assignment?: Assignment;
}

export type WordPart =
  | Literal
  | SingleQuoted
  | DoubleQuoted
  | AnsiCQuoted
  | ParamExpansion
  | CommandSubstitution
  | ArithSubstitution
  | ProcessSubstitution;

/** Unquoted text. Backslash escapes are already removed, and the escaped characters are listed in
 * `escaped` by index so that `\*` does not glob and `\{` does not brace-expand. */
export interface Literal {
  readonly type: 'Literal';
  readonly value: string;
  /** Indexes into `value` of characters that came from a backslash escape. */
  readonly escaped?: readonly number[];
}

/** '...' */
export interface SingleQuoted {
  readonly type: 'SingleQuoted';
  readonly value: string;
}

/** $'...' with escapes already decoded */
export interface AnsiCQuoted {
  readonly type: 'AnsiCQuoted';
  readonly value: string;
}

/** "..." */
export interface DoubleQuoted {
  readonly type: 'DoubleQuoted';
  /** Literal parts inside are quoted text; no globbing or splitting. */
  readonly parts: readonly WordPart[];
}

export type ParamOp =
  | ':-' | '-' | ':=' | '=' | ':?' | '?' | ':+' | '+'
  | '#' | '##' | '%' | '%%'
  | '/' | '//' | '/#' | '/%'
  | '^' | '^^' | ',' | ',,'
  | ':'; // substring ${x:offset:length}

export interface ParamExpansion {
  readonly type: 'Param';
  /** Variable name, positional (`1`), or special (`? $ # @ * ! - 0`). */
  readonly name: string;
  /** Written with braces. */
  readonly braced: boolean;
  /** `${#x}` */
  readonly length?: boolean;
  /** `${!x}` */
  readonly indirect?: boolean;
  /** `${a[i]}`, `${a[@]}` */
  readonly index?: Word;
  readonly op?: ParamOp;
  /** Default/alternate/pattern/offset word. */
  readonly arg?: Word;
  /** Replacement for `/`, length for `:`. */
  readonly arg2?: Word;
  /** `${!prefix*}` / `${!prefix@}`: names of variables starting with `name` (with `indirect`). */
  readonly prefixMatch?: '*' | '@';
  /** `${x@Q}` and the other `@` transformations: the operator letter (Q E P A K a U u L k). */
  readonly transform?: string;
  /**
   * The expansion is malformed (`${x y}`, `${}`), or uses a form the dialect lacks (`${x/a/b}` in
   * dash): expanding it is the runtime error "bad substitution" (`bash: ${x y}: bad substitution`).
   */
  readonly bad?: boolean;
  /** Source text of a braced expansion, `${...}`, for error messages. */
  readonly text?: string;
}

/** $(...) or `...` */
export interface CommandSubstitution {
  readonly type: 'CommandSubst';
  readonly body: Script;
  readonly backquote: boolean;
}

/** $(( ... )): the expression as a word (parameter expansions inside are expanded first). */
export interface ArithSubstitution {
  readonly type: 'ArithSubst';
  readonly expr: Word;
}

/** `<(...)` / `>(...)` (bash, busybox ash): expands to a `/dev/fd/N` path connected to the
 * command's stdout (`<`) or stdin (`>`). */
export interface ProcessSubstitution {
  readonly type: 'ProcessSubst';
  readonly direction: '<' | '>';
  readonly body: Script;
}
