import { describeScripts } from '../testing/scripted';

const TREE = { f: 'x', e: '', d: { dir: true as const }, 'd/inner': 'y', 'd/sub/deep': 'z', empty: { dir: true as const } };

describeScripts('rm against GNU rm', TREE, [
  { cmds: [['rm', 'f', 'nope', 'd']] },
  { cmds: [['rm', '-f', 'nope']] },
  { cmds: [['rm', '-f']] },
  { cmds: [['rm']] },
  { cmds: [['rm', '-rv', 'd']] },
  { cmds: [['rm', '-r', '/']] },
  { cmds: [['rm', '-rf', '.', '..', 'd/.']] },
  { cmds: [['rm', '-d', 'empty', 'd']] },
  { cmds: [['rm', '-v', 'f', 'e']] },
  { cmds: [['rm', '-i', 'f'], ['rm', '-i', 'e']], stdin: ['n', 'y'] },
  { cmds: [['rm', '-ri', 'd/sub']], stdin: ['y\nn\ny'] },
  { cmds: [['rm', '-ri', 'd/sub']], stdin: ['y\ny\ny'] },
  { cmds: [['rm', '-x']] },
]);
