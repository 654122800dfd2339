import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { TrustedHeadSchema, type TrustedHead } from '../../shared/api'
import { writeFileAtomic } from './atomicFile'

/** The last verified EL head, persisted so a restart shows it at once and resumes instead of re-syncing. */
export class TrustedHeadStore {
  readonly path: string

  constructor(dataDir: string) {
    this.path = join(dataDir, 'trusted-head.json')
  }

  async get(): Promise<TrustedHead | null> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch {
      return null
    }
    try {
      const parsed = TrustedHeadSchema.safeParse(JSON.parse(text))
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }

  async set(head: TrustedHead): Promise<void> {
    await writeFileAtomic(this.path, JSON.stringify(TrustedHeadSchema.parse(head), null, 2) + '\n')
  }
}
