import { contextBridge, ipcRenderer } from 'electron'
import { EVENT_CHANNEL, METHOD_NAMES, ipcChannel } from '../shared/methods'

// One function per contract method and one event subscription; ipcRenderer itself is never exposed.
const api: Record<string, unknown> = Object.fromEntries(
  METHOD_NAMES.map((m) => [m, (...args: unknown[]) => ipcRenderer.invoke(ipcChannel(m), ...args)]),
)
api.onEvent = (listener: (event: unknown) => void) => {
  const wrapped = (_e: unknown, event: unknown) => listener(event)
  ipcRenderer.on(EVENT_CHANNEL, wrapped)
  return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped)
}
contextBridge.exposeInMainWorld('lightproofIpc', api)
