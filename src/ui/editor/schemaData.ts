/**
 * The YAML schemas monaco-yaml checks files against, built from data/schemas (bundled with the
 * editor chunk, never fetched): Kubernetes v1.33 for manifests, the Compose Specification for
 * compose files. Which file gets which: yamlSchemas.ts.
 */
import type { JSONSchema, SchemasSettings } from 'monaco-yaml';
import compose from '../../../data/schemas/compose-spec.json';
import kubernetes from '../../../data/schemas/kubernetes.json';
import {
  COMPOSE_FILE_MATCH,
  COMPOSE_SCHEMA_URI,
  KUBERNETES_FILE_MATCH,
  KUBERNETES_SCHEMA_URI,
  kubernetesEditorSchema,
  type Schema,
} from './yamlSchemas';

export function yamlSchemaSettings(): SchemasSettings[] {
  return [
    { uri: KUBERNETES_SCHEMA_URI, fileMatch: [...KUBERNETES_FILE_MATCH], schema: kubernetesEditorSchema(kubernetes as Schema) as JSONSchema },
    { uri: COMPOSE_SCHEMA_URI, fileMatch: [...COMPOSE_FILE_MATCH], schema: compose as JSONSchema },
  ];
}
