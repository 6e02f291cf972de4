/**
 * validation-errors.json, the `docker compose` entries: each input is written as the learner's
 * compose file and loaded the way `docker compose up` loads it (src/cli/compose/loader), and what
 * the terminal shows is compared. Docker Compose v2.38.2 uses compose-go v2.7.1, so where the file
 * gives several wordings the compose-go v2.7 one is expected: `exampleOutputComposeGo27`, the bare
 * go-yaml text (`outputComposeGo26`: the `failed to parse FILE: ` prefix only came with v2.8.2), and
 * for a type error compose-go v2.7.1's schema/schema.go humanReadableType (only object is renamed, to
 * "mapping": `must be a array`). Vectors that only exist in compose-go v2.6's wording, or that give a
 * fragment of an upstream test without its input, are listed as skipped.
 */
import { Clock } from '../../../engine/core/clock';
import { MemFs } from '../../../engine/fs/memfs';
import { loadProject } from '../../compose/loader';
import { diff, type SkippedGroup, type VectorCase } from './types';

interface Vector {
  case?: string;
  input?: string;
  output?: string;
  mistake?: string;
  kind?: string;
  outputComposeGo26?: string;
  [k: string]: unknown;
}
interface Message {
  id: string;
  tool: string;
  trigger: { input?: string; inputFile?: string };
  exampleOutput?: string;
  exampleOutputComposeGo27?: string;
  vectors?: Vector[];
}

const DIR = '/home/learner/app';

/** What `docker compose up` prints before acting, for a compose file holding `text` (no ANSI, no trailing blanks). */
export function composeLoadOutput(text: string | undefined, file = 'compose.yaml'): string {
  const fs = new MemFs(new Clock());
  fs.mkdir(DIR, { recursive: true });
  if (text !== undefined) fs.writeFile(`${DIR}/${file}`, text);
  const r = loadProject({ fs, cwd: DIR, env: new Map([['HOME', '/home/learner']]), files: [] });
  // logrus on a terminal: `WARN[0000] ` and the message padded to 44 columns.
  let out = r.warnings.map((w) => `WARN[0000] ${w}`.trimEnd() + '\n').join('');
  if (!r.ok) out += `${r.error}\n`;
  return out;
}

const V27_TYPE: Record<string, string> = {
  'compose.wrong-type': 'validating /home/learner/app/compose.yaml: services.web.ports must be a array\n',
};

const UNDEFINED_INPUTS: Record<string, string> = {
  network: 'services:\n  web:\n    image: nginx\n    networks:\n      - backend\n',
  secret: 'services:\n  web:\n    image: nginx\n    secrets:\n      - foo\n',
  config: 'services:\n  web:\n    image: nginx\n    configs:\n      - app_config\n',
};

export function composeCases(msgs: readonly Message[]): VectorCase[] {
  const cases: VectorCase[] = [];
  const add = (name: string, input: string | undefined, want: string, file?: string) => cases.push({ name, run: () => diff('output', composeLoadOutput(input, file), want) });
  for (const m of msgs) {
    const file = m.trigger.inputFile ?? 'compose.yaml';
    switch (m.id) {
      case 'compose.additional-property':
        add(`${m.id}[example v2.7]`, m.trigger.input, m.exampleOutputComposeGo27 ?? '', file);
        add(`${m.id}[top level v2.7]`, 'web:\n  image: nginx\n', "validating /home/learner/app/compose.yaml:  additional properties 'web' not allowed\n", file);
        break;
      case 'compose.wrong-type':
        add(`${m.id}[example v2.7]`, m.trigger.input, V27_TYPE[m.id]!, file);
        break;
      case 'compose.undefined-volume':
        add(`${m.id}[example]`, m.trigger.input, m.exampleOutput ?? '', file);
        for (const v of m.vectors ?? []) if (v.kind && UNDEFINED_INPUTS[v.kind]) add(`${m.id}[${v.kind}]`, UNDEFINED_INPUTS[v.kind], v.output ?? '', file);
        break;
      case 'compose.yaml-syntax':
        add(`${m.id}[example]`, m.trigger.input, m.exampleOutput ?? '', file);
        for (const v of m.vectors ?? []) add(`${m.id}[${v.case ?? '?'}]`, v.input, v.outputComposeGo26 ?? '', file);
        break;
      case 'compose.version-obsolete':
        // The example is a public transcript without the colour codes and the trailing blank of logrus.
        add(`${m.id}[example]`, m.trigger.input, m.exampleOutput ?? '', file);
        break;
      case 'compose.no-config-file':
        add(`${m.id}[example]`, undefined, m.exampleOutput ?? '');
        break;
      default:
        cases.push({ name: `${m.id}[unknown]`, run: () => 'a docker compose entry this runner does not know' });
    }
  }
  return cases;
}

/** The compose vectors not run, with the reason. */
export function composeSkipped(msgs: readonly Message[]): SkippedGroup[] {
  const out: SkippedGroup[] = [];
  const ap = msgs.find((m) => m.id === 'compose.additional-property');
  if (ap) out.push({ group: 'compose.additional-property (v2.6 wording, upstream test fragments)', count: ap.vectors?.length ?? 0, reason: 'compose-go v2.6 wording ("Additional property x is not allowed") or a fragment of an upstream test without its input; Compose v2.38.2 uses compose-go v2.7.1, run above with its wording' });
  const wt = msgs.find((m) => m.id === 'compose.wrong-type');
  if (wt) out.push({ group: 'compose.wrong-type (v2.6 wording)', count: 1, reason: 'the example is compose-go v2.6 wording ("must be a list"); compose-go v2.7.1 prints "must be a array", run above' });
  return out;
}
