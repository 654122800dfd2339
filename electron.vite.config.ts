import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          // The Electron shell: the only bundle that imports electron at runtime.
          index: resolve('src/main/electron/index.ts'),
          // Browser mode: the same services behind the localhost bridge, run by plain node.
          bridge: resolve('src/main/bridge/cli.ts'),
          // The lightproof command line.
          cli: resolve('src/cli/index.ts'),
          // The verify worker thread (src/main/workers/verifyPool.ts finds it next to the bundle).
          worker: resolve('src/main/workers/verifyWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      // React 19 ships its production builds unminified; minifying keeps the renderer bundle small.
      minify: true,
      rollupOptions: { input: resolve('src/renderer/index.html') },
    },
    plugins: [react()],
  },
})
