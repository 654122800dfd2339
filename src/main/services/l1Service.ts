import type { HandlersOf } from '../../shared/api'
import type { L1_METHODS } from '../../shared/methods'
import type { ServiceContext } from './context'

/** The l1 area's services; its methods are declared in src/shared/contract/l1.ts. */
export function createL1Handlers(_ctx: ServiceContext): HandlersOf<(typeof L1_METHODS)[number]> {
  return {}
}
