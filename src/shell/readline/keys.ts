/**
 * Turns the characters typed at a terminal into keys: runs of printable text (kept together so
 * that a large paste is handled in bulk), control keys, Meta (ESC-prefixed) keys, the CSI and SS3
 * sequences xterm sends for arrows and the editing keypad, and bracketed pastes.
 *
 * The decoder is incremental: an escape sequence or a paste split across chunks is completed by
 * the next `feed`. A lone ESC is a prefix, as in readline's emacs keymap: ESC then `b` is M-b.
 */

export type Key =
  /** Printable characters, in one run. */
  | { readonly kind: 'text'; readonly text: string }
  /** The contents of a bracketed paste (`\x1b[200~ ... \x1b[201~`), inserted literally. */
  | { readonly kind: 'paste'; readonly text: string }
  /**
   * A key with a binding: `C-a` ... `C-z`, `C-@`, `C-]`, `C-_`..., `Enter` (\r and \n), `Tab`,
   * `Backspace` (DEL), `C-h`, `M-<ch>`, `M-Backspace`, `Up` `Down` `Left` `Right` `Home` `End`
   * `Delete` `Insert` `PageUp` `PageDown` `C-Left` `C-Right` `M-Left` `M-Right`, or `Unknown`.
   */
  | { readonly kind: 'key'; readonly name: string; readonly raw: string };

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

export function controlName(code: number): string {
  if (code === 0x0d || code === 0x0a) return 'Enter';
  if (code === 0x09) return 'Tab';
  if (code === 0x7f) return 'Backspace';
  if (code === 0x1b) return 'Escape';
  if (code === 0) return 'C-@';
  if (code < 0x20) return `C-${String.fromCharCode(code + 0x60)}`;
  return 'Unknown';
}

function csiName(params: string, final: string): string {
  const mod = params.includes(';') ? params.slice(params.indexOf(';') + 1) : '';
  const prefix = mod === '5' ? 'C-' : mod === '3' ? 'M-' : mod === '' || mod === '1' ? '' : 'Unknown';
  if (prefix === 'Unknown') return 'Unknown';
  switch (final) {
    case 'A':
      return prefix + 'Up';
    case 'B':
      return prefix + 'Down';
    case 'C':
      return prefix + 'Right';
    case 'D':
      return prefix + 'Left';
    case 'H':
      return prefix + 'Home';
    case 'F':
      return prefix + 'End';
    case '~': {
      const n = params.split(';')[0];
      switch (n) {
        case '1':
        case '7':
          return prefix + 'Home';
        case '4':
        case '8':
          return prefix + 'End';
        case '3':
          return prefix + 'Delete';
        case '2':
          return prefix + 'Insert';
        case '5':
          return prefix + 'PageUp';
        case '6':
          return prefix + 'PageDown';
      }
      return 'Unknown';
    }
  }
  return 'Unknown';
}

function ss3Name(final: string): string {
  switch (final) {
    case 'A':
      return 'Up';
    case 'B':
      return 'Down';
    case 'C':
      return 'Right';
    case 'D':
      return 'Left';
    case 'H':
      return 'Home';
    case 'F':
      return 'End';
  }
  return 'Unknown';
}

export class KeyDecoder {
  /** An incomplete escape sequence waiting for the rest. */
  private pending = '';
  /** Inside a bracketed paste: what has arrived so far. */
  private paste: string[] | null = null;

  /** Whether part of a key (an ESC prefix, a paste) is waiting for more input. */
  get incomplete(): boolean {
    return this.pending.length > 0 || this.paste !== null;
  }

  feed(text: string, out: Key[]): void {
    const s = this.pending + text;
    this.pending = '';
    const n = s.length;
    let i = 0;
    while (i < n) {
      if (this.paste) {
        const end = s.indexOf(PASTE_END, i);
        if (end < 0) {
          // Keep a tail that may be the start of the end marker.
          const keep = Math.min(PASTE_END.length - 1, n - i);
          this.paste.push(s.slice(i, n - keep));
          this.pending = s.slice(n - keep);
          return;
        }
        this.paste.push(s.slice(i, end));
        out.push({ kind: 'paste', text: this.paste.join('') });
        this.paste = null;
        i = end + PASTE_END.length;
        continue;
      }
      const c = s.charCodeAt(i);
      if (c >= 0x20 && c !== 0x7f) {
        let j = i + 1;
        while (j < n) {
          const d = s.charCodeAt(j);
          if (d < 0x20 || d === 0x7f) break;
          j++;
        }
        const last = out[out.length - 1];
        const run = s.slice(i, j);
        if (last && last.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + run };
        else out.push({ kind: 'text', text: run });
        i = j;
        continue;
      }
      if (c !== 0x1b) {
        out.push({ kind: 'key', name: controlName(c), raw: s[i]! });
        i++;
        continue;
      }
      // ESC
      if (i + 1 >= n) {
        this.pending = s.slice(i);
        return;
      }
      const next = s[i + 1]!;
      if (next === '[') {
        let j = i + 2;
        while (j < n && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x3f) j++;
        const paramsEnd = j;
        while (j < n && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
        if (j >= n) {
          this.pending = s.slice(i);
          return;
        }
        const raw = s.slice(i, j + 1);
        const params = s.slice(i + 2, paramsEnd);
        i = j + 1;
        if (raw === PASTE_START) {
          this.paste = [];
          continue;
        }
        if (raw === PASTE_END) continue;
        out.push({ kind: 'key', name: csiName(params, s[j]!), raw });
        continue;
      }
      if (next === 'O') {
        if (i + 2 >= n) {
          this.pending = s.slice(i);
          return;
        }
        const raw = s.slice(i, i + 3);
        out.push({ kind: 'key', name: ss3Name(s[i + 2]!), raw });
        i += 3;
        continue;
      }
      const cp = s.codePointAt(i + 1)!;
      const ch = String.fromCodePoint(cp);
      const raw = '\x1b' + ch;
      i += 1 + ch.length;
      if (cp === 0x7f || cp === 0x08) out.push({ kind: 'key', name: 'M-Backspace', raw });
      else if (cp === 0x1b) out.push({ kind: 'key', name: 'M-Escape', raw });
      else if (cp < 0x20) out.push({ kind: 'key', name: 'M-' + controlName(cp), raw });
      else out.push({ kind: 'key', name: 'M-' + ch, raw });
    }
  }
}
