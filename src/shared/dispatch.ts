import { z } from 'zod'
import { apiSchema, type ApiEnvelope, type ApiHandlers, type ApiMethod } from './api'
import { LightproofError, UsageError, errorMessage } from './errors'

export function isApiMethod(method: string): method is ApiMethod {
  return Object.hasOwn(apiSchema, method)
}

/**
 * The single entry both transports call: checks the method is in the contract, validates the arguments with
 * zod, calls the service, and wraps the outcome in an envelope with a stable error code.
 */
export async function dispatch(
  handlers: ApiHandlers,
  method: string,
  rawArgs: unknown,
): Promise<ApiEnvelope> {
  try {
    if (!isApiMethod(method))
      throw new UsageError(`unknown method: ${method.slice(0, 64)}`, 'api.unknown-method')
    const parsed = apiSchema[method].args.safeParse(rawArgs)
    if (!parsed.success) {
      throw new UsageError(
        `invalid arguments for ${method}: ${z.prettifyError(parsed.error)}`,
        'api.invalid-arguments',
      )
    }
    const handler = handlers[method] as (...args: unknown[]) => Promise<unknown>
    const result = await handler(...(parsed.data as unknown[]))
    return { ok: true, result }
  } catch (err) {
    if (err instanceof LightproofError) return { ok: false, error: { code: err.code, message: err.message } }
    return { ok: false, error: { code: 'internal', message: errorMessage(err) } }
  }
}
