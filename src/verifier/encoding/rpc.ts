import { InputError } from '../../shared/errors'
import type { LosslessJson } from './json'

/**
 * Accepts either a bare JSON-RPC result or a whole response `{ jsonrpc, id, result }`, as the CLI contract
 * allows for proof files. A response carrying `error` is refused with the endpoint's own message.
 */
export function unwrapJsonRpc(value: LosslessJson): LosslessJson {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'jsonrpc' in value) {
    if ('error' in value && value.error !== null && value.error !== undefined) {
      const e = value.error as { message?: unknown; code?: unknown }
      throw new InputError(
        `JSON-RPC error ${String(e.code ?? '')}: ${String(e.message ?? 'unknown')}`,
        'input.rpc-error',
      )
    }
    if (!('result' in value))
      throw new InputError('JSON-RPC response has neither result nor error', 'input.rpc')
    return value.result as LosslessJson
  }
  return value
}
