/** kubectl `-o go-template` (cli-runtime `pkg/printers/template.go`): a template named "output" with exists/base64decode. */
import { Template, type ParseResult } from './exec';
import { KUBECTL_FUNCS } from './funcs';

/** `NewGoTemplatePrinter` + `AllowMissingKeys`: missing keys print `<no value>` when allowed (kubectl's default), else error. */
export function parseKubectlGoTemplate(text: string, allowMissingKeys = true): ParseResult {
  return Template.parse(text, { name: 'output', funcs: KUBECTL_FUNCS, missingKey: allowMissingKeys ? 'default' : 'error' });
}
