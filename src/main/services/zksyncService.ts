import type { HandlersOf } from '../../shared/api'
import type { ZKSYNC_METHODS } from '../../shared/methods'
import type { ServiceContext } from './context'

/** The zksync area's services; its methods are declared in src/shared/contract/zksync.ts. */
export function createZksyncHandlers(_ctx: ServiceContext): HandlersOf<(typeof ZKSYNC_METHODS)[number]> {
  return {}
}
