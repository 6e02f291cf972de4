/** file NAME...: a type guessed from the contents, in file(1)'s words for the common cases. */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { programNameOf } from '../../../engine/runtime/programs';
import { abs, errText } from '../lib/io';

export function describeContents(data: Uint8Array, mode: number): string {
  if (data.length === 0) return 'empty';
  if (programNameOf(data) !== undefined) return 'ELF 64-bit LSB pie executable, x86-64, version 1 (SYSV), dynamically linked, interpreter /lib64/ld-linux-x86-64.so.2, for GNU/Linux 3.2.0, stripped';
  const b = data;
  if (b[0] === 0x1f && b[1] === 0x8b) return 'gzip compressed data, from Unix';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'PNG image data';
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4) return 'Zip archive data, at least v2.0 to extract, compression method=deflate';
  if (b[0] === 0xff && b[1] === 0xd8) return 'JPEG image data';
  if (data.length > 262 && new TextDecoder().decode(data.subarray(257, 262)) === 'ustar') return 'POSIX tar archive (GNU)';
  if (b.includes(0)) return 'data';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return 'ISO-8859 text';
  }
  const ascii = !/[^\x00-\x7f]/.test(text);
  const exec = (mode & 0o111) !== 0 ? ' executable' : '';
  const enc = ascii ? 'ASCII text' : 'Unicode text, UTF-8 text';
  const crlf = text.includes('\r\n') ? ', with CRLF line terminators' : '';
  const noEol = '';
  const first = text.split('\n')[0] ?? '';
  if (first.startsWith('#!')) {
    const interp = first.slice(2).trim().split(/\s+/);
    const prog = (interp[0]?.endsWith('/env') ? interp[1] : interp[0]?.split('/').pop()) ?? '';
    const kind = prog === 'bash' ? 'Bourne-Again shell script' : prog === 'sh' || prog === 'dash' ? 'POSIX shell script' : /^python/.test(prog) ? 'Python script' : prog === 'node' ? 'Node.js script' : prog === 'perl' ? 'Perl script' : `a ${interp.join(' ')} script`;
    return `${kind}, ${enc}${exec}${crlf}`;
  }
  const t = text.trim();
  if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) {
    try {
      JSON.parse(t);
      return 'JSON text data';
    } catch {
      // not JSON
    }
  }
  if (/^<\?xml/.test(t)) return `XML 1.0 document, ${enc}`;
  if (/^<!doctype html|^<html/i.test(t)) return `HTML document, ${enc}`;
  return `${enc}${crlf}${noEol}`;
}

async function file(ctx: ProcessContext): Promise<number> {
  const names = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const brief = ctx.argv.includes('-b');
  if (names.length === 0) {
    await ctx.stderr.write('Usage: file [-bcCdEhikLlNnprsSvzZ0] [--apple] [--extension] [--mime-encoding]\n            [--mime-type] [-e <testname>] [-F <separator>]  [-f <namefile>]\n            [-m <magicfiles>] [-P <parameter=value>] [--exclude-quiet]\n            <file> ...\n       file -C [-m <magicfiles>]\n       file [--help]\n');
    return 1;
  }
  const w = Math.max(...names.map((n) => n.length)) + 1;
  let out = '';
  for (const n of names) {
    const p = abs(ctx, n);
    let desc: string;
    try {
      const st = ctx.fs.lstat(p);
      if (st.type === 'symlink') desc = `symbolic link to ${ctx.fs.readlink(p)}`;
      else if (st.type === 'dir') desc = (st.mode & 0o1000 ? 'sticky, ' : '') + 'directory';
      else if (st.type === 'chardev') desc = 'character special (1/3)';
      else desc = describeContents(ctx.fs.readFile(p), st.mode);
    } catch (e) {
      desc = `cannot open \`${n}' (${errText(e)})`;
    }
    out += brief ? `${desc}\n` : `${`${n}:`.padEnd(w)} ${desc}\n`;
  }
  await ctx.stdout.write(out);
  return 0;
}

export const fileInfo: ProgramInfo = { name: 'file', program: file };
