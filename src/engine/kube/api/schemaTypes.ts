/** The compiled Kubernetes field table (see scripts/gen-kube-schema.ts for the type codes). */
export interface SchemaDef {
  /** Go type as the decoder names it, e.g. "v1.Container" */
  g: string;
  /** JSON field name -> type code */
  f: Record<string, string>;
}

export interface SchemaTable {
  /** "apps/v1/Deployment" -> index into defs */
  kinds: Record<string, number>;
  defs: SchemaDef[];
}
