import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { RENDERER_CSP } from '../../shared/csp'
import { EVENT_CHANNEL } from '../../shared/methods'
import { createServices } from '../services/createServices'
import { isSafeExternalUrl, isTrustedSenderUrl } from './guards'
import { registerIpc } from './ipc'
import { mainWindowOptions } from './windowOptions'

// The Electron shell: window, hardening, IPC. All real work is in the plain-Node services.
app.enableSandbox()
if (!app.requestSingleInstanceLock()) app.quit()

const rendererIndex = join(import.meta.dirname, '../renderer/index.html')
const devServerUrl = process.env.ELECTRON_RENDERER_URL

async function confirmAndOpenExternal(url: string, parent?: BrowserWindow): Promise<void> {
  if (!isSafeExternalUrl(url)) return
  const options = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your web browser?',
    detail: url,
  }
  const choice = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options)
  if (choice.response === 0) await shell.openExternal(url)
}

// Applied to every web contents, so a misconfigured window cannot escape the guards.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (e) => e.preventDefault())
  contents.on('will-redirect', (e) => e.preventDefault())
  contents.on('will-attach-webview', (e) => e.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    void confirmAndOpenExternal(url, BrowserWindow.fromWebContents(contents) ?? undefined)
    return { action: 'deny' }
  })
})

app
  .whenReady()
  .then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
    session.defaultSession.setPermissionCheckHandler(() => false)
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } })
    })

    const services = await createServices({ dataDir: app.getPath('userData'), host: 'electron' })
    const indexUrl = pathToFileURL(rendererIndex).href
    registerIpc(ipcMain, services.handlers, (url) => isTrustedSenderUrl(url, indexUrl, devServerUrl))

    const win = new BrowserWindow(mainWindowOptions(join(import.meta.dirname, '../preload/index.cjs')))
    services.events.on((event) => {
      if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event)
    })
    win.once('ready-to-show', () => win.show())
    if (devServerUrl) await win.loadURL(devServerUrl)
    else await win.loadFile(rendererIndex)
  })
  .catch((err: unknown) => {
    // A shell that failed to start (services, the window) says why and exits, rather than idling windowless.
    console.error('lightproof: the app could not start:', err)
    app.exit(1)
  })

app.on('window-all-closed', () => app.quit())
