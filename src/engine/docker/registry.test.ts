import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../net/net';
import { contentDigest, imageContent, layerBlobSizes, MemStorage, Registry, registryHttpHandler, RegistryWorld } from './registry';

const img = {
  id: 'sha256:' + 'c'.repeat(64),
  config: { Env: ['PATH=/bin'], Cmd: ['sh'], Entrypoint: null, WorkingDir: '', User: '', ExposedPorts: [], Volumes: [], StopSignal: null, Labels: {} },
  created: '2025-01-01T00:00:00Z',
  history: [
    { created: '2025-01-01T00:00:00Z', createdBy: 'CMD ["sh"]', size: 0, comment: '', emptyLayer: true },
    { created: '2025-01-01T00:00:00Z', createdBy: 'RUN x', size: 1000, comment: '', emptyLayer: false },
    { created: '2025-01-01T00:00:00Z', createdBy: 'ADD rootfs', size: 5000, comment: '', emptyLayer: false },
  ],
  layers: ['sha256:' + 'a'.repeat(64), 'sha256:' + 'b'.repeat(64)],
  size: 6000,
};

function req(method: string, target: string, body = ''): HttpRequest {
  return { method, target, version: 'HTTP/1.1', headers: [], body: new TextEncoder().encode(body), remote: { address: '172.17.0.1', port: 40000 }, local: { address: '172.17.0.2', port: 5000 } };
}

const text = (b: Uint8Array | string) => (typeof b === 'string' ? b : new TextDecoder().decode(b));

describe('registry content', () => {
  it('gives the same manifest digest for the same content, another for other content', () => {
    const a = imageContent(img);
    const b = imageContent({ ...img });
    expect(contentDigest(a.text)).toBe(contentDigest(b.text));
    const c = imageContent({ ...img, id: 'sha256:' + 'e'.repeat(64) });
    expect(contentDigest(c.text)).not.toBe(contentDigest(a.text));
  });

  it('writes the schema2 manifest as moby does (3-space indent, config digest = image id)', () => {
    const { text: t, manifest } = imageContent(img);
    expect(t.startsWith('{\n   "schemaVersion": 2,\n   "mediaType": "application/vnd.docker.distribution.manifest.v2+json",\n   "config": {\n      "mediaType"')).toBe(true);
    expect(manifest.config.digest).toBe(img.id);
    expect(manifest.layers.map((l) => l.digest)).toEqual(img.layers);
  });

  it('sizes layers from their history rows, lowest first', () => {
    expect(layerBlobSizes(img.layers, img.history, img.size)).toEqual([2000, 400]);
  });
});

describe('Registry', () => {
  it('stores tags, manifests and blobs, and mounts blobs across repositories', () => {
    const r = new Registry(new MemStorage());
    r.putBlob('learner/app', 'sha256:' + 'a'.repeat(64), '{}');
    const d = r.putManifest('learner/app', 'latest', '{"x":1}');
    expect(r.repositories()).toEqual(['learner/app']);
    expect(r.tags('learner/app')).toEqual(['latest']);
    expect(r.manifest('learner/app', 'latest')?.digest).toBe(d);
    expect(r.manifest('learner/app', d)?.text).toBe('{"x":1}');
    expect(r.manifest('learner/app', 'v2')).toBeUndefined();
    expect(r.hasBlob('learner/other', 'sha256:' + 'a'.repeat(64))).toBe(false);
    expect(r.mount('learner/other', 'sha256:' + 'a'.repeat(64), 'learner/app')).toBe(true);
    expect(r.hasBlob('learner/other', 'sha256:' + 'a'.repeat(64))).toBe(true);
    expect(r.linkedFrom('sha256:' + 'a'.repeat(64))).toEqual(['learner/app', 'learner/other']);
  });

  it('answers the HTTP API v2 as distribution does', () => {
    const r = new Registry(new MemStorage());
    expect(text(registryHttpHandler(r, req('GET', '/v2/')).body)).toBe('{}');
    expect(text(registryHttpHandler(r, req('GET', '/v2/_catalog')).body)).toBe('{"repositories":[]}\n');
    const digest = 'sha256:' + 'd'.repeat(64);
    expect(registryHttpHandler(r, req('HEAD', `/v2/hello/blobs/${digest}`)).status).toBe(404);
    expect(registryHttpHandler(r, req('POST', `/v2/hello/blobs/uploads/?digest=${digest}`, 'data')).status).toBe(201);
    expect(registryHttpHandler(r, req('HEAD', `/v2/hello/blobs/${digest}`)).status).toBe(200);
    const put = registryHttpHandler(r, req('PUT', '/v2/hello/manifests/latest', '{"m":1}'));
    expect(put.status).toBe(201);
    expect(text(registryHttpHandler(r, req('GET', '/v2/_catalog')).body)).toBe('{"repositories":["hello"]}\n');
    expect(text(registryHttpHandler(r, req('GET', '/v2/hello/tags/list')).body)).toBe('{"name":"hello","tags":["latest"]}\n');
    const miss = registryHttpHandler(r, req('GET', '/v2/hello/manifests/v2'));
    expect(miss.status).toBe(404);
    expect(text(miss.body)).toBe('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"v2"}}]}\n');
    expect(registryHttpHandler(r, req('GET', '/v2/nope/tags/list')).status).toBe(404);
  });
});

describe('RegistryWorld', () => {
  it('keeps the Hub and the credential helper across snapshot and restore', () => {
    const w = new RegistryWorld();
    w.hub.putBlob('learner/app', 'sha256:' + 'a'.repeat(64), '{}');
    w.hub.putManifest('learner/app', 'latest', '{"x":1}');
    w.storeCredential('/home/learner/.docker', 'https://index.docker.io/v1/', 'learner');
    const snap = JSON.parse(JSON.stringify(w.snapshot())) as ReturnType<RegistryWorld['snapshot']>;
    expect(JSON.stringify(snap)).not.toContain('secret');
    const back = new RegistryWorld(snap);
    expect(back.snapshot()).toEqual(w.snapshot());
    expect(back.hub.tags('learner/app')).toEqual(['latest']);
    expect(back.credential('/home/learner/.docker', 'https://index.docker.io/v1/')).toBe('learner');
    expect(back.hubHasRepository('library/ubuntu')).toBe(true);
    expect(back.hubHasRepository('learner/app')).toBe(true);
    expect(back.hubHasRepository('learner/nope')).toBe(false);
  });
});
