/**
 * The API server's object pipeline for the kinds Dockyard serves, as pure functions on JSON objects:
 * decode (types and strict field validation) -> applyDefaults -> validateCreate / validateUpdate ->
 * formatInvalid. The store, admission that needs ids (ServiceAccount tokens), allocation (cluster IPs,
 * node ports: see validateNodePorts) and the watch live elsewhere in src/engine/kube.
 */
export { decodeObject, kindDef, knownKinds, noMatchesForKind, type DecodeOptions, type DecodeResult } from './decode';
export { applyDefaults, imageTag } from './defaults';
export {
  aggregate,
  badRequest,
  errorBody,
  errorString,
  formatInvalid,
  goMapStringString,
  kubectlInvalidMessage,
  type BadValue,
  type FieldError,
  type Status,
  type StatusCause,
} from './errors';
export { compareQuantity, formatQuantity, parseQuantity, type Quantity } from './quantity';
export { goLabelSelector, kindGroup, KIND_RULES, NODE_PORT_RANGE, selectorMatches, validateCreate, validateNodePorts, validateObjectMeta, validateUpdate } from './validation';
export * as names from './names';
