import { describe, expect, it } from 'vitest';
import kubernetes from '../../../data/schemas/kubernetes.json';
import { languageForPath } from './languages';
import {
  COMPOSE_FILE_MATCH,
  KUBERNETES_FILE_MATCH,
  isZeroValue,
  kindsOf,
  kubernetesEditorSchema,
  strictSchema,
  yamlSchemaForPath,
  type Schema,
} from './yamlSchemas';

const upstream = kubernetes as Schema;

/**
 * yaml-language-server's fileMatch semantics (vscode-json-languageservice FilePatternAssociation):
 * each pattern is prefixed with `**\/`, `**` crosses `/`, `*` does not, a leading `!` excludes, and
 * the last pattern that matches decides.
 */
function globMatches(patterns: readonly string[], uri: string): boolean {
  let match = false;
  for (const raw of patterns) {
    const include = !raw.startsWith('!');
    const pattern = `**/${include ? raw : raw.slice(1)}`;
    const re = new RegExp(
      '^' +
        pattern
          .split(/(\*\*\/|\*)/)
          .map((part) => (part === '**/' ? '(?:.*/)?' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
          .join('') +
        '$',
    );
    if (re.test(uri)) match = include;
  }
  return match;
}

describe('which schema a YAML file gets', () => {
  it.each([
    ['/home/learner/deployment.yaml', 'kubernetes'],
    ['/home/learner/k8s/service.yml', 'kubernetes'],
    ['/home/learner/jupyter/pvc.yaml', 'kubernetes'],
    ['/home/learner/compose.yaml', 'compose'],
    ['/home/learner/app/compose.yml', 'compose'],
    ['/home/learner/docker-compose.yaml', 'compose'],
    ['/home/learner/docker-compose.yml', 'compose'],
    ['/home/learner/compose.override.yaml', 'compose'],
    ['/home/learner/docker-compose.prod.yml', 'compose'],
    ['/home/learner/my-compose.yaml', 'kubernetes'],
    ['/home/learner/compose.yaml.bak', null],
    ['/home/learner/kustomization.yaml', null],
    ['/home/learner/Dockerfile', null],
    ['/home/learner/notes.txt', null],
  ])('%s → %s', (path, want) => {
    expect(yamlSchemaForPath(path)).toBe(want);
  });

  it('the fileMatch globs give the same answer, and never both schemas', () => {
    const paths = [
      'deployment.yaml', 'k8s/service.yml', 'compose.yaml', 'app/compose.yml', 'docker-compose.yaml', 'docker-compose.yml',
      'compose.override.yaml', 'docker-compose.prod.yml', 'my-compose.yaml', 'compose.yaml.bak', 'kustomization.yaml', 'Dockerfile',
      'composer.yaml', 'docker-compose-x.yml',
    ];
    for (const p of paths) {
      const uri = `file://main/home/learner/${p}`;
      const k8s = globMatches(KUBERNETES_FILE_MATCH, uri);
      const compose = globMatches(COMPOSE_FILE_MATCH, uri);
      expect(k8s && compose, p).toBe(false);
      expect(k8s ? 'kubernetes' : compose ? 'compose' : null, p).toBe(yamlSchemaForPath(`/home/learner/${p}`));
    }
  });

  it('files that get a schema are shown as YAML', () => {
    expect(languageForPath('/home/learner/compose.yaml')).toBe('yaml');
    expect(languageForPath('/home/learner/deployment.yml')).toBe('yaml');
  });
});

describe('strictSchema', () => {
  it('closes objects with properties and leaves maps and free-form objects open', () => {
    const s = strictSchema({
      type: 'object',
      properties: {
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        raw: { type: 'object' },
        nested: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } },
      },
    });
    expect(s.additionalProperties).toBe(false);
    const props = s.properties as Record<string, Schema>;
    expect(props.labels?.additionalProperties).toEqual({ type: 'string' });
    expect('additionalProperties' in (props.raw ?? {})).toBe(false);
    expect((props.nested?.items as Schema).additionalProperties).toBe(false);
  });

  it('keeps an explicit additionalProperties: true', () => {
    expect(strictSchema({ properties: { a: {} }, additionalProperties: true }).additionalProperties).toBe(true);
  });

  it('drops zero-value defaults and keeps the others', () => {
    const s = strictSchema({
      properties: {
        name: { type: 'string', default: '' },
        meta: { $ref: '#/definitions/M', default: {} },
        protocol: { type: 'string', default: 'TCP' },
        n: { type: 'integer', default: 1 },
      },
    });
    const props = s.properties as Record<string, Schema>;
    expect('default' in (props.name ?? {})).toBe(false);
    expect('default' in (props.meta ?? {})).toBe(false);
    expect(props.protocol?.default).toBe('TCP');
    expect(props.n?.default).toBe(1);
    expect([isZeroValue(''), isZeroValue(0), isZeroValue(false), isZeroValue({}), isZeroValue([]), isZeroValue('x'), isZeroValue(1)]).toEqual([
      true, true, true, true, true, false, false,
    ]);
  });

  it('reads property names as names, not keywords, and copies x-kubernetes-* as they are', () => {
    const ext = { 'x-kubernetes-list-map-keys': ['name'], properties: { inner: {} } };
    const s = strictSchema({
      properties: {
        default: { type: 'object', properties: { x: { type: 'string' } } },
        type: { type: 'string', default: '' },
      },
      'x-kubernetes-group-version-kind': ext,
    });
    const props = s.properties as Record<string, Schema>;
    expect(props.default?.additionalProperties).toBe(false);
    expect(props.type).toEqual({ type: 'string' });
    expect(s['x-kubernetes-group-version-kind']).toBe(ext);
  });
});

describe('the Kubernetes editor schema', () => {
  const schema = kubernetesEditorSchema(upstream);
  const defs = schema.definitions as Record<string, Schema>;
  const rules = schema.allOf as Schema[];
  const ruleFor = (kind: string) =>
    rules.find((r) => (((r.if as Schema).properties as Schema | undefined)?.kind as Schema | undefined)?.const === kind)?.then as Schema | undefined;

  it('does not change the data it was given', () => {
    const container = (upstream.definitions as Record<string, Schema>)['io.k8s.api.core.v1.Container'];
    expect(container && 'additionalProperties' in container).toBe(false);
    expect(Array.isArray(upstream.anyOf)).toBe(true);
  });

  it('is strict in the definitions, like kubectl apply --validate=strict', () => {
    expect(defs['io.k8s.api.core.v1.Container']?.additionalProperties).toBe(false);
    expect(defs['io.k8s.api.apps.v1.DeploymentSpec']?.additionalProperties).toBe(false);
    expect(defs['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']?.additionalProperties).toBe(false);
    // Maps stay maps: labels take any key.
    const labels = (defs['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']?.properties as Record<string, Schema>).labels;
    expect(labels?.additionalProperties).toEqual({ type: 'string' });
    // Free-form JSON stays open.
    expect('additionalProperties' in (defs['io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1'] ?? {})).toBe(false);
  });

  it('takes creationTimestamp: null (kubectl create --dry-run -o yaml writes it)', () => {
    expect(defs['io.k8s.apimachinery.pkg.apis.meta.v1.Time']?.type).toEqual(['string', 'null']);
  });

  it('has one rule per kind, each naming the versions that serve it', () => {
    const kinds = kindsOf(upstream);
    expect(kinds).toHaveLength(62);
    expect(new Set(kinds.map((k) => k.kind)).size).toBe(60); // Event and EventList are in two groups
    expect(rules).toHaveLength(62); // required (when not empty), 60 kinds, List
    const deployment = ruleFor('Deployment');
    const apiVersion = (deployment?.properties as Schema).apiVersion as Schema;
    expect(apiVersion.enum).toEqual(['apps/v1']);
    expect(apiVersion.errorMessage).toBe('no matches for kind "Deployment" in this version: Deployment is served by apiVersion "apps/v1"');
    expect(deployment?.allOf).toEqual([{ $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' }]);
  });

  it('tells the two Events apart by apiVersion', () => {
    const event = ruleFor('Event');
    expect(((event?.properties as Schema).apiVersion as Schema).enum).toEqual(['v1', 'events.k8s.io/v1']);
    expect(event?.allOf).toEqual([
      { if: { properties: { apiVersion: { const: 'v1' } }, required: ['apiVersion'] }, then: { $ref: '#/definitions/io.k8s.api.core.v1.Event' } },
      {
        if: { properties: { apiVersion: { const: 'events.k8s.io/v1' } }, required: ['apiVersion'] },
        then: { $ref: '#/definitions/io.k8s.api.events.v1.Event' },
      },
    ]);
  });

  it('knows every kind at the root, and List holds objects of the same schema', () => {
    const kind = (schema.properties as Schema).kind as Schema;
    expect(kind.enum).toContain('Deployment');
    expect(kind.enum).toContain('PersistentVolumeClaim');
    expect(kind.enum).toContain('List');
    expect(kind.enum).not.toContain('Scale');
    expect(String(kind.errorMessage)).toMatch(/^no matches for this kind in Kubernetes v1\.33 \(known kinds: Namespace, Pod, .*Deployment/);
    expect(((ruleFor('List')?.properties as Schema).items as Schema).items).toEqual({ $ref: '#' });
    // Required unless the document is empty (a new file, or `---` at the end).
    expect(schema.required).toBeUndefined();
    expect(rules[0]).toEqual({ if: { type: 'object', minProperties: 1 }, then: { required: ['apiVersion', 'kind'] } });
    expect(schema.type).toEqual(['object', 'null']);
    // A rule's condition holds only for objects (on a null document `required` would hold vacuously).
    for (const r of rules) expect((r.if as Schema).type).toBe('object');
  });

  it('every $ref points at a definition that exists', () => {
    const refs = new Set<string>();
    JSON.stringify(schema, (k, v: unknown) => {
      if (k === '$ref' && typeof v === 'string') refs.add(v);
      return v;
    });
    for (const ref of refs) {
      if (ref === '#') continue;
      expect(defs[ref.replace('#/definitions/', '')], ref).toBeDefined();
    }
  });
});
