/**
 * Errors that cross a boundary carry a stable dotted code, because Electron IPC keeps only the message of a
 * thrown error and the CLI maps codes to exit statuses (DESIGN.md §4).
 */
export type ErrorKind = 'usage' | 'input' | 'endpoint' | 'internal'

export class LightproofError extends Error {
  readonly code: string
  readonly kind: ErrorKind
  constructor(kind: ErrorKind, code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.kind = kind
    this.code = code
    this.name = 'LightproofError'
  }
}

/** The command line or an API call was malformed: exit status 2. */
export class UsageError extends LightproofError {
  constructor(message: string, code = 'usage.invalid') {
    super('usage', code, message)
    this.name = 'UsageError'
  }
}

/** Untrusted input (a file, a response body) is not of the expected form: exit status 2. */
export class InputError extends LightproofError {
  constructor(message: string, code = 'input.invalid') {
    super('input', code, message)
    this.name = 'InputError'
  }
}

/** An endpoint could not be reached, timed out, or answered outside the protocol: exit status 3. */
export class EndpointError extends LightproofError {
  readonly endpoint: string
  /** Set when the endpoint asked us to wait (HTTP Retry-After) before trying again. */
  retryAfterMs?: number
  constructor(endpoint: string, message: string, code = 'endpoint.failed', options?: { cause?: unknown }) {
    super('endpoint', code, `${endpoint}: ${message}`, options)
    this.endpoint = endpoint
    this.name = 'EndpointError'
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
