/**
 * The method names of the API, without zod, so the sandboxed preload stays tiny and dependency-free.
 * src/shared/api.ts checks at compile time that this list matches the schema.
 */
export const METHOD_NAMES = ['getStatus', 'getSettings', 'updateSettings', 'resetSettings', 'ping'] as const
export type MethodName = (typeof METHOD_NAMES)[number]

export const ipcChannel = (method: string): string => `lightproof:${method}`
export const EVENT_CHANNEL = 'lightproof:event'
