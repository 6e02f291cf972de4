import { describe, expect, it } from 'vitest';
import { MemFs } from '../../engine/fs/memfs';
import { Clock } from '../../engine/core/clock';
import { substitute, interpolateTree, parseDotEnv } from './interpolate';
import { loadProject, normalizeProjectName, parsePortShort } from './loader';
import { validateCompose } from './schema';
import { parseComposeYaml } from './yaml';
import { yamlStringify } from './yamlout';

const env = (o: Record<string, string>) => (n: string) => o[n];

describe('interpolation', () => {
  it('substitutes the forms compose-go knows', () => {
    const l = env({ A: 'a', E: '' });
    expect(substitute('$A ${A} ${B:-d} ${E:-d} ${E-d} ${B-d} ${A:+x} ${B+x} $$A', l).value).toBe('a a d d  d x  $A');
    expect(substitute('${B:-${A}b}', l).value).toBe('ab');
    expect(substitute('${B}', l).unset).toEqual(['B']);
  });
  it('words errors as compose-go does', () => {
    const r = interpolateTree({ services: { web: { image: '${IMG:?set it}', environment: ['X=${Y?}'] } } }, env({}));
    expect(r.error).toBe('error while interpolating services.web.image: required variable IMG is missing a value: set it');
    const r2 = interpolateTree({ services: { web: { environment: ['X=${Y?}'] } } }, env({}));
    expect(r2.error).toBe('error while interpolating services.web.environment.[]: required variable Y is missing a value');
    const r3 = interpolateTree({ x: 'a ${ b' }, env({}));
    expect(r3.error).toBe('invalid interpolation format for x.\nYou may need to escape any $ with another $.\na ${ b');
  });
  it('reads .env files', () => {
    const r = parseDotEnv('# c\nA=1\nexport B="x\\ny"\nC=\'$A\'\nD=${A}2 # comment\n', env({}));
    expect([...r.vars]).toEqual([
      ['A', '1'],
      ['B', 'x\ny'],
      ['C', '$A'],
      ['D', '12'],
    ]);
  });
});

describe('names and validation', () => {
  it('normalises project names as compose-go does', () => {
    expect(normalizeProjectName('My.App')).toBe('myapp');
    expect(normalizeProjectName('_-x_Y')).toBe('x_y');
  });
  it('validation messages', () => {
    expect(validateCompose({ services: { web: { imagee: 'nginx' } } })).toBe("services.web additional properties 'imagee' not allowed");
    expect(validateCompose({ services: { web: { image: 'nginx', ports: '8080:80' } } })).toBe('services.web.ports must be a array');
    expect(validateCompose({ services: { web: 'nginx' } })).toBe('services.web must be a mapping');
    expect(validateCompose({ services: { web: { image: 'nginx', ports: ['8080:80'] } } })).toBeUndefined();
  });
  it('YAML errors as go-yaml words them', () => {
    expect(parseComposeYaml('services:\n  web:\n    image: nginx: latest\n')).toEqual({ ok: false, error: 'yaml: line 3: mapping values are not allowed in this context' });
    expect(parseComposeYaml('services:\n  web:\n\timage: nginx\n')).toEqual({ ok: false, error: 'yaml: line 3: found character that cannot start any token' });
    // compose-go's own pre-pass words a duplicate key, without go-yaml's "unmarshal errors" header
    expect(parseComposeYaml('services:\n  web:\n    image: nginx\n    image: httpd\n')).toEqual({ ok: false, error: 'line 4: mapping key "image" already defined at line 3' });
    expect(parseComposeYaml('# nothing\n')).toEqual({ ok: true, value: null });
  });
  it('ports short syntax', () => {
    expect(parsePortShort('127.0.0.1:8080:80/udp')).toEqual([{ mode: 'ingress', host_ip: '127.0.0.1', target: 80, published: '8080', protocol: 'udp' }]);
    expect(parsePortShort('80')).toEqual([{ mode: 'ingress', target: 80, protocol: 'tcp' }]);
  });
});

describe('loading', () => {
  const setup = (files: Record<string, string>) => {
    const fs = new MemFs(new Clock());
    for (const [p, t] of Object.entries(files)) {
      fs.mkdir(p.slice(0, p.lastIndexOf('/')) || '/', { recursive: true });
      fs.writeFile(p, t);
    }
    return fs;
  };
  it('finds the file upwards, names the project from the folder, merges -f files', () => {
    const fs = setup({
      '/home/l/My_App/compose.yaml': 'services:\n  web:\n    image: nginx\n    environment: [A=1]\n    ports: ["80:80"]\n',
      '/home/l/My_App/other.yaml': 'services:\n  web:\n    image: nginx:alpine\n    environment: {B: "2"}\n    ports: ["81:81"]\n',
      '/home/l/My_App/sub/x': '',
    });
    const r = loadProject({ fs, cwd: '/home/l/My_App/sub', env: new Map(), files: [] });
    expect(r.ok && r.project.name).toBe('my_app');
    expect(r.ok && r.project.networks.get('default')?.name).toBe('my_app_default');
    const m = loadProject({ fs, cwd: '/home/l/My_App', env: new Map(), files: ['compose.yaml', 'other.yaml'] });
    if (!m.ok) throw new Error(m.error);
    const web = m.project.services.get('web')!;
    expect(web.image).toBe('nginx:alpine');
    expect(web.environment).toEqual({ A: '1', B: '2' });
    expect(web.ports.map((p) => p.target)).toEqual([80, 81]);
  });
  it('reports a missing file and undefined references', () => {
    const fs = setup({ '/a/x': '' });
    expect(loadProject({ fs, cwd: '/a', env: new Map(), files: [] })).toMatchObject({ ok: false, error: 'no configuration file provided: not found' });
    const fs2 = setup({ '/a/compose.yaml': 'services:\n  web:\n    image: nginx\n    volumes: ["data:/d"]\n' });
    expect(loadProject({ fs: fs2, cwd: '/a', env: new Map(), files: [] })).toMatchObject({ ok: false, error: 'service "web" refers to undefined volume data: invalid compose project' });
  });
  it('prints the normalised model', () => {
    const fs = setup({ '/p/app/compose.yaml': 'services:\n  web:\n    build: .\n    command: echo "hi there"\n    volumes: ["./html:/usr/share/nginx/html:ro", "data:/data"]\nvolumes:\n  data:\n' });
    const r = loadProject({ fs, cwd: '/p/app', env: new Map(), files: [] });
    if (!r.ok) throw new Error(r.error);
    expect(yamlStringify(r.project.model)).toBe(
      [
        'name: app',
        'services:',
        '  web:',
        '    build:',
        '      context: /p/app',
        '      dockerfile: Dockerfile',
        '    command:',
        '      - echo',
        '      - hi there',
        '    networks:',
        '      default: null',
        '    volumes:',
        '      - type: bind',
        '        source: /p/app/html',
        '        target: /usr/share/nginx/html',
        '        read_only: true',
        '        bind:',
        '          create_host_path: true',
        '      - type: volume',
        '        source: data',
        '        target: /data',
        '        volume: {}',
        'networks:',
        '  default:',
        '    name: app_default',
        'volumes:',
        '  data:',
        '    name: app_data',
        '',
      ].join('\n'),
    );
  });
});
