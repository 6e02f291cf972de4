/** kubectl apply's annotation: the object as last applied, JSON with a trailing newline. */
import { goJsonMarshal, type JsonValue } from '../lib/goyaml';
import { clone, isObj, type Obj } from './common';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The object with its last-applied annotation (kubectl's GetModifiedConfiguration). */
export function withLastApplied(obj: Obj): Obj {
  const out = clone(obj);
  const meta = isObj(out.metadata) ? out.metadata : (out.metadata = {});
  const ann = isObj(meta.annotations) ? { ...meta.annotations } : {};
  delete ann[LAST_APPLIED];
  meta.annotations = ann;
  const json = goJsonMarshal(out as JsonValue) + '\n';
  meta.annotations = { ...ann, [LAST_APPLIED]: json };
  return out;
}

