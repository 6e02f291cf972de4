/**
 * Dockyard's hint line after a failed typed command: the table and the finder (unit), the hook in
 * the interactive shell, and a differential check that what bash itself prints stays byte for byte
 * what the real interactive /bin/bash prints, with exactly one `dockyard:` line after it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestHost } from '../testing/harness';
import { findFullWidth, fullWidthHint, hintFor, hintLanguage, installHint } from './hints';

const INSTALLED = 'dockyard: Docker, kubectl and minikube are already installed here, and this sandbox has no internet; on your own machine this command would ';

describe('full-width punctuation', () => {
  it.each([
    ['docker run -it ubuntu：latest', '：', 'dockyard: hint: “：” (U+FF1A) is a full-width colon; use ":"\n'],
    ['ls －l', '－', 'dockyard: hint: “－” (U+FF0D) is a full-width hyphen-minus; use "-"\n'],
    ['echo “hi”', '“', 'dockyard: hint: “ (U+201C) is a curly (Chinese) opening double quote; use \'"\'\n'],
    ["echo it’s", '’', 'dockyard: hint: ’ (U+2019) is a curly (Chinese) closing single quote; use "\'"\n'],
    ['kubectl get pods，svc', '，', 'dockyard: hint: “，” (U+FF0C) is a full-width comma; use ","\n'],
    ['cd ～', '～', 'dockyard: hint: “～” (U+FF5E) is a full-width tilde; use "~"\n'],
    ['ls ——all', '——', 'dockyard: hint: “——” (U+2014 U+2014) is a Chinese dash; use "--"\n'],
    ['docker run –rm nginx', '–', 'dockyard: hint: “–” (U+2013) is an en dash; use "--"\n'],
    ['ls　-l', '\u3000', 'dockyard: hint: “\u3000” (U+3000) is a full-width (ideographic) space; use " "\n'],
    ['cat a.txt ｜ wc', '｜', 'dockyard: hint: “｜” (U+FF5C) is a full-width vertical bar; use "|"\n'],
    ['echo hi ＞ out', '＞', 'dockyard: hint: “＞” (U+FF1E) is a full-width greater-than sign; use ">"\n'],
    ['wc ＜ in', '＜', 'dockyard: hint: “＜” (U+FF1C) is a full-width less-than sign; use "<"\n'],
    ['echo （hi）', '（', 'dockyard: hint: “（” (U+FF08) is a full-width left parenthesis; use "("\n'],
    ['cd ..。', '。', 'dockyard: hint: “。” (U+3002) is a Chinese full stop; use "."\n'],
    ['if true；then :; fi', '；', 'dockyard: hint: “；” (U+FF1B) is a full-width semicolon; use ";"\n'],
    ['ｌｓ', 'ｌ', 'dockyard: hint: “ｌ” (U+FF4C) is a full-width letter l; use "l"\n'],
  ])('%s → %s', (line, ch, en) => {
    expect(findFullWidth(line)?.text).toBe(ch);
    expect(fullWidthHint(line, 'en')).toBe(en);
  });

  it('says it in Chinese', () => {
    expect(fullWidthHint('docker run -it ubuntu：latest', 'zh')).toBe('dockyard: 提示：“：”是全角冒号，请改用半角 ":"\n');
    expect(fullWidthHint('echo ”', 'zh')).toBe('dockyard: 提示：” 是中文右双引号，请改用半角 \'"\'\n');
    expect(fullWidthHint('ls －l', 'zh')).toBe('dockyard: 提示：“－”是全角减号，请改用半角 "-"\n');
  });

  it('leaves alone what the learner meant: quoted text, comments, Chinese prose, ASCII', () => {
    for (const line of ['grep "错误：" log.txt', "echo '（注）'", 'echo "a，b"', 'ls # 列出：文件', 'ls 笔记：docker', 'echo 你好，世界', 'echo \\“', 'ls -l', 'echo "it\'s" \'x\'']) {
      expect(findFullWidth(line), line).toBeUndefined();
    }
    // Outside the quotes again: found.
    expect(findFullWidth('echo "a" b：c')?.index).toBe(10);
  });
});

describe('install commands', () => {
  it.each([
    ['curl -fsSL https://get.docker.com -o get-docker.sh', "download Docker's install script"],
    ['sh get-docker.sh', "run Docker's install script, which installs Docker"],
    ['sudo sh get-docker.sh', "run Docker's install script, which installs Docker"],
    ['curl -fsSL https://get.docker.com | sudo sh', "run Docker's install script, which installs Docker"],
    ['curl -fsSL https://download.docker.com/linux/ubuntu/gpg | sudo gpg --dearmor -o /etc/apt/keyrings/docker.gpg', "add Docker's package repository"],
    ['sudo apt-get install docker-ce docker-ce-cli containerd.io', 'install Docker'],
    ['sudo apt-get install -y docker.io', 'install Docker'],
    ['brew install --cask docker', 'install Docker'],
    ['brew install kubectl', 'install kubectl'],
    ['brew install minikube', 'install minikube'],
    ['curl -LO https://storage.googleapis.com/minikube/releases/latest/minikube-linux-amd64', 'download minikube'],
    ['sudo install minikube-linux-amd64 /usr/local/bin/minikube', 'install minikube'],
    ['curl -LO https://storage.googleapis.com/minikube/releases/latest/minikube-linux-amd64 && sudo install minikube-linux-amd64 /usr/local/bin/minikube', 'download and install minikube'],
    ['curl -Lo minikube https://storage.googleapis.com/minikube/releases/latest/minikube-linux-amd64', 'download minikube'],
    ['chmod +x minikube', 'install minikube'],
    ['sudo cp minikube /usr/local/bin && rm minikube', 'install minikube'],
    ['curl -LO "https://dl.k8s.io/release/$(curl -L -s https://dl.k8s.io/release/stable.txt)/bin/linux/amd64/kubectl"', 'download kubectl'],
    ['curl -LO https://storage.googleapis.com/kubernetes-release/release/v1.14.0/bin/linux/amd64/kubectl', 'download kubectl'],
    ['sudo install -o root -g root -m 0755 kubectl /usr/local/bin/kubectl', 'install kubectl'],
    ['sudo mv ./kubectl /usr/local/bin/kubectl', 'install kubectl'],
    ['snap install kubectl --classic', 'install kubectl'],
  ])('%s', (line, what) => {
    expect(installHint(line, 'en')).toBe(`${INSTALLED}${what}\n`);
  });

  it('tells VirtualBox apart: minikube here needs no hypervisor', () => {
    expect(installHint('apt install virtualbox', 'en')).toBe('dockyard: minikube here runs with the docker driver, so VirtualBox is not needed (and this sandbox has no internet); on your own machine this command would install VirtualBox\n');
    expect(installHint('sudo apt-get install virtualbox-7.0', 'zh')).toBe('dockyard: 这里的 minikube 使用 docker 驱动，不需要 VirtualBox（这个沙盒也不能上网）；在你自己的电脑上，这条命令会安装 VirtualBox\n');
  });

  it('says it in Chinese', () => {
    expect(installHint('brew install minikube', 'zh')).toBe('dockyard: 这里已经装好了 Docker、kubectl 和 minikube，而且这个沙盒不能上网；在你自己的电脑上，这条命令会安装 minikube\n');
    expect(installHint('curl -fsSL https://get.docker.com -o get-docker.sh', 'zh')).toMatch(/会下载 Docker 的安装脚本\n$/);
  });

  it('does not take the tools themselves for their installation', () => {
    for (const line of ['kubectl get pods', 'kubectl cp web:/tmp/a ./a', 'minikube start', 'docker run -it ubuntu', 'docker cp web:/a .', 'apt-get install cowsay', 'brew list', 'cp a b', 'ls /usr/local/bin/kubectl']) {
      expect(installHint(line, 'en'), line).toBeUndefined();
    }
  });
});

describe('hintFor', () => {
  it('says nothing after success or ^C, puts full-width first, and installs only on the host', () => {
    expect(hintFor('ls －l', 0, 'en', { host: true })).toBeUndefined();
    expect(hintFor('ls －l', 130, 'en', { host: true })).toBeUndefined();
    expect(hintFor('brew install minikube，kubectl', 127, 'en', { host: true })).toMatch(/full-width comma/);
    expect(hintFor('brew install minikube', 127, 'en', { host: true })).toMatch(/install minikube\n$/);
    expect(hintFor('brew install minikube', 127, 'en', { host: false })).toBeUndefined();
    expect(hintFor('ls －l', 2, 'en', { host: false })).toMatch(/full-width hyphen/);
  });

  it('follows the page language, else LANGUAGE, LC_ALL, LC_MESSAGES, LANG', () => {
    const env = (vars: Record<string, string>) => (n: string) => vars[n];
    expect(hintLanguage(env({ LANG: 'C.UTF-8' }))).toBe('en');
    expect(hintLanguage(env({ LANG: 'zh_CN.UTF-8' }))).toBe('zh');
    expect(hintLanguage(env({ LANG: 'zh_CN.UTF-8', LC_ALL: 'en_US.UTF-8' }))).toBe('en');
    expect(hintLanguage(env({ LANG: 'C.UTF-8', LANGUAGE: 'zh_CN:en' }))).toBe('zh');
    expect(hintLanguage(env({ LANG: 'zh_TW.UTF-8' }), () => 'en')).toBe('en');
    expect(hintLanguage(env({}), () => 'zh')).toBe('zh');
    expect(hintLanguage(env({}))).toBe('en');
  });
});

/** A host with a `docker` on PATH, as the learner's host has. */
function hostWithDocker() {
  return createTestHost({ programs: [{ name: 'docker', program: () => Promise.resolve(0) }] });
}

describe('the interactive shell', () => {
  it('adds one line after a failed line, in the page language, and none after success', async () => {
    const host = hostWithDocker();
    let lang = 'en';
    host.kernel.services.uiLanguage = () => lang;
    const t = await host.openTty({ screen: 'none' });
    expect(await t.line('ls －l')).toBe("ls: cannot access '－l': No such file or directory\ndockyard: hint: “－” (U+FF0D) is a full-width hyphen-minus; use \"-\"\n");
    expect(await t.line('echo $?')).toBe('2\n');
    expect(await t.line('echo “hi”')).toBe('“hi”\n');
    lang = 'zh';
    expect(await t.line('brew install minikube')).toBe('bash: brew: command not found\ndockyard: 这里已经装好了 Docker、kubectl 和 minikube，而且这个沙盒不能上网；在你自己的电脑上，这条命令会安装 minikube\n');
    expect(await t.line('echo $?')).toBe('127\n');
  });

  it('hints after a syntax error and after a line bash abandons', async () => {
    const t = await hostWithDocker().openTty({ screen: 'none' });
    expect(await t.line('if [ -f x ]；then echo; fi')).toBe("bash: syntax error near unexpected token `fi'\ndockyard: hint: “；” (U+FF1B) is a full-width semicolon; use \";\"\n");
    expect(await t.line('echo ${x：-1}')).toBe('bash: ${x：-1}: bad substitution\ndockyard: hint: “：” (U+FF1A) is a full-width colon; use ":"\n');
  });

  it('follows LANG when the page does not say, and says nothing about installing where there is no docker', async () => {
    const host = createTestHost();
    const t = await host.openTty({ screen: 'none', env: { LANG: 'zh_CN.UTF-8' } });
    expect(await t.line('cd ～')).toBe('bash: cd: ～: No such file or directory\ndockyard: 提示：“～”是全角波浪号，请改用半角 "~"\n');
    expect(await t.line('brew install minikube')).toBe('bash: brew: command not found\n');
  });

  it('gives no hints to scripts and bash -c', async () => {
    const host = hostWithDocker();
    const r = await host.run('ls －l; brew install minikube');
    expect(r.stderr).toBe("ls: cannot access '－l': No such file or directory\nbash: line 1: brew: command not found\n");
  });
});

// ------------------------------------------------------------------ differential

const hasBash = existsSync('/bin/bash');
const PATH = '/usr/local/bin:/usr/bin:/bin';

/** What the real interactive bash prints for one typed line (stdout and stderr merged). */
function realInteractive(line: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dockyard-hints-'));
  try {
    // A non-interactive bash drops PS1 from the environment: the inner one gets it set by `env`.
    const r = spawnSync('/bin/bash', ['-c', 'exec env PS1= PS2= /bin/bash --norc --noprofile --noediting -i 2>&1'], {
      cwd: dir,
      env: { HOME: dir, PATH, LC_ALL: 'C.UTF-8' },
      input: `${line}\n`,
      encoding: 'utf8',
    });
    return r.stdout
      .split('\n')
      .filter((l) => !/^bash: (cannot set terminal process group|no job control in this shell)/.test(l))
      .join('\n')
      .replace(/exit\n$/, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!hasBash)('differential: what bash prints stays as the real interactive bash prints it', () => {
  it.each([
    ['ls －l', 'dockyard: hint: “－” (U+FF0D) is a full-width hyphen-minus; use "-"\n'],
    ['cd ～', 'dockyard: hint: “～” (U+FF5E) is a full-width tilde; use "~"\n'],
    ['cat “notes.txt”', 'dockyard: hint: “ (U+201C) is a curly (Chinese) opening double quote; use \'"\'\n'],
    ['if [ -f x ]；then echo; fi', 'dockyard: hint: “；” (U+FF1B) is a full-width semicolon; use ";"\n'],
    ['ｌｓ', 'dockyard: hint: “ｌ” (U+FF4C) is a full-width letter l; use "l"\n'],
    ['brew install minikube', `${INSTALLED}install minikube\n`],
    ['chmod +x ./kubectl', `${INSTALLED}install kubectl\n`],
    ['sh get-docker.sh', `${INSTALLED}run Docker's install script, which installs Docker\n`],
    ['echo hi　｜ grep x', ''],
    ['echo “hi”', ''],
    ['grep "错误：" nofile', ''],
    ['ls 笔记：docker', ''],
  ])('%s', async (line, hint) => {
    const want = realInteractive(line);
    const t = await hostWithDocker().openTty({ screen: 'none', env: { LC_ALL: 'C.UTF-8' } });
    const got = await t.line(line);
    expect(got).toBe(want + hint);
  });
});
