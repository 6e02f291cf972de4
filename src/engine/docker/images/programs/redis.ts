/**
 * redis (programs.md §11): the entrypoint, redis-server listening on 6379 in its container's
 * network namespace with its keyspace in the server process (each container its own data), and
 * redis-cli talking to it over the simulated network: name resolution and connection errors in
 * hiredis's words, replies formatted as redis-cli formats them (a terminal gets `"v"`, `(nil)`,
 * `(integer) 1`; a pipe the raw values).
 */
import { connect, resolveHost } from '../../../net/client';
import type { MessageHandler } from '../../../net/net';
import type { ProcessContext } from '../../../runtime/kernel';
import type { ProgramInfo } from '../../../runtime/programs';
import { LineReader } from '../../../runtime/streams';
import { resolvePath } from '../../../fs/path';
import { err, execv, now, out, redisDate, serve } from './lib';

/** Writes from a request handler: the process may be gone by then. */
function log(ctx: ProcessContext, s: string): void {
  ctx.stdout.write(s).catch(() => undefined);
}

const REDIS_VERSION = '8.0.2';

// ---------------------------------------------------------------------------------------------
// RESP replies

export type Reply =
  | { readonly t: 'status'; readonly s: string }
  | { readonly t: 'error'; readonly s: string }
  | { readonly t: 'int'; readonly n: number }
  | { readonly t: 'bulk'; readonly s: string }
  | { readonly t: 'nil' }
  | { readonly t: 'array'; readonly items: readonly Reply[] };

const OK: Reply = { t: 'status', s: 'OK' };
const NIL: Reply = { t: 'nil' };
const int = (n: number): Reply => ({ t: 'int', n });
const bulk = (s: string): Reply => ({ t: 'bulk', s });
const error = (s: string): Reply => ({ t: 'error', s });
const array = (items: readonly string[]): Reply => ({ t: 'array', items: items.map(bulk) });
const WRONGTYPE = error('WRONGTYPE Operation against a key holding the wrong kind of value');
const NOT_INT = error('ERR value is not an integer or out of range');
const SYNTAX = error('ERR syntax error');

// ---------------------------------------------------------------------------------------------
// The keyspace

type Value = { type: 'string'; v: string } | { type: 'list'; v: string[] } | { type: 'hash'; v: Map<string, string> } | { type: 'set'; v: Set<string> };

interface Entry {
  value: Value;
  /** Clock ms when the key expires. */
  expires?: number;
}

/** Arity as the command table gives it: n exact, -n at least n (the name counts). */
const ARITY: Record<string, number> = {
  ping: -1, echo: 2, set: -3, get: 2, getdel: 2, del: -2, unlink: -2, exists: -2, incr: 2, decr: 2, incrby: 3, decrby: 3,
  append: 3, strlen: 2, keys: 2, expire: -3, pexpire: -3, ttl: 2, pttl: 2, persist: 2, type: 2, dbsize: 1, flushall: -1,
  flushdb: -1, mset: -3, mget: -2, setnx: 3, lpush: -3, rpush: -3, lpop: -2, rpop: -2, llen: 2, lrange: 4, hset: -4,
  hget: 3, hgetall: 2, hdel: -3, hkeys: 2, hvals: 2, hlen: 2, sadd: -3, srem: -3, smembers: 2, sismember: 3, scard: 2,
  select: 2, quit: -1, rename: 3, randomkey: 1, save: 1,
};

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, end).replace(/^\^/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < glob.length) re += `\\${glob[++i]}`;
    else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

function isInteger(s: string): boolean {
  return /^-?\d+$/.test(s) && Number.isSafeInteger(Number(s));
}

const RDB_VERSION = 12;
/** What `INFO memory` would call used_memory right after start (0.90 Mb). */
const USED_MEM = 945_000;

/** crc64 of redis (Jones polynomial, reflected): `crc64(0, "123456789")` is 0xe9c6d914c4b8d9ca. */
export function crc64(bytes: Uint8Array): bigint {
  const poly = 0x95ac9329ac4bc9b5n;
  let crc = 0n;
  for (const b of bytes) {
    crc ^= BigInt(b);
    for (let i = 0; i < 8; i++) crc = crc & 1n ? (crc >> 1n) ^ poly : crc >> 1n;
  }
  return crc;
}

class RdbWriter {
  private readonly out: number[] = [];
  byte(b: number): this {
    this.out.push(b & 255);
    return this;
  }
  raw(bytes: Uint8Array): this {
    for (const b of bytes) this.out.push(b);
    return this;
  }
  len(n: number): this {
    if (n < 64) return this.byte(n);
    if (n < 16384) return this.byte(0x40 | (n >> 8)).byte(n);
    return this.byte(0x80).byte(n >>> 24).byte(n >>> 16).byte(n >>> 8).byte(n);
  }
  str(s: string): this {
    const b = new TextEncoder().encode(s);
    return this.len(b.length).raw(b);
  }
  u64(n: number): this {
    let v = BigInt(n);
    for (let i = 0; i < 8; i++, v >>= 8n) this.byte(Number(v & 255n));
    return this;
  }
  aux(k: string, v: string): this {
    return this.byte(0xfa).str(k).str(v);
  }
  /** An aux field whose value is an integer-encoded string (RDB_ENC_INT8/16/32). */
  auxInt(k: string, n: number): this {
    this.byte(0xfa).str(k);
    if (n >= -128 && n <= 127) return this.byte(0xc0).byte(n);
    if (n >= -32768 && n <= 32767) return this.byte(0xc1).byte(n).byte(n >> 8);
    return this.byte(0xc2).byte(n).byte(n >> 8).byte(n >> 16).byte(n >> 24);
  }
  finish(): Uint8Array {
    const body = Uint8Array.from(this.out);
    let crc = crc64(body);
    const all = new Uint8Array(body.length + 8);
    all.set(body);
    for (let i = 0; i < 8; i++, crc >>= 8n) all[body.length + i] = Number(crc & 255n);
    return all;
  }
}

class RdbReader {
  private at = 0;
  constructor(private readonly b: Uint8Array) {}
  byte(): number {
    if (this.at >= this.b.length) throw new Error('short read');
    return this.b[this.at++]!;
  }
  take(n: number): Uint8Array {
    if (this.at + n > this.b.length) throw new Error('short read');
    const out = this.b.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  len(): number {
    const first = this.byte();
    const kind = first >> 6;
    if (kind === 0) return first & 63;
    if (kind === 1) return ((first & 63) << 8) | this.byte();
    if (first === 0x80) return ((this.byte() << 24) >>> 0) + (this.byte() << 16) + (this.byte() << 8) + this.byte();
    throw new Error('bad length');
  }
  str(): string {
    const first = this.b[this.at];
    if (first !== undefined && first >> 6 === 3) {
      this.at++;
      const enc = first & 63;
      if (enc === 0) return String((this.byte() << 24) >> 24);
      if (enc === 1) return String(((this.byte() | (this.byte() << 8)) << 16) >> 16);
      if (enc === 2) return String(this.byte() | (this.byte() << 8) | (this.byte() << 16) | (this.byte() << 24));
      throw new Error('compressed strings are not read here');
    }
    return new TextDecoder().decode(this.take(this.len()));
  }
  u64(): number {
    let v = 0n;
    for (let i = 0; i < 8; i++) v |= BigInt(this.byte()) << BigInt(8 * i);
    return Number(v);
  }
}

/** One redis server's 16 databases and the commands on them. */
export class RedisStore {
  private readonly dbs: Array<Map<string, Entry>> = Array.from({ length: 16 }, () => new Map());

  constructor(private readonly clock: () => number) {}

  private db(n: number): Map<string, Entry> {
    return this.dbs[n] ?? this.dbs[0]!;
  }

  private live(db: Map<string, Entry>, key: string): Entry | undefined {
    const e = db.get(key);
    if (e?.expires !== undefined && e.expires <= this.clock()) {
      db.delete(key);
      return undefined;
    }
    return e;
  }

  /** The keyspace as an RDB file (rdbSaveRio): version 12, aux fields, each database, CRC64. */
  dump(nowMs: number): Uint8Array {
    const w = new RdbWriter();
    w.raw(new TextEncoder().encode(`REDIS${String(RDB_VERSION).padStart(4, '0')}`));
    w.aux('redis-ver', REDIS_VERSION);
    w.auxInt('redis-bits', 64);
    w.auxInt('ctime', Math.floor(nowMs / 1000));
    w.auxInt('used-mem', USED_MEM);
    w.auxInt('aof-base', 0);
    this.dbs.forEach((db, n) => {
      const live = [...db.keys()].filter((k) => this.live(db, k));
      if (live.length === 0) return;
      w.byte(0xfe).len(n);
      w.byte(0xfb).len(live.length).len(live.filter((k) => db.get(k)!.expires !== undefined).length);
      for (const k of live) {
        const e = db.get(k)!;
        if (e.expires !== undefined) w.byte(0xfc).u64(e.expires);
        const v = e.value;
        w.byte(v.type === 'string' ? 0 : v.type === 'list' ? 1 : v.type === 'set' ? 2 : 4).str(k);
        if (v.type === 'string') w.str(v.v);
        else if (v.type === 'list' || v.type === 'set') {
          w.len(v.type === 'list' ? v.v.length : v.v.size);
          for (const m of v.v) w.str(m);
        } else {
          w.len(v.v.size);
          for (const [f, x] of v.v) w.str(f).str(x);
        }
      }
    });
    w.byte(0xff);
    return w.finish();
  }

  /** Loads an RDB file this server wrote (rdbLoad); undefined when it cannot be read. */
  load(bytes: Uint8Array, nowMs: number): { version: string; ctime: number; usedMem: number; keys: number; expired: number } | undefined {
    try {
      const r = new RdbReader(bytes);
      if (new TextDecoder().decode(r.take(5)) !== 'REDIS') return undefined;
      r.take(4);
      const info = { version: '', ctime: 0, usedMem: 0, keys: 0, expired: 0 };
      const dbs: Array<Map<string, Entry>> = Array.from({ length: 16 }, () => new Map());
      let db = dbs[0]!;
      let expires: number | undefined;
      for (;;) {
        const op = r.byte();
        if (op === 0xff) break;
        if (op === 0xfa) {
          const k = r.str();
          const v = r.str();
          if (k === 'redis-ver') info.version = v;
          else if (k === 'ctime') info.ctime = Number(v);
          else if (k === 'used-mem') info.usedMem = Number(v);
        } else if (op === 0xfe) db = dbs[r.len()] ?? dbs[0]!;
        else if (op === 0xfb) {
          r.len();
          r.len();
        } else if (op === 0xfc) expires = r.u64();
        else {
          const key = r.str();
          let value: Value;
          if (op === 0) value = { type: 'string', v: r.str() };
          else if (op === 1 || op === 2) {
            const items = Array.from({ length: r.len() }, () => r.str());
            value = op === 1 ? { type: 'list', v: items } : { type: 'set', v: new Set(items) };
          } else if (op === 4) {
            const m = new Map<string, string>();
            for (let n = r.len(); n > 0; n--) m.set(r.str(), r.str());
            value = { type: 'hash', v: m };
          } else return undefined;
          if (expires !== undefined && expires <= nowMs) info.expired++;
          else {
            db.set(key, { value, ...(expires !== undefined ? { expires } : {}) });
            info.keys++;
          }
          expires = undefined;
        }
      }
      dbs.forEach((d, i) => {
        this.dbs[i] = d;
      });
      return info;
    } catch {
      return undefined;
    }
  }

  /** Runs one command in database `dbnum`; `select` answers with the new number in `dbnum`. */
  run(args: readonly string[], session: { dbnum: number }): Reply {
    const name = (args[0] ?? '').toLowerCase();
    const arity = ARITY[name];
    if (arity === undefined) {
      const rest = args.slice(1).map((a) => `'${a}' `).join('');
      return error(`ERR unknown command '${args[0] ?? ''}', with args beginning with: ${rest}`);
    }
    if ((arity > 0 && args.length !== arity) || (arity < 0 && args.length < -arity)) return error(`ERR wrong number of arguments for '${name}' command`);
    const db = this.db(session.dbnum);
    const a = args.slice(1);
    const get = (k: string) => this.live(db, k);
    const str = (k: string): string | Reply | undefined => {
      const e = get(k);
      if (!e) return undefined;
      return e.value.type === 'string' ? e.value.v : WRONGTYPE;
    };
    const incr = (k: string, by: number): Reply => {
      const cur = str(k);
      if (typeof cur === 'object') return cur;
      if (cur !== undefined && !isInteger(cur)) return NOT_INT;
      const n = Number(cur ?? '0') + by;
      const e = get(k);
      if (e) e.value = { type: 'string', v: String(n) };
      else db.set(k, { value: { type: 'string', v: String(n) } });
      return int(n);
    };
    const container = <T extends Value['type']>(k: string, type: T, create: boolean): Extract<Value, { type: T }> | Reply | undefined => {
      const e = get(k);
      if (!e) {
        if (!create) return undefined;
        const value = (type === 'list' ? { type, v: [] } : type === 'hash' ? { type, v: new Map() } : { type, v: new Set() }) as Extract<Value, { type: T }>;
        db.set(k, { value });
        return value;
      }
      return e.value.type === type ? (e.value as Extract<Value, { type: T }>) : WRONGTYPE;
    };
    const isReply = (x: unknown): x is Reply => typeof x === 'object' && x !== null && 't' in x;
    switch (name) {
      case 'ping':
        if (a.length > 1) return error(`ERR wrong number of arguments for 'ping' command`);
        return a.length ? bulk(a[0]!) : { t: 'status', s: 'PONG' };
      case 'echo':
        return bulk(a[0]!);
      case 'quit':
      case 'save':
        return OK;
      case 'select': {
        if (!isInteger(a[0]!)) return NOT_INT;
        const n = Number(a[0]);
        if (n < 0 || n > 15) return error('ERR DB index is out of range');
        session.dbnum = n;
        return OK;
      }
      case 'set': {
        const [k, v, ...opts] = a as [string, string, ...string[]];
        let expires: number | undefined;
        let nx = false;
        let xx = false;
        let keepGet = false;
        for (let i = 0; i < opts.length; i++) {
          const o = opts[i]!.toLowerCase();
          if (o === 'nx') nx = true;
          else if (o === 'xx') xx = true;
          else if (o === 'get') keepGet = true;
          else if ((o === 'ex' || o === 'px') && i + 1 < opts.length) {
            const t = opts[++i]!;
            if (!isInteger(t)) return NOT_INT;
            if (Number(t) <= 0) return error(`ERR invalid expire time in 'set' command`);
            expires = this.clock() + Number(t) * (o === 'ex' ? 1000 : 1);
          } else return SYNTAX;
        }
        if (nx && xx) return SYNTAX;
        const old = str(k);
        if (keepGet && isReply(old)) return old;
        const exists = get(k) !== undefined;
        if ((nx && exists) || (xx && !exists)) return keepGet ? (old === undefined ? NIL : bulk(old as string)) : NIL;
        db.set(k, { value: { type: 'string', v }, ...(expires !== undefined ? { expires } : {}) });
        return keepGet ? (old === undefined ? NIL : bulk(old as string)) : OK;
      }
      case 'setnx': {
        if (get(a[0]!)) return int(0);
        db.set(a[0]!, { value: { type: 'string', v: a[1]! } });
        return int(1);
      }
      case 'get': {
        const v = str(a[0]!);
        return v === undefined ? NIL : isReply(v) ? v : bulk(v);
      }
      case 'getdel': {
        const v = str(a[0]!);
        if (v === undefined || isReply(v)) return v ?? NIL;
        db.delete(a[0]!);
        return bulk(v);
      }
      case 'mget':
        return { t: 'array', items: a.map((k) => {
          const v = get(k);
          return v?.value.type === 'string' ? bulk(v.value.v) : NIL;
        }) };
      case 'mset':
        if (a.length % 2 !== 0) return error(`ERR wrong number of arguments for 'mset' command`);
        for (let i = 0; i < a.length; i += 2) db.set(a[i]!, { value: { type: 'string', v: a[i + 1]! } });
        return OK;
      case 'del':
      case 'unlink': {
        let n = 0;
        for (const k of a) if (get(k) && db.delete(k)) n++;
        return int(n);
      }
      case 'exists':
        return int(a.filter((k) => get(k) !== undefined).length);
      case 'incr':
        return incr(a[0]!, 1);
      case 'decr':
        return incr(a[0]!, -1);
      case 'incrby':
      case 'decrby':
        if (!isInteger(a[1]!)) return NOT_INT;
        return incr(a[0]!, Number(a[1]) * (name === 'decrby' ? -1 : 1));
      case 'append': {
        const cur = str(a[0]!);
        if (isReply(cur)) return cur;
        const v = (cur ?? '') + a[1]!;
        const e = get(a[0]!);
        if (e) e.value = { type: 'string', v };
        else db.set(a[0]!, { value: { type: 'string', v } });
        return int(new TextEncoder().encode(v).length);
      }
      case 'strlen': {
        const cur = str(a[0]!);
        return isReply(cur) ? cur : int(new TextEncoder().encode(cur ?? '').length);
      }
      case 'keys': {
        const re = globToRegExp(a[0]!);
        return array([...db.keys()].filter((k) => get(k) && re.test(k)).reverse());
      }
      case 'randomkey': {
        const keys = [...db.keys()].filter((k) => get(k));
        return keys.length ? bulk(keys[0]!) : NIL;
      }
      case 'rename': {
        const e = get(a[0]!);
        if (!e) return error('ERR no such key');
        db.delete(a[0]!);
        db.set(a[1]!, e);
        return OK;
      }
      case 'expire':
      case 'pexpire': {
        if (!isInteger(a[1]!)) return NOT_INT;
        const e = get(a[0]!);
        if (!e) return int(0);
        const ms = Number(a[1]) * (name === 'expire' ? 1000 : 1);
        if (ms <= 0) db.delete(a[0]!);
        else e.expires = this.clock() + ms;
        return int(1);
      }
      case 'persist': {
        const e = get(a[0]!);
        if (!e || e.expires === undefined) return int(0);
        delete e.expires;
        return int(1);
      }
      case 'ttl':
      case 'pttl': {
        const e = get(a[0]!);
        if (!e) return int(-2);
        if (e.expires === undefined) return int(-1);
        const ms = e.expires - this.clock();
        return int(name === 'ttl' ? Math.round(ms / 1000) : ms);
      }
      case 'type': {
        const e = get(a[0]!);
        return { t: 'status', s: e ? e.value.type : 'none' };
      }
      case 'dbsize':
        return int([...db.keys()].filter((k) => get(k)).length);
      case 'flushall':
        for (const d of this.dbs) d.clear();
        return OK;
      case 'flushdb':
        db.clear();
        return OK;
      case 'lpush':
      case 'rpush': {
        const l = container(a[0]!, 'list', true);
        if (!l || isReply(l)) return l ?? NIL;
        for (const v of a.slice(1)) {
          if (name === 'lpush') l.v.unshift(v);
          else l.v.push(v);
        }
        return int(l.v.length);
      }
      case 'lpop':
      case 'rpop': {
        const l = container(a[0]!, 'list', false);
        if (l === undefined) return NIL;
        if (isReply(l)) return l;
        const v = name === 'lpop' ? l.v.shift() : l.v.pop();
        if (l.v.length === 0) db.delete(a[0]!);
        return v === undefined ? NIL : bulk(v);
      }
      case 'llen': {
        const l = container(a[0]!, 'list', false);
        return l === undefined ? int(0) : isReply(l) ? l : int(l.v.length);
      }
      case 'lrange': {
        if (!isInteger(a[1]!) || !isInteger(a[2]!)) return NOT_INT;
        const l = container(a[0]!, 'list', false);
        if (l === undefined) return array([]);
        if (isReply(l)) return l;
        const len = l.v.length;
        let start = Number(a[1]);
        let stop = Number(a[2]);
        if (start < 0) start = Math.max(0, len + start);
        if (stop < 0) stop = len + stop;
        return array(l.v.slice(start, Math.min(stop, len - 1) + 1));
      }
      case 'hset': {
        if ((a.length - 1) % 2 !== 0) return error(`ERR wrong number of arguments for 'hset' command`);
        const h = container(a[0]!, 'hash', true);
        if (!h || isReply(h)) return h ?? NIL;
        let added = 0;
        for (let i = 1; i < a.length; i += 2) {
          if (!h.v.has(a[i]!)) added++;
          h.v.set(a[i]!, a[i + 1]!);
        }
        return int(added);
      }
      case 'hget': {
        const h = container(a[0]!, 'hash', false);
        if (h === undefined) return NIL;
        if (isReply(h)) return h;
        const v = h.v.get(a[1]!);
        return v === undefined ? NIL : bulk(v);
      }
      case 'hgetall':
      case 'hkeys':
      case 'hvals':
      case 'hlen': {
        const h = container(a[0]!, 'hash', false);
        if (isReply(h)) return h;
        const entries = h ? [...h.v] : [];
        if (name === 'hlen') return int(entries.length);
        return array(entries.flatMap(([k, v]) => (name === 'hgetall' ? [k, v] : name === 'hkeys' ? [k] : [v])));
      }
      case 'hdel': {
        const h = container(a[0]!, 'hash', false);
        if (h === undefined) return int(0);
        if (isReply(h)) return h;
        let n = 0;
        for (const f of a.slice(1)) if (h.v.delete(f)) n++;
        if (h.v.size === 0) db.delete(a[0]!);
        return int(n);
      }
      case 'sadd': {
        const s = container(a[0]!, 'set', true);
        if (!s || isReply(s)) return s ?? NIL;
        let n = 0;
        for (const m of a.slice(1)) {
          if (!s.v.has(m)) n++;
          s.v.add(m);
        }
        return int(n);
      }
      case 'srem': {
        const s = container(a[0]!, 'set', false);
        if (s === undefined) return int(0);
        if (isReply(s)) return s;
        let n = 0;
        for (const m of a.slice(1)) if (s.v.delete(m)) n++;
        if (s.v.size === 0) db.delete(a[0]!);
        return int(n);
      }
      case 'smembers': {
        const s = container(a[0]!, 'set', false);
        return s === undefined ? array([]) : isReply(s) ? s : array([...s.v]);
      }
      case 'sismember': {
        const s = container(a[0]!, 'set', false);
        return s === undefined ? int(0) : isReply(s) ? s : int(s.v.has(a[1]!) ? 1 : 0);
      }
      case 'scard': {
        const s = container(a[0]!, 'set', false);
        return s === undefined ? int(0) : isReply(s) ? s : int(s.v.size);
      }
    }
    return error(`ERR unknown command '${args[0] ?? ''}', with args beginning with: `);
  }
}

/** A message of the `resp` protocol: one command and the connection's selected database. */
export interface RespMessage {
  readonly args: readonly string[];
  readonly dbnum: number;
}

export interface RespAnswer {
  readonly reply: Reply;
  readonly dbnum: number;
}

// ---------------------------------------------------------------------------------------------
// The entrypoint and the server

export const redisEntrypointInfo: ProgramInfo = {
  name: 'docker-entrypoint@redis',
  program: async (ctx) => {
    let argv = ctx.argv.slice(1);
    if (argv[0]?.startsWith('-') || argv[0]?.endsWith('.conf')) argv = ['redis-server', ...argv];
    if (argv[0] === 'redis-server') await out(ctx, 'Starting Redis Server\n');
    return execv(ctx, argv, 'docker-entrypoint.sh');
  },
};

/** A string that is equal for equal bytes (to compare dumps). */
function sameBytesKey(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return s;
}

/** The port of `redis-server [--port N]`. */
function serverPort(args: readonly string[]): number {
  const i = args.indexOf('--port');
  const n = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : 6379;
}

export const redisServerInfo: ProgramInfo = {
  name: 'redis-server@redis',
  program: async (ctx) => {
    if (ctx.argv.includes('--version') || ctx.argv.includes('-v')) {
      await out(ctx, `Redis server v=${REDIS_VERSION} sha=00000000:1 malloc=jemalloc-5.3.0 bits=64 build=1b1d8d4a2e1a1c3e\n`);
      return 0;
    }
    const pid = ctx.process.nsPid;
    const port = serverPort(ctx.argv);
    const l = (role: string, mark: string, msg: string) => `${pid}:${role} ${redisDate(now(ctx))} ${mark} ${msg}\n`;
    await out(
      ctx,
      l('C', '#', "WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.") +
        l('C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo') +
        l('C', '*', `Redis version=${REDIS_VERSION}, bits=64, commit=00000000, modified=0, pid=${pid}, just started`) +
        l('C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf') +
        l('M', '*', 'monotonic clock: POSIX clock_gettime') +
        l('M', '*', `Running mode=standalone, port=${port}.`) +
        l('M', '*', 'Server initialized'),
    );
    const clock = () => ctx.kernel.clock.now();
    const store = new RedisStore(clock);
    // The working directory (/data in the image) holds dump.rdb: what the last shutdown or SAVE wrote.
    const rdb = resolvePath(ctx.cwd, 'dump.rdb');
    let saved: Uint8Array | undefined;
    try {
      saved = ctx.fs.readFile(rdb);
    } catch {
      // no dump.rdb yet: an empty keyspace
    }
    const loaded = saved ? store.load(saved, clock()) : undefined;
    if (loaded) {
      await out(
        ctx,
        l('M', '*', `Loading RDB produced by version ${loaded.version}`) +
          l('M', '*', `RDB age ${Math.max(0, Math.floor(clock() / 1000) - loaded.ctime)} seconds`) +
          l('M', '*', `RDB memory usage when created ${(loaded.usedMem / 1048576).toFixed(2)} Mb`) +
          l('M', '*', `Done loading RDB, keys loaded: ${loaded.keys}, keys expired: ${loaded.expired}.`) +
          l('M', '*', 'DB loaded from disk: 0.000 seconds'),
      );
    }
    await out(ctx, l('M', '*', 'Ready to accept connections tcp'));
    // The dataset as the disk has it (its dump without the time): what a snapshot need not save.
    let onDisk = sameBytesKey(store.dump(0));
    const save = (): boolean => {
      try {
        ctx.fs.writeFile(rdb, store.dump(clock()));
        onDisk = sameBytesKey(store.dump(0));
        return true;
      } catch {
        return false;
      }
    };
    // Processes do not survive a snapshot of the world: a changed dataset is written to dump.rdb in
    // the copy of the file system the snapshot keeps, as the shutdown save would write it, and the
    // server started again on restore loads it. The running server's disk is not touched.
    ctx.process.onSnapshot((fs) => {
      if (sameBytesKey(store.dump(0)) !== onDisk) fs.withCredentials(ctx.fs.credentials).writeFile(rdb, store.dump(clock()));
    });
    const resp: MessageHandler = (message) => {
      const m = message as RespMessage;
      const session = { dbnum: m.dbnum };
      let reply = store.run(m.args, session);
      if ((m.args[0] ?? '').toLowerCase() === 'save' && reply.t === 'status') {
        if (save()) log(ctx, l('M', '*', 'DB saved on disk'));
        else reply = error('ERR');
      }
      return Promise.resolve({ reply, dbnum: session.dbnum } satisfies RespAnswer);
    };
    // HTTP to the redis port: redis reads `GET / HTTP/1.1` as an inline command and answers it.
    const http = () => ({ status: 400, headers: [], body: "-ERR wrong number of arguments for 'get' command\r\n" });
    const sig = await serve(ctx, [port], http, ['SIGTERM', 'SIGINT'], { resp });
    const t = Math.floor(ctx.kernel.clock.now() / 1000);
    await out(
      ctx,
      `${pid}:signal-handler (${t}) Received ${sig} scheduling shutdown...\n` +
        l('M', '*', 'User requested shutdown...') +
        l('M', '*', 'Saving the final RDB snapshot before exiting.') +
        (save() ? l('M', '*', 'DB saved on disk') : l('M', '#', 'Error trying to save the DB, can\'t exit.')) +
        l('M', '#', 'Redis is now ready to exit, bye bye...'),
    );
    return 0;
  },
};

// ---------------------------------------------------------------------------------------------
// redis-cli

/** sdscatrepr: a bulk string quoted as redis-cli shows it on a terminal. */
function repr(s: string): string {
  let o = '"';
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    if (c === '\\' || c === '"') o += `\\${c}`;
    else if (c === '\n') o += '\\n';
    else if (c === '\r') o += '\\r';
    else if (c === '\t') o += '\\t';
    else if (c === '\x07') o += '\\a';
    else if (c === '\b') o += '\\b';
    else if (b >= 0x20 && b < 0x7f) o += c;
    else o += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `${o}"`;
}

/** cliFormatReplyTTY. */
export function formatTty(r: Reply, prefix = ''): string {
  switch (r.t) {
    case 'error':
      return `(error) ${r.s}\n`;
    case 'status':
      return `${r.s}\n`;
    case 'int':
      return `(integer) ${r.n}\n`;
    case 'bulk':
      return `${repr(r.s)}\n`;
    case 'nil':
      return '(nil)\n';
    case 'array': {
      if (r.items.length === 0) return '(empty array)\n';
      const idxlen = String(r.items.length).length;
      const inner = prefix + ' '.repeat(idxlen + 2);
      let o = '';
      r.items.forEach((item, i) => {
        o += `${i === 0 ? '' : prefix}${String(i + 1).padStart(idxlen)}) ${formatTty(item, inner)}`;
      });
      return o;
    }
  }
}

/** cliFormatReplyRaw (without the trailing delimiter). */
export function formatRaw(r: Reply): string {
  switch (r.t) {
    case 'error':
      return `${r.s}\n`;
    case 'status':
    case 'bulk':
      return r.s;
    case 'int':
      return String(r.n);
    case 'nil':
      return '';
    case 'array':
      return r.items.map(formatRaw).join('\n');
  }
}

/** sdssplitargs: the words of an interactive line, with redis-cli's quoting. */
export function splitArgs(line: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && /\s/.test(line[i]!)) i++;
    if (i >= line.length) return out;
    let cur = '';
    let inq = false;
    let insq = false;
    for (;;) {
      const c = line[i];
      if (inq) {
        if (c === undefined) return undefined;
        if (c === '\\' && line[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(line.slice(i + 2, i + 4))) {
          cur += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
          i += 3;
        } else if (c === '\\' && i + 1 < line.length) {
          i++;
          const e = line[i]!;
          cur += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === 'b' ? '\b' : e === 'a' ? '\x07' : e;
        } else if (c === '"') {
          if (i + 1 < line.length && !/\s/.test(line[i + 1]!)) return undefined;
          i++;
          break;
        } else cur += c;
      } else if (insq) {
        if (c === undefined) return undefined;
        if (c === '\\' && line[i + 1] === "'") {
          i++;
          cur += "'";
        } else if (c === "'") {
          if (i + 1 < line.length && !/\s/.test(line[i + 1]!)) return undefined;
          i++;
          break;
        } else cur += c;
      } else {
        if (c === undefined || /\s/.test(c)) break;
        if (c === '"') inq = true;
        else if (c === "'") insq = true;
        else cur += c;
      }
      i++;
    }
    out.push(cur);
  }
}

type CliConnection = { ok: true; send: (args: readonly string[]) => Promise<Reply> } | { ok: false; message: string };

/** redisConnect: resolves and connects as hiredis does, from the process's namespace. */
async function cliConnect(ctx: ProcessContext, host: string, port: number, dbnum: { n: number }): Promise<CliConnection> {
  const addrs = resolveHost(ctx, host);
  if (!addrs || !ctx.ns.net) return { ok: false, message: 'Name or service not known' };
  let last: 'ECONNREFUSED' | 'EHOSTUNREACH' | 'ENETUNREACH' = 'ECONNREFUSED';
  for (const a of addrs.filter((x) => !x.includes(':') || x === '::1')) {
    const c = connect(ctx.ns.net, a, port);
    if (!c.ok) {
      last = c.error;
      // ARP gets no answer: the kernel gives up after about 3 s.
      if (c.error === 'EHOSTUNREACH') await ctx.sleep(3000);
      continue;
    }
    const resp = c.protocols['resp'];
    const peer = { remote: c.remote, local: c.local };
    return {
      ok: true,
      send: async (args) => {
        // Something else listens there (an HTTP server): it closes the connection on a RESP request.
        if (!resp) return { t: 'error', s: 'Server closed the connection' };
        const answer = (await ctx.wait(resp({ args, dbnum: dbnum.n } satisfies RespMessage, peer))) as RespAnswer;
        dbnum.n = answer.dbnum;
        return answer.reply;
      },
    };
  }
  return { ok: false, message: last === 'ECONNREFUSED' ? 'Connection refused' : last === 'EHOSTUNREACH' ? 'No route to host' : 'Network is unreachable' };
}

const CLI_USAGE_HINT = 'To get help about Redis commands type:\n      "help @<group>" to get a list of commands in <group>\n      "help <command>" for help on <command>\n      "help <tab>" to get a list of possible help topics\n      "quit" to exit\n';

export const redisCliInfo: ProgramInfo = {
  name: 'redis-cli@redis',
  program: async (ctx) => {
    const argv = ctx.argv;
    let host = '127.0.0.1';
    let port = 6379;
    const dbnum = { n: 0 };
    let raw: boolean | undefined;
    let i = 1;
    for (; i < argv.length; i++) {
      const a = argv[i]!;
      const last = i === argv.length - 1;
      if (a === '-h' && !last) host = argv[++i]!;
      else if (a === '-p' && !last) {
        port = Number.parseInt(argv[++i]!, 10) || 0;
        if (port < 0 || port > 65535) {
          await err(ctx, 'Invalid server port.\n');
          return 1;
        }
      } else if (a === '-n' && !last) dbnum.n = Number.parseInt(argv[++i]!, 10) || 0;
      else if ((a === '-a' || a === '--pass' || a === '--user') && !last) i++;
      else if (a === '--no-auth-warning' || a === '-e' || a === '-2' || a === '-3') continue;
      else if (a === '--raw') raw = true;
      else if (a === '--no-raw') raw = false;
      else if (a === '-v' || a === '--version') {
        await out(ctx, `redis-cli ${REDIS_VERSION}\n`);
        return 0;
      } else if (a.startsWith('-')) {
        await err(ctx, `Unrecognized option or bad number of args for: '${a}'\n`);
        return 1;
      } else break;
    }
    const command = argv.slice(i);
    const tty = raw === undefined ? ctx.stdout.isTTY : !raw;
    const format = (r: Reply) => (tty ? formatTty(r) : `${formatRaw(r)}\n`);
    const addr = `${host}:${port}`;
    let conn = await cliConnect(ctx, host, port, dbnum);
    if (command.length) {
      if (!conn.ok) {
        await err(ctx, `Could not connect to Redis at ${addr}: ${conn.message}\n`);
        return 1;
      }
      if (dbnum.n !== 0) {
        const r = await conn.send(['SELECT', String(dbnum.n)]);
        if (r.t === 'error') {
          await err(ctx, `${r.s}\n`);
          return 1;
        }
      }
      const r = await conn.send(command);
      await out(ctx, format(r));
      return 0;
    }
    // Interactive: one command a line until `quit`, `exit` or the end of input.
    if (!conn.ok) await err(ctx, `Could not connect to Redis at ${addr}: ${conn.message}\n`);
    const lines = new LineReader(ctx.stdin);
    const prompt = () => (conn.ok ? `${addr}${dbnum.n ? `[${dbnum.n}]` : ''}> ` : 'not connected> ');
    for (;;) {
      if (ctx.stdin.isTTY) await out(ctx, prompt());
      const next = await lines.next();
      if (!next) break;
      const words = splitArgs(next.line);
      if (words === undefined) {
        await out(ctx, 'Invalid argument(s)\n');
        continue;
      }
      if (words.length === 0) continue;
      const name = words[0]!.toLowerCase();
      if (name === 'quit' || name === 'exit') break;
      if (name === 'help') {
        await out(ctx, `redis-cli ${REDIS_VERSION}\n${CLI_USAGE_HINT}`);
        continue;
      }
      if (name === 'clear') {
        await out(ctx, '\x1b[H\x1b[2J');
        continue;
      }
      if (!conn.ok) {
        conn = await cliConnect(ctx, host, port, dbnum);
        if (!conn.ok) {
          await err(ctx, `Could not connect to Redis at ${addr}: ${conn.message}\n`);
          continue;
        }
      }
      const r = await conn.send(words);
      await out(ctx, tty ? formatTty(r) : `${formatRaw(r)}\n`);
    }
    return 0;
  },
};
