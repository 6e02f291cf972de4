/** fnmatch(3) patterns as find -name, grep --include and case use: * ? [...] [!...] and \x. */

export function globToRegex(glob: string, opts: { ignoreCase?: boolean; pathname?: boolean } = {}): RegExp {
  let out = '^';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += opts.pathname ? '[^/]*' : '[\\s\\S]*';
    else if (c === '?') out += opts.pathname ? '[^/]' : '[\\s\\S]';
    else if (c === '\\' && i + 1 < glob.length) out += escape(glob[++i]!);
    else if (c === '[') {
      let j = i + 1;
      let cls = '[';
      if (glob[j] === '!' || glob[j] === '^') {
        cls += '^';
        j++;
      }
      if (glob[j] === ']') {
        cls += '\\]';
        j++;
      }
      let closed = false;
      for (; j < glob.length; j++) {
        const d = glob[j]!;
        if (d === ']') {
          closed = true;
          break;
        }
        if (d === '[' && glob[j + 1] === ':') {
          const end = glob.indexOf(':]', j + 2);
          if (end > 0) {
            const name = glob.slice(j + 2, end);
            cls += ({ alpha: 'a-zA-Z', digit: '0-9', alnum: '0-9a-zA-Z', upper: 'A-Z', lower: 'a-z', space: '\\s', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9a-fA-F' } as Record<string, string>)[name] ?? '';
            j = end + 1;
            continue;
          }
        }
        cls += d === '\\' ? '\\\\' : d;
      }
      if (!closed) out += '\\[';
      else {
        out += `${cls}]`;
        i = j;
      }
    } else out += escape(c);
  }
  return new RegExp(`${out}$`, opts.ignoreCase ? 'i' : '');
}

function escape(c: string): string {
  return c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
