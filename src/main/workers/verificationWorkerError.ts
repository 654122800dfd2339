import { LightproofError } from '../../shared/errors'

export type VerificationWorkerErrorCode =
  'worker.timeout' | 'worker.crashed' | 'worker.cancelled' | 'worker.missing' | 'worker.closed'

/**
 * Verification could not finish in its worker: it ran out of time, was cancelled, or the thread died. Not a
 * verdict about the evidence — the same evidence can be verified again — so it is an error, never a report.
 */
export class VerificationWorkerError extends LightproofError {
  constructor(code: VerificationWorkerErrorCode, message: string, options?: { cause?: unknown }) {
    super('internal', code, message, options)
    this.name = 'VerificationWorkerError'
  }
}
