import { describeScripts } from '../testing/scripted';

describeScripts('mkdir and rmdir against GNU', { f: '', d: { dir: true } }, [
  { cmds: [['mkdir', 'x', 'y/z', 'd', 'f/g']] },
  { cmds: [['mkdir', '-pv', 'a/b/c'], ['mkdir', '-p', 'a/b', 'd']] },
  { cmds: [['mkdir', '-v', 'n1', 'n2']] },
  { cmds: [['mkdir', '-m', '700', 'm'], ['stat', '-c', '%A', 'm']], name: 'mkdir -m 700' },
  { cmds: [['mkdir', '-m', 'bad', 'm']] },
  { cmds: [['mkdir']] },
  { cmds: [['mkdir', '-p', 'f']] },
  { cmds: [['rmdir', 'd', 'nope', 'f']] },
  { cmds: [['mkdir', '-p', 'p/q/r'], ['rmdir', 'p'], ['rmdir', '-pv', 'p/q/r']] },
  { cmds: [['rmdir']] },
]);
