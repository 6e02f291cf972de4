import { describe, expect, it } from 'vitest';
import { createTestHost } from '../../../shell/testing/harness';
import { completeCli, runCli } from './index';
import { dockerTree, kubectlTree, recorder } from './testing/trees';

describe('completeCli', () => {
  const docker = dockerTree(recorder().run, ['web', 'db', 'cache']);
  const kubectl = kubectlTree(recorder().run, ['web-1', 'web-2']);

  it.each([
    [['c'], ['container']],
    [[''], ['container', 'help', 'login', 'run', 'stack', 'version']],
    [['container', ''], ['ls', 'port', 'rename', 'rm']],
    [['container', 'r'], ['rename', 'rm']],
    [['-D', 'container', 'rm', ''], ['web', 'db', 'cache']],
    [['container', 'rm', 'w'], ['web']],
    [['container', 'rm', '-f', 'd'], ['db']],
    [['container', 'ls', '--'], ['--all', '--filter', '--last', '--quiet']],
    [['container', 'ls', '-a', '-'], ['--filter', '-f', '--last', '-n', '--quiet', '-q']],
    [['run', '--de'], ['--detach']],
    [['run', '-e', 'A=1', '--e'], ['--env']],
    [['--d'], ['--debug']],
  ])('docker %j', (words, expected) => {
    expect(completeCli(docker, words)).toEqual(expected);
  });

  it('docker run: after the image, nothing more to offer from the CLI (file names)', () => {
    expect(completeCli(docker, ['run', 'ubuntu', ''])).toBeUndefined();
    expect(completeCli(docker, ['run', 'ubuntu', '-'])).toBeUndefined();
  });

  it.each([
    [['g'], ['get']],
    [['get', ''], ['pods', 'services', 'deployments']],
    [['get', 'pods', 'w'], ['web-1', 'web-2']],
    [['-n', 'kube-system', 'get', 'pods', ''], ['web-1', 'web-2']],
    [['get', '-n', ''], ['default', 'kube-system']],
    [['get', '--namespace=k'], ['--namespace=kube-system']],
    [['get', '--w'], ['--watch']],
    [['get', '-o', 'wide', '--o'], []],
    [['get', '-'], ['--all-namespaces', '-A', '--chunk-size', '--context', '--filename', '-f', '--help', '-h', '--kubeconfig', '--namespace', '-n', '--output', '-o', '--selector', '-l', '--v', '-v', '--verbosity', '--watch', '-w']],
  ])('kubectl %j', (words, expected) => {
    expect(completeCli(kubectl, words)).toEqual(expected);
  });
});

describe('on a simulated host', () => {
  function host() {
    const rec = recorder();
    const root = dockerTree(rec.run, ['web', 'worker']);
    const h = createTestHost({ programs: [{ name: 'docker', program: (ctx) => runCli(root, ctx), complete: (args) => completeCli(root, args) }] });
    return { h, rec };
  }

  it('runs as a program: arguments after the image reach run, flag errors exit 125 on stderr', async () => {
    const { h, rec } = host();
    const ok = await h.run('docker run -d --name web nginx sh -c "echo hi"');
    expect(ok.status).toBe(0);
    expect(rec.calls[0]!.args).toEqual(['nginx', 'sh', '-c', 'echo hi']);
    const bad = await h.run('docker run --nope nginx; echo "status=$?"');
    expect(bad.stdout).toBe('status=125\n');
    expect(bad.stderr).toBe("unknown flag: --nope\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n");
  });

  it('Tab in bash completes subcommands and container names', async () => {
    const { h, rec } = host();
    // A plain transcript shows each line as entered, after its completions.
    const tty = await h.openTty({ screen: 'plain' });
    tty.clear();
    expect(await tty.line('docker cont\t')).toMatch(/^docker container \nUsage: {2}docker container COMMAND\n/);
    await tty.line('docker container rm wo\t-f');
    expect(rec.calls.at(-1)).toEqual({ path: 'docker container rm', args: ['worker'], flags: { force: true } });
  });
});
