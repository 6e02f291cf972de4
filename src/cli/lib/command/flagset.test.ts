import { describe, expect, it } from 'vitest';
import { flag, type FlagDef } from './flags';
import { ERR_HELP, FlagSet, flagUsagesWrapped } from './flagset';

function set(interspersed = true): FlagSet {
  const fs = new FlagSet();
  fs.interspersed = interspersed;
  const defs: FlagDef<unknown>[] = [
    flag.bool('interactive', { short: 'i', usage: 'Keep STDIN open' }),
    flag.bool('tty', { short: 't', usage: 'Allocate a pseudo-TTY' }),
    flag.bool('detach', { short: 'd', usage: 'Detach' }),
    flag.string('name', { usage: 'Name' }),
    flag.stringArray('publish', { short: 'p', usage: 'Publish' }),
    flag.stringSlice('env', { short: 'e', usage: 'Env' }),
    flag.int('count', { short: 'n', usage: 'Count' }),
    flag.count('verbose', { short: 'v', usage: 'Verbosity' }),
    flag.duration('time', { usage: 'Timeout', default: 10_000 }),
    flag.stringToString('label', { short: 'l', usage: 'Labels' }),
    flag.string('old', { usage: 'Old', deprecated: 'use --name instead' }),
    flag.string('memory', { short: 'm', usage: 'Memory', shorthandDeprecated: 'use --memory' }),
  ];
  for (const d of defs) fs.define(d);
  return fs;
}

const val = (fs: FlagSet, name: string) => fs.lookup(name)!.value.get();

// The rules and texts are pflag v1.0.6 flag.go: parseArgs, parseLongArg, parseSingleShortArg, Set.
describe('pflag parsing', () => {
  it('combined shorthands -it', () => {
    const fs = set();
    expect(fs.parse(['-it', 'ubuntu'])).toEqual({ ok: true });
    expect([val(fs, 'interactive'), val(fs, 'tty'), val(fs, 'detach')]).toEqual([true, true, false]);
    expect(fs.args).toEqual(['ubuntu']);
  });

  it('a value glued to its shorthand: -p8080:80, -dp 80:80, -e=A', () => {
    const fs = set();
    expect(fs.parse(['-p8080:80', '-dp', '81:81', '-e=A=1'])).toEqual({ ok: true });
    expect(val(fs, 'publish')).toEqual(['8080:80', '81:81']);
    expect(val(fs, 'detach')).toBe(true);
    expect(val(fs, 'env')).toEqual(['A=1']);
  });

  it('--name=x and --name x', () => {
    const fs = set();
    fs.parse(['--name=web', 'img']);
    expect(val(fs, 'name')).toBe('web');
    const fs2 = set();
    fs2.parse(['--name', 'db', 'img']);
    expect(val(fs2, 'name')).toBe('db');
    expect(fs2.args).toEqual(['img']);
  });

  it('-- ends the flags', () => {
    const fs = set();
    fs.parse(['-d', '--', '-t', '--name', 'x']);
    expect(val(fs, 'tty')).toBe(false);
    expect(fs.args).toEqual(['-t', '--name', 'x']);
    expect(fs.argsLenAtDash).toBe(0);
  });

  it('interspersed: flags after positionals', () => {
    const fs = set(true);
    fs.parse(['ubuntu', 'ls', '-d']);
    expect(val(fs, 'detach')).toBe(true);
    expect(fs.args).toEqual(['ubuntu', 'ls']);
  });

  it('not interspersed: flags stop at the first positional (docker run ubuntu ls -l)', () => {
    const fs = set(false);
    expect(fs.parse(['-d', 'ubuntu', 'ls', '-l', '--name', 'x'])).toEqual({ ok: true });
    expect(val(fs, 'detach')).toBe(true);
    expect(fs.args).toEqual(['ubuntu', 'ls', '-l', '--name', 'x']);
  });

  it('a lone "-" is an argument', () => {
    const fs = set();
    fs.parse(['-', '-d']);
    expect(fs.args).toEqual(['-']);
  });

  it('negative numbers as values', () => {
    const fs = set();
    expect(fs.parse(['-n', '-5'])).toEqual({ ok: true });
    expect(val(fs, 'count')).toBe(-5);
    const fs2 = set();
    expect(fs2.parse(['--count=-3'])).toEqual({ ok: true });
    expect(val(fs2, 'count')).toBe(-3);
    expect(set().parse(['-5'])).toEqual({ ok: false, error: "unknown shorthand flag: '5' in -5" });
  });

  it('bool given a value: -d=true, --detach=false, -d=no', () => {
    const fs = set();
    fs.parse(['-d=true']);
    expect(val(fs, 'detach')).toBe(true);
    const fs2 = set();
    fs2.parse(['--detach=false', 'x']);
    expect(val(fs2, 'detach')).toBe(false);
    expect(fs2.lookup('detach')!.changed).toBe(true);
    expect(fs2.args).toEqual(['x']);
    // A bool never takes the next word as its value.
    const fs3 = set();
    fs3.parse(['--detach', 'false']);
    expect(val(fs3, 'detach')).toBe(true);
    expect(fs3.args).toEqual(['false']);
    expect(set().parse(['-d=no'])).toEqual({
      ok: false,
      error: 'invalid argument "no" for "-d, --detach" flag: strconv.ParseBool: parsing "no": invalid syntax',
    });
  });

  it('repeatable: stringArray keeps commas, stringSlice splits them', () => {
    const fs = set();
    fs.parse(['-p', '1,2', '-p', '3', '-e', 'A=1,B=2', '--env', 'C=3']);
    expect(val(fs, 'publish')).toEqual(['1,2', '3']);
    expect(val(fs, 'env')).toEqual(['A=1', 'B=2', 'C=3']);
  });

  it('count: -vvv and --verbose=5', () => {
    const fs = set();
    fs.parse(['-vvv']);
    expect(val(fs, 'verbose')).toBe(3);
    const fs2 = set();
    fs2.parse(['--verbose=5', '-v']);
    expect(val(fs2, 'verbose')).toBe(6);
  });

  it('map: --label k=v,k2=v2', () => {
    const fs = set();
    fs.parse(['-l', 'a=1,b=2', '--label', 'c=3']);
    expect([...(val(fs, 'label') as Map<string, string>)]).toEqual([['a', '1'], ['b', '2'], ['c', '3']]);
    expect(set().parse(['-l', 'oops'])).toEqual({ ok: false, error: 'invalid argument "oops" for "-l, --label" flag: oops must be formatted as key=value' });
  });

  it('duration in milliseconds', () => {
    const fs = set();
    expect(val(fs, 'time')).toBe(10_000);
    fs.parse(['--time', '1m30s']);
    expect(val(fs, 'time')).toBe(90_000);
    expect(set().parse(['--time=10'])).toEqual({ ok: false, error: 'invalid argument "10" for "--time" flag: time: missing unit in duration "10"' });
  });

  it.each([
    [['--foo'], 'unknown flag: --foo'],
    [['--foo=bar'], 'unknown flag: --foo'],
    [['-z'], "unknown shorthand flag: 'z' in -z"],
    [['-iz'], "unknown shorthand flag: 'z' in -z"],
    [['--name'], 'flag needs an argument: --name'],
    [['-n'], "flag needs an argument: 'n' in -n"],
    [['-dn'], "flag needs an argument: 'n' in -n"],
    [['---x'], 'bad flag syntax: ---x'],
    [['--=x'], 'bad flag syntax: --=x'],
    [['-n', 'x'], 'invalid argument "x" for "-n, --count" flag: strconv.ParseInt: parsing "x": invalid syntax'],
    [['--count', '1.5'], 'invalid argument "1.5" for "-n, --count" flag: strconv.ParseInt: parsing "1.5": invalid syntax'],
    [['-m', 'x', '--count=x'], 'invalid argument "x" for "-n, --count" flag: strconv.ParseInt: parsing "x": invalid syntax'],
  ])('%j -> %s', (args, error) => {
    expect(set().parse(args)).toEqual({ ok: false, error });
  });

  it('a flag whose shorthand is deprecated is named by its long form only', () => {
    const fs = set();
    fs.define(flag.int('size', { short: 's', usage: 'Size', shorthandDeprecated: 'use --size' }));
    expect(fs.parse(['-s', 'x'])).toEqual({ ok: false, error: 'invalid argument "x" for "--size" flag: strconv.ParseInt: parsing "x": invalid syntax' });
  });

  it('--help and -h undefined give ErrHelp', () => {
    expect(set().parse(['--help'])).toEqual({ ok: false, error: ERR_HELP });
    expect(set().parse(['-h'])).toEqual({ ok: false, error: ERR_HELP });
  });

  it('deprecations are written to the set output', () => {
    const fs = set();
    fs.parse(['--old', 'x', '-m', '1g']);
    expect(fs.output).toBe('Flag --old has been deprecated, use --name instead\nFlag shorthand -m has been deprecated, use --memory\n');
  });

  it('a normalize function maps names (kubectl: _ to -)', () => {
    const fs = new FlagSet((n) => n.replace(/_/g, '-'));
    fs.define(flag.bool('all-namespaces', { short: 'A', usage: 'All' }));
    expect(fs.parse(['--all_namespaces'])).toEqual({ ok: true });
    expect(fs.lookup('all-namespaces')!.value.get()).toBe(true);
  });
});

describe('FlagUsagesWrapped', () => {
  it('aligns columns, shows types and non-zero defaults, hides hidden flags', () => {
    const fs = new FlagSet();
    fs.define(flag.string('context', { short: 'c', usage: 'Is it Christmas?' }));
    fs.define(flag.bool('debug', { short: 'D', usage: 'Enable debug' }));
    fs.define(flag.bool('pre-run', { usage: 'Log from prerun hook' }));
    fs.define(flag.string('who', { usage: 'Who are we addressing?' }));
    fs.define(flag.bool('secret', { usage: 'Hidden', hidden: true }));
    // docker/cli e2e/cli-plugins/testdata/docker-help-helloworld.golden (Options block)
    expect(flagUsagesWrapped(fs.sorted(), 79)).toBe(
      '  -c, --context string   Is it Christmas?\n' +
        '  -D, --debug            Enable debug\n' +
        '      --pre-run          Log from prerun hook\n' +
        '      --who string       Who are we addressing?\n',
    );
  });

  it('prints pflag defaults: strings quoted, durations, slices, bools', () => {
    const fs = new FlagSet();
    fs.define(flag.string('format', { usage: 'Format', default: 'table' }));
    fs.define(flag.duration('cert-expiry', { usage: 'Validity period for node certificates (ns|us|ms|s|m|h)', default: 90 * 24 * 3600 * 1000 }));
    fs.define(flag.duration('dispatcher-heartbeat', { usage: 'Dispatcher heartbeat period (ns|us|ms|s|m|h)', default: 5000 }));
    fs.define(flag.sizedInt('task-history-limit', 'int64', { usage: 'Task history retention limit', default: 5 }));
    fs.define(flag.sizedInt('max-snapshots', 'uint64', { usage: 'Number of additional Raft snapshots to retain' }));
    fs.define(flag.stringSlice('names', { usage: 'Names', default: ['a', 'b'] }));
    fs.define(flag.bool('all', { usage: 'All', default: true }));
    fs.define(flag.string('opt', { usage: 'Optional value', noOptDefVal: 'x' }));
    // Descriptions start at the longest head + 2, as in docker/cli cli/command/swarm/testdata/update-noargs.golden.
    const row = (head: string, usage: string) => `${head.padEnd(40)}${usage}\n`;
    expect(flagUsagesWrapped(fs.sorted(), 0)).toBe(
      row('      --all', 'All (default true)') +
        row('      --cert-expiry duration', 'Validity period for node certificates (ns|us|ms|s|m|h) (default 2160h0m0s)') +
        row('      --dispatcher-heartbeat duration', 'Dispatcher heartbeat period (ns|us|ms|s|m|h) (default 5s)') +
        row('      --format string', 'Format (default "table")') +
        row('      --max-snapshots uint', 'Number of additional Raft snapshots to retain') +
        row('      --names strings', 'Names (default [a,b])') +
        row('      --opt string[="x"]', 'Optional value') +
        row('      --task-history-limit int', 'Task history retention limit (default 5)'),
    );
  });
});
