/** label-selector.json (kubernetes/apimachinery pkg/labels, metav1 helpers): every group. */
import {
  conflicts,
  convertSelectorToLabelsMap,
  everything,
  labelSelectorAsSelector,
  matchesNothing,
  merge,
  newRequirement,
  nothing,
  parseOperatorToken,
  parseSelector,
  requirementMatches,
  requirementString,
  requiresExactMatch,
  selectorEmpty,
  selectorFromSet,
  selectorMatches,
  selectorString,
  SelectorLexer,
  setHas,
  setString,
  validatedSelectorFromSet,
  type LabelSelector,
  type Requirement,
  type Selector,
} from '../../../engine/kube/labels';
import { diff, first, type VectorCase, type VectorFamily } from './types';

interface V {
  group: string;
  [k: string]: unknown;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const rec = (v: unknown): Record<string, string> => (v && typeof v === 'object' ? (v as Record<string, string>) : {});
const reqs = (v: unknown): Requirement[] => (Array.isArray(v) ? (v as Requirement[]) : []);

function runVector(v: V): string | null {
  switch (v.group) {
    case 'parse': {
      const r = parseSelector(str(v.selector));
      if (r.ok !== v.valid) return `valid: got ${r.ok}${r.ok ? '' : ` (${r.error})`}, want ${String(v.valid)}`;
      if (!r.ok) return typeof v.errorMessage === 'string' ? diff('error', r.error, v.errorMessage) : null;
      if (typeof v.expectString === 'string') return diff('String()', selectorString(r.value), v.expectString.replace(/ /g, ''));
      if (typeof v.expectStringEqualTo === 'string') {
        const other = parseSelector(v.expectStringEqualTo);
        if (!other.ok) return `reference selector failed to parse: ${other.error}`;
        return diff('String()', selectorString(r.value), selectorString(other.value));
      }
      if (Array.isArray(v.expectRequirements)) return diff('requirements', r.value.kind === 'requirements' ? r.value.requirements : null, v.expectRequirements);
      return null;
    }
    case 'matches': {
      const r = parseSelector(str(v.selector));
      if (!r.ok) return `parse failed: ${r.error}`;
      return diff('match', selectorMatches(r.value, rec(v.labels)), v.match);
    }
    case 'selectorFromSet':
      return diff('match', selectorMatches(selectorFromSet(rec(v.set)), rec(v.labels)), v.match);
    case 'lexer': {
      const [tok, lit] = new SelectorLexer(str(v.input)).lex();
      return first(diff('token', tok, v.expectToken), diff('literal', lit, v.expectLiteral));
    }
    case 'lexerSequence': {
      const l = new SelectorLexer(str(v.input));
      const toks: string[] = [];
      for (;;) {
        const [t] = l.lex();
        if (t === 'EndOfStringToken') break;
        toks.push(t);
        if (toks.length > 100) break;
      }
      return diff('tokens', toks, v.expectTokens);
    }
    case 'parseOperator': {
      const r = parseOperatorToken(str(v.input));
      if (r.ok !== v.valid) return `valid: got ${r.ok}, want ${String(v.valid)}`;
      return !r.ok && typeof v.errorMessage === 'string' ? diff('error', r.error, v.errorMessage) : null;
    }
    case 'newRequirement': {
      const q = v.requirement as Requirement;
      const r = newRequirement(q.key, q.operator, q.values);
      if (r.ok !== v.valid) return `valid: got ${r.ok}, want ${String(v.valid)}`;
      if (!r.ok) return diff('errors', r.errors.map((e) => ({ type: e.type, field: e.field, badValue: e.badValue })), v.expectErrors);
      return null;
    }
    case 'requirementsToString': {
      const s = reqs(v.requirements).map(requirementString).join(',');
      return diff('String()', s, v.expectString);
    }
    case 'requirementsMatch': {
      const sel: Selector = { kind: 'requirements', requirements: reqs(v.requirements) };
      return diff('match', selectorMatches(sel, rec(v.labels)), v.match);
    }
    case 'requiresExactMatch': {
      const r = requiresExactMatch({ kind: 'requirements', requirements: reqs(v.requirements) }, str(v.label));
      return first(diff('found', r.found, v.expectFound), diff('value', r.value, v.expectValue));
    }
    case 'validatedSelectorFromSet': {
      const r = validatedSelectorFromSet(rec(v.set));
      if (r.ok !== v.valid) return `valid: got ${r.ok}, want ${String(v.valid)}`;
      if (!r.ok) return diff('errors', r.errors.map((e) => ({ type: e.type, field: e.field, badValue: e.badValue })), v.expectErrors);
      return diff('requirements', r.value.kind === 'requirements' ? r.value.requirements : null, v.expectRequirements);
    }
    case 'matchesNothing': {
      let sel: Selector;
      if (typeof v.selectorConstructor === 'string') sel = v.selectorConstructor.toLowerCase().includes('nothing') ? nothing() : everything();
      else if (v.set !== undefined) sel = selectorFromSet(rec(v.set));
      else {
        const r = parseSelector(str(v.selector));
        if (!r.ok) return `parse failed: ${r.error}`;
        sel = r.value;
      }
      return diff('MatchesNothing', matchesNothing(sel), v.expectMatchesNothing);
    }
    case 'setString':
    case 'setToSelectorString':
      return first(
        diff('String()', setString(rec(v.set)), v.expectString),
        v.group === 'setToSelectorString' ? diff('AsSelector().String()', selectorString(selectorFromSet(rec(v.set))), v.expectString) : null,
      );
    case 'setHas':
      return diff('Has', setHas(rec(v.set), str(v.key)), v.expect);
    case 'conflicts':
      return diff('Conflicts', conflicts(rec(v.labels1), rec(v.labels2)), v.expect);
    case 'merge':
      return diff('Merge', merge(rec(v.labels1), rec(v.labels2)), v.expect);
    case 'convertSelectorToLabelsMap': {
      const r = convertSelectorToLabelsMap(str(v.selector));
      if (r.ok !== v.valid) return `valid: got ${r.ok}, want ${String(v.valid)}`;
      return diff('labels', r.ok ? r.value : {}, v.expectLabels);
    }
    case 'labelSelectorAsSelector': {
      const r = labelSelectorAsSelector(v.labelSelector as LabelSelector | null);
      if (v.expectError === true) return r.ok ? 'expected an error' : null;
      if (!r.ok) return `unexpected error: ${r.error}`;
      if (typeof v.expect === 'string') {
        const got = matchesNothing(r.value) ? 'Nothing() (matches no objects)' : selectorEmpty(r.value) ? 'Everything() (empty selector, matches all)' : selectorString(r.value);
        return diff('selector', got, v.expect);
      }
      return diff('String()', selectorString(r.value), v.expectSelectorString);
    }
    default:
      return `unknown group ${v.group}`;
  }
}

export const labelSelectorFamily: VectorFamily = {
  file: 'label-selector.json',
  cases(data: unknown): VectorCase[] {
    const vectors = (data as { vectors: V[] }).vectors;
    return vectors.map((v, i) => ({
      name: `${v.group} #${i} ${JSON.stringify(v.selector ?? v.input ?? v.name ?? v.set ?? v.requirement ?? '')}`.slice(0, 120),
      run: () => runVector(v),
    }));
  },
};

// re-exported for tests that want to probe a single requirement
export { requirementMatches };
