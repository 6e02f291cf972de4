// The YAML language worker, imported with `?worker` (monaco-yaml's README, Vite section).
import 'monaco-yaml/yaml.worker.js';
