/**
 * Reading one Compose file as compose-go v2.7 does: go-yaml v3 over the whole file (the faithful
 * scanner in src/cli/lib/goyaml gives its error words and line numbers), then compose-go's own
 * reset/override pre-pass, which reports a duplicate key itself: `line 4: mapping key "image"
 * already defined at line 3` (no `yaml: unmarshal errors:` header; loader/reset.go). Compose
 * v2.38 prints these texts bare (the `failed to parse FILE: ` prefix came with compose-go v2.8.2).
 */
import { parseGoYaml } from '../lib/goyaml';

export type YamlResult = { ok: true; value: unknown } | { ok: false; error: string };

/** Parses one Compose file's text; an empty file (or only comments) is `null`. */
export function parseComposeYaml(text: string): YamlResult {
  const r = parseGoYaml(text, { flavour: 'compose' });
  if (!r.ok) {
    const d = r.duplicateKey;
    if (d) return { ok: false, error: `line ${d.line}: mapping key ${JSON.stringify(d.key)} already defined at line ${d.previousLine}` };
    return { ok: false, error: r.error };
  }
  return { ok: true, value: r.documents[0]?.value ?? null };
}
