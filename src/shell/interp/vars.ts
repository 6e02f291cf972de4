/**
 * Shell variables: scalars, indexed and associative arrays, attributes, and the dynamic scopes of
 * `local`. Scope 0 is the global scope; each function call pushes one.
 */

export type VarValue =
  | { readonly kind: 'scalar'; value: string | undefined }
  | { readonly kind: 'indexed'; value: Map<number, string> }
  | { readonly kind: 'assoc'; value: Map<string, string> };

export interface Var {
  v: VarValue;
  exported?: boolean;
  readonly?: boolean;
  integer?: boolean;
  lower?: boolean;
  upper?: boolean;
}

export class VarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VarError';
  }
}

export function cloneVar(v: Var): Var {
  const val: VarValue =
    v.v.kind === 'scalar' ? { kind: 'scalar', value: v.v.value } : v.v.kind === 'indexed' ? { kind: 'indexed', value: new Map(v.v.value) } : { kind: 'assoc', value: new Map(v.v.value) };
  return { ...v, v: val };
}

export function sortedIndexes(m: Map<number, string>): number[] {
  return [...m.keys()].sort((a, b) => a - b);
}

/** The values of a variable as a list (`${a[@]}`). */
export function varValues(v: Var): string[] {
  switch (v.v.kind) {
    case 'scalar':
      return v.v.value === undefined ? [] : [v.v.value];
    case 'indexed': {
      const m = v.v.value;
      return sortedIndexes(m).map((k) => m.get(k)!);
    }
    case 'assoc':
      return [...v.v.value.values()];
  }
}

export function varKeys(v: Var): string[] {
  switch (v.v.kind) {
    case 'scalar':
      return v.v.value === undefined ? [] : ['0'];
    case 'indexed':
      return sortedIndexes(v.v.value).map(String);
    case 'assoc':
      return [...v.v.value.keys()];
  }
}

/** `$a`: a scalar's value or element 0 / key "0". */
export function varScalar(v: Var): string | undefined {
  switch (v.v.kind) {
    case 'scalar':
      return v.v.value;
    case 'indexed':
      return v.v.value.get(0);
    case 'assoc':
      return v.v.value.get('0');
  }
}

export class Scopes {
  /** Innermost last. */
  readonly stack: Map<string, Var>[];

  constructor(stack?: Map<string, Var>[]) {
    this.stack = stack ?? [new Map()];
  }

  clone(): Scopes {
    // A subshell's copy of every variable: forEach rather than [...m].map(), which would make two
    // arrays per variable (a subshell is forked for every pipeline stage).
    return new Scopes(
      this.stack.map((m) => {
        const out = new Map<string, Var>();
        m.forEach((v, k) => {
          out.set(k, cloneVar(v));
        });
        return out;
      }),
    );
  }

  get global(): Map<string, Var> {
    return this.stack[0]!;
  }

  lookup(name: string): Var | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const v = this.stack[i]!.get(name);
      if (v) return v;
    }
    return undefined;
  }

  /** The scope holding `name`, or the global one. */
  scopeOf(name: string): Map<string, Var> {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      if (this.stack[i]!.has(name)) return this.stack[i]!;
    }
    return this.global;
  }

  push(): void {
    this.stack.push(new Map());
  }

  pop(): void {
    if (this.stack.length > 1) this.stack.pop();
  }

  get depth(): number {
    return this.stack.length - 1;
  }

  /** Every visible variable name, sorted (innermost wins). */
  names(): string[] {
    const s = new Set<string>();
    for (const m of this.stack) for (const k of m.keys()) s.add(k);
    return [...s].sort();
  }

  /** Exported variables with a value, as the environment of a child. */
  exported(): Map<string, string> {
    // Every external command asks this: sort only the exported names, not all the variables.
    if (this.stack.length === 1) {
      // No function scopes (the usual case): one pass, without an [name, var] pair per variable.
      const names: string[] = [];
      const global = this.stack[0]!;
      global.forEach((v, name) => {
        if (v.exported && v.v.kind === 'scalar' && v.v.value !== undefined) names.push(name);
      });
      names.sort();
      const env = new Map<string, string>();
      for (const name of names) env.set(name, varScalar(global.get(name)!)!);
      return env;
    }
    const vars = new Map<string, string>();
    for (let i = this.stack.length - 1; i >= 0; i--) {
      for (const [name, v] of this.stack[i]!) {
        if (i < this.stack.length - 1 && this.lookup(name) !== v) continue; // shadowed by a local
        if (v.exported && v.v.kind === 'scalar' && v.v.value !== undefined) vars.set(name, v.v.value);
      }
    }
    const env = new Map<string, string>();
    for (const name of [...vars.keys()].sort()) env.set(name, vars.get(name)!);
    return env;
  }
}

export function applyCase(v: Var, s: string): string {
  if (v.lower) return s.toLowerCase();
  if (v.upper) return s.toUpperCase();
  return s;
}

/** bash's `declare -p` quoting of a value: "..." with \ " $ ` escaped. */
export function dquote(s: string): string {
  return `"${s.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

export function declareLine(name: string, v: Var): string {
  let flags = '';
  if (v.v.kind === 'indexed') flags += 'a';
  if (v.v.kind === 'assoc') flags += 'A';
  if (v.integer) flags += 'i';
  if (v.lower) flags += 'l';
  if (v.readonly) flags += 'r';
  if (v.upper) flags += 'u';
  if (v.exported) flags += 'x';
  const f = flags ? `-${flags}` : '--';
  switch (v.v.kind) {
    case 'scalar':
      return v.v.value === undefined ? `declare ${f} ${name}` : `declare ${f} ${name}=${dquote(v.v.value)}`;
    case 'indexed': {
      const m = v.v.value;
      return `declare ${f} ${name}=(${sortedIndexes(m)
        .map((k) => `[${k}]=${dquote(m.get(k)!)}`)
        .join(' ')})`;
    }
    case 'assoc': {
      const m = v.v.value;
      return `declare ${f} ${name}=(${[...m].map(([k, val]) => `[${k}]=${dquote(val)} `).join('')})`;
    }
  }
}
