/**
 * Parses the date strings `date -d` and `touch -d` take, in UTC: ISO dates and times, "@EPOCH",
 * "now", "today", "yesterday", "tomorrow", relative items ("2 days ago", "+3 hours", "1 week"),
 * "Jan 5 2026", RFC 2822 dates. Returns milliseconds, or undefined when GNU would say
 * "invalid date".
 */
import { DAYS, MONTHS } from './format';

const UNITS: Record<string, number> = {
  sec: 1000, second: 1000, min: 60000, minute: 60000, hour: 3600000, day: 86400000, week: 604800000, fortnight: 1209600000,
};

export function parseDate(input: string, now: number): number | undefined {
  let s = input.trim().toLowerCase().replace(/\s+/g, ' ');
  if (s === '') return startOfDay(now);
  const at = /^@(-?\d+(?:\.\d+)?)$/.exec(s);
  if (at) return Math.round(Number(at[1]) * 1000);
  let base: number | undefined;
  let time: number | undefined;
  // a leading weekday name is allowed and ignored ("Mon, 05 Jan 2026 ...")
  s = s.replace(new RegExp(`^(${DAYS.map((d) => d.toLowerCase()).join('|')})[a-z]*,? ?`), '');
  // timezone suffixes
  let offset = 0;
  s = s.replace(/ ?(utc|gmt|z)$/, '');
  const tz = / ?([+-])(\d{2}):?(\d{2})$/.exec(s);
  if (tz && /\d/.test(s.slice(0, tz.index))) {
    offset = (tz[1] === '+' ? 1 : -1) * (Number(tz[2]) * 60 + Number(tz[3])) * 60000;
    s = s.slice(0, tz.index);
  }
  const rest: string[] = [];
  const tokens = s.replace(/(\d)t(\d)/, '$1 $2').split(' ');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let m: RegExpExecArray | null;
    if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) base = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!);
    else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})$/.exec(t))) base = Date.UTC(m[3]!.length === 2 ? 2000 + +m[3]! : +m[3]!, +m[1]! - 1, +m[2]!);
    else if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(t))) base = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!);
    else if ((m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(t))) {
      time = (+m[1]! * 3600 + +m[2]! * 60 + +(m[3] ?? 0)) * 1000 + Math.floor(Number(`0.${m[4] ?? '0'}`) * 1000);
      const ampm = tokens[i + 1];
      if (ampm === 'am' || ampm === 'pm') {
        const h = +m[1]! % 12 + (ampm === 'pm' ? 12 : 0);
        time = (h * 3600 + +m[2]! * 60 + +(m[3] ?? 0)) * 1000;
        i++;
      }
    } else if (MONTHS.some((mo) => t.startsWith(mo.toLowerCase()))) {
      const mon = MONTHS.findIndex((mo) => t.startsWith(mo.toLowerCase()));
      // "jan 5 2026", "5 jan 2026", "jan 5"
      const prev = rest.length && /^\d{1,2}$/.test(rest[rest.length - 1]!) ? Number(rest.pop()) : undefined;
      let day = prev;
      if (day === undefined && /^\d{1,2},?$/.test(tokens[i + 1] ?? '')) day = parseInt(tokens[++i]!, 10);
      let year = new Date(now).getUTCFullYear();
      if (/^\d{4}$/.test(tokens[i + 1] ?? '')) year = Number(tokens[++i]);
      base = Date.UTC(year, mon, day ?? 1);
    } else rest.push(t);
  }
  let rel = 0;
  let dayRel = 0;
  let monthRel = 0;
  for (let i = 0; i < rest.length; i++) {
    const t = rest[i]!;
    if (t === 'now') continue;
    if (t === 'today') continue;
    if (t === 'yesterday') { dayRel -= 1; continue; }
    if (t === 'tomorrow') { dayRel += 1; continue; }
    if (t === 'ago') { rel = -rel; dayRel = -dayRel; monthRel = -monthRel; continue; }
    let n = 1;
    let unit = t;
    if (/^[+-]?\d+$/.test(t)) {
      n = Number(t);
      unit = rest[++i] ?? '';
    } else if (t === 'next') {
      unit = rest[++i] ?? '';
    } else if (t === 'last') {
      n = -1;
      unit = rest[++i] ?? '';
    }
    unit = unit.replace(/s$/, '');
    if (unit === 'month') monthRel += n;
    else if (unit === 'year') monthRel += 12 * n;
    else {
      const ms = UNITS[unit];
      if (ms === undefined) return undefined;
      if (unit === 'day' || unit === 'week' || unit === 'fortnight') dayRel += (n * ms) / 86400000;
      else rel += n * ms;
    }
  }
  let t: number;
  if (base === undefined && time === undefined) t = now;
  else if (base === undefined) t = startOfDay(now) + (time ?? 0);
  else t = base + (time ?? 0);
  t -= offset;
  if (monthRel) {
    const d = new Date(t);
    d.setUTCMonth(d.getUTCMonth() + monthRel);
    t = d.getTime();
  }
  t += dayRel * 86400000 + rel;
  return Number.isNaN(t) ? undefined : t;
}

function startOfDay(ms: number): number {
  return ms - (((ms % 86400000) + 86400000) % 86400000);
}
