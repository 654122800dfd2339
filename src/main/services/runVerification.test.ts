import { describe, expect, it } from 'vitest'
import { plonkEvidenceVectors } from '../../../tests/support/snarkVectors'
import { verifyEvidence } from '../../verifier/kinds/verifyEvidence'
import type { Evidence } from '../../verifier/evidence/schema'
import type { Report } from '../../verifier/report'
import type { ServiceContext } from './context'
import { runVerification } from './runVerification'

/** Only what runVerification touches: history and events, recorded. */
function recordingContext() {
  const kept: { report: Report; evidence: Evidence }[] = []
  const emitted: unknown[] = []
  const ctx = {
    history: {
      add: async (report: Report, evidence: Evidence) => {
        kept.push({ report, evidence })
        return { id: `h${kept.length}` }
      },
    },
    events: { emit: (_topic: string, payload: unknown) => emitted.push(payload) },
    now: () => new Date('2025-01-01T00:00:00Z'),
  } as unknown as ServiceContext
  return { ctx, kept, emitted }
}

const strip = (r: Report) => ({ ...r, timings: {} })

describe('runVerification', () => {
  it('verifies a snark evidence in the worker: same report as in-process, time taken reported, kept in history', async () => {
    const { ctx, kept, emitted } = recordingContext()
    const evidence = plonkEvidenceVectors()[0]!.evidence
    const outcome = await runVerification(ctx, evidence)
    expect(outcome.historyId).toBe('h1')
    expect(strip(outcome.report)).toEqual(strip(await verifyEvidence(evidence)))
    expect(outcome.report.verdict).toBe('verified')
    expect(outcome.report.timings.verifyInWorker).toBeGreaterThan(0)
    expect(outcome.report.timings.verify).toBeGreaterThanOrEqual(outcome.report.timings.verifyInWorker!)
    expect(kept[0]!.evidence).toBe(evidence)
    expect(emitted).toHaveLength(1)
  })

  it('a cancelled worker verification rejects and keeps nothing in history', async () => {
    const { ctx, kept } = recordingContext()
    const controller = new AbortController()
    controller.abort()
    const err = await runVerification(ctx, plonkEvidenceVectors()[0]!.evidence, {
      signal: controller.signal,
    }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'worker.cancelled' })
    expect(kept).toHaveLength(0)
  })
})
