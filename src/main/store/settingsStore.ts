import { readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import {
  DEFAULT_SETTINGS,
  mergeSettings,
  SettingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings'
import { writeFileAtomic } from './atomicFile'

const MAX_SETTINGS_BYTES = 256 * 1024

export interface SettingsLoad {
  settings: Settings
  /** Set when the file was unreadable and replaced by defaults; the bad file is kept at `keptAs`. */
  notice?: string
}

/** Settings as one JSON file in the data directory, validated on every read and written atomically. */
export class SettingsStore {
  readonly path: string
  private current: Settings | undefined
  private writing: Promise<void> = Promise.resolve()

  constructor(dataDir: string) {
    this.path = join(dataDir, 'settings.json')
  }

  async load(): Promise<SettingsLoad> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        this.current = DEFAULT_SETTINGS
        return { settings: DEFAULT_SETTINGS }
      }
      throw err
    }
    const problem = validate(text)
    if (typeof problem !== 'string') {
      this.current = problem
      return { settings: problem }
    }
    // Keep the bad file beside the new one so nothing the user wrote is lost.
    const keptAs = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`
    await rename(this.path, keptAs)
    this.current = DEFAULT_SETTINGS
    await this.persist(DEFAULT_SETTINGS)
    return {
      settings: DEFAULT_SETTINGS,
      notice: `Settings file was invalid (${problem}); defaults restored, the old file is kept as ${keptAs}`,
    }
  }

  async get(): Promise<Settings> {
    if (!this.current) await this.load()
    return this.current ?? DEFAULT_SETTINGS
  }

  async update(patch: SettingsPatch): Promise<Settings> {
    const next = mergeSettings(await this.get(), patch)
    this.current = next
    await this.persist(next)
    return next
  }

  async reset(): Promise<Settings> {
    this.current = DEFAULT_SETTINGS
    await this.persist(DEFAULT_SETTINGS)
    return DEFAULT_SETTINGS
  }

  private persist(settings: Settings): Promise<void> {
    // Serialise writes so two quick updates cannot land out of order.
    this.writing = this.writing.then(() =>
      writeFileAtomic(this.path, JSON.stringify(settings, null, 2) + '\n'),
    )
    return this.writing
  }
}

function validate(text: string): Settings | string {
  if (text.length > MAX_SETTINGS_BYTES) return 'file too large'
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return 'not JSON'
  }
  const parsed = SettingsSchema.safeParse(json)
  return parsed.success ? parsed.data : (z.prettifyError(parsed.error).split('\n')[0] ?? 'invalid')
}
