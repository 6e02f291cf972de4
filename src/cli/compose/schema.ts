/**
 * Validation of a Compose model against the Compose Specification's JSON schema
 * (data/schemas/compose-spec.json, draft-07), with compose-go's error texts (schema/schema.go over
 * santhosh-tekuri/jsonschema v6): the validator builds the same tree of errors (a failed `$ref`,
 * `oneOf` or group holds its causes), compose-go keeps the most specific leaf (the deepest
 * instance location, one more for "additional properties"), and words it as
 * `services.web additional properties 'imagee' not allowed` or `services.web.ports must be a array`.
 *
 * Only the keywords the Compose schema uses are implemented: type, enum, properties,
 * patternProperties, additionalProperties, required, items, oneOf, uniqueItems, minimum, maximum,
 * pattern, $ref (local), and the `duration` format compose-go registers.
 */
import composeSchema from '../../../data/schemas/compose-spec.json';

type Schema = {
  readonly type?: string | readonly string[];
  readonly $ref?: string;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly patternProperties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: boolean | Schema;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly oneOf?: readonly Schema[];
  readonly uniqueItems?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly definitions?: Readonly<Record<string, Schema>>;
};

interface VError {
  readonly path: readonly string[];
  /** The message after the path (or the whole message for type/minimum/maximum, see `text`). */
  readonly message: string;
  readonly additional?: boolean;
  readonly causes: readonly VError[];
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  return 'object';
}

function typeMatches(want: string, v: unknown): boolean {
  const t = typeOf(v);
  return want === t || (want === 'number' && t === 'integer');
}

/** compose-go's humanReadableType: `mapping` for object; several types sorted, "a, b or c". */
function humanType(want: readonly string[]): string {
  const h = (s: string) => (s === 'object' ? 'mapping' : s);
  if (want.length === 1) return h(want[0]!);
  const sorted = want.map(h).sort();
  return `${sorted.slice(0, -1).join(', ')} or ${sorted[sorted.length - 1]!}`;
}

const quoteList = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Go's time.ParseDuration accepts it. */
function isDuration(s: string): boolean {
  return /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/.test(s) || s === '0';
}

class Validator {
  private readonly patterns = new Map<string, RegExp>();
  constructor(private readonly root: Schema) {}

  private re(p: string): RegExp {
    let r = this.patterns.get(p);
    if (!r) {
      r = new RegExp(p, 'u');
      this.patterns.set(p, r);
    }
    return r;
  }

  private resolve(ref: string): Schema {
    const m = /^#\/definitions\/(.+)$/.exec(ref);
    const s = m ? this.root.definitions?.[m[1]!] : undefined;
    if (!s) throw new Error(`unresolved $ref ${ref}`);
    return s;
  }

  validate(s: Schema, v: unknown, path: readonly string[]): VError | undefined {
    const errs: VError[] = [];
    const leaf = (message: string, extra: Partial<VError> = {}): VError => ({ path, message, causes: [], ...extra });
    if (s.type !== undefined) {
      const want = typeof s.type === 'string' ? [s.type] : [...s.type];
      if (!want.some((w) => typeMatches(w, v))) return leaf(`must be a ${humanType(want)}`, { message: `must be a ${humanType(want)}` });
    }
    if (s.enum && !s.enum.some((e) => equal(e, v))) {
      const shown = s.enum.map((e) => (typeof e === 'string' ? `'${e}'` : JSON.stringify(e)));
      errs.push(leaf(shown.length === 1 ? `value must be ${shown[0]!}` : `value must be one of ${shown.join(', ')}`));
    }
    if (s.format === 'duration' && typeof v === 'string' && !isDuration(v)) errs.push(leaf(`'${v}' is not valid duration: time: invalid duration ${JSON.stringify(v)}`));
    if (typeOf(v) === 'object') {
      const obj = v as Record<string, unknown>;
      const missing = (s.required ?? []).filter((r) => !(r in obj));
      if (missing.length > 0) errs.push(leaf(missing.length === 1 ? `missing property '${missing[0]!}'` : `missing properties ${quoteList(missing)}`));
      const extra: string[] = [];
      for (const [k, x] of Object.entries(obj)) {
        let matched = false;
        const ps = s.properties?.[k];
        if (ps) {
          matched = true;
          const e = this.validate(ps, x, [...path, k]);
          if (e) errs.push(e);
        }
        for (const [pat, sub] of Object.entries(s.patternProperties ?? {})) {
          if (!this.re(pat).test(k)) continue;
          matched = true;
          const e = this.validate(sub, x, [...path, k]);
          if (e) errs.push(e);
        }
        if (!matched && s.additionalProperties !== undefined) {
          if (s.additionalProperties === false) extra.push(k);
          else if (s.additionalProperties !== true) {
            const e = this.validate(s.additionalProperties, x, [...path, k]);
            if (e) errs.push(e);
          }
        }
      }
      if (extra.length > 0) errs.push(leaf(`additional properties ${quoteList(extra)} not allowed`, { additional: true }));
    }
    if (Array.isArray(v)) {
      if (s.items) {
        v.forEach((x, i) => {
          const e = this.validate(s.items!, x, [...path, String(i)]);
          if (e) errs.push(e);
        });
      }
      if (s.uniqueItems) {
        outer: for (let i = 0; i < v.length; i++) {
          for (let j = i + 1; j < v.length; j++) {
            if (equal(v[i], v[j])) {
              errs.push(leaf(`items at ${i} and ${j} are equal`));
              break outer;
            }
          }
        }
      }
    }
    if (typeof v === 'string' && s.pattern !== undefined && !this.re(s.pattern).test(v)) errs.push(leaf(`'${v}' does not match pattern '${s.pattern}'`));
    if (typeof v === 'number') {
      if (s.minimum !== undefined && v < s.minimum) errs.push(leaf(`must be greater than or equal to ${s.minimum}`));
      if (s.maximum !== undefined && v > s.maximum) errs.push(leaf(`must be less than or equal to ${s.maximum}`));
    }
    if (s.$ref !== undefined) {
      const e = this.validate(this.resolve(s.$ref), v, path);
      if (e) errs.push({ path, message: `doesn't validate with ${s.$ref}`, causes: e.causes.length > 0 && e.message === 'validation failed' ? e.causes : [e] });
    }
    if (s.oneOf) {
      const causes: VError[] = [];
      let matched = 0;
      for (const sub of s.oneOf) {
        const e = this.validate(sub, v, path);
        if (e) causes.push(e);
        else matched++;
      }
      if (matched === 0) errs.push({ path, message: 'oneOf failed, none matched', causes });
      else if (matched > 1) errs.push(leaf('oneOf failed, subschemas matched more than once'));
    }
    if (errs.length === 0) return undefined;
    if (errs.length === 1) return errs[0];
    return { path, message: 'validation failed', causes: errs };
  }
}

function specificity(e: VError | undefined): number {
  if (!e) return -1;
  return e.path.length + (e.additional ? 1 : 0);
}

/** compose-go's getMostSpecificError. */
function mostSpecific(e: VError): VError {
  if (e.causes.length === 0) return e;
  let best: VError | undefined;
  for (const c of e.causes) {
    const m = mostSpecific(c);
    if (specificity(m) > specificity(best)) best = m;
  }
  return best!;
}

let validator: Validator | undefined;

/** Validates a model; returns compose-go's message (without the `validating <file>: ` prefix) or undefined. */
export function validateCompose(model: unknown): string | undefined {
  validator ??= new Validator(composeSchema as unknown as Schema);
  const e = validator.validate(composeSchema as unknown as Schema, model, []);
  if (!e) return undefined;
  const m = mostSpecific(e);
  const where = m.path.join('.');
  // `fmt.Sprintf("%s %s", path, ...)`: at the top level the path is empty and a blank still leads.
  return `${where} ${m.message}`;
}
