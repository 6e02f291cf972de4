/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { lessonsPlugin } from './src/node/vite-lessons-plugin';

export default defineConfig({
  plugins: [react(), lessonsPlugin()],
  resolve: {
    alias: [
      // monaco-yaml's worker still imports the pre-0.56 deep path of monaco-editor.
      { find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: 'monaco-editor/$1' },
    ],
  },
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  server: { host: '127.0.0.1' },
  build: {
    chunkSizeWarningLimit: 5000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'preload-helper', test: /vite\/preload-helper/, priority: 10 },
            // The first prompt needs xterm.js and its fit addon; the Unicode 11 tables load after it.
            { name: 'xterm', test: /node_modules[\\/]@xterm[\\/](?!addon-unicode11)/, priority: 3 },
            // React loads after the first prompt. zustand is not in this group: the store (zustand/vanilla)
            // is created before React, and a group would drag react into the entry.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            {
              name: 'monaco',
              priority: 2,
              test: (id: string) =>
                /node_modules[\\/](monaco-|vscode-|@monaco-editor|marked|dompurify)/.test(id) &&
                !/languages[\\/](definitions[\\/][^\\/]+[\\/](?!register)[^\\/]+\.js|features[\\/][^\\/]+[\\/][a-zA-Z]+Mode\.js)$/.test(id),
            },
          ],
        },
      },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
