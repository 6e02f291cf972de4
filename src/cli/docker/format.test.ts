import { describe, expect, it } from 'vitest';
import { containerCommand, displayablePorts, ellipsis, psCommand, psImage, shortId, stateString } from './format';
import { parsePortSpec, psFilter } from './containers';

// Expectations from docker/cli cli/command/formatter/container_test.go (TestDisplayablePorts,
// TestContainerPsContext) as copied into conformance/output-formats.json, and cli-reference.md §2.7.
describe('docker ps formatting', () => {
  it('joins command and quotes args with spaces (moby view.go)', () => {
    expect(containerCommand('/bin/sh', ['-c', '/usr/games/cowsay hi'])).toBe("/bin/sh -c '/usr/games/cowsay hi'");
    expect(containerCommand('/hello', [])).toBe('/hello');
  });
  it('truncates COMMAND to 20 columns then Go-quotes it', () => {
    expect(psCommand("/bin/sh -c '/usr/games/cowsay hi'", true)).toBe('"/bin/sh -c \'/usr/ga…"');
    expect(psCommand('tini -g -- start-notebook.py', true)).toBe('"tini -g -- start-no…"');
    expect(psCommand("sh -c 'ls -la'", true)).toBe('"sh -c \'ls -la\'"');
    expect(psCommand('tini -g -- start-notebook.py', false)).toBe('"tini -g -- start-notebook.py"');
    expect(ellipsis('你好世界你好世界你好世界', 7)).toBe('你好世…');
  });
  it('lays out PORTS as DisplayablePorts does', () => {
    expect(displayablePorts([{ PrivatePort: 9988, Type: 'tcp' }])).toBe('9988/tcp');
    expect(displayablePorts([{ IP: '0.0.0.0', PrivatePort: 9988, PublicPort: 8899, Type: 'tcp' }])).toBe('0.0.0.0:8899->9988/tcp');
    expect(
      displayablePorts([
        { IP: '0.0.0.0', PrivatePort: 8080, PublicPort: 8080, Type: 'tcp' },
        { IP: '::', PrivatePort: 8080, PublicPort: 8080, Type: 'tcp' },
      ]),
    ).toBe('0.0.0.0:8080->8080/tcp, [::]:8080->8080/tcp');
    expect(
      displayablePorts([
        { PrivatePort: 9988, Type: 'tcp' },
        { PrivatePort: 9988, Type: 'udp' },
        { PrivatePort: 9989, Type: 'tcp' },
      ]),
    ).toBe('9988-9989/tcp, 9988/udp');
    expect(
      displayablePorts([
        { IP: '1.2.3.4', PrivatePort: 6677, PublicPort: 7766, Type: 'tcp' },
        { IP: '1.2.3.4', PrivatePort: 9988, PublicPort: 9988, Type: 'udp' },
      ]),
    ).toBe('1.2.3.4:9988->9988/udp, 1.2.3.4:7766->6677/tcp');
  });
  it('words STATUS as State.String', () => {
    const base = { Running: false, Paused: false, Restarting: false, Dead: false, Status: 'exited', ExitCode: 0, StartedAt: 1000, FinishedAt: 2000 };
    expect(stateString({ ...base, Running: true, Status: 'running' }, 121_000)).toBe('Up 2 minutes');
    expect(stateString({ ...base, Running: true, Status: 'running' }, 1500)).toBe('Up Less than a second');
    expect(stateString({ ...base, ExitCode: 137 }, 72_000)).toBe('Exited (137) About a minute ago');
    expect(stateString({ ...base, StartedAt: 0, FinishedAt: 0, Status: 'created' }, 5000)).toBe('Created');
    expect(stateString({ ...base, Running: true, Paused: true }, 3 * 3_600_000)).toBe('Up 3 hours (Paused)');
  });
  it('shortens ids and images', () => {
    expect(shortId('sha256:9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e')).toBe('9f8e7d6c5b4a');
    expect(psImage('docker.io/library/ubuntu:latest@sha256:a5a665ff33eced1e0803148700880edab4269067ed77e27737a708d0d293fbf5', '', true)).toBe('ubuntu:latest');
    expect(psImage('', '', true)).toBe('<no image>');
    expect(psImage('a5a665ff33eced1e0803148700880edab4', 'a5a665ff33eced1e0803148700880edab4269067ed77e27737a708d0d293fbf5', true)).toBe('a5a665ff33ec');
  });
});

describe('docker run -p', () => {
  let next = 32768;
  const pick = () => next++;
  it('parses every form', () => {
    expect(parsePortSpec('8080:80', pick)).toEqual([{ hostIp: '', hostPort: 8080, containerPort: 80, proto: 'tcp' }]);
    expect(parsePortSpec('127.0.0.1:8080:80/udp', pick)).toEqual([{ hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, proto: 'udp' }]);
    expect(parsePortSpec('80', pick)).toEqual([{ hostIp: '', hostPort: 32768, containerPort: 80, proto: 'tcp' }]);
    expect(parsePortSpec('8000-8001:9000-9001', pick)).toHaveLength(2);
    expect(parsePortSpec('abc', pick)).toBe('invalid containerPort: abc');
  });
});

describe('docker ps filters', () => {
  it('rejects unknown keys and bad status values as the daemon does', () => {
    expect(psFilter(['foo=bar'])).toBe("invalid filter 'foo'");
    expect(psFilter(['status=sleeping'])).toBe("invalid filter 'status=sleeping'");
    expect(typeof psFilter(['status=running', 'name=web'])).toBe('function');
  });
});
