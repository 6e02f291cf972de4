/** base64 [-d] [-w COLS] [-i] [FILE]. */
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { readAll } from '../../../engine/runtime/streams';
import { parse, usageError, type ArgSpec } from '../args';
import { errText, openInput } from '../lib/io';
import { localeQuote, quoteIfNeeded } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'base64',
  options: [
    { key: 'd', short: 'd', long: 'decode' },
    { key: 'i', short: 'i', long: 'ignore-garbage' },
    { key: 'w', short: 'w', long: 'wrap', arg: 'required' },
  ],
};

const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function encodeBase64(data: Uint8Array): string {
  let out = '';
  for (let i = 0; i < data.length; i += 3) {
    const n = (data[i]! << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0);
    out += ALPHA[(n >> 18) & 63]! + ALPHA[(n >> 12) & 63]! + (i + 1 < data.length ? ALPHA[(n >> 6) & 63] : '=') + (i + 2 < data.length ? ALPHA[n & 63] : '=');
  }
  return out;
}

/** Decodes; returns the bytes decoded before any invalid input, and whether the input was valid. */
export function decodeBase64(text: string, ignoreGarbage: boolean): { data: Uint8Array; ok: boolean } {
  const clean = text.replace(/\n/g, '');
  const out: number[] = [];
  let buf = 0;
  let bits = 0;
  let ok = true;
  let ended = false;
  for (const c of clean) {
    if (c === '=') {
      ended = true;
      continue;
    }
    const v = ALPHA.indexOf(c);
    if (v < 0 || ended) {
      if (ignoreGarbage && v < 0) continue;
      ok = false;
      break;
    }
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buf >> bits) & 0xff);
    }
  }
  if (ok && !ignoreGarbage && clean.replace(/=+$/, '').length % 4 === 1) ok = false;
  if (ok && !ignoreGarbage && clean.length % 4 !== 0) ok = false;
  return { data: new Uint8Array(out), ok };
}

export const base64Info: ProgramInfo = {
  name: 'base64',
  program: async (ctx) => {
    const a = await parse(ctx, SPEC);
    if (typeof a === 'number') return a;
    if (a.operands.length > 1) return usageError(ctx, SPEC, `extra operand ${localeQuote(a.operands[1]!)}`);
    const f = a.operands[0] ?? '-';
    let data: Uint8Array;
    try {
      data = await readAll(openInput(ctx, f));
    } catch (e) {
      await ctx.stderr.write(`base64: ${quoteIfNeeded(f)}: ${errText(e)}\n`);
      return 1;
    }
    if (a.has('d')) {
      const r = decodeBase64(new TextDecoder().decode(data), a.has('i'));
      await ctx.stdout.write(r.data);
      if (!r.ok) {
        await ctx.stderr.write('base64: invalid input\n');
        return 1;
      }
      return 0;
    }
    const w = a.get('w');
    if (w !== undefined && !/^\d+$/.test(w)) {
      await ctx.stderr.write(`base64: invalid wrap size: ${localeQuote(w)}\n`);
      return 1;
    }
    const cols = w === undefined ? 76 : Number(w);
    const enc = encodeBase64(data);
    let out = '';
    if (cols === 0) out = enc;
    else for (let i = 0; i < enc.length; i += cols) out += enc.slice(i, i + cols) + '\n';
    await ctx.stdout.write(out);
    return 0;
  },
};
