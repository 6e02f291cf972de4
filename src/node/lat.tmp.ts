import { createNodeSession } from './host';
const COMMANDS = ['echo hello world', 'ls -la', 'cat notes.txt | wc -l', 'echo one two three | tr a-z A-Z | cut -d" " -f2', 'seq 1 20 | sort -rn | head -3'];
const s = createNodeSession({ seed: 1 });
s.fs.writeFile('/home/learner/notes.txt', 'dockyard\nDocker\n');
const t: any = s.openTerminal({ screen: 'none' });
t.onOutput(() => {});
const ready = () => t.pty.isWaitingForInput;
await s.settle(ready);
for (let i = 0; i < 2000; i++) { t.input(COMMANDS[i % 5] + '\r'); await s.settle(ready); }
