import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Where settings, the verified state and history live when no Electron `userData` path is given: the same
 * folder Electron uses on Linux (~/.config/lightproof), so the CLI, browser mode and the desktop app share it.
 * LIGHTPROOF_DATA_DIR overrides it (tests, portable installs).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LIGHTPROOF_DATA_DIR) return env.LIGHTPROOF_DATA_DIR
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'lightproof')
  if (process.platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'lightproof')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'lightproof')
}
