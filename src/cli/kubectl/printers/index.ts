/** kubectl's output layer: server-side table printers, the human-readable table printer, -o formats. */
export { printObjects, genericPrinter, parseOutput, sortObjects, listOf, WatchPrinter } from './print';
export type { PrintOptions, PrintResult, GenericPrinter, WatchPrintOptions } from './print';
export { podStatus, serverTable, defaultTable, columnsFor, servicePorts, accessModes, COLUMNS, DEFAULT_COLUMNS } from './server';
export type { Table, TableRow, ColumnDefinition, Cell, PodSummary, GenerateOptions } from './server';
export { HumanReadablePrinter, decorateTable, printTable, formatEventType, labelHeader } from './table';
export type { TablePrintOptions } from './table';
export { marshalYAML, yamlKeyLess, sortYamlKeys } from './yaml';
export { kindPrefix, formatLabels, isNamespacedKind, type KubeObject } from './object';
