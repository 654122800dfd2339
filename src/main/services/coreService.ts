import type { HandlersOf } from '../../shared/api'
import type { CORE_METHODS } from '../../shared/methods'
import { testEndpoints } from './diagnostics/testEndpoints'
import type { ServiceContext } from './context'

export const APP_VERSION = '0.1.0'

export function createCoreHandlers(
  ctx: ServiceContext,
  notices: string[],
): HandlersOf<(typeof CORE_METHODS)[number]> {
  return {
    ping: async () => 'pong',
    getStatus: async () => ({
      version: APP_VERSION,
      host: ctx.host,
      dataDir: ctx.dataDir,
      network: (await ctx.settings.get()).network,
      trustedHead: await ctx.trustedHead.get(),
      notices: [...notices],
    }),
    getSettings: () => ctx.settings.get(),
    updateSettings: async (patch) => {
      const next = await ctx.settings.update(patch)
      ctx.events.emit('settings', next)
      return next
    },
    resetSettings: async () => {
      const next = await ctx.settings.reset()
      ctx.events.emit('settings', next)
      return next
    },
    cancelOperation: async (id) => ctx.operations.cancel(id),
    testEndpoints: (request) => testEndpoints(ctx, request ?? {}),
  }
}
