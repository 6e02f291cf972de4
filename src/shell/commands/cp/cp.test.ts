import { describeScripts } from '../testing/scripted';

const TREE = { f: 'hello\n', g: 'other\n', d: { dir: true as const }, 'd/in': 'in\n', e: { dir: true as const }, l: { link: 'f' } };

describeScripts('cp against GNU cp', TREE, [
  { cmds: [['cp', 'f']] },
  { cmds: [['cp']] },
  { cmds: [['cp', 'f', 'h'], ['cat', 'h']] },
  { cmds: [['cp', '-v', 'f', 'g', 'e']] },
  { cmds: [['cp', 'd', 'x']] },
  { cmds: [['cp', '-rv', 'd', 'x']] },
  { cmds: [['cp', '-r', 'd', 'e']] },
  { cmds: [['cp', 'nope', 'y']] },
  { cmds: [['cp', 'f', 'f']] },
  { cmds: [['cp', 'f', 'g', 'h']] },
  { cmds: [['cp', 'f', 'g', 'f']] },
  { cmds: [['cp', '-n', 'f', 'g'], ['cat', 'g']] },
  { cmds: [['cp', '-i', 'f', 'g'], ['cat', 'g']], stdin: ['n'] },
  { cmds: [['cp', '-i', 'f', 'g'], ['cat', 'g']], stdin: ['y'] },
  { cmds: [['cp', '-r', 'd', 'd/x']] },
  { cmds: [['cp', 'f', 'd']] },
  { cmds: [['cp', '-a', 'l', 'm'], ['readlink', 'm']], name: 'cp -a keeps symlinks' },
  { cmds: [['cp', 'l', 'm'], ['cat', 'm']] },
  { cmds: [['cp', '-t', 'e', 'f', 'g']] },
  { cmds: [['cp', 'f', 'nodir/x']] },
]);
