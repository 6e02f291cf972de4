/**
 * Language runtimes of the python, node and golang images: versions, REPL banners (programs.md
 * §21), `python -c 'print(...)'`, `python -m http.server` (§15), pip (§7), npm and yarn (§8),
 * node serving kubernetes-bootcamp's server.js (§17), `go version`. Learner programs in these
 * languages are not executed: the process runs and one Dockyard line says so.
 */
import { resolvePath } from '../../../fs/path';
import type { ProcessContext } from '../../../runtime/kernel';
import type { ProgramInfo } from '../../../runtime/programs';
import { LineReader } from '../../../runtime/streams';
import { err, execv, hostnameOf, now, out, pyLogDate, readText, serve, utf8Length } from './lib';

// ---------------------------------------------------------------------------------------------
// python

function pythonVersion(ctx: ProcessContext): string {
  const env = ctx.env.get('PYTHON_VERSION');
  if (env) return env;
  const a0 = ctx.argv[0] ?? '';
  if (/3\.10/.test(a0)) return '3.10.12';
  if (/3\.11/.test(a0) || ctx.fs.exists('/opt/conda/bin/python3.11')) return '3.11.6';
  if (/3\.12/.test(a0)) return '3.12.3';
  return ctx.fs.exists('/etc/alpine-release') ? '3.12.11' : '3.12.11';
}

/** Evaluates the simplest Python expressions a learner prints: string and number literals, + of them. */
function pyEval(expr: string): string | undefined {
  const e = expr.trim();
  if (e === '') return '';
  const parts: string[] = [];
  let rest = e;
  while (rest.length) {
    const m = /^\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?))\s*(\+\s*)?/.exec(rest);
    if (!m) return undefined;
    parts.push(m[1] ?? m[2] ?? m[3]!);
    rest = rest.slice(m[0].length);
    if (!m[4] && rest.length) return undefined;
  }
  if (parts.every((p) => /^-?\d+$/.test(p))) return String(parts.reduce((a, p) => a + Number(p), 0));
  return parts.map((p) => p.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\(['"\\])/g, '$1')).join('');
}

async function pythonC(ctx: ProcessContext, code: string): Promise<number> {
  let output = '';
  for (const stmt of code.split(/;|\n/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^print\((.*)\)$/.exec(stmt);
    if (stmt.startsWith('import ')) continue;
    const args = m ? m[1]!.split(/,(?=(?:[^'"]|'[^']*'|"[^"]*")*$)/).map(pyEval) : [undefined];
    if (!m || args.some((a) => a === undefined)) {
      await err(ctx, 'dockyard: this Python code is not simulated here (only print() of literals is)\n');
      return 1;
    }
    output += args.join(' ') + '\n';
  }
  await out(ctx, output);
  return 0;
}

function listing(ctx: ProcessContext, dir: string, urlPath: string): string | undefined {
  try {
    const entries = ctx.fs.readdir(dir);
    const enc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const items = entries
      .map((e) => {
        const isDir = ctx.fs.stat(`${dir}/${e.name}`).type === 'dir';
        const name = e.name + (isDir ? '/' : e.type === 'symlink' ? '@' : '');
        return `<li><a href="${encodeURIComponent(e.name)}${isDir ? '/' : ''}">${enc(name)}</a></li>\n`;
      })
      .join('');
    const title = `Directory listing for ${enc(urlPath)}`;
    return `<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n<h1>${title}</h1>\n<hr>\n<ul>\n${items}</ul>\n<hr>\n</body>\n</html>\n`;
  } catch {
    return undefined;
  }
}

async function httpServer(ctx: ProcessContext, args: readonly string[]): Promise<number> {
  let port = 8000;
  let bind = '0.0.0.0';
  let dir = ctx.cwd;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--bind' || a === '-b') bind = args[++i] ?? bind;
    else if (a === '--directory' || a === '-d') dir = resolvePath(ctx.cwd, args[++i] ?? '.');
    else if (/^\d+$/.test(a)) port = Number(a);
  }
  const ver = pythonVersion(ctx);
  // stdout is block-buffered when it is not a terminal: the line waits in the buffer
  const banner = `Serving HTTP on ${bind} port ${port} (http://${bind}:${port}/) ...\n`;
  const unbuffered = ctx.stdout.isTTY || ctx.env.has('PYTHONUNBUFFERED') || ctx.argv.includes('-u');
  if (unbuffered) await out(ctx, banner);
  const logLine = (addr: string, msg: string) => ctx.stderr.write(`${addr} - - [${pyLogDate(now(ctx))}] ${msg}\n`).catch(() => undefined);
  const sig = await serve(
    ctx,
    [port],
    (req) => {
      const urlPath = decodeURIComponent(req.target.split('?')[0] ?? '/');
      const full = resolvePath(dir, `.${urlPath}`);
      const server: [string, string] = ['Server', `SimpleHTTP/0.6 Python/${ver}`];
      const date = (): [string, string] => ['Date', new Date(ctx.kernel.clock.now()).toUTCString()];
      const hdr = (type: string, len: number): Array<[string, string]> => [server, date(), ['Content-type', type], ['Content-Length', String(len)]];
      try {
        const st = ctx.fs.stat(full);
        if (st.type === 'dir') {
          if (!urlPath.endsWith('/')) {
            void logLine(req.remote.address, `"${req.method} ${req.target} ${req.version}" 301 -`);
            return { status: 301, reason: 'Moved Permanently', headers: [server, date(), ['Location', `${urlPath}/`], ['Content-Length', '0']], body: '' };
          }
          const index = ['index.html', 'index.htm'].map((n) => `${full.replace(/\/$/, '')}/${n}`).find((p) => ctx.fs.exists(p));
          const body = index ? ctx.fs.readText(index) : listing(ctx, full, urlPath)!;
          void logLine(req.remote.address, `"${req.method} ${req.target} ${req.version}" 200 -`);
          return { status: 200, headers: hdr('text/html; charset=utf-8', utf8Length(body)), body };
        }
        const data = ctx.fs.readFile(full);
        void logLine(req.remote.address, `"${req.method} ${req.target} ${req.version}" 200 -`);
        const ext = full.split('.').pop() ?? '';
        const type = { html: 'text/html', txt: 'text/plain', css: 'text/css', js: 'text/javascript', json: 'application/json', py: 'text/x-python', md: 'text/markdown' }[ext] ?? 'application/octet-stream';
        // Files also say when they were last changed (SimpleHTTPRequestHandler.send_head).
        return { status: 200, headers: [...hdr(type, data.length), ['Last-Modified', new Date(st.mtime).toUTCString()]], body: data };
      } catch {
        void logLine(req.remote.address, 'code 404, message File not found');
        void logLine(req.remote.address, `"${req.method} ${req.target} ${req.version}" 404 -`);
        const body = `<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: 404</p>\n        <p>Message: File not found.</p>\n        <p>Error code explanation: 404 - Nothing matches the given URI.</p>\n    </body>\n</html>\n`;
        return { status: 404, reason: 'File not found', headers: [server, date(), ['Connection', 'close'], ['Content-Type', 'text/html;charset=utf-8'], ['Content-Length', String(utf8Length(body))]], body };
      }
    },
    ['SIGINT', 'SIGTERM'],
  );
  if (sig === 'SIGINT') {
    if (!unbuffered) await out(ctx, banner);
    await out(ctx, '\nKeyboard interrupt received, exiting.\n');
    return 0;
  }
  return 128 + 15;
}

async function pythonRepl(ctx: ProcessContext): Promise<number> {
  const v = pythonVersion(ctx);
  const debianGcc = ctx.fs.exists('/etc/alpine-release') ? 'GCC 14.2.0' : 'GCC 12.2.0';
  if (!ctx.stdin.isTTY) {
    // `python3 < file`: the script runs without a banner; its own output is not simulated
    await err(ctx, 'dockyard: Python code read from standard input is not executed here\n');
    return 0;
  }
  await err(ctx, `Python ${v} (main, Jun 10 2025, 23:47:18) [${debianGcc}] on linux\nType "help", "copyright", "credits" or "license" for more information.\n`);
  const r = new LineReader(ctx.stdin);
  for (;;) {
    await err(ctx, '>>> ');
    const l = await r.next();
    if (!l) {
      await err(ctx, '\n');
      return 0;
    }
    const line = l.line.trim();
    if (line === '') continue;
    if (line === 'exit()' || line === 'quit()' || line === 'exit' || line === 'quit') return 0;
    const m = /^print\((.*)\)$/.exec(line);
    const v2 = m ? pyEval(m[1]!) : pyEval(line);
    if (v2 === undefined) await err(ctx, 'dockyard: this Python statement is not simulated here\n');
    else if (m) await out(ctx, v2 + '\n');
    else await out(ctx, /^['"]/.test(line) ? `'${v2}'\n` : v2 + '\n');
  }
}

export const pythonInfo: ProgramInfo = {
  name: 'python@python',
  program: async (ctx) => {
    const args = ctx.argv.slice(1).filter((a) => a !== '-u');
    const a = args[0];
    if (a === '--version' || a === '-V') {
      await out(ctx, `Python ${pythonVersion(ctx)}\n`);
      return 0;
    }
    if (a === '-c') return pythonC(ctx, args[1] ?? '');
    if (a === '-m') {
      if (args[1] === 'http.server') return httpServer(ctx, args.slice(2));
      if (args[1] === 'pip') return pipInfo.program({ ...ctx, argv: ['pip', ...args.slice(2)] });
      await err(ctx, `dockyard: 'python -m ${args[1] ?? ''}' is not simulated here\n`);
      return 1;
    }
    if (a === undefined) return pythonRepl(ctx);
    const script = resolvePath(ctx.cwd, a);
    if (!ctx.fs.exists(script)) {
      await err(ctx, `${ctx.argv[0]?.split('/').pop() ?? 'python3'}: can't open file '${script}': [Errno 2] No such file or directory\n`);
      return 2;
    }
    await err(ctx, `dockyard: ${a} runs, but the output of Python programs is not simulated here\n`);
    return 0;
  },
};

// ---------------------------------------------------------------------------------------------
// pip

const PYPI: Record<string, { v: string; kB: number; deps?: string[] }> = {
  flask: { v: '3.1.1', kB: 103, deps: ['blinker', 'click', 'itsdangerous', 'jinja2', 'markupsafe', 'werkzeug'] },
  blinker: { v: '1.9.0', kB: 8.5 },
  click: { v: '8.2.1', kB: 102 },
  itsdangerous: { v: '2.2.0', kB: 16 },
  jinja2: { v: '3.1.6', kB: 134, deps: ['markupsafe'] },
  markupsafe: { v: '3.0.2', kB: 23 },
  werkzeug: { v: '3.1.3', kB: 224, deps: ['markupsafe'] },
  requests: { v: '2.32.4', kB: 64, deps: ['charset-normalizer', 'idna', 'urllib3', 'certifi'] },
  'charset-normalizer': { v: '3.4.2', kB: 148 },
  idna: { v: '3.10', kB: 70 },
  urllib3: { v: '2.5.0', kB: 129 },
  certifi: { v: '2025.6.15', kB: 157 },
  numpy: { v: '2.3.1', kB: 16600 },
  pandas: { v: '2.3.0', kB: 12000, deps: ['numpy', 'python-dateutil', 'pytz', 'tzdata'] },
  'python-dateutil': { v: '2.9.0.post0', kB: 229, deps: ['six'] },
  six: { v: '1.17.0', kB: 11 },
  pytz: { v: '2025.2', kB: 509 },
  tzdata: { v: '2025.2', kB: 347 },
  django: { v: '5.2.3', kB: 8300, deps: ['asgiref', 'sqlparse'] },
  asgiref: { v: '3.8.1', kB: 23 },
  sqlparse: { v: '0.5.3', kB: 44 },
  fastapi: { v: '0.115.14', kB: 95, deps: ['starlette', 'pydantic'] },
  starlette: { v: '0.46.2', kB: 72 },
  pydantic: { v: '2.11.7', kB: 444 },
  uvicorn: { v: '0.35.0', kB: 66, deps: ['click', 'h11'] },
  h11: { v: '0.16.0', kB: 37 },
  redis: { v: '6.2.0', kB: 278 },
  pyyaml: { v: '6.0.2', kB: 751 },
};

function sitePackages(ctx: ProcessContext): string {
  const v = pythonVersion(ctx).split('.').slice(0, 2).join('.');
  return `/usr/local/lib/python${v}/site-packages`;
}

function pipInstalled(ctx: ProcessContext): Map<string, string> {
  const m = new Map<string, string>([['pip', '25.0.1']]);
  try {
    for (const e of ctx.fs.readdir(sitePackages(ctx))) {
      const mm = /^(.+)-([^-]+)\.dist-info$/.exec(e.name);
      if (mm) m.set(mm[1]!.toLowerCase().replace(/_/g, '-'), mm[2]!);
    }
  } catch {
    // no site-packages
  }
  return m;
}

export const pipInfo: ProgramInfo = {
  name: 'pip@python',
  program: async (ctx) => {
    const [cmd, ...rest] = ctx.argv.slice(1);
    const inst = pipInstalled(ctx);
    const site = sitePackages(ctx);
    const mm = pythonVersion(ctx).split('.').slice(0, 2).join('.');
    switch (cmd) {
      case '--version':
      case '-V':
        await out(ctx, `pip 25.0.1 from ${site}/pip (python ${mm})\n`);
        return 0;
      case 'list': {
        const rows = [...inst.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
        const w = Math.max(7, ...rows.map(([n]) => n.length));
        const vw = Math.max(7, ...rows.map(([, v]) => v.length));
        await out(ctx, `${'Package'.padEnd(w)} ${'Version'}\n${'-'.repeat(w)} ${'-'.repeat(vw)}\n${rows.map(([n, v]) => `${n.padEnd(w)} ${v}`).join('\n')}\n`);
        return 0;
      }
      case 'freeze':
        await out(ctx, [...inst.entries()].filter(([n]) => n !== 'pip').sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, v]) => `${n}==${v}\n`).join(''));
        return 0;
      case 'install': {
        const reqs: Array<{ name: string; from?: string }> = [];
        for (let i = 0; i < rest.length; i++) {
          const a = rest[i]!;
          if (a === '-r' || a === '--requirement') {
            const f = rest[++i] ?? '';
            const text = readText(ctx, f);
            if (text === undefined) {
              await err(ctx, `ERROR: Could not open requirements file: [Errno 2] No such file or directory: '${f}'\n`);
              return 1;
            }
            text.split('\n').forEach((l, n) => {
              const name = l.replace(/#.*/, '').trim();
              if (name) reqs.push({ name, from: `-r ${f} (line ${n + 1})` });
            });
          } else if (!a.startsWith('-')) reqs.push({ name: a });
        }
        if (reqs.length === 0) {
          await err(ctx, 'ERROR: You must give at least one requirement to install (see "pip help install")\n');
          return 1;
        }
        const toInstall: string[] = [];
        const seen = new Set<string>();
        let text = '';
        const collect = async (spec: string, from?: string): Promise<boolean> => {
          const name = spec.split(/[=<>!~[ ;]/)[0]!.toLowerCase();
          if (seen.has(name)) return true;
          seen.add(name);
          if (inst.has(name)) {
            text += `Requirement already satisfied: ${spec} in ${site} (${inst.get(name)})${from ? ` (from ${from})` : ''}\n`;
            return true;
          }
          const p = PYPI[name];
          if (!p) {
            await out(ctx, text);
            await err(ctx, `ERROR: Could not find a version that satisfies the requirement ${spec} (from versions: none)\nERROR: No matching distribution found for ${spec}\n`);
            await err(ctx, `dockyard: '${name}' is not in the simulated package index\n`);
            return false;
          }
          const file = `${name.replace(/-/g, '_')}-${p.v}-py3-none-any.whl`;
          text += `Collecting ${spec}${from ? ` (from ${from})` : ''}\n  Downloading ${file}.metadata (${(p.kB / 30).toFixed(1)} kB)\n`;
          for (const d of p.deps ?? []) if (!(await collect(d, name))) return false;
          toInstall.push(name);
          return true;
        };
        for (const r of reqs) if (!(await collect(r.name, r.from))) return 1;
        for (const n of toInstall) text += `Downloading ${n.replace(/-/g, '_')}-${PYPI[n]!.v}-py3-none-any.whl (${PYPI[n]!.kB >= 1000 ? `${(PYPI[n]!.kB / 1000).toFixed(1)} MB` : `${PYPI[n]!.kB} kB`})\n`;
        await out(ctx, text);
        await ctx.sleep(500 + toInstall.length * 200);
        if (toInstall.length) {
          await out(ctx, `Installing collected packages: ${toInstall.join(', ')}\n`);
          for (const n of toInstall) {
            try {
              ctx.fs.mkdir(`${site}/${n.replace(/-/g, '_')}-${PYPI[n]!.v}.dist-info`, { recursive: true });
            } catch {
              // read-only
            }
          }
          await out(ctx, `Successfully installed ${[...toInstall].sort().map((n) => `${n}-${PYPI[n]!.v}`).join(' ')}\n`);
        }
        if (ctx.user.uid === 0 && ctx.env.get('PIP_ROOT_USER_ACTION') !== 'ignore' && !rest.includes('--root-user-action=ignore'))
          await err(ctx, "WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you know what you are doing and want to suppress this warning.\n");
        await err(ctx, '\n[notice] A new release of pip is available: 25.0.1 -> 25.1.1\n[notice] To update, run: pip install --upgrade pip\n');
        return 0;
      }
      case undefined:
        await out(ctx, '\nUsage:   \n  pip <command> [options]\n');
        return 0;
      default:
        await err(ctx, `ERROR: unknown command "${cmd}"\n`);
        return 1;
    }
  },
};

// ---------------------------------------------------------------------------------------------
// node

function nodeVersion(ctx: ProcessContext): string {
  return ctx.env.get('NODE_VERSION') ?? '22.17.0';
}

async function bootcamp(ctx: ProcessContext, source: string): Promise<number> {
  const v = /v=(\d+)/.exec(source)?.[1] ?? '1';
  const host = ctx.env.get('HOSTNAME') ?? hostnameOf(ctx);
  const start = ctx.kernel.clock.now();
  let requests = 0;
  await out(ctx, `Kubernetes Bootcamp App Started At: ${new Date(start).toISOString()} | Running On:  ${host} \n \n`);
  await serve(
    ctx,
    [8080],
    () => {
      requests++;
      const t = ctx.kernel.clock.now();
      ctx.stdout.write(`Running On: ${host} | Total Requests: ${requests} | App Uptime: ${(t - start) / 1000} seconds | Log Time: ${new Date(t).toISOString()}\n`).catch(() => undefined);
      return { status: 200, headers: [['Content-Type', 'text/plain'], ['Date', new Date(t).toUTCString()], ['Connection', 'close']], body: `Hello Kubernetes bootcamp! | Running on: ${host} | v=${v}\n` };
    },
    ['SIGTERM', 'SIGINT'],
  );
  return 128 + 15;
}

export const nodeInfo: ProgramInfo = {
  name: 'node@node',
  program: async (ctx) => {
    const args = ctx.argv.slice(1);
    const a = args[0];
    if (a === '--version' || a === '-v') {
      await out(ctx, `v${nodeVersion(ctx)}\n`);
      return 0;
    }
    if (a === '-e' || a === '-p' || a === '--eval' || a === '--print') {
      const code = args[1] ?? '';
      const m = /^\s*console\.log\((.*)\)\s*;?\s*$/.exec(code);
      const expr = m ? m[1]! : a === '-p' || a === '--print' ? code : undefined;
      const val = expr !== undefined ? pyEval(expr.replace(/`([^`]*)`/g, "'$1'")) : undefined;
      if (val === undefined) {
        await err(ctx, 'dockyard: this JavaScript code is not simulated here (only console.log of literals is)\n');
        return 1;
      }
      await out(ctx, val + '\n');
      return 0;
    }
    if (a === undefined) {
      if (!ctx.stdin.isTTY) return 0;
      await out(ctx, `Welcome to Node.js v${nodeVersion(ctx)}.\nType ".help" for more information.\n`);
      const r = new LineReader(ctx.stdin);
      for (;;) {
        await out(ctx, '> ');
        const l = await r.next();
        if (!l || l.line.trim() === '.exit') {
          if (!l) await out(ctx, '\n');
          return 0;
        }
        if (l.line.trim() === '') continue;
        const m = /^\s*console\.log\((.*)\)\s*;?\s*$/.exec(l.line);
        const v = pyEval(m ? m[1]! : l.line);
        if (v === undefined) await err(ctx, 'dockyard: this JavaScript statement is not simulated here\n');
        else await out(ctx, m ? `${v}\nundefined\n` : /^['"]/.test(l.line.trim()) ? `'${v}'\n` : `${v}\n`);
      }
    }
    const script = resolvePath(ctx.cwd, a);
    const source = readText(ctx, script);
    if (source === undefined) {
      await err(ctx, `node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '${script}'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)\n    at Module._load (node:internal/modules/cjs/loader:1051:27)\n    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:174:12)\n    at node:internal/main/run_main_module:28:49 {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}\n\nNode.js v${nodeVersion(ctx)}\n`);
      return 1;
    }
    if (source.includes('Hello Kubernetes bootcamp!')) return bootcamp(ctx, source);
    await err(ctx, `dockyard: ${a} runs, but the output of JavaScript programs is not simulated here\n`);
    // a server keeps running until stopped
    await serve(ctx, [], () => ({ status: 404, headers: [], body: '' }), ['SIGTERM', 'SIGINT']);
    return 130;
  },
};

export const nodeEntrypointInfo: ProgramInfo = {
  name: 'docker-entrypoint@node',
  program: async (ctx) => {
    let argv = ctx.argv.slice(1);
    if (argv[0]?.startsWith('-')) argv = ['node', ...argv];
    return execv(ctx, argv.length ? argv : ['node'], 'docker-entrypoint.sh');
  },
};

function packageJson(ctx: ProcessContext): { deps: string[] } | undefined | 'invalid' {
  const text = readText(ctx, resolvePath(ctx.cwd, 'package.json'));
  if (text === undefined) return undefined;
  try {
    const j = JSON.parse(text) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    return { deps: [...Object.keys(j.dependencies ?? {}), ...Object.keys(j.devDependencies ?? {})] };
  } catch {
    return 'invalid';
  }
}

export const npmInfo: ProgramInfo = {
  name: 'npm@node',
  program: async (ctx) => {
    const [cmd, ...rest] = ctx.argv.slice(1);
    if (cmd === '--version' || cmd === '-v') {
      await out(ctx, nodeVersion(ctx).startsWith('20') ? '10.8.2\n' : nodeVersion(ctx).startsWith('24') ? '11.4.2\n' : '10.9.2\n');
      return 0;
    }
    if (cmd === 'install' || cmd === 'i' || cmd === 'ci') {
      const pj = packageJson(ctx);
      const extra = rest.filter((a) => !a.startsWith('-'));
      if (pj === undefined && extra.length === 0) {
        await err(ctx, `npm error code ENOENT\nnpm error syscall open\nnpm error path ${resolvePath(ctx.cwd, 'package.json')}\nnpm error errno -2\nnpm error enoent Could not read package.json: Error: ENOENT: no such file or directory, open '${resolvePath(ctx.cwd, 'package.json')}'\nnpm error enoent This is related to npm not being able to find a file.\nnpm error enoent\n`);
        return 254;
      }
      if (pj === 'invalid') {
        await err(ctx, 'npm error code EJSONPARSE\nnpm error JSON.parse Invalid package.json\n');
        return 1;
      }
      const direct = [...(pj?.deps ?? []), ...extra];
      const count = direct.length === 0 ? 0 : direct.length * 23;
      await ctx.sleep(1000 + count * 30);
      try {
        ctx.fs.mkdir(resolvePath(ctx.cwd, 'node_modules'), { recursive: true });
        for (const d of direct) ctx.fs.mkdir(resolvePath(ctx.cwd, `node_modules/${d.split('@')[0]}`), { recursive: true });
      } catch {
        // read-only
      }
      const secs = Math.max(1, Math.round(count / 20));
      await out(ctx, count === 0 ? `\nup to date, audited 1 package in ${secs}s\n\nfound 0 vulnerabilities\n` : `\nadded ${count} packages, and audited ${count + 1} packages in ${secs}s\n\n${Math.max(1, Math.floor(count / 5))} packages are looking for funding\n  run \`npm fund\` for details\n\nfound 0 vulnerabilities\n`);
      return 0;
    }
    if (cmd === 'start' || cmd === 'run') {
      await err(ctx, `dockyard: 'npm ${[cmd, ...rest].join(' ')}' runs, but the output of JavaScript programs is not simulated here\n`);
      return 0;
    }
    await err(ctx, `dockyard: 'npm ${cmd ?? ''}' is not simulated here\n`);
    return 1;
  },
};

export const npxInfo: ProgramInfo = {
  name: 'npx@node',
  program: async (ctx) => {
    await err(ctx, `dockyard: 'npx ${ctx.argv.slice(1).join(' ')}' is not simulated here\n`);
    return 1;
  },
};

export const yarnInfo: ProgramInfo = {
  name: 'yarn@node',
  program: async (ctx) => {
    const [cmd] = ctx.argv.slice(1);
    if (cmd === '--version' || cmd === '-v') {
      await out(ctx, '1.22.22\n');
      return 0;
    }
    if (cmd === undefined || cmd === 'install') {
      const pj = packageJson(ctx);
      const start = ctx.kernel.clock.now();
      await out(ctx, 'yarn install v1.22.22\n');
      if (pj === undefined) await out(ctx, 'info No lockfile found.\n');
      await out(ctx, '[1/4] Resolving packages...\n');
      await ctx.sleep(2000);
      await out(ctx, '[2/4] Fetching packages...\n');
      await ctx.sleep(8000);
      await out(ctx, '[3/4] Linking dependencies...\n');
      await ctx.sleep(2000);
      await out(ctx, '[4/4] Building fresh packages...\n');
      await ctx.sleep(2000);
      try {
        ctx.fs.mkdir(resolvePath(ctx.cwd, 'node_modules'), { recursive: true });
      } catch {
        // read-only
      }
      if (!ctx.fs.exists(resolvePath(ctx.cwd, 'yarn.lock'))) {
        await out(ctx, 'success Saved lockfile.\n');
        try {
          ctx.fs.writeFile(resolvePath(ctx.cwd, 'yarn.lock'), '# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\n');
        } catch {
          // read-only
        }
      }
      await out(ctx, `Done in ${((ctx.kernel.clock.now() - start) / 1000 + 0.02).toFixed(2)}s.\n`);
      return 0;
    }
    await err(ctx, `dockyard: 'yarn ${cmd}' is not simulated here\n`);
    return 1;
  },
};

export const goInfo: ProgramInfo = {
  name: 'go@golang',
  program: async (ctx) => {
    const [cmd] = ctx.argv.slice(1);
    const v = ctx.env.get('GOLANG_VERSION') ?? '1.24.4';
    if (cmd === 'version') {
      await out(ctx, `go version go${v} linux/amd64\n`);
      return 0;
    }
    await err(ctx, `dockyard: 'go ${cmd ?? ''}' is not simulated here\n`);
    return cmd === undefined ? 2 : 1;
  },
};
