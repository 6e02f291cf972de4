/** All vector families, by file under data/conformance. */
import { dockerfileParserFamily } from './dockerfileParser';
import { imageReferenceFamily } from './imageReference';
import { jsonpathFamily } from './jsonpath';
import { labelSelectorFamily } from './labels';
import { outputFormatsFamily } from './outputFormats';
import type { VectorFamily } from './types';
import { validationErrorsFamily } from './validationErrors';

export const FAMILIES: readonly VectorFamily[] = [imageReferenceFamily, dockerfileParserFamily, jsonpathFamily, labelSelectorFamily, outputFormatsFamily, validationErrorsFamily];

export interface FamilyReport {
  file: string;
  passed: number;
  failed: { name: string; detail: string }[];
  skipped: { group: string; count: number; reason: string }[];
}

/** Runs one family over its parsed file. */
export function runFamily(family: VectorFamily, data: unknown): FamilyReport {
  const report: FamilyReport = { file: family.file, passed: 0, failed: [], skipped: family.skipped?.(data) ?? [] };
  for (const c of family.cases(data)) {
    let detail: string | null;
    try {
      detail = c.run();
    } catch (e) {
      detail = `threw ${e instanceof Error ? e.message : String(e)}`;
    }
    if (detail === null) report.passed++;
    else report.failed.push({ name: c.name, detail });
  }
  return report;
}

export type { VectorFamily, VectorCase, SkippedGroup } from './types';
