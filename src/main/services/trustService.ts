import type { HandlersOf } from '../../shared/api'
import type { TRUST_METHODS } from '../../shared/methods'
import type { ServiceContext } from './context'

/** The trust area's services; its methods are declared in src/shared/contract/trust.ts. */
export function createTrustHandlers(_ctx: ServiceContext): HandlersOf<(typeof TRUST_METHODS)[number]> {
  return {}
}
