/**
 * Go encoding/json's syntax check as json.Decoder reports it (a `*json.SyntaxError` whose offset counts
 * the bytes read, the bad one included), for the JSON branch of apimachinery's YAMLOrJSONDecoder.
 */
import type { JsonValue } from './resolve';

export type GoJsonResult = { ok: true; value: JsonValue; end: number } | { ok: false; message: string; syntax: boolean; offset: number };

function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1)}'`;
}

class Stop {
  constructor(
    readonly message: string,
    readonly offset: number,
    readonly syntax: boolean,
  ) {}
}

/** Decodes the first JSON value of `text` starting at character `from`, the way json.Decoder.Decode does. */
export function goJsonDecode(text: string, from = 0): GoJsonResult {
  const enc = new TextEncoder();
  let i = from;
  const byteOffset = (pos: number): number => enc.encode(text.slice(0, pos + 1)).length;
  const bad = (pos: number, where: string): never => {
    const c = text[pos] ?? '';
    throw new Stop(`invalid character ${quoteChar(c)} ${where}`, byteOffset(pos), true);
  };
  const eof = (): never => {
    throw new Stop('unexpected EOF', 0, false);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i] ?? '')) i++;
  };
  const value = (where: string): JsonValue => {
    ws();
    if (i >= text.length) eof();
    const c = text[i] ?? '';
    if (c === '{') {
      i++;
      const o: { [k: string]: JsonValue } = {};
      ws();
      if (i >= text.length) eof();
      if (text[i] === '}') {
        i++;
        return o;
      }
      for (;;) {
        ws();
        if (i >= text.length) eof();
        if (text[i] !== '"') bad(i, 'looking for beginning of object key string');
        const k = str();
        ws();
        if (i >= text.length) eof();
        if (text[i] !== ':') bad(i, 'after object key');
        i++;
        const v = value('looking for beginning of value');
        Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
        ws();
        if (i >= text.length) eof();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return o;
        }
        bad(i, 'after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      const a: JsonValue[] = [];
      ws();
      if (i >= text.length) eof();
      if (text[i] === ']') {
        i++;
        return a;
      }
      for (;;) {
        a.push(value('looking for beginning of value'));
        ws();
        if (i >= text.length) eof();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return a;
        }
        bad(i, 'after array element');
      }
    }
    if (c === '"') return str();
    for (const [word, val] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (c === word[0]) {
        for (let k = 1; k < word.length; k++) {
          if (i + k >= text.length) eof();
          if (text[i + k] !== word[k]) bad(i + k, `in literal ${word} (expecting ${quoteChar(word[k] ?? '')})`);
        }
        i += word.length;
        return val;
      }
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(text.slice(i));
      if (!m || m[0] === '-') {
        if (i + 1 >= text.length) eof();
        bad(i + 1, 'in numeric literal');
      }
      const s = m?.[0] ?? '';
      i += s.length;
      return Number(s);
    }
    return bad(i, where);
  };
  const str = (): string => {
    const start = i;
    i++;
    for (;;) {
      if (i >= text.length) eof();
      const c = text[i] ?? '';
      if (c === '"') {
        i++;
        return JSON.parse(text.slice(start, i)) as string;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === undefined) eof();
        if (e === 'u') {
          for (let k = 2; k < 6; k++) {
            if (i + k >= text.length) eof();
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) bad(i + k, 'in \\u hexadecimal character escape');
          }
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e ?? '')) bad(i + 1, 'in string escape code');
        i += 2;
        continue;
      }
      if (c < ' ') bad(i, 'in string literal');
      i++;
    }
  };
  try {
    const v = value('looking for beginning of value');
    return { ok: true, value: v, end: i };
  } catch (e) {
    if (e instanceof Stop) return { ok: false, message: e.message, syntax: e.syntax, offset: e.offset };
    throw e;
  }
}
