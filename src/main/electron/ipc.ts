import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { dispatch } from '../../shared/dispatch'
import { METHOD_NAMES, ipcChannel } from '../../shared/methods'
import type { ApiHandlers } from '../../shared/api'

/**
 * One `ipcMain.handle` per contract method. The sender frame is checked before anything else (Electron
 * security checklist item 17), then `dispatch` validates the arguments exactly as the HTTP bridge does.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: ApiHandlers,
  isTrustedSender: (url: string | undefined) => boolean,
): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(
      ipcChannel(method),
      async (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, ...args: unknown[]) => {
        if (!isTrustedSender(event.senderFrame?.url)) {
          return {
            ok: false,
            error: { code: 'api.untrusted-sender', message: 'IPC from an untrusted frame refused' },
          }
        }
        return dispatch(handlers, method, args)
      },
    )
  }
}
