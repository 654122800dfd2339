import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { heapGrowthCollector } from '../memory/heapGrowthCollector'
import { createServices } from '../services/createServices'
import { defaultDataDir } from '../store/dataDir'
import { startBridge } from './httpBridge'

/** `node out/main/bridge.js [--port N]`: browser mode, the real services behind the localhost bridge. */
const { values } = parseArgs({ options: { port: { type: 'string' }, 'data-dir': { type: 'string' } } })
const port = values.port ? Number(values.port) : Number(process.env.PORT ?? 0)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`lightproof: --port must be 0–65535\n`)
  process.exit(2)
}
const dataDir = values['data-dir'] ?? defaultDataDir()
const staticDir = join(dirname(fileURLToPath(import.meta.url)), '../renderer')
const services = await createServices({ dataDir, host: 'browser' })
const afterApiCall = heapGrowthCollector()
const bridge = await startBridge(services, { port, staticDir, afterApiCall }).catch(
  async (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EADDRINUSE' || port === 0) throw err
    process.stderr.write(`port ${port} is in use; using a free port instead\n`)
    return startBridge(services, { port: 0, staticDir, afterApiCall })
  },
)
process.stdout.write(`Lightproof (browser mode) is serving on ${bridge.url}\n`)
process.stdout.write(`data directory: ${dataDir}\n`)
const stop = () => {
  void bridge.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
