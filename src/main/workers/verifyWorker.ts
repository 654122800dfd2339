import { parentPort } from 'node:worker_threads'
import { LightproofError } from '../../shared/errors'
import { cryptoPreference, initBackends } from '../../verifier/kinds/initBackends'
import { verifyEvidence } from '../../verifier/kinds/verifyEvidence'
import type { SerializedError, VerifyRequest, VerifyResponse } from './verifyProtocol'

/**
 * The verify worker: runs the same `verifyEvidence` as the main thread, one request at a time, so a SNARK
 * pairing or a thousand-stem Verkle witness never blocks the event loop that serves the UI. Built as its own
 * bundle input (`worker` in electron.vite.config.ts → out/main/worker.js); from source it is started through
 * tsx (see workerSource.ts).
 */
function serializeError(err: unknown): SerializedError {
  if (err instanceof LightproofError) {
    return { name: err.name, message: err.message, kind: err.kind, code: err.code }
  }
  if (err instanceof Error) return { name: err.name, message: err.message }
  return { name: 'Error', message: String(err) }
}

const port = parentPort
if (!port) throw new Error('verifyWorker.ts must run in a worker thread')

// A worker is its own JavaScript realm: it loads its own primitive backends, once, before its first request.
const ready = initBackends({ prefer: cryptoPreference(process.env.LIGHTPROOF_CRYPTO) })

port.on('message', (request: VerifyRequest) => {
  let started = performance.now()
  // The worker lends the verifier its clock, so kinds that time a part (a batch's SNARK) can report it. The
  // time starts once the backends are loaded: a fresh worker's first request waits for them.
  ready
    .then(() => {
      started = performance.now()
      return verifyEvidence(request.evidence, { now: () => performance.now() })
    })
    .then(
      (report) => {
        const ms = performance.now() - started
        port.postMessage({ id: request.id, ok: true, report, ms } satisfies VerifyResponse)
      },
      (err: unknown) => {
        const ms = performance.now() - started
        port.postMessage({
          id: request.id,
          ok: false,
          error: serializeError(err),
          ms,
        } satisfies VerifyResponse)
      },
    )
})
