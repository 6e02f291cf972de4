/**
 * Brace expansion (`{a,b}`, `{1..5}`, `{a..e}`, `{01..10..2}`, nested), done on the word's parts
 * before any other expansion: only unquoted, unescaped literal characters take part.
 */
import type { Literal, Word, WordPart } from '../syntax/ast';

type Item = { readonly ch: string; readonly active: boolean } | { readonly part: WordPart };

function isCh(it: Item | undefined, c: string): boolean {
  return it !== undefined && 'ch' in it && it.active && it.ch === c;
}

/** Whether the word may need brace expansion (it has an unescaped `{` in a literal). */
export function mayBrace(word: Word): boolean {
  for (const p of word.parts) {
    if (p.type !== 'Literal') continue;
    const i = p.value.indexOf('{');
    if (i < 0) continue;
    if (!p.escaped || p.escaped.length === 0) return true;
    for (let k = 0; k < p.value.length; k++) if (p.value[k] === '{' && !p.escaped.includes(k)) return true;
  }
  return false;
}

function toItems(word: Word): Item[] {
  const items: Item[] = [];
  for (const p of word.parts) {
    if (p.type === 'Literal') {
      const esc = new Set(p.escaped ?? []);
      for (let i = 0; i < p.value.length; i++) items.push({ ch: p.value[i]!, active: !esc.has(i) });
    } else items.push({ part: p });
  }
  return items;
}

function toWord(items: readonly Item[], text: string): Word {
  const parts: WordPart[] = [];
  let lit = '';
  let esc: number[] = [];
  const flush = () => {
    if (lit) {
      const l: Literal = esc.length ? { type: 'Literal', value: lit, escaped: esc } : { type: 'Literal', value: lit };
      parts.push(l);
    }
    lit = '';
    esc = [];
  };
  for (const it of items) {
    if ('ch' in it) {
      if (!it.active) esc.push(lit.length);
      lit += it.ch;
    } else {
      flush();
      parts.push(it.part);
    }
  }
  flush();
  return { type: 'Word', parts, text };
}

/** Expands braces; returns the word itself when there is nothing to expand. */
export function braceExpand(word: Word): Word[] {
  if (!mayBrace(word)) return [word];
  const results = expandItems(toItems(word));
  if (results.length === 1) return [word];
  return results.map((r) => toWord(r, word.text));
}

function expandItems(items: Item[]): Item[][] {
  // Find the first `{` that forms a valid brace expression.
  for (let i = 0; i < items.length; i++) {
    if (!isCh(items[i], '{')) continue;
    // bash: `${` is not a brace expansion start (parameter expansion is already a part here).
    let depth = 0;
    const commas: number[] = [];
    let close = -1;
    for (let j = i; j < items.length; j++) {
      const it = items[j];
      if (isCh(it, '{')) depth++;
      else if (isCh(it, '}')) {
        depth--;
        if (depth === 0) {
          close = j;
          break;
        }
      } else if (depth === 1 && isCh(it, ',')) commas.push(j);
    }
    if (close < 0) return [items];
    const prefix = items.slice(0, i);
    const suffixes = expandItems(items.slice(close + 1));
    let alternatives: Item[][];
    if (commas.length > 0) {
      alternatives = [];
      let from = i + 1;
      for (const c of [...commas, close]) {
        for (const alt of expandItems(items.slice(from, c))) alternatives.push(alt);
        from = c + 1;
      }
    } else {
      const seq = sequence(items.slice(i + 1, close));
      if (!seq) {
        // Not a brace expression: keep `{` literally and look further on.
        const rest = expandItems(items.slice(i + 1));
        return rest.map((r) => [...items.slice(0, i + 1), ...r]);
      }
      alternatives = seq.map((s) => [...s].map((ch) => ({ ch, active: false })));
    }
    const out: Item[][] = [];
    for (const alt of alternatives) for (const suf of suffixes) out.push([...prefix, ...alt, ...suf]);
    return out;
  }
  return [items];
}

function sequence(items: Item[]): string[] | undefined {
  let s = '';
  for (const it of items) {
    if (!('ch' in it)) return undefined;
    s += it.ch;
  }
  const num = /^([-+]?\d+)\.\.([-+]?\d+)(?:\.\.([-+]?\d+))?$/.exec(s);
  if (num) {
    const a = Number(num[1]);
    const b = Number(num[2]);
    let step = Math.abs(Number(num[3] ?? '1')) || 1;
    const width = [num[1]!, num[2]!].some((x) => /^[-+]?0\d/.test(x)) ? Math.max(num[1]!.replace('+', '').length, num[2]!.replace('+', '').length) : 0;
    const out: string[] = [];
    if (a > b) step = -step;
    for (let v = a; step > 0 ? v <= b : v >= b; v += step) {
      let t = String(Math.abs(v)).padStart(v < 0 ? width - 1 : width, '0');
      if (v < 0) t = `-${t}`;
      out.push(t);
      if (out.length > 100000) break;
    }
    return out;
  }
  const chr = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.([-+]?\d+))?$/.exec(s);
  if (chr) {
    const a = chr[1]!.charCodeAt(0);
    const b = chr[2]!.charCodeAt(0);
    let step = Math.abs(Number(chr[3] ?? '1')) || 1;
    if (a > b) step = -step;
    const out: string[] = [];
    for (let v = a; step > 0 ? v <= b : v >= b; v += step) out.push(String.fromCharCode(v));
    return out;
  }
  return undefined;
}
