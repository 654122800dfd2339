import type { HandlersOf } from '../../shared/api'
import type { BATCHES_METHODS } from '../../shared/methods'
import type { ServiceContext } from './context'

/** The batches area's services; its methods are declared in src/shared/contract/batches.ts. */
export function createBatchesHandlers(_ctx: ServiceContext): HandlersOf<(typeof BATCHES_METHODS)[number]> {
  return {}
}
